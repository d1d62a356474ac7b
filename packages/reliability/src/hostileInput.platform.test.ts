/*
 * Reliability: hostile input. A seeded fuzz run of >= 10,000 malformed requests against every
 * route of the backend on the real platform — bad JSON, bodies over/at/under the 512kb limit,
 * wrong types, deep nesting, label selector injections, path traversal and NUL in names, unicode,
 * unknown platforms and query parameters, arrays for objects, numbers out of range, prototype
 * pollution keys, bad credentials, wrong methods — 20 at a time. Only 4xx come back (never a
 * 5xx), the process keeps serving, nothing is polluted, and the cluster does not change: the
 * canary Promise (with misplaced WorkPlacements a stray cleanup would delete) keeps every
 * resourceVersion, and the Kratix objects are the same before and after.
 *
 * Safety on the shared platform: writes on the service-account platform are only ever generated
 * as dry runs (checked below before sending), the impersonated platform acts as alice, whom
 * Kubernetes refuses every write, and the policy allows writes on the canary Promise only.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { promiseResourceRef } from '@kratix-backstage/plugin-kratix-common';
import kratixBackendPlugin from '@kratix-backstage/plugin-kratix-backend';
import {
  applyPromise,
  deletePromise,
  getPromise,
  isMisplaced,
  KratixTestBackend,
  platformKubeconfigPath,
  promiseManifest,
  Rng,
  startKratixTestBackend,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import { Agent, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  backendVisibleOf,
  diffSnapshots,
  kratixStateOf,
  ofPromise,
  snapshotKratix,
  snapshotOwned,
  stableDiff,
  waitSettled,
} from './__testUtils__/cluster';
import { FuzzCase, FuzzGenerator } from './__testUtils__/fuzzCases';
import { reportCategory } from './__testUtils__/report';

const CASES = Number(process.env.RELIABILITY_FUZZ_CASES ?? 12_000);
const SEED = Number(process.env.RELIABILITY_FUZZ_SEED ?? 20_260_825);
const PARALLEL = 20;
/** The request-body limit the backend documents (plugins/kratix-backend/README.md: JSON up to 512kb). */
const LIMIT = 512 * 1024;

interface Outcome {
  c: FuzzCase;
  status: number;
  body: string;
}

