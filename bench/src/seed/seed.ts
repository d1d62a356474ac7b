/*
 * Seeds the bench control plane with the layout (layout.ts) in Kratix's shapes (shapes.ts):
 * parallel POSTs over keep-alive connections, each followed by its status write; the bulk kinds
 * (Works, WorkPlacements, resource requests) through bulk.ts unless seeding via the apiserver only.
 */
import { EtcdHttp, registryKey } from '../kube/etcdHttp';
import { KubeHttp, paths } from '../kube/kubeHttp';
import { BulkTarget, BulkWriter, waitForCount } from './bulk';
import { log } from '../util/log';
import { mapPool } from '../util/pool';
import {
  BIG_PROMISE,
  Layout,
  PromisePlan,
  poolMembers,
  destinationName,
} from './layout';
import {
  RESOURCE_API,
  Shaped,
  SYSTEM_NAMESPACE,
  destination,
  gitStateStore,
  promise,
  resourceCrd,
} from './shapes';
import {
  WorkRef,
  resourceRequest,
  resourceWork,
  staticDependencyWork,
  workPlacement,
} from './workShapes';

export interface SeedReport {
  seconds: number;
  objects: number;
  requests: number;
  /** How the bulk kinds were written. */
  method: string;
  phases: Array<{ name: string; objects: number; seconds: number }>;
}

export class Seeder {
  requests = 0;
  readonly phases: SeedReport['phases'] = [];

  constructor(
    private readonly kube: KubeHttp,
    private readonly concurrency: number,
    readonly bulk?: BulkWriter,
  ) {}

  /** The bulk kinds: through BulkWriter when there is one, else like createAll. */
  async bulkAll(
    name: string,
    target: (s: Shaped) => BulkTarget,
    objects: Shaped[],
  ): Promise<any[]> {
    if (!this.bulk)
      return this.createAll(name, s => target(s).collection, objects);
    const t0 = performance.now();
    const written = await this.bulk.write(objects, target);
    const seconds = (performance.now() - t0) / 1000;
    this.phases.push({ name, objects: objects.length, seconds });
    log(
      `seed: ${objects.length} ${name} in ${seconds.toFixed(1)}s (${Math.round(
        objects.length / seconds,
      )}/s, first of each shape via the apiserver)`,
    );
    return written;
  }

  /** Creates each object (and writes its status) with bounded parallelism. */
  async createAll(
    name: string,
    collection: (s: Shaped) => string,
    objects: Shaped[],
  ): Promise<any[]> {
    const t0 = performance.now();
    const created = await mapPool(objects, this.concurrency, async s => {
      const coll = collection(s);
      let obj = await this.kube.create(coll, s.body);
      this.requests += 1;
      if (s.status) {
        // The object as it is after its status write (its current resourceVersion).
        obj = await this.kube.patchStatus(
          `${coll}/${s.body.metadata.name}`,
          s.status,
        );
        this.requests += 1;
      }
      return obj;
    });
    const seconds = (performance.now() - t0) / 1000;
    this.phases.push({ name, objects: objects.length, seconds });
    log(
      `seed: ${objects.length} ${name} in ${seconds.toFixed(1)}s (${Math.round(
        objects.length / seconds,
      )}/s)`,
    );
    return created;
  }
}

const slimWork = (w: any): WorkRef => ({
  metadata: {
    name: w.metadata.name,
    namespace: w.metadata.namespace,
    uid: w.metadata.uid,
    labels: w.metadata.labels ?? {},
  },
  spec: w.spec,
});

/** Misplacement ages spread over the last day (seconds). */
export const ageOf = (i: number) => 3600 + ((i * 7919) % 82_800);

async function waitEstablished(kube: KubeHttp, crdName: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const crd = await kube.json('GET', `${paths.crds}/${crdName}`);
    if (
      (crd.status?.conditions ?? []).some(
        (c: any) => c.type === 'Established' && c.status === 'True',
      )
    )
      return;
    if (Date.now() > deadline)
      throw new Error(`CRD ${crdName} not Established after 60s`);
    await new Promise(r => setTimeout(r, 200));
  }
}

const kratixTarget =
  (plural: string) =>
  (s: Shaped): BulkTarget => ({
    collection: paths.kratix(plural, s.body.metadata.namespace),
    key: registryKey(
      'platform.kratix.io',
      plural,
      s.body.metadata.namespace,
      s.body.metadata.name,
    ),
  });

