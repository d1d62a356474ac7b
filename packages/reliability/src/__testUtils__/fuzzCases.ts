/**
 * Hostile requests for the kratix backend, generated from a seed. Each case says what it must
 * get: `reject` = a 4xx, `tolerate` = anything but a 5xx (the input is odd but harmless, e.g. a
 * search string with selector syntax, which is only a substring filter).
 */
import { mutateBody } from './bodyMutations';
import { Rng } from '@kratix-backstage/test-platform';
import {
  HOSTILE_SEGMENTS,
  INJECTIONS,
  JSON_HEADERS,
  LABEL_RE,
  NAME_RE,
  PROTO_KEYS,
  ROUTES,
  RouteSpec,
  jsonRaw,
  nested,
} from './hostileValues';

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

export class FuzzGenerator {
  private next = 0;

  constructor(
    private readonly rng: Rng,
    private readonly ctx: FuzzContext,
    /** The body limit of the backend, in bytes. */
    private readonly limit: number,
  ) {}

  private make(c: Omit<FuzzCase, 'id'>): FuzzCase {
    return { id: this.next++, ...c };
  }

  private authFor(platform: string): Record<string, string> {
    return platform === this.ctx.impPlatform
      ? { authorization: this.ctx.aliceAuth }
      : {};
  }