describe('reliability: hostile input', () => {
  const canary = uniqueName('rel-fuzz');
  let backend: KratixTestBackend;
  let agent: Agent;
  let port: number;

  beforeAll(async () => {
    await applyPromise(promiseManifest(canary, [{ environment: 'dev' }]));
    await waitFor(
      'canary on dev',
      30_000,
      async () => (await workPlacementsOf(canary)).length === 2,
    );
    await applyPromise(promiseManifest(canary, [{ environment: 'prod' }]));
    await waitFor(
      'canary misplaced',
      30_000,
      async () =>
        (await workPlacementsOf(canary)).filter(isMisplaced).length === 2,
    );
    const kubeconfig = { path: platformKubeconfigPath() };
    backend = await startKratixTestBackend({
      plugin: kratixBackendPlugin,
      platforms: [
        { name: 'local', kubeconfig },
        { name: 'imp', kubeconfig, impersonateUser: true },
      ],
      // Reads everywhere; writes only on the canary (a stray write elsewhere is refused).
      policy: q =>
        q.permission === 'kratix.promise.read' ||
        q.resourceRef === promiseResourceRef('local', canary) ||
        q.resourceRef === promiseResourceRef('imp', canary)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      waitSynced: ['local', 'imp'],
    });
    const registry = backend.registry;
    await Promise.all(
      ['local', 'imp'].map(p =>
        waitFor(
          `canary misplaced in ${p}`,
          30_000,
          () =>
            registry
              .get(p)
              .cache.workPlacements.byIndex('misplacedByPromise', canary)
              .length === 2,
        ),
      ),
    );
    port = (backend.server.address() as AddressInfo).port;
    agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });
  }, 240_000);

  afterAll(async () => {
    agent?.destroy();
    await backend?.stop();
    await deletePromise(canary);
  }, 240_000);

  function send(c: FuzzCase): Promise<Outcome> {
    return new Promise(resolve => {
      const req = clientRequest(c, resolve);
      if (!req) return;
      // A connection the server drops is recorded as status -1 (it must not happen).
      req.on('error', e => resolve({ c, status: -1, body: String(e) }));
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.end(c.body);
    });
  }

  /** The request, or undefined (and the case resolved as a generator bug) when Node refuses to build it. */
  function clientRequest(c: FuzzCase, resolve: (o: Outcome) => void) {
    try {
      return httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: c.method,
          path: c.path,
          headers: c.headers,
          agent,
          timeout: 60_000,
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', d => chunks.push(d));
          res.on('end', () =>
            resolve({
              c,
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8').slice(0, 400),
            }),
          );
          res.on('error', e => resolve({ c, status: -1, body: String(e) }));
        },
      );
    } catch (e) {
      resolve({ c, status: -2, body: `not sent (generator bug): ${e}` });
      return undefined;
    }
  }

  /**
   * Never send a real write on the service-account platform: a body the schema could accept
   * there always has dryRun: true (any other non-boolean dryRun is refused by the schema).
   */
  function assertSafe(c: FuzzCase) {
    if (
      c.method !== 'POST' ||
      !/\/platforms\/local\/(promises\/[^/]+\/update|cleanup)$/.test(c.path)
    )
      return;
    let parsed: any;
    try {
      parsed = JSON.parse(
        typeof c.body === 'string'
          ? c.body.replace(/^\uFEFF/, '')
          : String(c.body ?? ''),
      );
    } catch {
      return;
    }
    if (
      parsed &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      (parsed.dryRun === undefined || parsed.dryRun === false) &&
      c.headers['content-type'] === 'application/json' &&
      !c.headers['content-encoding']
    ) {
      if ('resourceVersion' in parsed || 'items' in parsed || 'all' in parsed) {
        throw new Error(
          `fuzz case ${c.id} would write on the shared platform: ${String(
            c.body,
          ).slice(0, 200)}`,
        );
      }
    }
  }

  it(`answers ${CASES} hostile requests with 4xx only and changes nothing`, async () => {
    const loaded = await getPromise(canary);
    const generator = new FuzzGenerator(
      new Rng(SEED),
      {
        saPlatform: 'local',
        impPlatform: 'imp',
        aliceAuth: mockCredentials.user.header('user:default/alice'),
        canary,
        canaryResourceVersion: loaded.metadata.resourceVersion,
        canaryGeneration: loaded.metadata.generation,
        // Every WorkPlacement of the canary: the misplaced ones and the placed one.
        canaryItems: backend.registry
          .get('local')
          .cache.workPlacements.byIndex('promise', canary)
          .map(wp => ({
            namespace: wp.namespace,
            name: wp.name,
            uid: wp.uid,
            resourceVersion: wp.resourceVersion,
          })),
      },
      LIMIT,
    );
    const cases = generator.generate(CASES);
    cases.forEach(assertSafe);

    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    await waitSettled(() =>
      snapshotKratix(undefined, ofPromise(canary), kratixStateOf),
    );
    // Kratix re-writes every dependency WorkPlacement (new status.versionID) when any Destination
    // changes, and other tests may add Destinations meanwhile: compare what the backend could
    // change — the canary Promise's resourceVersion, and each WorkPlacement's uid and deletion.
    const canaryBefore = await snapshotKratix(
      undefined,
      ofPromise(canary),
      backendVisibleOf,
    );
    const allBefore = await snapshotOwned();
    const started = Date.now();
    const outcomes: Outcome[] = [];
    for (let i = 0; i < cases.length; i += PARALLEL) {
      outcomes.push(
        ...(await Promise.all(cases.slice(i, i + PARALLEL).map(send))),
      );
    }
    const seconds = (Date.now() - started) / 1000;
    const canaryAfter = await snapshotKratix(
      undefined,
      ofPromise(canary),
      backendVisibleOf,
    );
    const allAfter = await snapshotOwned();

    const fiveXX = outcomes.filter(o => o.status >= 500 || o.status < 100);
    const notRejected = outcomes.filter(
      o => o.c.expect === 'reject' && !(o.status >= 400 && o.status < 500),
    );
    const bad = [...new Set([...fiveXX, ...notRejected])];
    const signatures = new Map<string, Outcome>();
    for (const o of bad) {
      const key = `${o.c.family} ${o.c.method} ${o.c.path.slice(0, 120)} [${
        o.c.headers['content-type'] ?? ''
      }${
        o.c.headers['content-encoding']
          ? ` ${o.c.headers['content-encoding']}`
          : ''
      }] ${String(o.c.body ?? '').slice(0, 160)} → ${o.status} ${o.body
        .replace(/logId=\w+/, '')
        .slice(0, 160)}`;
      if (!signatures.has(key)) signatures.set(key, o);
    }
    const statuses = outcomes.reduce<Record<string, number>>(
      (acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }),
      {},
    );
    const tolerated2xx = outcomes.filter(
      o => o.status < 300 && o.status >= 200,
    ).length;

    // Still serving, and nothing polluted.
    const health = await send({
      id: -2,
      family: 'check',
      method: 'GET',
      path: '/api/kratix/health',
      headers: {},
      expect: 'tolerate',
    });
    const read = await send({
      id: -3,
      family: 'check',
      method: 'GET',
      path: `/api/kratix/platforms/local/promises/${canary}`,
      headers: {},
      expect: 'tolerate',
    });
    const protoAfter = Object.getOwnPropertyNames(Object.prototype).sort();
    const clusterDiff = stableDiff(allBefore, allAfter);
    const canaryDiff = diffSnapshots(canaryBefore, canaryAfter);
    const realWrites = backend.audit.filter(
      e =>
        e.outcome === 'success' &&
        !(e.meta as any)?.dryRun &&
        (e.eventId === 'promise-update' ||
          ((e.outcomeMeta as any)?.summary?.deleted ?? 0) > 0),
    );

    reportCategory(
      'hostile input',
      outcomes.length,
      outcomes.length - bad.length,
      `seed ${SEED}, ${seconds.toFixed(1)} s, statuses ${JSON.stringify(
        statuses,
      )}, 5xx ${fiveXX.length}, tolerated 2xx ${tolerated2xx}; Kratix objects ${
        allBefore.size
      } → ${allAfter.size}, canary unchanged: ${canaryDiff.length === 0}`,
    );
    expect(canaryDiff).toEqual([]);
    expect(clusterDiff).toEqual([]);
    expect(realWrites).toEqual([]);
    expect([...signatures.keys()]).toEqual([]);
    expect(health.status).toBe(200);
    expect(read.status).toBe(200);
    expect(protoAfter).toEqual(protoBefore);
    expect(({} as any).polluted).toBeUndefined();
    expect(outcomes.length).toBeGreaterThanOrEqual(10_000);
  }, 400_000);
});
