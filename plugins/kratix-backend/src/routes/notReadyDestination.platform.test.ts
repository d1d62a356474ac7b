/*
 * A Destination that is not Ready because its state store does not exist yet, on the real current
 * manager (v0.125 has no Destination status): the preview warns and says what Kratix will do,
 * Kratix schedules to it anyway (the scheduler never reads Ready), writes nothing for it while the
 * store is missing, and writes as soon as the store exists.
 */
import {
  KRATIX,
  applyPromise,
  createDestination,
  createStateStoreLikeLocal,
  customObjects,
  deleteDestination,
  deleteGitStateStore,
  deletePromise,
  isWritten,
  platformGeneration,
  promiseManifest,
  uniqueName,
  waitFor,
  workPlacementsOf,
  STATE_STORE_WRITE_WAIT_MS,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import {
  PlatformTestBackend,
  startPlatformTestBackend,
  updateThroughRoute,
} from '../__testUtils__/platformTestBackend';

jest.setTimeout(STATE_STORE_WRITE_WAIT_MS * 2 + 120_000);

const onCurrent = platformGeneration() === 'current' ? describe : describe.skip;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function readyOf(name: string): Promise<any | undefined> {
  const d: any = await customObjects().getClusterCustomObject({
    ...KRATIX,
    plural: 'destinations',
    name,
  });
  return (d.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
}

onCurrent('a Destination that is not Ready (real current Kratix)', () => {
  let backend: PlatformTestBackend;
  beforeAll(async () => {
    backend = await startPlatformTestBackend();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('is scheduled to anyway, and written only once its state store exists', async () => {
    const id = uniqueName('nr');
    const label = id; // a label key no other Destination has
    const healthy = `${id}-ok`;
    const notReady = `${id}-nostore`;
    const store = `${id}-late`;
    const promise = `${id}-p`;
    try {
      await createDestination(healthy, { [label]: 'on' });
      await createDestination(
        notReady,
        { [label]: 'on' },
        { stateStoreRef: { kind: 'GitStateStore', name: store } },
      );
      await waitFor(
        'the Destination reports StateStoreNotFound',
        60_000,
        async () => (await readyOf(notReady))?.reason === 'StateStoreNotFound',
      );
      expect((await readyOf(notReady))?.status).toBe('False');

      // A Promise that selects nothing yet, then the preview of selecting both Destinations.
      await applyPromise(promiseManifest(promise, [{ [label]: 'off' }]));
      // The preview reads the backend's cache: asked again until the cache has the new status.
      const previewBoth = () =>
        request(backend.server)
          .post(`/api/kratix/platforms/local/promises/${promise}/preview`)
          .send({
            specPatch: {
              destinationSelectors: [{ matchLabels: { [label]: 'on' } }],
            },
          });
      let preview = await previewBoth();
      await waitFor(
        'the preview sees the Destination not Ready',
        60_000,
        async () => {
          preview = await previewBoth();
          return (preview.body.warnings ?? []).some(
            (w: any) => w.code === 'destination-not-ready',
          );
        },
      );
      expect(preview.status).toBe(200);
      const warning = preview.body.warnings.find(
        (w: any) => w.code === 'destination-not-ready',
      );
      expect(warning?.destination).toBe(notReady);
      expect(warning?.message).toContain('StateStoreNotFound');
      expect(warning?.message).toContain(
        'nothing is written until its state store is available',
      );

      const update = await updateThroughRoute(backend, promise, {
        destinationSelectors: [{ matchLabels: { [label]: 'on' } }],
      });
      expect(update.status).toBe(200);

      // Scheduled to both; the healthy one is written, the other is not.
      const on = (wps: any[], d: string) =>
        wps.find(wp => wp.spec.targetDestinationName === d);
      await waitFor(
        'the healthy WorkPlacement written',
        STATE_STORE_WRITE_WAIT_MS,
        async () => isWritten(on(await workPlacementsOf(promise), healthy)),
      );
      await sleep(10_000);
      const unwritten = on(await workPlacementsOf(promise), notReady);
      expect(unwritten).toBeDefined();
      expect(isWritten(unwritten)).toBe(false);

      // The store appears: the Destination becomes Ready and its WorkPlacement is written.
      await createStateStoreLikeLocal(store);
      await waitFor(
        'the late WorkPlacement written',
        STATE_STORE_WRITE_WAIT_MS,
        async () => isWritten(on(await workPlacementsOf(promise), notReady)),
      );
      await waitFor(
        'the Destination Ready',
        60_000,
        async () => (await readyOf(notReady))?.status === 'True',
      );
    } finally {
      await deletePromise(promise).catch(() => undefined);
      await deleteDestination(healthy);
      await deleteDestination(notReady);
      // The store goes last: the Destination's deletion needs it to remove its files.
      await waitFor(
        'the Destinations gone',
        STATE_STORE_WRITE_WAIT_MS,
        async () => {
          for (const d of [healthy, notReady]) {
            try {
              await readyOf(d);
              return false;
            } catch (e) {
              if ((e as { code?: number }).code !== 404) throw e;
            }
          }
          return true;
        },
      ).catch(() => undefined);
      await deleteGitStateStore(store);
    }
  });
});