/** Seeds the layout; with `etcd`, the bulk kinds are written as bulk.ts explains. */
export async function seed(
  kube: KubeHttp,
  layout: Layout,
  concurrency: number,
  etcd?: EtcdHttp,
): Promise<SeedReport> {
  const t0 = performance.now();
  const s = new Seeder(
    kube,
    concurrency,
    etcd ? new BulkWriter(kube, etcd) : undefined,
  );
  const byPromise = new Map(layout.promises.map(p => [p.name, p]));

  await s.createAll(
    'namespaces',
    () => paths.namespaces,
    layout.namespaces.map(name => ({
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    })),
  );
  const [secret, store] = gitStateStore();
  await s.createAll(
    'state store Secret',
    () => paths.secrets(SYSTEM_NAMESPACE),
    [secret],
  );
  await s.createAll('GitStateStore', () => paths.kratix('gitstatestores'), [
    store,
  ]);
  const crd = resourceCrd();
  await s.createAll('resource CRD', () => paths.crds, [crd]);
  await waitEstablished(kube, crd.body.metadata.name);

  await s.createAll(
    'Destinations',
    () => paths.kratix('destinations'),
    layout.destinations.map(d => destination(d.name, d.labels)),
  );
  await s.createAll(
    'Promises',
    () => paths.kratix('promises'),
    layout.promises.map(promise),
  );

  const big = byPromise.get(BIG_PROMISE)!;
  const staticWorks = await s.createAll(
    'static-dependency Works',
    () => paths.kratix('works', SYSTEM_NAMESPACE),
    layout.promises.map(p =>
      staticDependencyWork(p, p.previousPool !== undefined),
    ),
  );
  const resourceWorks = await s.bulkAll(
    'resource Works',
    kratixTarget('works'),
    layout.resources.map(r => resourceWork(big.name, big.pool, r)),
  );
  await s.bulkAll(
    `resource requests (${RESOURCE_API.kind})`,
    sh => ({
      collection: paths.custom(
        RESOURCE_API.group,
        RESOURCE_API.version,
        RESOURCE_API.plural,
        sh.body.metadata.namespace,
      ),
      key: registryKey(
        RESOURCE_API.group,
        RESOURCE_API.plural,
        sh.body.metadata.namespace,
        sh.body.metadata.name,
      ),
    }),
    layout.resources.map(resourceRequest),
  );

  const works = new Map<string, WorkRef>();
  staticWorks.forEach((w, i) =>
    works.set(layout.promises[i].name, slimWork(w)),
  );
  const wps: Shaped[] = [];
  let misplacedIndex = 0;
  for (const p of layout.promises) {
    const work = works.get(p.name)!;
    for (const i of poolMembers(layout.sizes.destinations, p.pool))
      wps.push(workPlacement(work, destinationName(i), false, 0));
    if (p.previousPool !== undefined) {
      for (const i of poolMembers(layout.sizes.destinations, p.previousPool)) {
        wps.push(
          workPlacement(
            work,
            destinationName(i),
            true,
            ageOf(misplacedIndex++),
          ),
        );
      }
    }
  }
  resourceWorks.forEach((w, j) => {
    const r = layout.resources[j];
    wps.push(
      workPlacement(
        slimWork(w),
        r.destination,
        r.misplaced,
        r.misplaced ? ageOf(misplacedIndex++) : 0,
      ),
    );
  });
  await s.bulkAll('WorkPlacements', kratixTarget('workplacements'), wps);
  if (s.bulk) {
    // The apiserver must serve everything before anything is measured.
    await waitForCount(kube, paths.kratix('works'), layout.counts.works);
    await waitForCount(kube, paths.kratix('workplacements'), wps.length);
    await waitForCount(
      kube,
      paths.custom(
        RESOURCE_API.group,
        RESOURCE_API.version,
        RESOURCE_API.plural,
      ),
      layout.resources.length,
    );
  }

  const seconds = (performance.now() - t0) / 1000;
  const objects = s.phases.reduce((n, p) => n + p.objects, 0);
  const method = s.bulk
    ? `apiserver (parallel creates + status writes) for ${
        objects - s.bulk.viaEtcd
      } objects incl. the first of each shape; ${
        s.bulk.viaEtcd
      } more of those shapes written into etcd (bench/src/seed/bulk.ts)`
    : 'apiserver only (parallel creates + status writes)';
  return {
    seconds,
    objects,
    requests: s.requests + (s.bulk?.requests ?? 0),
    method,
    phases: s.phases,
  };
}

/** The static-dependency Work of a Promise, read back from the apiserver. */
export async function staticWorkOf(
  kube: KubeHttp,
  p: PromisePlan,
): Promise<WorkRef> {
  const name = staticDependencyWork(p, false).body.metadata.name;
  return slimWork(
    await kube.json(
      'GET',
      `${paths.kratix('works', SYSTEM_NAMESPACE)}/${name}`,
    ),
  );
}

/**
 * Removes what earlier runs on a kept control plane (BENCH_REUSE=1) left of the cleanup sets:
 * deleted WorkPlacements wait forever on their finalizer, since no Kratix manager runs here.
 */
export async function removeLeftoverCleanupSets(
  kube: KubeHttp,
  label: string,
): Promise<number> {
  const list = await kube.json(
    'GET',
    `${paths.kratix('workplacements')}?labelSelector=${encodeURIComponent(
      label,
    )}`,
  );
  await mapPool(list.items as any[], 32, async wp => {
    const path = `${paths.kratix('workplacements', wp.metadata.namespace)}/${
      wp.metadata.name
    }`;
    await kube.json(
      'PATCH',
      path,
      { metadata: { finalizers: null } },
      'application/merge-patch+json',
    );
    await kube.request('DELETE', path);
  });
  return list.items.length;
}

/**
 * One cleanup set: misplaced dependency WorkPlacements of the given Promises' static-dependency
 * Works, all carrying `label` so that kubectl can select exactly them.
 */
export async function seedCleanupSet(
  kube: KubeHttp,
  concurrency: number,
  set: Array<{ promise: PromisePlan; destinations: string[] }>,
  label: Record<string, string>,
): Promise<{
  items: Array<{
    namespace: string;
    name: string;
    uid: string;
    resourceVersion: string;
  }>;
  seconds: number;
}> {
  const s = new Seeder(kube, concurrency);
  const shaped: Shaped[] = [];
  let i = 0;
  const t0 = performance.now();
  for (const { promise: p, destinations } of set) {
    const work = await staticWorkOf(kube, p);
    for (const d of destinations)
      shaped.push(workPlacement(work, d, true, ageOf(i++), label));
  }
  const created = await s.createAll(
    `cleanup-set WorkPlacements ${JSON.stringify(label)}`,
    sh => paths.kratix('workplacements', sh.body.metadata.namespace),
    shaped,
  );
  return {
    items: created.map(o => ({
      namespace: o.metadata.namespace,
      name: o.metadata.name,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
    })),
    seconds: (performance.now() - t0) / 1000,
  };
}
