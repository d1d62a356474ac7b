/*
 * A Promise with two static-dependency Works (a Kratix v0.125 race; made here the way Kratix makes
 * it): Kratix then updates neither, and the API says so in the targeting answer and the preview.
 */
import {
  applyPromise,
  createDuplicateStaticDependencyWork,
  deletePromise,
  promiseManifest,
  removeDuplicateStaticDependencyWorks,
  uniqueName,
  waitFor,
} from '@kratix-backstage/test-platform';
import request from 'supertest';
import {
  PlatformTestBackend,
  startPlatformTestBackend,
} from '../__testUtils__/platformTestBackend';

describe('duplicate static-dependency Works on the real platform', () => {
  let backend: PlatformTestBackend;
  beforeAll(async () => {
    backend = await startPlatformTestBackend();
  });
  afterAll(() => backend?.stop());

  it('reports them in targeting and warns in the preview, and stops once one is left', async () => {
    const name = uniqueName('dupapi');
    try {
      await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
      const targeting = () =>
        request(backend.server).get(
          `/api/kratix/platforms/local/promises/${name}/targeting`,
        );
      await waitFor(
        'the Promise in the cache',
        30_000,
        async () => (await targeting()).status === 200,
      );
      expect((await targeting()).body.problems).toEqual([]);

      const duplicate = await createDuplicateStaticDependencyWork(name);
      await waitFor('the duplicate in the cache', 30_000, async () =>
        backend.cache.works
          .byIndex('promise', name)
          .some(w => w.name === duplicate),
      );
      const problems: string[] = (await targeting()).body.problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(
        `Promise ${name} has 2 static-dependency Works`,
      );
      expect(problems[0]).toContain(duplicate);

      const preview = await request(backend.server)
        .post(`/api/kratix/platforms/local/promises/${name}/preview`)
        .send({
          specPatch: {
            destinationSelectors: [{ matchLabels: { environment: 'prod' } }],
          },
        });
      expect(preview.status).toBe(200);
      expect(preview.body.warnings.map((w: any) => w.code)).toContain(
        'duplicate-static-dependency-works',
      );

      expect(await removeDuplicateStaticDependencyWorks(name)).toEqual([
        duplicate,
      ]);
      await waitFor(
        'the problem gone',
        30_000,
        async () => (await targeting()).body.problems.length === 0,
      );
    } finally {
      await deletePromise(name);
    }
  });
});
