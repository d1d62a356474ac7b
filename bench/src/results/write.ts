/** Writes bench/results/latest.md and latest.json (BENCH_RESULTS_NAME: another name than "latest"). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Figure } from './figure';

export interface Environment {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGB: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  node: string;
  kubernetes: string;
  kubectl: string;
  kratix: string;
  totalSeconds: number;
}

export interface SeedSummary {
  seconds: number;
  objects: number;
  requests: number;
  method: string;
  counts: Record<string, number>;
  phases: Array<{ name: string; objects: number; seconds: number }>;
}

const resultsName = () => {
  const name = process.env.BENCH_RESULTS_NAME || 'latest';
  if (!/^[a-z0-9-]+$/.test(name))
    throw new Error(`BENCH_RESULTS_NAME must be [a-z0-9-]+, got "${name}"`);
  return name;
};

const esc = (s: string) => s.replace(/\|/g, '\\|');
const status = (f: Figure) =>
  f.met === true
    ? 'met'
    : f.met === false
    ? '**missed**'
    : f.notMeasured
    ? 'not measured'
    : '–';

export function renderMarkdown(
  env: Environment,
  seed: SeedSummary,
  figures: Figure[],
  notes: string[],
  sections: string[] = [],
): string {
  const lines = [
    '# Benchmarks at platform scale — latest run',
    '',
    `Run by \`npm run bench\` (bench/README.md explains every figure) on ${env.date}.`,
    '',
    '| Machine and versions | |',
    '|---|---|',
    `| CPU cores | ${env.cores} (${env.cpuModel}), ${env.memoryGB} GB RAM |`,
    `| Load average (1/5/15 min) at start / end | ${env.loadAverageAtStart
      .map(n => n.toFixed(1))
      .join(' ')} / ${env.loadAverageAtEnd.map(n => n.toFixed(1)).join(' ')} |`,
    `| Node | ${env.node} |`,
    `| Kubernetes (kube-apiserver / kubectl) | ${env.kubernetes} / ${env.kubectl} |`,
    `| Kratix (CRDs and object shapes) | ${env.kratix} |`,
    `| Seed | ${seed.objects.toLocaleString(
      'en-US',
    )} objects in **${seed.seconds.toFixed(
      0,
    )} s** (${seed.requests.toLocaleString('en-US')} requests); ${
      seed.method
    } |`,
    `| Dataset | ${Object.entries(seed.counts)
      .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
      .join(', ')} |`,
    `| Whole run | ${Math.round(env.totalSeconds)} s |`,
    '',
    '| Figure | Result | Baseline | Goal | |',
    '|---|---|---|---|---|',
    ...figures.map(
      f =>
        `| ${esc(f.name)} | ${esc(f.result)} | ${esc(f.baseline ?? '')} | ${esc(
          f.goal ?? '',
        )} | ${status(f)} |`,
    ),
    '',
  ];
  lines.push(...sections);
  const nm = figures.filter(f => f.notMeasured);
  if (nm.length) {
    lines.push(
      '## Not measured',
      '',
      ...nm.map(f => `- ${f.name}: ${f.notMeasured}`),
      '',
    );
  }
  if (notes.length) lines.push('## Notes', '', ...notes.map(n => `- ${n}`), '');
  lines.push(
    '## Seed phases',
    '',
    '| Phase | Objects | Seconds |',
    '|---|---|---|',
    ...seed.phases.map(
      p =>
        `| ${p.name} | ${p.objects.toLocaleString(
          'en-US',
        )} | ${p.seconds.toFixed(1)} |`,
    ),
    '',
  );
  return lines.join('\n');
}

export function writeResults(
  dir: string,
  env: Environment,
  seed: SeedSummary,
  figures: Figure[],
  notes: string[],
  sections: string[] = [],
  extra: Record<string, unknown> = {},
): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    resolve(dir, `${resultsName()}.md`),
    renderMarkdown(env, seed, figures, notes, sections),
  );
  writeFileSync(
    resolve(dir, `${resultsName()}.json`),
    `${JSON.stringify(
      { environment: env, seed, figures, notes, ...extra },
      null,
      2,
    )}\n`,
  );
  return resolve(dir, `${resultsName()}.md`);
}
