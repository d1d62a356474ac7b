/*
 * Runs a list of seeds one after the other (scenarios share the platform, so never in parallel)
 * and prints progress and the report straight to stdout (jest's console adds stack lines).
 */
import { formatReport } from '../report';
import { describePlan, generateScenario } from '../scenario';
import { FidelityRunner, RunnerOptions, ScenarioResult } from './runner';
import {
  KratixTestBackend,
  platformGeneration,
  pruneDeletedDestinationFiles,
} from '@kratix-backstage/test-platform';

/** Re-runs of a scenario whose only problem was the platform not writing in time. */
const MAX_PLATFORM_RETRIES = 3;

function firstProblem(r: ScenarioResult): string {
  if (r.error) return r.error.split('\n')[0];
  for (const s of r.steps)
    for (const p of s.phases) if (!p.ok) return p.diffs[0] ?? p.name;
  return 'unknown';
}

export interface SuiteRun {
  results: ScenarioResult[];
  durationMs: number;
  report: string;
}

/** A short random suffix for this process's scenario names (the structure depends on the seed only). */
export function runNonce(): string {
  return Math.random().toString(36).slice(2, 5).padEnd(3, '0');
}

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Scenarios between two prunings of the state store. */
const PRUNE_EVERY = 10;

export async function runSeeds(
  backend: KratixTestBackend,
  seeds: readonly number[],
  options: RunnerOptions & { title?: string; verbose?: boolean } = {},
): Promise<SuiteRun> {
  const nonce = runNonce();
  const runner = new FidelityRunner(backend, {
    ...options,
    log: options.verbose ? print : undefined,
  });
  const started = Date.now();
  const results: ScenarioResult[] = [];
  let retries = 0;
  for (const [i, seed] of seeds.entries()) {
    let result: ScenarioResult;
    for (let attempt = 0; ; attempt++) {
      // A re-run gets new names (a new nonce); its structure is the same (same seed).
      const plan = generateScenario(seed, attempt === 0 ? nonce : runNonce(), {
        generation: platformGeneration(),
      });
      if (options.verbose) print(describePlan(plan));
      result = await runner.run(plan);
      if (!result.inconclusive || attempt >= MAX_PLATFORM_RETRIES) break;
      retries++;
      print(
        `[${i + 1}/${
          seeds.length
        }] seed ${seed}: the platform did not write in time (${firstProblem(
          result,
        )}); re-running it`,
      );
    }
    results.push(result);
    // Keep the state store small: Kratix keeps deleted Destinations' files and clones the whole
    // tree on every write (see pruneDeletedDestinationFiles).
    if ((i + 1) % PRUNE_EVERY === 0) await pruneDeletedDestinationFiles();
    const agreed = results.filter(r => r.ok).length;
    const conclusive = results.filter(r => r.ok || !r.inconclusive).length;
    let verdict = 'DISAGREES';
    if (result.ok) verdict = 'agrees';
    else if (result.inconclusive) verdict = 'INCONCLUSIVE';
    const seconds = (result.durationMs / 1000).toFixed(1);
    print(
      `[${i + 1}/${seeds.length}] seed ${seed} ${verdict} (${
        result.steps.length
      } steps, ${seconds} s) rules: ${result.rules.join(
        ' ',
      )}; running agreement ${agreed}/${conclusive}`,
    );
    if (!result.ok) {
      print(result.plan.replace(/^/gm, '    '));
      if (result.error) print(`    error: ${result.error}`);
      for (const s of result.steps.filter(x => !x.ok)) {
        for (const p of s.phases.filter(x => !x.ok)) {
          for (const d of p.diffs)
            print(`    step ${s.index} [${p.name}] ${d}`);
        }
      }
    }
  }
  const durationMs = Date.now() - started;
  const report = formatReport(results, {
    title: options.title,
    durationMs,
    retries,
  });
  print('');
  print(report);
  return { results, durationMs, report };
}
