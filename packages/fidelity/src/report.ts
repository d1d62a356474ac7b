/*
 * The fidelity report: per-rule coverage, agreement, and every disagreement with its seed.
 */
import { EXTRA_RULES, RULES, RULE_DESCRIPTIONS, Rule } from './coverage';

/** The parts of a scenario result the report needs (see __testUtils__/runner.ts). */
export interface ReportedScenario {
  seed: number;
  plan: string;
  ok: boolean;
  /** Failed only because the platform did not write in time, even after re-runs. */
  inconclusive?: boolean;
  cleanupError?: string;
  error?: string;
  rules: readonly Rule[];
  durationMs: number;
  leaked: readonly string[];
  notes: readonly string[];
  steps: ReadonlyArray<{
    index: number;
    label: string;
    ok: boolean;
    rules: readonly Rule[];
    notes: readonly string[];
    phases: ReadonlyArray<{
      name: string;
      ok: boolean;
      diffs: readonly string[];
      early: readonly string[];
      tolerated486: readonly string[];
    }>;
  }>;
}

export interface FidelitySummary {
  scenarios: number;
  agreed: number;
  /** Scenarios where Kratix did something other than predicted (or the runner failed). */
  disagreed: number;
  /** Left out of the agreement: the platform did not write in time, no state differed. */
  inconclusive: number;
  steps: number;
  stepsAgreed: number;
  phases: number;
  coverage: Record<Rule, { scenarios: number; steps: number }>;
  missingRules: Rule[];
  early: number;
  tolerated486: number;
  leaked: number;
  agreementLine: string;
}

export function summarize(
  results: readonly ReportedScenario[],
): FidelitySummary {
  const coverage = Object.fromEntries(
    [...RULES, ...EXTRA_RULES].map(r => [r, { scenarios: 0, steps: 0 }]),
  ) as Record<Rule, { scenarios: number; steps: number }>;
  let steps = 0;
  let stepsAgreed = 0;
  let phases = 0;
  let early = 0;
  let tolerated486 = 0;
  let leaked = 0;
  for (const r of results) {
    for (const rule of new Set(r.rules)) coverage[rule].scenarios++;
    for (const s of r.steps) {
      steps++;
      if (s.ok) stepsAgreed++;
      for (const rule of new Set(s.rules)) coverage[rule].steps++;
      for (const p of s.phases) {
        phases++;
        early += p.early.length;
        tolerated486 += p.tolerated486.length;
      }
    }
    leaked += r.leaked.length;
  }
  const agreed = results.filter(r => r.ok).length;
  const inconclusive = results.filter(r => !r.ok && r.inconclusive).length;
  const conclusive = results.length - inconclusive;
  const pct = conclusive ? ((100 * agreed) / conclusive).toFixed(1) : '0.0';
  return {
    scenarios: results.length,
    agreed,
    disagreed: conclusive - agreed,
    inconclusive,
    steps,
    stepsAgreed,
    phases,
    coverage,
    missingRules: RULES.filter(r => coverage[r].scenarios === 0),
    early,
    tolerated486,
    leaked,
    agreementLine: `agreement: ${agreed}/${conclusive} scenarios (${pct}%)`,
  };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function padStart(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

export function formatReport(
  results: readonly ReportedScenario[],
  options: { title?: string; durationMs?: number; retries?: number } = {},
): string {
  const s = summarize(results);
  const lines: string[] = [];
  lines.push(
    options.title ??
      'Kratix fidelity (what-if engine vs the real Kratix manager)',
  );
  lines.push(
    `${s.scenarios} scenarios, ${s.steps} compared steps (${
      s.stepsAgreed
    } agreed), ${s.phases} compared states${
      options.durationMs !== undefined
        ? `, ${(options.durationMs / 1000).toFixed(0)} s`
        : ''
    }`,
  );
  lines.push('');
  lines.push(
    `${pad('rule', 33)}${padStart('scenarios', 10)}${padStart(
      'steps',
      8,
    )}  description`,
  );
  for (const rule of [...RULES, ...EXTRA_RULES]) {
    const c = s.coverage[rule];
    const required = (RULES as readonly string[]).includes(rule);
    lines.push(
      `${pad(`${rule}${required ? '' : ' (extra)'}`, 33)}${padStart(
        String(c.scenarios),
        10,
      )}${padStart(String(c.steps), 8)}  ${RULE_DESCRIPTIONS[rule]}`,
    );
  }
  lines.push('');
  lines.push(
    `deferred effects Kratix showed before the nudge (triggered by unrelated events): ${s.early}`,
  );
  lines.push(
    `resource WorkPlacements labelled by #486 while correctly placed (tolerated): ${s.tolerated486}`,
  );
  if (options.retries) {
    lines.push(
      `scenarios re-run because the platform did not write in time (state store under load, no state differed): ${options.retries}`,
    );
  }
  const cleanupFailures = results.filter(r => r.cleanupError).length;
  if (cleanupFailures) {
    lines.push(
      `scenarios whose cleanup did not finish (not counted against agreement): ${cleanupFailures}`,
    );
  }
  if (s.leaked)
    lines.push(
      `Destinations left behind (other Promises' WorkPlacements on them): ${s.leaked}`,
    );
  if (s.missingRules.length)
    lines.push(`rules NOT exercised: ${s.missingRules.join(', ')}`);
  if (s.inconclusive) {
    lines.push(
      `inconclusive (left out of the agreement): ${s.inconclusive} scenario(s) where the platform did not write in time after every re-run; no state differed`,
    );
  }
  const failed = results.filter(r => !r.ok);
  if (failed.length) {
    lines.push('');
    lines.push('disagreements and inconclusive scenarios:');
    for (const r of failed) {
      lines.push(`- seed ${r.seed}${r.inconclusive ? ' (inconclusive)' : ''}`);
      lines.push(r.plan.replace(/^/gm, '    '));
      if (r.error)
        lines.push(
          `    error: ${r.error.split('\n').slice(0, 6).join('\n    ')}`,
        );
      for (const st of r.steps.filter(x => !x.ok)) {
        lines.push(`    step ${st.index} (${st.label}):`);
        for (const p of st.phases.filter(x => !x.ok)) {
          for (const d of p.diffs) lines.push(`      [${p.name}] ${d}`);
        }
      }
    }
  }
  const notes = results.flatMap(r => r.notes.map(n => `seed ${r.seed}: ${n}`));
  const stepNotes = results.flatMap(r =>
    r.steps.flatMap(st =>
      st.notes.map(n => `seed ${r.seed} step ${st.index}: ${n}`),
    ),
  );
  if (notes.length + stepNotes.length) {
    lines.push('');
    lines.push('notes:');
    for (const n of [...notes, ...stepNotes]) lines.push(`- ${n}`);
  }
  lines.push('');
  lines.push(s.agreementLine);
  return lines.join('\n');
}
