/*
 * Reliability: nothing lost when the platform's apiserver goes away. On the `faults` control-plane
 * instance (etcd + kube-apiserver + Kratix CRDs, no Kratix manager; fixtures written exactly as
 * Kratix v0.125.0 writes them), the kube-apiserver is stopped mid-watch:
 *  - while it is down, reads answer 503 naming the platform and the reason, allowStale=true
 *    answers the last known state marked stale, writes answer 503;
 *  - once it is back, fixtures created/deleted/relabelled right away are in the cache: the API's
 *    misplaced list equals a direct LIST (no ghost, nothing missing); the time is printed;
 *  - a bulk cleanup of 200 misplaced WorkPlacements interrupted by the outage reports each item
 *    (deleted / failed / refused), and the same request after the restart finishes the rest
 *    without touching anything else.
 */
import request from 'supertest';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  Fixtures,
  inBatches,
  removeFaultsInstance,
  restartFaultsApiserver,
  startFaultsInstance,
  stopFaultsApiserver,
} from './__testUtils__/faultsPlatform';
import { reportCategory, reportDetail } from './__testUtils__/report';
import kratixBackendPlugin from '@kratix-backstage/plugin-kratix-backend';
import {
  KratixTestBackend,
  startKratixTestBackend,
  waitFor,
} from '@kratix-backstage/test-platform';

const DEV = Array.from({ length: 10 }, (_, i) => `f-dev-${i}`);
const BULK_WORKS = 20;

interface Item {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
}

