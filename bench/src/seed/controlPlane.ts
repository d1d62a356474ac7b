/*
 * The bench control plane of one size: restarted fresh (down.sh + up.sh of the bench instance),
 * then seeded, or reused as it is with BENCH_REUSE=1.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { EtcdHttp } from '../kube/etcdHttp';
import { KubeHttp, paths } from '../kube/kubeHttp';
import { readOptions } from '../options';
import { fmtInt } from '../results/figure';
import { log } from '../util/log';
import { BIG_PROMISE, CLEANUP_SET_LABEL, planLayout } from './layout';
import { SeedReport, removeLeftoverCleanupSets, seed } from './seed';

/** A variable run.sh sets; the bench cannot run without it. */
export const env = (name: string) => {
  const v = process.env[name];
  if (!v)
    throw new Error(`${name} is not set (run the bench with: npm run bench)`);
  return v;
};

/** down.sh + up.sh of the bench instance (the environment run.sh set up). */
export function resetControlPlane(): void {
  const root = resolve(__dirname, '../../..');
  execFileSync('bash', [resolve(root, 'dev/platform/down.sh')], {
    stdio: 'ignore',
  });
  execFileSync('bash', [resolve(root, 'dev/platform/up.sh')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function seedOrReuse(
  kube: KubeHttp,
  layout: ReturnType<typeof planLayout>,
  o: ReturnType<typeof readOptions>,
  sizes: { destinations: number; promises: number },
): Promise<{ seeded: SeedReport; counts: Record<string, number> }> {
  let seeded: SeedReport;
  if (
    process.env.BENCH_REUSE === '1' &&
    (await kube.request('GET', `${paths.kratix('promises')}/${BIG_PROMISE}`))
      .status === 200
  ) {
    log(
      'BENCH_REUSE=1: the control plane is already seeded; not seeding again (seed time not measured)',
    );
    const leftovers = await removeLeftoverCleanupSets(kube, CLEANUP_SET_LABEL);
    if (leftovers)
      log(
        `removed ${leftovers} cleanup-set WorkPlacements left by an earlier run`,
      );
    seeded = {
      seconds: NaN,
      objects: 0,
      requests: 0,
      method: 'reused (BENCH_REUSE=1)',
      phases: [],
    };
  } else {
    log(`seeding: ${JSON.stringify(layout.counts)}`);
    const etcd = o.seedViaApiserverOnly
      ? undefined
      : new EtcdHttp(new URL(env('BENCH_ETCD_URL')));
    seeded = await seed(kube, layout, o.seedConcurrency, etcd);
    etcd?.close();
    log(
      `seeded ${fmtInt(seeded.objects)} objects in ${seeded.seconds.toFixed(
        1,
      )} s`,
    );
  }
  const counts = {
    Destinations: sizes.destinations,
    Promises: sizes.promises,
    Works: layout.counts.works,
    WorkPlacements:
      layout.counts.dependencyWorkPlacements +
      layout.counts.resourceWorkPlacements,
    'misplaced WorkPlacements':
      layout.counts.misplacedDependency + layout.counts.misplacedResource,
    'resource requests': layout.resources.length,
  };
  return { seeded, counts };
}
