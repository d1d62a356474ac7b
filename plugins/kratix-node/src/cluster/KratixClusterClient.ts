import {
  AuthorizationV1Api,
  CustomObjectsApi,
  KubeConfig,
  Watch,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  KRATIX_GROUP,
  KRATIX_VERSION,
  KratixKind,
  WORK_PLACEMENTS,
  PROMISES,
  collectionPath,
  objectPath,
} from './kratixKinds';
import { toBackstageError } from './errors';
import { reuseConnections } from './reuseConnections';
import { KubeRequests } from './KubeRequests';

/**
 * A Kubernetes identity to impersonate (the signed-in Backstage user), or none.
 *
 * @public
 */
export interface ActingIdentity {
  user: string;
  groups: string[];
}

/** @public */
export interface ListPage {
  items: any[];
  resourceVersion: string;
  continueToken?: string;
}

/** @public */
export type WatchEventType =
  | 'ADDED'
  | 'MODIFIED'
  | 'DELETED'
  | 'BOOKMARK'
  | 'ERROR';

/** @public */
export interface WriteOptions {
  dryRun?: boolean;
  as?: ActingIdentity;
}

const IMPERSONATE_USER = 'Impersonate-User';

/** Field manager recorded by the apiserver for writes made through the plugin. */
export const FIELD_MANAGER = 'backstage-kratix';

/**
 * The one place that talks to a platform's Kubernetes API (`@kubernetes/client-node`; the cache
 * sync's LIST pages and the cleanup's GET/DELETE take a leaner transport with client-node's own
 * authentication, KubeRequests.ts). Everything else in the plugin goes through this adapter; its
 * errors are Backstage errors (see errors.ts).
 *
 * @public
 */
export class KratixClusterClient {
  private readonly api: CustomObjectsApi;
  private readonly authz: AuthorizationV1Api;
  /** The hot paths (cache-sync LIST pages, cleanup GET/DELETE): see KubeRequests.ts. */
  private readonly hot: KubeRequests;

  constructor(readonly platform: string, private readonly kc: KubeConfig) {
    // One kept-alive connection pool instead of a TLS handshake per request (reuseConnections.ts).
    const pooled = reuseConnections(kc);
    this.api = pooled.makeApiClient(CustomObjectsApi);
    this.authz = pooled.makeApiClient(AuthorizationV1Api);
    this.hot = new KubeRequests(kc);
  }

  private where(what: string) {
    return `${what} on platform ${this.platform}`;
  }

  /**
   * The impersonation headers of a request made as `as`: the user only. One Impersonate-Group
   * header per group would be needed, and fetch merges repeated headers, so groups are not
   * impersonated (Kubernetes then applies the user's own bindings plus system:authenticated).
   */
  private impersonation(as?: ActingIdentity): Record<string, string> {
    return as ? { [IMPERSONATE_USER]: as.user } : {};
  }

  /** The same, as client-node request options. */
  private options(as?: ActingIdentity) {
    return as ? setHeaderOptions(IMPERSONATE_USER, as.user) : undefined;
  }

  /** Plurals served in platform.kratix.io/v1alpha1 (which Kratix generation runs there). */
  async servedPlurals(): Promise<string[]> {
    try {
      const list = await this.api.getAPIResources({
        group: KRATIX_GROUP,
        version: KRATIX_VERSION,
      });
      return list.resources.map(r => r.name).filter(n => !n.includes('/'));
    } catch (e) {
      throw toBackstageError(
        e,
        this.where(`discover ${KRATIX_GROUP}/${KRATIX_VERSION}`),
      );
    }
  }

  /** One page of a kind's LIST across namespaces (the cache's sync), from `continueToken`. */
  async listPage(
    kind: KratixKind,
    limit: number,
    continueToken?: string,
  ): Promise<ListPage> {
    try {
      const query = new URLSearchParams({ limit: String(limit) });
      if (continueToken) query.set('continue', continueToken);
      const res = await this.hot.json({
        method: 'GET',
        path: `${collectionPath(kind)}?${query}`,
      });
      return {
        items: res.items ?? [],
        resourceVersion: res.metadata?.resourceVersion ?? '',
        continueToken: res.metadata?.continue || undefined,
      };
    } catch (e) {
      throw toBackstageError(e, this.where(`list ${kind.plural}`));
    }
  }

