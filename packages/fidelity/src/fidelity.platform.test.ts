/*
 * Issue 8's proof, CI size: a fixed list of seeded scenarios, predicted by the what-if engine
 * (the backend's preview routes, from the backend cache), applied to the REAL Kratix manager on
 * the local platform and compared (see compare.ts); on a platform that runs workflows, resource
 * Works come from real resource workflows. Every scenario must agree and every rule in
 * the coverage table must be exercised. The large run (>= 200 scenarios) is bench/fidelity.sh.
 *
 * The seeds are the quickest subset of the six earlier CI seeds (256, 21, 27, 44, 175, 26) that
 * together exercise every rule, the current-only ones included: checked on one run on each
 * generation, in half the time of the six. Replay one with
 * `KRATIX_FIDELITY_SEEDS=<seed> KRATIX_FIDELITY_VERBOSE=1 bench/fidelity.sh`.
 */
import kratixBackendPlugin from '@kratix-backstage/plugin-kratix-backend';
import {
  KratixTestBackend,
  startKratixTestBackend,
} from '@kratix-backstage/test-platform';
import { RULES } from './coverage';
import { summarize } from './report';
import { runSeeds } from './__testUtils__/suite';

const CI_SEEDS = [27, 21, 44];
/**
 * Where the platform runs workflows, these seeds' resource Works come from real resource workflows
 * (every Promise change waits for the re-run); the others' are written by the runner, which keeps
 * CI's time down. The long run (bench/fidelity.sh) uses real workflows on every seed.
 */
const REAL_WORKFLOW_SEEDS = [27];

describe('Kratix fidelity (what-if engine vs the real Kratix manager)', () => {
  let backend: KratixTestBackend;
  beforeAll(async () => {
    backend = await startKratixTestBackend({ plugin: kratixBackendPlugin });
  });
  afterAll(() => backend?.stop());

  it(
    'agrees with Kratix on every scenario and exercises every rule',
    async () => {
      const real = await runSeeds(backend, REAL_WORKFLOW_SEEDS, {
        title: `Kratix fidelity, CI seeds ${REAL_WORKFLOW_SEEDS.join(',')}`,
      });
      const writtenSeeds = CI_SEEDS.filter(
        seed => !REAL_WORKFLOW_SEEDS.includes(seed),
      );
      const written = await runSeeds(backend, writtenSeeds, {
        title: `Kratix fidelity, CI seeds ${writtenSeeds.join(
          ',',
        )} (resource Works written by the runner)`,
        realWorkflows: false,
      });
      const run = { results: [...real.results, ...written.results] };
      const summary = summarize(run.results);
      const failed = run.results
        .filter(r => !r.ok)
        .map(r => ({
          seed: r.seed,
          plan: r.plan,
          error: r.error,
          steps: r.steps.filter(s => !s.ok),
        }));
      expect(failed).toEqual([]);
      expect(summary.agreementLine).toBe(
        `agreement: ${CI_SEEDS.length}/${CI_SEEDS.length} scenarios (100.0%)`,
      );
      expect(summary.missingRules).toEqual([]);
      expect(Object.keys(summary.coverage)).toEqual(
        expect.arrayContaining([...RULES]),
      );
    },
    20 * 60_000,
  );
});
