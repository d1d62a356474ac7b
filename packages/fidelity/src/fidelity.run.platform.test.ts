/*
 * The large fidelity run (bench/fidelity.sh): runs only when KRATIX_FIDELITY_COUNT is set.
 *   KRATIX_FIDELITY_COUNT  number of scenarios (seeds SEED, SEED+1, ...)
 *   KRATIX_FIDELITY_SEED   first seed (default: random, printed)
 *   KRATIX_FIDELITY_SEEDS  explicit comma-separated seeds to replay (overrides the two above)
 *   KRATIX_FIDELITY_REPORT file to write the report to
 *   KRATIX_FIDELITY_VERBOSE=1 print every step
 */
import { writeFileSync } from 'node:fs';
import kratixBackendPlugin from '@kratix-backstage/plugin-kratix-backend';
import {
  KratixTestBackend,
  randomSeed,
  startKratixTestBackend,
} from '@kratix-backstage/test-platform';
import { print, runSeeds } from './__testUtils__/suite';

const env = process.env;
const explicit = (env.KRATIX_FIDELITY_SEEDS ?? '')
  .split(',')
  .map(s => s.trim())
  .filter(Boolean)
  .map(s => Number(s) >>> 0);
const count = explicit.length || Number(env.KRATIX_FIDELITY_COUNT ?? 0);

(count > 0 ? describe : describe.skip)(
  'Kratix fidelity run (bench/fidelity.sh)',
  () => {
    let backend: KratixTestBackend;
    beforeAll(async () => {
      backend = await startKratixTestBackend({ plugin: kratixBackendPlugin });
    });
    afterAll(() => backend?.stop());

    it(`runs ${count} scenarios against the real Kratix manager`, async () => {
      const first = env.KRATIX_FIDELITY_SEED
        ? Number(env.KRATIX_FIDELITY_SEED) >>> 0
        : randomSeed();
      const seeds = explicit.length
        ? explicit
        : Array.from({ length: count }, (_, i) => (first + i) >>> 0);
      print(
        explicit.length
          ? `fidelity: replaying seeds ${seeds.join(',')}`
          : `fidelity: ${count} scenarios, seeds ${first}..${
              (first + count - 1) >>> 0
            }`,
      );
      const run = await runSeeds(backend, seeds, {
        title: `Kratix fidelity run: ${count} scenarios from seed ${
          explicit.length ? seeds.join(',') : first
        }`,
        verbose: env.KRATIX_FIDELITY_VERBOSE === '1',
      });
      if (env.KRATIX_FIDELITY_REPORT)
        writeFileSync(env.KRATIX_FIDELITY_REPORT, `${run.report}\n`);
      expect(run.results.filter(r => !r.ok).map(r => r.seed)).toEqual([]);
    });
  },
);
