/*
 * Reliability: nothing secret leaks. Platforms configured with url + serviceAccountToken (the
 * admin token, the restricted alice token), a bad token, an unreachable URL, a CA that is not a
 * certificate, and kubeconfig files (client certificate + key, bearer token). A session over
 * every route — successes, 400/403/404/409, 401s from the apiserver and 503s — is recorded: every
 * API response (body and headers), every log line of the backend (all levels, meta rendered in
 * full) and every auditor event. None contains a token, the CA data or the client key data.
 */
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import kratixBackendPlugin from '@kratix-backstage/plugin-kratix-backend';
import {
  applyPromise,
  CapturingLogger,
  deletePromise,
  getPromise,
  isMisplaced,
  KratixTestBackend,
  kubeConfigFromFile,
  platformKubeconfigPath,
  platformStateDir,
  promiseManifest,
  startKratixTestBackend,
  tokenConnection,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import request from 'supertest';
import { reportCategory } from './__testUtils__/report';

interface Secret {
  what: string;
  value: string;
}

/** A base64 PEM (kubeconfig *-data) and a long piece of its decoded body: neither may appear. */
function pemSecrets(what: string, base64: string): Secret[] {
  const pem = Buffer.from(base64, 'base64').toString('utf8');
  const body = pem
    .split('\n')
    .filter(l => l && !l.startsWith('-----'))
    .join('');
  return [
    { what: `${what} (base64)`, value: base64 },
    { what: `${what} (first 40 base64 chars)`, value: base64.slice(0, 40) },
    { what: `${what} (PEM body)`, value: body.slice(20, 84) },
  ];
}

describe('reliability: secrets', () => {
  const promise = uniqueName('rel-secret');
  const logger = new CapturingLogger();
  let backend: KratixTestBackend;
  const admin = tokenConnection('admin');
  const alice = tokenConnection('alice');
  const badToken = `bad-${randomBytes(24).toString('hex')}`;
  const unreachableToken = `unreach-${randomBytes(24).toString('hex')}`;
  const badCaToken = `badca-${randomBytes(24).toString('hex')}`;
  const adminKc = kubeConfigFromFile(platformKubeconfigPath());
  const clientKeyData = adminKc.getCurrentUser()!.keyData!;
  const clientCertData = adminKc.getCurrentUser()!.certData!;
  const secrets: Secret[] = [
    { what: 'admin token', value: admin.token },
    { what: 'alice token', value: alice.token },
    { what: 'bad token', value: badToken },
    { what: 'token of the unreachable platform', value: unreachableToken },
    { what: 'token of the bad-CA platform', value: badCaToken },
    ...pemSecrets('CA data', admin.caData),
    ...pemSecrets('client key data', clientKeyData),
    ...pemSecrets('client certificate data', clientCertData),
  ];
  const platforms = [
    'tok',
    'alicetok',
    'badtok',
    'unreach',
    'badca',
    'kc',
    'kctok',
    'nope',
  ];
  const haystacks: Array<{ where: string; text: string }> = [];

  beforeAll(async () => {
    // A port nothing listens on (fetch refuses "bad ports" such as 1 before connecting).
    const probe = createServer();
    await new Promise<void>(r => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise(r => probe.close(r));
    await applyPromise(promiseManifest(promise, [{ environment: 'dev' }]));
    await waitFor(
      'dev WorkPlacements',
      30_000,
      async () => (await workPlacementsOf(promise)).length === 2,
    );
    await applyPromise(promiseManifest(promise, [{ environment: 'prod' }]));
    await waitFor(
      'misplaced',
      30_000,
      async () =>
        (await workPlacementsOf(promise)).filter(isMisplaced).length === 2,
    );
    backend = await startKratixTestBackend({
      plugin: kratixBackendPlugin,
      logger,
      platforms: [
        {
          name: 'tok',
          url: admin.url,
          caData: admin.caData,
          serviceAccountToken: admin.token,
        },
        {
          name: 'alicetok',
          url: alice.url,
          caData: alice.caData,
          serviceAccountToken: alice.token,
        },
        {
          name: 'badtok',
          url: admin.url,
          caData: admin.caData,
          serviceAccountToken: badToken,
        },
        {
          name: 'unreach',
          url: `https://127.0.0.1:${closedPort}`,
          caData: admin.caData,
          serviceAccountToken: unreachableToken,
        },
        {
          name: 'badca',
          url: admin.url,
          caData: Buffer.from(
            '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n',
          ).toString('base64'),
          serviceAccountToken: badCaToken,
        },
        { name: 'kc', kubeconfig: { path: platformKubeconfigPath() } },
        {
          name: 'kctok',
          kubeconfig: {
            path: resolve(platformStateDir(), 'admin-token.kubeconfig'),
          },
        },
      ],
      policy: () => AuthorizeResult.ALLOW,
      waitSynced: ['tok', 'alicetok', 'kc', 'kctok'],
    });
    await waitFor(
      'misplaced in the token platform',
      30_000,
      () =>
        backend.registry
          .get('tok')
          .cache.workPlacements.byIndex('misplacedByPromise', promise)
          .length === 2,
    );
    // Let the broken platforms fail (and retry) a few times, so their errors are logged.
    await new Promise(r => setTimeout(r, 3000));
  }, 240_000);

  afterAll(async () => {
    await backend?.stop();
    await deletePromise(promise);
  }, 240_000);

  const record = (where: string, res: request.Response) => {
    haystacks.push({
      where: `${where} → ${res.status}`,
      text: `${res.text ?? ''}\n${JSON.stringify(res.headers)}`,
    });
    return res;
  };

  it('never shows a token, the CA data or the client key data in responses, logs or audit events', async () => {
    const api = () => request(backend.server);
    const loaded = await getPromise(promise);
    const statuses: number[] = [];
    const get = async (path: string) =>
      statuses.push(
        record(`GET ${path}`, await api().get(`/api/kratix${path}`)).status,
      );
    const post = async (path: string, body: unknown) =>
      statuses.push(
        record(
          `POST ${path}`,
          await api()
            .post(`/api/kratix${path}`)
            .send(body as object),
        ).status,
      );

    await get('/platforms');
    for (const p of platforms) {
      const base = `/platforms/${p}`;
      for (const path of [
        '/promises',
        `/promises/${promise}`,
        `/promises/${promise}/manifest`,
        `/promises/${promise}/targeting`,
        `/promises/${promise}/works`,
        '/misplaced?limit=1000',
        `/promises/${promise}/misplaced`,
        '/matrix',
        `/promises/${promise}/history`,
        '/promises?allowStale=true',
        '/promises/nope-nope',
        '/misplaced?bogus=1',
      ]) {
        await get(`${base}${path}`);
      }
      const rv = {
        resourceVersion: loaded.metadata.resourceVersion,
        generation: loaded.metadata.generation,
      };
      await post(`${base}/promises/${promise}/update`, {
        ...rv,
        specPatch: {
          destinationSelectors: [{ matchLabels: { environment: 'dev' } }],
        },
        dryRun: true,
      });
      await post(`${base}/promises/${promise}/update`, {
        resourceVersion: '1',
        specPatch: { destinationSelectors: [] },
        dryRun: true,
      });
      await post(`${base}/promises/${promise}/update`, {
        ...rv,
        specPatch: { dependencies: 'not-a-list' },
        dryRun: true,
      });
      // alice may read but not write: a real update through her token is refused by Kubernetes.
      if (p === 'alicetok')
        await post(`${base}/promises/${promise}/update`, {
          ...rv,
          specPatch: { destinationSelectors: [] },
        });
      await post(`${base}/cleanup/preflight`, { all: true, promise });
      await post(`${base}/cleanup`, { all: true, promise, dryRun: true });
      await post(`${base}/cleanup`, {
        items: [
          { namespace: 'kratix-platform-system', name: 'does-not-exist' },
        ],
      });
      await post(`${base}/promises/${promise}/preview`, {
        specPatch: {
          destinationSelectors: [{ matchLabels: { environment: 'dev' } }],
        },
      });
      await post(`${base}/destinations/preview`, {
        changes: [{ name: 'dev-1', labels: { environment: 'prod' } }],
      });
      await post(`${base}/cleanup`, '{"broken json');
    }
    // The alice platform's cleanup is a real one: Kubernetes refuses her the delete.
    await post('/platforms/alicetok/cleanup', { all: true, promise });
    await get('/platforms');

    for (const line of logger.lines)
      haystacks.push({
        where: `log ${line.level}: ${line.message.slice(0, 80)}`,
        text: `${line.message}\n${line.meta}`,
      });
    for (const event of backend.audit)
      haystacks.push({
        where: `audit ${event.eventId}`,
        text: JSON.stringify(event),
      });

    const leaks: string[] = [];
    for (const h of haystacks) {
      for (const s of secrets)
        if (h.text.includes(s.value)) leaks.push(`${s.what} in ${h.where}`);
    }
    const clean = haystacks.filter(
      h => !secrets.some(s => h.text.includes(s.value)),
    ).length;
    const count = (pred: (s: number) => boolean) =>
      statuses.filter(pred).length;
    reportCategory(
      'secrets',
      haystacks.length,
      clean,
      `${statuses.length} responses (${count(s => s < 300)} 2xx, ${count(
        s => s >= 400 && s < 500,
      )} 4xx, ${count(s => s === 503)} 503), ${
        logger.lines.length
      } log lines, ${backend.audit.length} audit events, ${
        secrets.length
      } secret values`,
    );
    expect(leaks).toEqual([]);

    // The session really covered failures: Kubernetes 401/403, unreachable, 503s, and logs of them.
    expect(count(s => s === 503)).toBeGreaterThan(20);
    expect(count(s => s === 403)).toBeGreaterThan(0);
    expect(count(s => s === 404)).toBeGreaterThan(0);
    expect(count(s => s === 409)).toBeGreaterThan(0);
    const text = haystacks.map(h => h.text).join('\n');
    expect(/Unauthorized/.test(text)).toBe(true);
    expect(/ECONNREFUSED/.test(text)).toBe(true);
    expect(
      logger.lines.some(
        l => l.level === 'warn' && l.message.includes('badtok'),
      ),
    ).toBe(true);
    // The error middleware logs each 5xx with the error object: rendered in full here.
    expect(
      logger.lines.some(
        l =>
          l.level === 'error' &&
          l.message.includes('Request failed with status 503'),
      ),
    ).toBe(true);
    // ...and the checks can see a leak: the captured text does contain non-secret config (the URL).
    expect(text.includes(admin.url)).toBe(true);
  });
});