describe('reliability: apiserver outage (faults instance)', () => {
  let fx: Fixtures;
  let backend: KratixTestBackend;
  const watchWorks: string[] = [];
  const checks: Array<{ name: string; ok: boolean }> = [];
  let recoverySeconds: number | undefined;

  beforeAll(async () => {
    const kubeconfig = startFaultsInstance();
    fx = new Fixtures(kubeconfig);
    await fx.stateStore();
    await fx.destination('f-prod', { env: 'prod' });
    await inBatches(DEV, 10, d => fx.destination(d, { env: 'dev' }));
    // fwatch: 4 Works, each placed on f-prod and misplaced on f-dev-0/1.
    await fx.promise('fwatch', { env: 'prod' });
    for (let w = 0; w < 4; w++)
      watchWorks.push(await fx.work('fwatch', `w000${w}`, { env: 'prod' }));
    await inBatches(watchWorks, 4, async work => {
      await fx.workPlacement('fwatch', work, 'f-prod', false);
      await fx.workPlacement('fwatch', work, 'f-dev-0', true);
      await fx.workPlacement('fwatch', work, 'f-dev-1', true);
    });
    // fbulk: 20 Works, each placed on f-prod and misplaced on all 10 dev Destinations (200).
    await fx.promise('fbulk', { env: 'prod' });
    const bulkWorks: string[] = [];
    for (let w = 0; w < BULK_WORKS; w++)
      bulkWorks.push(
        await fx.work('fbulk', `b${String(w).padStart(4, '0')}`, {
          env: 'prod',
        }),
      );
    await inBatches(
      bulkWorks.flatMap(work => [['f-prod', work], ...DEV.map(d => [d, work])]),
      20,
      ([d, work]) => fx.workPlacement('fbulk', work, d, d !== 'f-prod'),
    );
    // frace: misplaced on f-dev-3 and f-dev-4, for the races without a controller.
    await fx.promise('frace', { env: 'prod' });
    const race = await fx.work('frace', 'r0000', { env: 'prod' });
    await inBatches(['f-prod', 'f-dev-3', 'f-dev-4'], 3, d =>
      fx.workPlacement('frace', race, d, d !== 'f-prod'),
    );
    // fother: misplaced WorkPlacements no request here is about.
    await fx.promise('fother', { env: 'prod' });
    const other = await fx.work('fother', 'o0000', { env: 'prod' });
    await inBatches(['f-prod', ...DEV.slice(0, 5)], 6, d =>
      fx.workPlacement('fother', other, d, d !== 'f-prod'),
    );

    backend = await startKratixTestBackend({
      plugin: kratixBackendPlugin,
      platforms: [{ name: 'faults', kubeconfig: { path: kubeconfig } }],
      // 2 at a time, 20 requests/s ≈ 20 WorkPlacements/s (one DELETE each): a 200-item cleanup takes ~10 s.
      kratix: { cleanup: { concurrency: 2, maxRequestsPerSecond: 20 } },
      waitSynced: ['faults'],
    });
  }, 180_000);

  afterAll(async () => {
    const passed = checks.filter(c => c.ok).length;
    reportCategory(
      'faults (apiserver outage)',
      checks.length,
      passed,
      `cache recovered ${
        recoverySeconds === undefined
          ? 'never'
          : `${recoverySeconds.toFixed(1)} s`
      } after the apiserver's return${
        checks.some(c => !c.ok)
          ? `; failed: ${checks
              .filter(c => !c.ok)
              .map(c => c.name)
              .join(', ')}`
          : ''
      }`,
    );
    await backend?.stop();
    removeFaultsInstance();
  }, 60_000);

  const api = () => request(backend.server);
  const check = (name: string, ok: boolean) => {
    checks.push({ name, ok });
    return ok;
  };

  /** The misplaced WorkPlacements as the API lists them, and as the apiserver has them. */
  async function misplacedViews() {
    const res = await api().get(
      '/api/kratix/platforms/faults/misplaced?limit=1000&sort=name',
    );
    const viaApi =
      res.status === 200
        ? res.body.items
            .map((i: any) => `${i.name}@${i.resourceVersion}`)
            .sort()
        : undefined;
    const direct = (await fx.workPlacements())
      .filter(wp => wp.metadata.labels?.['kratix.io/misscheduled'] === 'true')
      .map(wp => `${wp.metadata.name}@${wp.metadata.resourceVersion}`)
      .sort();
    return { status: res.status, viaApi, direct };
  }

  /** Every WorkPlacement in the cache equals the apiserver's (uid and resourceVersion). */
  async function cacheMatchesApiserver(): Promise<boolean> {
    const cached = backend.registry
      .get('faults')
      .cache.workPlacements.all()
      .map(wp => `${wp.name}/${wp.uid}@${wp.resourceVersion}`)
      .sort();
    const direct = (await fx.workPlacements())
      .map(
        wp =>
          `${wp.metadata.name}/${wp.metadata.uid}@${wp.metadata.resourceVersion}`,
      )
      .sort();
    return JSON.stringify(cached) === JSON.stringify(direct);
  }

  it('answers 503 naming the platform while the apiserver is down, serves stale data on request, and recovers exactly', async () => {
    await waitFor('initial cache equals the apiserver', 30_000, async () => {
      const v = await misplacedViews();
      return (
        v.status === 200 &&
        JSON.stringify(v.viaApi) === JSON.stringify(v.direct)
      );
    });
    const before = await misplacedViews();
    expect(before.direct).toHaveLength(8 + 200 + 2 + 5);

    await stopFaultsApiserver();
    const stoppedAt = Date.now();
    await waitFor(
      'reads answer 503',
      30_000,
      async () =>
        (await api().get('/api/kratix/platforms/faults/misplaced')).status ===
        503,
    );
    const detectMs = Date.now() - stoppedAt;

    // Every cache-backed read answers 503 naming the platform, since when and why.
    for (const path of [
      '/promises',
      '/promises/fwatch',
      '/promises/fwatch/targeting',
      '/promises/fwatch/works',
      '/misplaced',
      '/promises/fwatch/misplaced',
      '/matrix',
    ]) {
      const res = await api().get(`/api/kratix/platforms/faults${path}`);
      const message = String(res.body?.error?.message);
      check(
        `503 ${path}`,
        res.status === 503 && res.body.error.name === 'ServiceUnavailableError',
      );
      expect(res.status).toBe(503);
      expect(message).toMatch(
        /^Kratix platform "faults" is unreachable since \S+: .+\. Pass allowStale=true/,
      );
      // The reason says what failed (connection refused / reset), not just "error".
      expect(message).toMatch(
        /ECONNREFUSED|ECONNRESET|connect|socket|closed|refused|terminated/i,
      );
    }
    // The live read and the writes say so too.
    const manifest = await api().get(
      '/api/kratix/platforms/faults/promises/fwatch/manifest',
    );
    check(
      '503 manifest',
      manifest.status === 503 &&
        /platform faults/.test(manifest.body.error.message),
    );
    expect(manifest.status).toBe(503);
    expect(manifest.body.error.message).toContain(
      'cannot reach the Kubernetes API to get Promise fwatch on platform faults',
    );
    const update = await api()
      .post('/api/kratix/platforms/faults/promises/fwatch/update')
      .send({
        resourceVersion: '1',
        specPatch: { destinationSelectors: [] },
        dryRun: true,
      });
    check('503 update', update.status === 503);
    const cleanup = await api()
      .post('/api/kratix/platforms/faults/cleanup')
      .send({ all: true, promise: 'fwatch' });
    check(
      '503 cleanup',
      cleanup.status === 503 && cleanup.body.error.message.includes('"faults"'),
    );
    const platforms = await api().get('/api/kratix/platforms');
    const entry = platforms.body.items.find((p: any) => p.name === 'faults');
    check(
      'platform list says disconnected',
      entry?.connected === false &&
        typeof entry?.error === 'string' &&
        Boolean(entry?.disconnectedSince),
    );

    // allowStale=true: the last known state, marked stale.
    const stale = await api().get(
      '/api/kratix/platforms/faults/misplaced?limit=1000&sort=name&allowStale=true',
    );
    check('stale read', stale.status === 200 && stale.body.stale === true);
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({
      stale: true,
      staleSince: expect.any(String),
      staleReason: expect.any(String),
    });
    expect(
      stale.body.items.map((i: any) => `${i.name}@${i.resourceVersion}`).sort(),
    ).toEqual(before.viaApi);

    await restartFaultsApiserver();
    const backAt = Date.now();
    // Right away: new misplaced WorkPlacements, deleted ones, labels removed and added.
    await fx.workPlacement('fwatch', watchWorks[0], 'f-dev-2', true);
    await fx.workPlacement('fwatch', watchWorks[1], 'f-dev-2', true);
    await fx.workPlacement('fwatch', watchWorks[2], 'f-dev-2', true);
    await fx.deleteWorkPlacement(`${watchWorks[0]}.f-dev-0-5058f`);
    await fx.deleteWorkPlacement(`${watchWorks[1]}.f-dev-0-5058f`);
    await fx.setMisplaced(`${watchWorks[2]}.f-dev-0-5058f`, false);
    await fx.setMisplaced(`${watchWorks[3]}.f-dev-0-5058f`, false);
    await fx.setMisplaced(`${watchWorks[0]}.f-prod-5058f`, true);
    await fx.setMisplaced(`${watchWorks[1]}.f-prod-5058f`, true);

    let last: Awaited<ReturnType<typeof misplacedViews>> | undefined;
    await waitFor('the API equals the apiserver again', 60_000, async () => {
      last = await misplacedViews();
      return (
        last.status === 200 &&
        JSON.stringify(last.viaApi) === JSON.stringify(last.direct)
      );
    });
    recoverySeconds = (Date.now() - backAt) / 1000;
    check('misplaced list equals a direct LIST after the restart', true);
    expect(last!.direct).toHaveLength(215 + 3 - 2 - 2 + 2);
    // No ghost and nothing missing anywhere in the cache, not only among the misplaced.
    check(
      'whole WorkPlacement cache equals the apiserver',
      await cacheMatchesApiserver(),
    );
    expect(await cacheMatchesApiserver()).toBe(true);
    const status = backend.registry.get('faults').cache.status();
    expect(status).toMatchObject({ synced: true, connected: true });
    reportDetail(
      `faults detail: outage seen by reads after ${(detectMs / 1000).toFixed(
        1,
      )} s; cache correct ${recoverySeconds.toFixed(
        1,
      )} s after the apiserver's return (relists ${status.kinds
        .map(k => `${k.kind}=${k.relists}`)
        .join(' ')})`,
    );
  }, 300_000);

  it('reports each item of a bulk cleanup cut by the outage, and the same cleanup then finishes the rest', async () => {
    await waitFor(
      'cache connected',
      30_000,
      () => backend.registry.get('faults').cache.status().connected,
    );
    const pre = await api()
      .post('/api/kratix/platforms/faults/cleanup/preflight')
      .send({ all: true, promise: 'fbulk' });
    expect(pre.status).toBe(200);
    expect(pre.body.deletable).toBe(200);
    const items: Item[] = pre.body.items.map((i: any) => ({
      namespace: i.namespace,
      name: i.name,
      uid: i.uid,
      resourceVersion: i.resourceVersion,
    }));
    const requested = new Set(items.map(i => i.name));
    const untouched = async () =>
      (await fx.workPlacements())
        .filter(wp => !requested.has(wp.metadata.name))
        .map(
          wp =>
            `${wp.metadata.name}/${wp.metadata.uid}@${wp.metadata.resourceVersion}`,
        )
        .sort();
    const othersBefore = await untouched();

    // The cleanup streams one result per line; the apiserver stops after 60 deletions.
    const port = (backend.server.address() as AddressInfo).port;
    let stopping: Promise<void> | undefined;
    const lines: any[] = await new Promise((resolve, reject) => {
      const got: any[] = [];
      let buffer = '';
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/kratix/platforms/faults/cleanup',
          headers: {
            'content-type': 'application/json',
            accept: 'application/x-ndjson',
          },
        },
        res => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            const complete = buffer.split('\n');
            buffer = complete.pop()!;
            for (const line of complete) {
              got.push(JSON.parse(line));
              if (
                !stopping &&
                got.filter(l => l.outcome === 'deleted').length >= 60
              )
                stopping = stopFaultsApiserver();
            }
          });
          res.on('end', () => resolve(got));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ items }));
    });
    await stopping;
    const summary = lines.find(l => l.summary)?.summary;
    const results = lines.filter(l => l.outcome);
    const firstDeleted = new Set(
      results.filter(r => r.outcome === 'deleted').map(r => r.name),
    );
    const firstFailed = results.filter(r => r.outcome === 'failed');
    check(
      'every item of the interrupted cleanup is reported',
      results.length === 200 && new Set(results.map(r => r.name)).size === 200,
    );
    expect(results).toHaveLength(200);
    expect(summary.deleted + summary.failed + summary.refused).toBe(200);
    expect(summary.deleted).toBeGreaterThanOrEqual(60);
    expect(summary.failed + summary.refused).toBeGreaterThan(0);
    // Failures say which platform could not be reached.
    check(
      'failures name the platform and the reason',
      firstFailed.every(r => /on platform faults/.test(r.reason)),
    );
    for (const r of firstFailed)
      expect(r.reason).toMatch(
        /cannot reach the Kubernetes API to (get|delete) WorkPlacement .* on platform faults/,
      );

    await restartFaultsApiserver();
    const backAt = Date.now();
    await waitFor(
      'cache connected and equal to the apiserver after the restart',
      60_000,
      async () =>
        backend.registry.get('faults').cache.status().connected &&
        (await cacheMatchesApiserver()),
    );
    const reconnectSeconds = (Date.now() - backAt) / 1000;
    // What the first run reported deleted is gone; nothing else was touched.
    const afterFirst = new Set(
      (await fx.workPlacements()).map(wp => wp.metadata.name),
    );
    check(
      'reported deletions really happened',
      [...firstDeleted].every(n => !afterFirst.has(n)),
    );
    expect([...firstDeleted].filter(n => afterFirst.has(n))).toEqual([]);

    // The same request again finishes the rest.
    const again = await api()
      .post('/api/kratix/platforms/faults/cleanup')
      .send({ items });
    expect(again.status).toBe(200);
    const secondDeleted = again.body.results
      .filter((r: any) => r.outcome === 'deleted')
      .map((r: any) => r.name);
    check(
      'resumed cleanup never deletes twice',
      secondDeleted.every((n: string) => !firstDeleted.has(n)),
    );
    expect(secondDeleted.filter((n: string) => firstDeleted.has(n))).toEqual(
      [],
    );
    expect(again.body.summary.failed).toBe(0);
    // Items already gone are refused as not found; the rest are deleted now.
    const notDeleted = again.body.results.filter(
      (r: any) => r.outcome !== 'deleted',
    );
    expect(
      notDeleted.filter(
        (r: any) => !/not found|no longer exists/.test(r.reason),
      ),
    ).toEqual([]);
    const left = (await fx.workPlacements()).filter(wp =>
      requested.has(wp.metadata.name),
    );
    check('resumed cleanup finished the rest', left.length === 0);
    expect(left).toEqual([]);
    const othersAfter = await untouched();
    check(
      'nothing else touched',
      JSON.stringify(othersAfter) === JSON.stringify(othersBefore),
    );
    expect(othersAfter).toEqual(othersBefore);
    reportDetail(
      `faults detail: bulk cleanup of 200 cut by the outage: ${
        summary.deleted
      } deleted, ${summary.failed} failed, ${
        summary.refused
      } refused; resumed ${reconnectSeconds.toFixed(1)} s after the restart: ${
        again.body.summary.deleted
      } deleted, ${again.body.summary.refused} refused (already gone)`,
    );
  }, 300_000);

  it('refuses, with no controller to catch up, WorkPlacements the Promise or the Destination selects again', async () => {
    // No Kratix manager here: after a change nothing rewrites the Work or removes a label, which is
    // the window a real Kratix leaves between a change and its reaction, held open.
    await waitFor(
      'cache connected',
      30_000,
      () => backend.registry.get('faults').cache.status().connected,
    );
    const pre = await api()
      .post('/api/kratix/platforms/faults/cleanup/preflight')
      .send({ all: true, promise: 'frace' });
    const items: Item[] = pre.body.items.map((i: any) => ({
      namespace: i.namespace,
      name: i.name,
      uid: i.uid,
      resourceVersion: i.resourceVersion,
    }));
    expect(items.map(i => i.name).sort()).toEqual([
      'frace-static-deps-r0000.f-dev-3-5058f',
      'frace-static-deps-r0000.f-dev-4-5058f',
    ]);

    // The Promise moves back to the dev Destinations; the cleanup follows at once.
    await fx.setPromiseSelector('frace', { env: 'dev' });
    const movedBack = await api()
      .post('/api/kratix/platforms/faults/cleanup')
      .send({ items });
    const movedBackReasons = movedBack.body.results
      .map((r: any) => `${r.outcome}: ${r.reason}`)
      .sort();
    check(
      'Promise moved back: nothing deleted',
      movedBack.body.summary?.deleted === 0,
    );
    expect(movedBackReasons).toEqual([
      'refused: Promise frace selects Destination f-dev-3 again (its selectors changed; Kratix has not updated the Work yet)',
      'refused: Promise frace selects Destination f-dev-4 again (its selectors changed; Kratix has not updated the Work yet)',
    ]);

    // The Promise goes to prod again; f-dev-4 is relabelled prod: it comes back.
    await fx.setPromiseSelector('frace', { env: 'prod' });
    await fx.relabelDestination('f-dev-4', { env: 'prod' });
    await waitFor('the cache sees both changes', 30_000, () => {
      const cache = backend.registry.get('faults').cache;
      return (
        cache.destinations.get('f-dev-4')?.labels.env === 'prod' &&
        cache.promises.get('frace')?.destinationSelectors[0]?.matchLabels
          .env === 'prod'
      );
    });
    const back = await api()
      .post('/api/kratix/platforms/faults/cleanup')
      .send({ items });
    const byName = Object.fromEntries(
      back.body.results.map((r: any) => [r.name, r]),
    );
    check(
      'Destination back: refused',
      byName['frace-static-deps-r0000.f-dev-4-5058f']?.outcome === 'refused',
    );
    check(
      'still misplaced: deleted',
      byName['frace-static-deps-r0000.f-dev-3-5058f']?.outcome === 'deleted',
    );
    expect(byName['frace-static-deps-r0000.f-dev-4-5058f']).toMatchObject({
      outcome: 'refused',
      reason: 'Destination f-dev-4 selects this workload again',
    });
    expect(byName['frace-static-deps-r0000.f-dev-3-5058f']).toMatchObject({
      outcome: 'deleted',
    });
    const left = (await fx.workPlacements())
      .filter(wp => wp.spec.promiseName === 'frace')
      .map(wp => wp.metadata.name)
      .sort();
    expect(left).toEqual([
      'frace-static-deps-r0000.f-dev-4-5058f',
      'frace-static-deps-r0000.f-prod-5058f',
    ]);
  }, 300_000);
});
