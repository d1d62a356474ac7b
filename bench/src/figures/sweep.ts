/*
 * The scale sweep: the same figures at several multiples of scenario S, one row per size, the
 * growth exponent between sizes (log-log slope against the number of WorkPlacements), and the
 * issue's goals at S and 4S judged on those rows.
 */
import { Figure, fmtInt, fmtMB, fmtMs } from '../results/figure';

export interface SizeRow {
  factor: number;
  destinations: number;
  promises: number;
  works: number;
  workPlacements: number;
  misplaced: number;
  seedSeconds: number;
  coldStartMs: number;
  syncMs: number;
  /** The apiserver alone paging through the same objects (kube/listBaseline.ts). */
  apiserverListMs: number;
  misplacedP95: number;
  targetingTypicalP95: number;
  targetingBigP95: number;
  matrixP95: number;
  matrixBytes: number;
  previewP95: number;
  /** Backend CPU time per request (process.cpuUsage over the measured runs): less noisy than latency. */
  misplacedCpuMs: number;
  targetingBigCpuMs: number;
  previewCpuMs: number;
  /** 1-minute load average of the machine when the size's reads started. */
  loadAverage: number;
  /** Settled RSS (full GC, 1 s, full GC, 10 s idle) after the reads and previews. */
  rss: number;
  heapUsed: number;
  /** rss minus the same backend without the Kratix plugins, settled the same way. */
  rssIncrement: number;
}

type Metric = { key: keyof SizeRow; label: string; fmt: (v: number) => string };

export const SWEEP_METRICS: Metric[] = [
  {
    key: 'coldStartMs',
    label: 'cold start',
    fmt: v => `${(v / 1000).toFixed(1)} s`,
  },
  {
    key: 'apiserverListMs',
    label: 'apiserver LIST alone',
    fmt: v => `${(v / 1000).toFixed(1)} s`,
  },
  { key: 'misplacedP95', label: 'misplaced p95', fmt: fmtMs },
  { key: 'targetingTypicalP95', label: 'targeting p95 (typical)', fmt: fmtMs },
  {
    key: 'targetingBigP95',
    label: 'targeting p95 (largest, first page)',
    fmt: fmtMs,
  },
  { key: 'matrixP95', label: 'matrix p95', fmt: fmtMs },
  { key: 'previewP95', label: 'preview p95', fmt: fmtMs },
  { key: 'misplacedCpuMs', label: 'misplaced CPU/request', fmt: fmtMs },
  {
    key: 'targetingBigCpuMs',
    label: 'targeting (largest) CPU/request',
    fmt: fmtMs,
  },
  { key: 'previewCpuMs', label: 'preview CPU/request', fmt: fmtMs },
  { key: 'rss', label: 'RSS', fmt: fmtMB },
  { key: 'rssIncrement', label: 'RSS increment', fmt: fmtMB },
  { key: 'heapUsed', label: 'heap used', fmt: fmtMB },
];

/** log(y2/y1) / log(x2/x1): 1 = linear growth, 0 = flat. */
export function growthExponent(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number {
  if (!(x1 > 0 && x2 > 0 && y1 > 0 && y2 > 0) || x1 === x2) return NaN;
  return Math.log(y2 / y1) / Math.log(x2 / x1);
}

const label = (f: number) =>
  f === 1 ? 'S' : f < 1 ? `S/${Math.round(1 / f)}` : `${f}S`;

export function renderSweep(rows: SizeRow[]): string[] {
  if (rows.length === 0) return [];
  const head = [
    'Size',
    'Destinations',
    'Works',
    'WorkPlacements',
    'seed',
    'load avg',
    ...SWEEP_METRICS.map(m => m.label),
  ];
  const lines = [
    '## Scale sweep',
    '',
    'Each size on a freshly seeded bench control plane, measured in this run one after the other (200 Promises at every size; Destinations, WorkPlacements and misplaced scale). Growth exponent = log-log slope of the figure against the number of WorkPlacements between two sizes (0 flat, 1 linear).',
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map(
      r =>
        `| ${label(r.factor)} | ${fmtInt(r.destinations)} | ${fmtInt(
          r.works,
        )} | ${fmtInt(r.workPlacements)} | ${r.seedSeconds.toFixed(
          0,
        )} s | ${r.loadAverage.toFixed(1)} | ${SWEEP_METRICS.map(m =>
          m.fmt(r[m.key] as number),
        ).join(' | ')} |`,
    ),
  ];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    lines.push(
      `| exponent ${label(a.factor)}→${label(
        b.factor,
      )} | | | | | | ${SWEEP_METRICS.map(m =>
        growthExponent(
          a.workPlacements,
          a[m.key] as number,
          b.workPlacements,
          b[m.key] as number,
        ).toFixed(2),
      ).join(' | ')} |`,
    );
  }
  if (rows.length > 2) {
    const a = rows[0];
    const b = rows[rows.length - 1];
    lines.push(
      `| exponent ${label(a.factor)}→${label(
        b.factor,
      )} | | | | | | ${SWEEP_METRICS.map(m =>
        growthExponent(
          a.workPlacements,
          a[m.key] as number,
          b.workPlacements,
          b[m.key] as number,
        ).toFixed(2),
      ).join(' | ')} |`,
    );
  }
  lines.push('');
  return lines;
}

