/** Bench settings: dataset sizes and run counts, overridable from the environment (bench/README.md). */
export interface BenchOptions {
  destinations: number;
  promises: number;
  workPlacements: number;
  misplaced: number;
  /** Misplaced WorkPlacements deleted by each side of the cleanup comparison. */
  cleanupSet: number;
  cleanupConcurrency: number;
  /** Rounds of the cleanup figure (figures/cleanupRounds.ts), BENCH_CLEANUP_ROUNDS. */
  cleanupRounds: number;
  cleanupMaxRequestsPerSecond: number;
  /** Sequential HTTP requests per backend read figure (after warm-up). */
  httpRuns: number;
  /** Runs of each kubectl / client-node baseline. */
  baselineRuns: number;
  previewRuns: number;
  browserRuns: number;
  /** Parallel requests while seeding. */
  seedConcurrency: number;
  /** Seed the bulk kinds through the apiserver only (slow) instead of bulk.ts. */
  seedViaApiserverOnly: boolean;
  /** Skip the browser figure (BENCH_BROWSER=0). */
  browser: boolean;
  appPort: number;
  backendPort: number;
  /**
   * How the browser figure serves the app: `production` (default: `backstage-cli package build`
   * of packages/app, served by the backend's app plugin) or `development` (`backstage-cli repo
   * start`, unminified). BENCH_APP_MODE.
   */
  appMode: 'production' | 'development';
  /**
   * The scale sweep: multiples of scenario S (the sizes above) measured one after the other, each
   * on a freshly seeded control plane (BENCH_SWEEP, default "0.25,1,2,4"; "1" = S only). Promises
   * stay at the set number; Destinations, WorkPlacements and misplaced scale.
   */
  sweep: number[];
  /** Status writes per second and seconds of the churn figure (BENCH_CHURN_RPS, BENCH_CHURN_SECONDS). */
  churnPerSecond: number;
  churnSeconds: number;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function appMode(raw: string | undefined): BenchOptions['appMode'] {
  if (raw === undefined || raw === '' || raw === 'production')
    return 'production';
  if (raw === 'development') return 'development';
  throw new Error(
    `BENCH_APP_MODE must be production or development, got "${raw}"`,
  );
}

function factors(raw: string | undefined): number[] {
  if (raw === undefined || raw === '') return [0.25, 1, 2, 4];
  const out = raw.split(',').map(x => Number(x.trim()));
  if (out.some(n => !(n > 0)) || !out.includes(1))
    throw new Error(
      `BENCH_SWEEP must be positive factors of S including 1, got "${raw}"`,
    );
  return [...new Set(out)].sort((a, b) => a - b);
}

export function readOptions(): BenchOptions {
  return {
    destinations: int('BENCH_DESTINATIONS', 1000),
    promises: int('BENCH_PROMISES', 200),
    workPlacements: int('BENCH_WORKPLACEMENTS', 50_000),
    misplaced: int('BENCH_MISPLACED', 5000),
    cleanupSet: int('BENCH_CLEANUP_SET', 1000),
    cleanupConcurrency: int('BENCH_CLEANUP_CONCURRENCY', 16),
    cleanupRounds: int('BENCH_CLEANUP_ROUNDS', 3),
    cleanupMaxRequestsPerSecond: int('BENCH_CLEANUP_MAX_RPS', 1000),
    httpRuns: int('BENCH_HTTP_RUNS', 200),
    baselineRuns: int('BENCH_BASELINE_RUNS', 5),
    previewRuns: int('BENCH_PREVIEW_RUNS', 30),
    browserRuns: int('BENCH_BROWSER_RUNS', 5),
    seedConcurrency: int('BENCH_SEED_CONCURRENCY', 48),
    seedViaApiserverOnly: process.env.BENCH_SEED_VIA === 'apiserver',
    browser: process.env.BENCH_BROWSER !== '0',
    appPort: int('BENCH_APP_PORT', 21300),
    backendPort: int('BENCH_BACKEND_PORT', 21307),
    appMode: appMode(process.env.BENCH_APP_MODE),
    sweep: factors(process.env.BENCH_SWEEP),
    churnPerSecond: int('BENCH_CHURN_RPS', 200),
    churnSeconds: int('BENCH_CHURN_SECONDS', 60),
  };
}