  /**
   * Starts a watch from `resourceVersion`. `onEvent` gets each event; `onDone` is called once
   * when the stream ends, with the error if any. Returns a function that stops the watch.
   */
  async watch(
    kind: KratixKind,
    resourceVersion: string,
    timeoutSeconds: number,
    onEvent: (type: WatchEventType, obj: any) => void,
    onDone: (err?: unknown) => void,
  ): Promise<() => void> {
    const controller = await new Watch(this.kc).watch(
      collectionPath(kind),
      { resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
      (type, obj) => onEvent(type as WatchEventType, obj),
      err => onDone(err ?? undefined),
    );
    return () => controller.abort();
  }

  /** A Promise as the apiserver has it now (its full spec: the cache keeps a slim one). */
  async getPromise(name: string, as?: ActingIdentity): Promise<any> {
    try {
      return await this.api.getClusterCustomObject(
        {
          group: KRATIX_GROUP,
          version: KRATIX_VERSION,
          plural: PROMISES.plural,
          name,
        },
        this.options(as),
      );
    } catch (e) {
      throw toBackstageError(e, this.where(`get Promise ${name}`));
    }
  }

  /**
   * Replaces a Promise. The body carries metadata.resourceVersion, so the apiserver refuses
   * (409) when the Promise changed since that version: no silent overwrite.
   */
  async replacePromise(body: any, opts: WriteOptions = {}): Promise<any> {
    const name = body?.metadata?.name;
    try {
      return await this.api.replaceClusterCustomObject(
        {
          group: KRATIX_GROUP,
          version: KRATIX_VERSION,
          plural: PROMISES.plural,
          name,
          body,
          dryRun: opts.dryRun ? 'All' : undefined,
          fieldManager: FIELD_MANAGER,
          fieldValidation: 'Strict',
        },
        this.options(opts.as),
      );
    } catch (e) {
      throw toBackstageError(
        e,
        this.where(`${opts.dryRun ? 'dry-run ' : ''}update Promise ${name}`),
      );
    }
  }

  /**
   * The ResourceBindings of a Promise's resource requests (current Kratix: which Promise version
   * each request is reconciled with), all namespaces. A platform without the kind (older Kratix)
   * has none: an empty list.
   */
  async listResourceBindings(promise: string): Promise<any[]> {
    try {
      const res: any = await this.api.listClusterCustomObject({
        group: KRATIX_GROUP,
        version: KRATIX_VERSION,
        plural: 'resourcebindings',
        labelSelector: `kratix.io/promise-name=${promise}`,
      });
      return res.items ?? [];
    } catch (e) {
      if ((e as { code?: number }).code === 404) return [];
      throw toBackstageError(
        e,
        this.where(`list ResourceBindings of Promise ${promise}`),
      );
    }
  }

  /** How many objects of a Promise's resource API exist (its resource requests), all namespaces. */
  async countResources(api: {
    group: string;
    version: string;
    plural: string;
  }): Promise<number> {
    try {
      // One object and the apiserver's `remainingItemCount` (set on a limited list without
      // selectors since Kubernetes 1.15): one small request instead of listing every resource
      // request, which cost a what-if preview ~20 pages at 10,000 requests (bench/README.md).
      // Paging through is the fallback when the apiserver does not say.
      let count = 0;
      let token: string | undefined;
      let limit = 1;
      do {
        const res = await this.api.listClusterCustomObject({
          group: api.group,
          version: api.version,
          plural: api.plural,
          limit,
          _continue: token,
        });
        count += (res.items ?? []).length;
        token = res.metadata?._continue || res.metadata?.continue || undefined;
        const remaining = res.metadata?.remainingItemCount;
        if (token && typeof remaining === 'number') return count + remaining;
        limit = 500;
      } while (token);
      return count;
    } catch (e) {
      throw toBackstageError(e, this.where(`list ${api.plural}.${api.group}`));
    }
  }

  /**
   * Asks Kubernetes (SelfSubjectAccessReview, as the acting identity) whether it may `verb` Kratix
   * `plural` in `namespace` (cluster-wide when undefined). Returns the apiserver's reason when not.
   */
  async accessReview(
    verb: string,
    plural: string,
    namespace: string | undefined,
    as?: ActingIdentity,
  ): Promise<{ allowed: boolean; reason?: string }> {
    try {
      const res = await this.authz.createSelfSubjectAccessReview(
        {
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: {
              resourceAttributes: {
                group: KRATIX_GROUP,
                resource: plural,
                verb,
                namespace,
              },
            },
          },
        },
        this.options(as),
      );
      return {
        allowed: Boolean(res.status?.allowed),
        reason: res.status?.reason || res.status?.evaluationError,
      };
    } catch (e) {
      throw toBackstageError(
        e,
        this.where(`review access to ${verb} ${plural}`),
      );
    }
  }

  /** A WorkPlacement as the apiserver has it now (a cleanup's re-check before it deletes). */
  async getWorkPlacement(
    namespace: string,
    name: string,
    as?: ActingIdentity,
  ): Promise<any> {
    try {
      return await this.hot.json({
        method: 'GET',
        path: objectPath(WORK_PLACEMENTS, namespace, name),
        headers: this.impersonation(as),
      });
    } catch (e) {
      throw toBackstageError(
        e,
        this.where(`get WorkPlacement ${namespace}/${name}`),
      );
    }
  }

  /**
   * Deletes a WorkPlacement only if it is still the object that was checked: the apiserver
   * enforces the uid and resourceVersion preconditions atomically (409 otherwise).
   */
  async deleteWorkPlacement(
    namespace: string,
    name: string,
    preconditions: { uid: string; resourceVersion: string },
    opts: WriteOptions = {},
  ): Promise<void> {
    try {
      await this.hot.json({
        method: 'DELETE',
        path: objectPath(WORK_PLACEMENTS, namespace, name),
        // The apiserver reads DeleteOptions from the body when there is one and then ignores
        // the query string (k8s.io/apiserver endpoints/handlers/delete.go): dryRun and the
        // propagation policy must travel in the body with the preconditions, or a "dry run"
        // deletes for real.
        body: {
          preconditions,
          propagationPolicy: 'Background',
          ...(opts.dryRun ? { dryRun: ['All'] } : {}),
        },
        headers: this.impersonation(opts.as),
      });
    } catch (e) {
      throw toBackstageError(
        e,
        this.where(`delete WorkPlacement ${namespace}/${name}`),
      );
    }
  }
}