/** The issue's size-dependent goals, judged on the sweep's rows (missing sizes: not measured). */
export function sweepGoals(rows: SizeRow[]): Figure[] {
  const at = (f: number) => rows.find(r => r.factor === f);
  const S = at(1);
  const S4 = at(4);
  const out: Figure[] = [];
  const goal = (
    id: string,
    name: string,
    row: SizeRow | undefined,
    value: (r: SizeRow) => number,
    fmt: (v: number) => string,
    limit: number,
    goalText: string,
    detail?: (r: SizeRow) => string,
  ) =>
    out.push(
      row
        ? {
            id,
            name,
            result: `${fmt(value(row))}${detail ? ` (${detail(row)})` : ''}`,
            goal: goalText,
            met: value(row) <= limit,
            data: { value: value(row) },
          }
        : {
            id,
            name,
            result: 'not measured',
            goal: goalText,
            met: null,
            notMeasured: 'size not in BENCH_SWEEP',
          },
    );
  const ms = (v: number) => fmtMs(v);
  goal(
    'goal.misplaced.4S',
    'At 4S: misplaced list p95 (one Promise, first page)',
    S4,
    r => r.misplacedP95,
    ms,
    20,
    'p95 ≤ 20 ms',
  );
  goal(
    'goal.targeting.4S',
    "At 4S: targeting p95 (worse of the typical Promise and the largest Promise's first page)",
    S4,
    r => Math.max(r.targetingTypicalP95, r.targetingBigP95),
    ms,
    10,
    'p95 ≤ 10 ms',
  );
  goal(
    'goal.preview.S',
    'At S: what-if preview p95',
    S,
    r => r.previewP95,
    ms,
    200,
    'p95 ≤ 200 ms',
  );
  goal(
    'goal.preview.4S',
    'At 4S: what-if preview p95',
    S4,
    r => r.previewP95,
    ms,
    800,
    'p95 ≤ 800 ms',
  );
  const mb = 1024 * 1024;
  goal(
    'goal.rss.S',
    'At S: backend RSS increment over the same backend without the Kratix plugins (settled)',
    S,
    r => r.rssIncrement,
    fmtMB,
    200 * mb,
    '≤ 200 MB',
  );
  goal(
    'goal.rss.4S',
    'At 4S: backend RSS increment over the same backend without the Kratix plugins (settled)',
    S4,
    r => r.rssIncrement,
    fmtMB,
    600 * mb,
    '≤ 600 MB',
  );
  const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
  const listAlone = (r: SizeRow) =>
    `cache sync ${s(
      r.syncMs,
    )}; the apiserver alone serves the same LIST pages in ${s(
      r.apiserverListMs,
    )}`;
  goal(
    'goal.coldStart.S',
    'At S: cold start to first answer',
    S,
    r => r.coldStartMs,
    s,
    10_000,
    '≤ 10 s',
    listAlone,
  );
  goal(
    'goal.coldStart.4S',
    'At 4S: cold start to first answer',
    S4,
    r => r.coldStartMs,
    s,
    40_000,
    '≤ 40 s',
    listAlone,
  );
  return out;
}