  private fill(path: string, p: string, n: string) {
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

  generate(count: number): FuzzCase[] {
    const out: FuzzCase[] = [];
    const families: Array<[number, () => FuzzCase]> = [
      [14, () => this.pathCase()],
      [18, () => this.queryCase()],
      [8, () => this.rawBodyCase()],
      [4, () => this.contentTypeCase()],
      [2, () => this.sizeCase()],
      [36, () => this.mutatedBodyCase()],
      [6, () => this.prototypeCase()],
      [4, () => this.deepCase()],
      [4, () => this.authCase()],
      [4, () => this.methodCase()],
    ];
    const total = families.reduce((n, [w]) => n + w, 0);
    while (out.length < count) {
      let r = this.rng.float() * total;
      const family = families.find(([w]) => (r -= w) < 0) ?? families[0];
      out.push(family[1]());
    }
    return out;
  }

  private platformPick(): string {
    return this.rng.chance(0.5) ? this.ctx.saPlatform : this.ctx.impPlatform;
  }

  /** A hostile platform or Promise name in the path. */
  private pathCase(): FuzzCase {
    const route = this.rng.pick(ROUTES);
    const hostileP = !route.path.includes(':n') || this.rng.chance(0.4);
    const p = hostileP ? this.rng.pick(HOSTILE_SEGMENTS) : this.platformPick();
    const n =
      hostileP && this.rng.chance(0.5)
        ? this.ctx.canary
        : this.rng.pick(HOSTILE_SEGMENTS);
    const platform = hostileP ? this.ctx.saPlatform : p;
    let decoded: string[];
    try {
      decoded = [p, n].map(decodeURIComponent);
    } catch {
      decoded = ['%', '%'];
    }
    // A segment that happens to be a valid name reaches the handler and gets 404 (or an empty
    // history): harmless either way.
    const valid =
      LABEL_RE.test(decoded[0]) &&
      (!route.path.includes(':n') ||
        (NAME_RE.test(decoded[1]) && decoded[1].length <= 253));
    const body = route.body
      ? jsonRaw(this.baseBody(route.body, platform))
      : undefined;
    return this.make({
      family: 'path',
      method: route.method,
      path:
        route.path === '/platforms'
          ? `/api/kratix/platforms/${p}/../promises`
          : this.fill(route.path, p, n),
      headers: { ...(body ? JSON_HEADERS : {}), ...this.authFor(platform) },
      body,
      expect: valid || route.path === '/platforms' ? 'tolerate' : 'reject',
    });
  }

  /** Hostile query parameters on the read routes. */
  private queryCase(): FuzzCase {
    const route = this.rng.pick(ROUTES.filter(r => r.method === 'GET'));
    const p = this.platformPick();
    const enc = encodeURIComponent;
    const injection = () => enc(this.rng.pick(INJECTIONS));
    type Q = [string, 'reject' | 'tolerate'];
    const common: Array<() => Q> = [
      () => [
        `${this.rng.pick([
          'foo',
          'labelSelector',
          'fieldSelector',
          'watch',
          'continue',
          'x',
        ])}=${injection()}`,
        'reject',
      ],
      () => [
        `allowStale=${this.rng.pick([
          'yes',
          '1',
          'TRUE',
          '',
          'true,false',
          injection(),
        ])}`,
        'reject',
      ],
      () => ['allowStale=true&allowStale=false', 'reject'],
      () => [`allowStale[a]=${injection()}`, 'reject'],
      // qs drops prototype keys: the query is then empty, which is fine.
      () => [
        `__proto__[polluted]=1&constructor[prototype][polluted]=1`,
        route.query === 'history' ? 'tolerate' : 'tolerate',
      ],
    ];
    const misplaced: Array<() => Q> = [
      () => [
        `limit=${enc(
          this.rng.pick([
            '0',
            '-1',
            '1001',
            '1e309',
            'NaN',
            'Infinity',
            '1.5',
            ' ',
            '99999999999999999999',
          ]),
        )}`,
        'reject',
      ],
      // Number('0x10') is 16: odd, harmless.
      () => ['limit=0x10', 'tolerate'],
      () => [
        `offset=${this.rng.pick(['-1', '1e400', 'abc', '1000001', '1.2'])}`,
        'reject',
      ],
      () => [`limit=1&limit=2`, 'reject'],
      () => {
        // Only values the filter's name syntax refuses ('a' × 64 is a fine Promise name).
        const key = this.rng.pick(['promise', 'destination', 'namespace']);
        const [re, max] = key === 'namespace' ? [LABEL_RE, 63] : [NAME_RE, 253];
        return [
          `${key}=${enc(
            this.rng.pick(
              INJECTIONS.filter(v => !re.test(v) || v.length > max),
            ),
          )}`,
          'reject',
        ];
      },
      () => [
        `${this.rng.pick(['kind', 'label', 'sort'])}=${injection()}`,
        'reject',
      ],
      () => [
        `${this.rng.pick([
          'stillMatches',
          'destinationExists',
        ])}=${this.rng.pick(['1', 'yes', injection()])}`,
        'reject',
      ],
      () => [`search=${enc('s'.repeat(254))}`, 'reject'],
      () => {
        const s = this.rng.pick(INJECTIONS);
        return [`search=${enc(s)}`, s.length <= 253 ? 'tolerate' : 'reject'];
      },
      () => [`promise[$ne]=x`, 'reject'],
    ];
    const history: Array<() => Q> = [
      () => [
        `limit=${this.rng.pick(['0', '-5', '1001', 'abc', '1e9'])}`,
        'reject',
      ],
    ];
    let pool = common;
    if (route.query === 'misplaced') pool = [...common, ...misplaced];
    if (route.query === 'history') pool = [...common.slice(0, 1), ...history];
    if (route.query === 'none')
      pool = [
        () => [
          `${this.rng.pick(['allowStale', 'x', 'limit'])}=${injection()}`,
          'reject',
        ],
      ];
    if (route.query === 'platforms') pool = common.slice(0, 4);
    const [q, expect] = this.rng.pick(pool)();
    return this.make({
      family: 'query',
      method: 'GET',
      path: `${this.fill(route.path, p, this.ctx.canary)}?${q}`,
      headers: this.authFor(p),
      expect,
    });
  }

  private postRoute(): { route: RouteSpec; platform: string; path: string } {
    const route = this.rng.pick(ROUTES.filter(r => r.method === 'POST'));
    const platform = this.platformPick();
    return {
      route,
      platform,
      path: this.fill(route.path, platform, this.ctx.canary),
    };
  }

  /** Bodies that are not JSON, or JSON the routes cannot take (not an object). */
  private rawBodyCase(): FuzzCase {
    const { platform, path } = this.postRoute();
    const bodies = [
      '{',
      '{"a":',
      '[1,2',
      '{"a":1}}',
      "{'items':[]}",
      '{"items":[],"dryRun":true,}',
      'null',
      'true',
      '123',
      '"string"',
      '[]',
      '[{"items":[]}]',
      'NaN',
      '{"a":NaN}',
      '{"a":undefined}',
      '\u0000',
      '\uFEFF{"items":[],"dryRun":true}',
      '{"items":[{"namespace":"a","name":"b"}]} trailing',
      '{"__proto__":',
      Buffer.from(Array.from({ length: 64 }, () => this.rng.int(0, 255))),
      '{"resourceVersion":"1","specPatch":{"a":"\\ud800"},"dryRun":true}',
      '{"a":"\\u0000"}',
      '{"dup":1,"dup":2}',
    ];
    const body = this.rng.pick(bodies);
    return this.make({
      family: 'raw-body',
      method: 'POST',
      path,
      headers: { ...JSON_HEADERS, ...this.authFor(platform) },
      body,
      expect: 'reject',
    });
  }

  /** Valid JSON sent with the wrong type, charset or encoding: never parsed as the body. */
  private contentTypeCase(): FuzzCase {
    const { route, platform, path } = this.postRoute();
    const body = jsonRaw(this.baseBody(route.body!, platform));
    if (this.rng.chance(0.1)) {
      // body-parser decodes any utf-* charset; ASCII JSON reads the same in UTF-7: harmless.
      const headers = {
        'content-type': 'application/json; charset=utf-7',
        ...this.authFor(platform),
      };
      return this.make({
        family: 'content-type',
        method: 'POST',
        path,
        headers,
        body,
        expect: 'tolerate',
      });
    }
    const headers = this.rng.pick<Record<string, string>>([
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/json; charset=utf-16' },
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      { 'content-type': 'application/json', 'content-encoding': 'br' },
      { 'content-type': 'application/json', 'content-encoding': 'compress' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      { 'content-type': '*/*' },
    ]);
    return this.make({
      family: 'content-type',
      method: 'POST',
      path,
      headers: { ...headers, ...this.authFor(platform) },
      body,
      expect: 'reject',
    });
  }

  /** Bodies just above, at and just below the size limit, and far above it. */
  private sizeCase(): FuzzCase {
    const { platform, path } = this.postRoute();
    const target = this.rng.pick([
      this.limit + 1,
      this.limit + 1024,
      this.limit * 2,
      this.limit * 4,
      this.limit - 64,
      this.limit - 1024,
    ]);
    const shape = this.rng.pick(['junk', 'items', 'patch']);
    let body: string;
    if (shape === 'items') {
      // Many items with invalid names: valid JSON, refused by the schema (or by size).
      const one = '{"namespace":"kratix-platform-system","name":"NOT_A_NAME"},';
      body = `{"dryRun":true,"items":[${one.repeat(
        Math.max(1, Math.floor((target - 12) / one.length)),
      )}`.replace(/,$/, '');
      body = `${body}]}`;
    } else if (shape === 'patch') {
      body = `{"dryRun":true,"resourceVersion":"${'9'.repeat(
        65,
      )}","specPatch":{"x":"${'p'.repeat(Math.max(0, target - 60))}"}}`;
    } else {
      body = `{"junk":"${'j'.repeat(Math.max(0, target - 11))}"}`;
    }
    return this.make({
      family: 'size',
      method: 'POST',
      path,
      headers: { ...JSON_HEADERS, ...this.authFor(platform) },
      body,
      expect: 'reject',
    });
  }

  /** A valid body with one part made wrong: types, unknown keys, hostile names, ranges, labels. */
  private mutatedBodyCase(): FuzzCase {
    const { route, platform, path } = this.postRoute();
    const body = this.baseBody(route.body!, platform) as Record<string, any>;
    mutateBody(this.rng, route.body!, body, this.ctx.canaryItems);
    return this.make({
      family: 'mutated-body',
      method: 'POST',
      path,
      headers: { ...JSON_HEADERS, ...this.authFor(platform) },
      body: jsonRaw(body),
      expect: 'reject',
    });
  }

  /** Prototype pollution keys at every level (written as raw JSON: a JS literal would not keep them). */
  private prototypeCase(): FuzzCase {
    const { route, platform, path } = this.postRoute();
    const base = jsonRaw(this.baseBody(route.body!, platform));
    const key = this.rng.pick(PROTO_KEYS);
    const payload = this.rng.pick([
      `{"polluted":"yes","isAdmin":true}`,
      `{"prototype":{"polluted":"yes"}}`,
      `{"destinationSelectors":[{"matchLabels":{"polluted":"yes"}}]}`,
      `"x"`,
      `null`,
    ]);
    const where = this.rng.int(0, 3);
    let body: string;
    let expect: FuzzCase['expect'] = 'reject';
    if (where === 0) {
      body = `{"${key}":${payload},${base.slice(1)}`;
    } else if (where === 1 && /"specPatch":\{/.test(base)) {
      // Inside the merge patch: must not change the global prototype nor sneak a field through.
      body = base.replace('"specPatch":{', `"specPatch":{"${key}":${payload},`);
      expect = 'tolerate';
    } else if (where === 2 && /"matchLabels":\{|"labels":\{/.test(base)) {
      body = base.replace(/"(matchLabels|labels)":\{/, `"$1":{"${key}":"x",`);
      // "constructor" and "prototype" are valid label keys; "__proto__" is not.
      if (key !== '__proto__') expect = 'tolerate';
    } else if (/"items":\[\{/.test(base)) {
      body = base.replace('"items":[{', `"items":[{"${key}":${payload},`);
    } else {
      body = `{"${key}":${payload}}`;
    }
    return this.make({
      family: 'prototype',
      method: 'POST',
      path,
      headers: { ...JSON_HEADERS, ...this.authFor(platform) },
      body,
      expect,
    });
  }

  /** Deeply nested JSON: as the whole body, inside the merge patch, inside labels and items. */
  private deepCase(): FuzzCase {
    const { route, platform, path } = this.postRoute();
    const depth = this.rng.pick([64, 500, 2_000, 10_000, 50_000]);
    const kind = this.rng.pick(['object', 'array'] as const);
    const base = this.baseBody(route.body!, platform) as Record<string, any>;
    const deep = nested(depth, kind);
    const where = this.rng.int(0, 2);
    let body: string;
    let expect: FuzzCase['expect'] = 'reject';
    // A placeholder replaced in the JSON text keeps every other field (dryRun!) where it was.
    if (where === 1 && base.specPatch) {
      base.specPatch = { ...base.specPatch, deep: '__DEEP__' };
      body = jsonRaw(base).replace('"__DEEP__"', deep);
      // A deep but unknown field in a preview is ignored; an update refuses it (strict fields).
      expect = route.body === 'promisePreview' ? 'tolerate' : 'reject';
    } else if (where === 2 && base.specPatch) {
      base.specPatch = { destinationSelectors: [{ matchLabels: '__DEEP__' }] };
      body = jsonRaw(base).replace('"__DEEP__"', deep);
    } else if (where === 2) {
      body = jsonRaw({ dryRun: true, items: '__DEEP__' }).replace(
        '"__DEEP__"',
        deep,
      );
    } else {
      body = deep;
    }
    return this.make({
      family: 'deep',
      method: 'POST',
      path,
      headers: { ...JSON_HEADERS, ...this.authFor(platform) },
      body,
      expect,
    });
  }

  /** Bad credentials. */
  private authCase(): FuzzCase {
    const route = this.rng.pick(ROUTES);
    const p = this.platformPick();
    const body = route.body ? jsonRaw(this.baseBody(route.body, p)) : undefined;
    const auth = this.rng.pick([
      'Bearer garbage',
      `Bearer ${'x'.repeat(8192)}`,
      'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvYWRtaW4ifQ.',
      'Bearer null',
      'Bearer mock-user-token-{"sub":"user:default/admin"',
      `Bearer mock-service-token-${'{'.repeat(100)}`,
    ]);
    return this.make({
      family: 'auth',
      method: route.method,
      path: this.fill(route.path, p, this.ctx.canary),
      headers: { ...(body ? JSON_HEADERS : {}), authorization: auth },
      body,
      expect: 'reject',
    });
  }

  /** Methods no route answers. */
  private methodCase(): FuzzCase {
    const route = this.rng.pick(ROUTES);
    const p = this.platformPick();
    const method = this.rng.pick([
      'PUT',
      'PATCH',
      'DELETE',
      ...(route.method === 'GET' ? ['POST'] : ['GET']),
    ]);
    return this.make({
      family: 'method',
      method,
      path: this.fill(route.path, p, this.ctx.canary),
      headers: { ...JSON_HEADERS, ...this.authFor(p) },
      body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      expect: 'reject',
    });
  }
}
