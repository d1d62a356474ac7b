/* The shared part of the hostile-request generator: numbering, the platform context, valid bodies. */
import { Rng } from '@kratix-backstage/test-platform';
import { ROUTES, RouteSpec } from './hostileValues';

export interface FuzzCase {
  id: number;
  family: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  expect: 'reject' | 'tolerate';
}

export interface FuzzContext {
  /** The platform whose writes may only be dry runs (the backend's own service account). */
  saPlatform: string;
  /** The platform that impersonates the caller (alice may not write in Kubernetes). */
  impPlatform: string;
  aliceAuth: string;
  canary: string;
  canaryResourceVersion: string;
  canaryGeneration: number;
  /** The canary's WorkPlacements (misplaced ones included), as the preflight shows them. */
  canaryItems: Array<{
    namespace: string;
    name: string;
    uid: string;
    resourceVersion: string;
  }>;
}

/** What every fuzz case family uses: the seed's random stream, the context, numbering, valid bodies. */
export class FuzzKit {
  private next = 0;

  constructor(
    readonly rng: Rng,
    readonly ctx: FuzzContext,
    /** The body limit of the backend, in bytes. */
    readonly limit: number,
  ) {}

  make(c: Omit<FuzzCase, 'id'>): FuzzCase {
    return { id: this.next++, ...c };
  }

  authFor(platform: string): Record<string, string> {
    return platform === this.ctx.impPlatform
      ? { authorization: this.ctx.aliceAuth }
      : {};
  }

  fill(path: string, p: string, n: string) {
    return `/api/kratix${path.replace(':p', p).replace(':n', n)}`;
  }

  /** A valid body for the route, in the shape that writes nothing on the service-account platform. */
  baseBody(
    kind: NonNullable<RouteSpec['body']>,
    platform: string,
  ): Record<string, unknown> {
    const c = this.ctx;
    const sa = platform === c.saPlatform;
    const items = c.canaryItems.map(i => ({
      namespace: i.namespace,
      name: i.name,
    }));
    switch (kind) {
      case 'update':
        return {
          resourceVersion: c.canaryResourceVersion,
          generation: c.canaryGeneration,
          specPatch: {
            destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
          },
          // The service account would really write: only dry runs there.
          ...(sa || this.rng.chance(0.5) ? { dryRun: true } : {}),
        };
      case 'preflight':
        return this.rng.chance(0.5)
          ? { items }
          : { all: true, promise: c.canary };
      case 'cleanup':
        return {
          ...(this.rng.chance(0.5)
            ? { items: c.canaryItems.map(i => ({ ...i })) }
            : { all: true, promise: c.canary }),
          ...(sa || this.rng.chance(0.5) ? { dryRun: true } : {}),
        };
      case 'promisePreview':
        return {
          specPatch: {
            destinationSelectors: [{ matchLabels: { environment: 'dev' } }],
          },
        };
      case 'destinationsPreview':
        return {
          changes: [
            { name: 'dev-1', labels: { environment: 'prod', region: 'eu' } },
          ],
        };
      default:
        throw new Error(`unknown body kind ${kind}`);
    }
  }

  platformPick(): string {
    return this.rng.chance(0.5) ? this.ctx.saPlatform : this.ctx.impPlatform;
  }

  postRoute(): { route: RouteSpec; platform: string; path: string } {
    const route = this.rng.pick(ROUTES.filter(r => r.method === 'POST'));
    const platform = this.platformPick();
    return {
      route,
      platform,
      path: this.fill(route.path, platform, this.ctx.canary),
    };
  }
}
