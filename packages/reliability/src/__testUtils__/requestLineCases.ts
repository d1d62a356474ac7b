/* Fuzz case families that attack the request line: path, query string, authorization, method. */
import { FuzzCase, FuzzKit } from './fuzzKit';
import {
  HOSTILE_SEGMENTS,
  INJECTIONS,
  JSON_HEADERS,
  LABEL_RE,
  NAME_RE,
  ROUTES,
  jsonRaw,
} from './hostileValues';

/** A hostile platform or Promise name in the path. */
export function pathCase(kit: FuzzKit): FuzzCase {
  const route = kit.rng.pick(ROUTES);
  const hostileP = !route.path.includes(':n') || kit.rng.chance(0.4);
  const p = hostileP ? kit.rng.pick(HOSTILE_SEGMENTS) : kit.platformPick();
  const n =
    hostileP && kit.rng.chance(0.5)
      ? kit.ctx.canary
      : kit.rng.pick(HOSTILE_SEGMENTS);
  const platform = hostileP ? kit.ctx.saPlatform : p;
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
    ? jsonRaw(kit.baseBody(route.body, platform))
    : undefined;
  return kit.make({
    family: 'path',
    method: route.method,
    path:
      route.path === '/platforms'
        ? `/api/kratix/platforms/${p}/../promises`
        : kit.fill(route.path, p, n),
    headers: { ...(body ? JSON_HEADERS : {}), ...kit.authFor(platform) },
    body,
    expect: valid || route.path === '/platforms' ? 'tolerate' : 'reject',
  });
}

/** Hostile query parameters on the read routes. */
export function queryCase(kit: FuzzKit): FuzzCase {
  const route = kit.rng.pick(ROUTES.filter(r => r.method === 'GET'));
  const p = kit.platformPick();
  const enc = encodeURIComponent;
  const injection = () => enc(kit.rng.pick(INJECTIONS));
  type Q = [string, 'reject' | 'tolerate'];
  const common: Array<() => Q> = [
    () => [
      `${kit.rng.pick([
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
      `allowStale=${kit.rng.pick([
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
        kit.rng.pick([
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
      `offset=${kit.rng.pick(['-1', '1e400', 'abc', '1000001', '1.2'])}`,
      'reject',
    ],
    () => [`limit=1&limit=2`, 'reject'],
    () => {
      // Only values the filter's name syntax refuses ('a' × 64 is a fine Promise name).
      const key = kit.rng.pick(['promise', 'destination', 'namespace']);
      const [re, max] = key === 'namespace' ? [LABEL_RE, 63] : [NAME_RE, 253];
      return [
        `${key}=${enc(
          kit.rng.pick(INJECTIONS.filter(v => !re.test(v) || v.length > max)),
        )}`,
        'reject',
      ];
    },
    () => [
      `${kit.rng.pick(['kind', 'label', 'sort'])}=${injection()}`,
      'reject',
    ],
    () => [
      `${kit.rng.pick(['stillMatches', 'destinationExists'])}=${kit.rng.pick([
        '1',
        'yes',
        injection(),
      ])}`,
      'reject',
    ],
    () => [`search=${enc('s'.repeat(254))}`, 'reject'],
    () => {
      const s = kit.rng.pick(INJECTIONS);
      return [`search=${enc(s)}`, s.length <= 253 ? 'tolerate' : 'reject'];
    },
    () => [`promise[$ne]=x`, 'reject'],
  ];
  const history: Array<() => Q> = [
    () => [
      `limit=${kit.rng.pick(['0', '-5', '1001', 'abc', '1e9'])}`,
      'reject',
    ],
  ];
  let pool = common;
  if (route.query === 'misplaced') pool = [...common, ...misplaced];
  if (route.query === 'history') pool = [...common.slice(0, 1), ...history];
  if (route.query === 'none')
    pool = [
      () => [
        `${kit.rng.pick(['allowStale', 'x', 'limit'])}=${injection()}`,
        'reject',
      ],
    ];
  if (route.query === 'platforms') pool = common.slice(0, 4);
  const [q, expect] = kit.rng.pick(pool)();
  return kit.make({
    family: 'query',
    method: 'GET',
    path: `${kit.fill(route.path, p, kit.ctx.canary)}?${q}`,
    headers: kit.authFor(p),
    expect,
  });
}

/** Bad credentials. */
export function authCase(kit: FuzzKit): FuzzCase {
  const route = kit.rng.pick(ROUTES);
  const p = kit.platformPick();
  const body = route.body ? jsonRaw(kit.baseBody(route.body, p)) : undefined;
  const auth = kit.rng.pick([
    'Bearer garbage',
    `Bearer ${'x'.repeat(8192)}`,
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvYWRtaW4ifQ.',
    'Bearer null',
    'Bearer mock-user-token-{"sub":"user:default/admin"',
    `Bearer mock-service-token-${'{'.repeat(100)}`,
  ]);
  return kit.make({
    family: 'auth',
    method: route.method,
    path: kit.fill(route.path, p, kit.ctx.canary),
    headers: { ...(body ? JSON_HEADERS : {}), authorization: auth },
    body,
    expect: 'reject',
  });
}

/** Methods no route answers. */
export function methodCase(kit: FuzzKit): FuzzCase {
  const route = kit.rng.pick(ROUTES);
  const p = kit.platformPick();
  const method = kit.rng.pick([
    'PUT',
    'PATCH',
    'DELETE',
    ...(route.method === 'GET' ? ['POST'] : ['GET']),
  ]);
  return kit.make({
    family: 'method',
    method,
    path: kit.fill(route.path, p, kit.ctx.canary),
    headers: { ...JSON_HEADERS, ...kit.authFor(p) },
    body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
    expect: 'reject',
  });
}
