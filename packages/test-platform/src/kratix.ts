import { customObjects, platformGeneration } from './platform';
import { removeDuplicateStaticDependencyWorks } from './staticDependencyRace';

export const KRATIX = {
  group: 'platform.kratix.io',
  version: 'v1alpha1',
} as const;
export const PLATFORM_NAMESPACE = 'kratix-platform-system';

/** A short random suffix so that tests sharing one platform never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

export function promiseManifest(
  name: string,
  selectors: Array<Record<string, string>>,
  dependencies: any[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `${name}-ns` } },
  ],
): any {
  return {
    apiVersion: 'platform.kratix.io/v1alpha1',
    kind: 'Promise',
    metadata: { name },
    spec: {
      destinationSelectors: selectors.map(matchLabels => ({ matchLabels })),
      dependencies,
    },
  };
}

/**
 * Creates or replaces a Promise. On create it waits, by default, for Kratix's first reconcile:
 * v0.125.0 rewrites the new Promise's spec then (it adds `spec.workflows: {promise: {}, resource: {}}`
 * together with its finalizer, so `metadata.generation` goes 1 -> 2; upstream
 * controllers/promise_controller.go, addFinalizers), and a test that reads the Promise before that
 * would see its generation change under it. `status.status: Available` is written last in that
 * reconcile (same file, end of Reconcile).
 */
export async function applyPromise(
  manifest: any,
  options: { awaitKratix?: boolean } = {},
): Promise<any> {
  try {
    // Kratix writes the Promise itself (finalizers, labels) while it reconciles: this retries on 409.
    return await updateKratixObject(
      { plural: 'promises', name: manifest.metadata.name },
      current => {
        // The manifest replaces the object whole; only the read's resourceVersion is kept.
        const resourceVersion = current.metadata.resourceVersion;
        for (const key of Object.keys(current)) delete current[key];
        Object.assign(current, manifest, {
          metadata: { ...manifest.metadata, resourceVersion },
        });
      },
    );
  } catch (e) {
    if ((e as { code?: number }).code !== 404) throw e;
  }
  const api = customObjects();
  const created = await api.createClusterCustomObject({
    ...KRATIX,
    plural: 'promises',
    body: manifest,
  });
  if (options.awaitKratix === false) return created;
  return awaitKratixReconciled(manifest.metadata.name);
}

/** Waits until Kratix has reconciled a new Promise to Available, and returns it as Kratix left it. */
async function awaitKratixReconciled(
  name: string,
  timeoutMs = 30_000,
): Promise<any> {
  let latest: any;
  await waitFor(
    `Kratix to reconcile new Promise ${name} (status Available)`,
    timeoutMs,
    async () => {
      latest = await getPromise(name);
      return latest.status?.status === 'Available';
    },
  );
  if ((latest.spec?.dependencies ?? []).length > 0)
    await removeDuplicateStaticDependencyWorks(name);
  return latest;
}

export async function getPromise(name: string): Promise<any> {
  return customObjects().getClusterCustomObject({
    ...KRATIX,
    plural: 'promises',
    name,
  });
}

/** Deletes a Promise and waits until Kratix has finished its cleanup (finalizers) and it is gone. */
export async function deletePromise(
  name: string,
  timeoutMs = 60_000,
): Promise<void> {
  const api = customObjects();
  try {
    await api.deleteClusterCustomObject({
      ...KRATIX,
      plural: 'promises',
      name,
    });
  } catch (e) {
    if ((e as { code?: number }).code === 404) return;
    throw e;
  }
  await waitFor(`Promise ${name} deleted`, timeoutMs, async () => {
    try {
      await getPromise(name);
      return false;
    } catch (e) {
      return (e as { code?: number }).code === 404;
    }
  });
}

export async function listWorkPlacements(
  labelSelector?: string,
): Promise<any[]> {
  const res: any = await customObjects().listClusterCustomObject({
    ...KRATIX,
    plural: 'workplacements',
    labelSelector,
  });
  return res.items;
}

export async function listWorks(labelSelector?: string): Promise<any[]> {
  const res: any = await customObjects().listClusterCustomObject({
    ...KRATIX,
    plural: 'works',
    labelSelector,
  });
  return res.items;
}

/** The WorkPlacements of a Promise (by spec.promiseName: v0.125.0 has no Destination label). */
export async function workPlacementsOf(promise: string): Promise<any[]> {
  return (await listWorkPlacements()).filter(
    wp => wp.spec?.promiseName === promise,
  );
}

/**
 * Kratix wrote the WorkPlacement's files: a versionID (v0.125; current when its write made a commit)
 * or WriteSucceeded=True (current reports no versionID for a write that changed nothing).
 */
export function isWritten(wp: any): boolean {
  return Boolean(
    wp?.status?.versionID ||
      (wp?.status?.conditions ?? []).some(
        (c: any) => c.type === 'WriteSucceeded' && c.status === 'True',
      ),
  );
}

export function isMisplaced(wp: any): boolean {
  const l = wp.metadata?.labels ?? {};
  return (
    l['kratix.io/misplaced'] === 'true' ||
    l['kratix.io/misscheduled'] === 'true'
  );
}

/**
 * The `spec.path` that puts a Destination's files under destinations/<name>/ in the store:
 * v0.125 appends the name itself (lib/writers/git.go), current uses the path as given
 * (internal/controller/workplacement_controller.go getDir).
 */
export function destinationSpecPath(name: string): string {
  return platformGeneration() === 'current'
    ? `destinations/${name}`
    : 'destinations';
}

export async function createDestination(
  name: string,
  labels: Record<string, string>,
  spec: Record<string, unknown> = {},
): Promise<any> {
  return customObjects().createClusterCustomObject({
    ...KRATIX,
    plural: 'destinations',
    body: {
      apiVersion: 'platform.kratix.io/v1alpha1',
      kind: 'Destination',
      metadata: { name, labels },
      spec: {
        path: destinationSpecPath(name),
        stateStoreRef: { kind: 'GitStateStore', name: 'local' },
        ...spec,
      },
    },
  });
}

/** Deletes a cluster-scoped Kratix object; one that is gone already is fine. */
export async function deleteKratixClusterObject(
  plural: string,
  name: string,
): Promise<void> {
  try {
    await customObjects().deleteClusterCustomObject({
      ...KRATIX,
      plural,
      name,
    });
  } catch (e) {
    if ((e as { code?: number }).code !== 404) throw e;
  }
}

export async function deleteDestination(name: string): Promise<void> {
  await deleteKratixClusterObject('destinations', name);
}

/** A WorkPlacement as the apiserver has it now, or undefined when there is none of that name. */
export async function getWorkPlacement(
  namespace: string,
  name: string,
): Promise<any | undefined> {
  try {
    return await customObjects().getNamespacedCustomObject({
      ...KRATIX,
      plural: 'workplacements',
      namespace,
      name,
    });
  } catch (e) {
    if ((e as { code?: number }).code === 404) return undefined;
    throw e;
  }
}

/**
 * How long to wait for something that needs a Kratix state-store write (a WorkPlacement's files,
 * or its finalizer on delete). On this platform go-git's push to the file:// store can hang; the
 * platform's git-watchdog ends such a push after 60-70 s and Kratix then retries with its backoff
 * (dev/platform/up.sh). A write normally takes about a second; this allows for one such hang.
 */
export const STATE_STORE_WRITE_WAIT_MS = 120_000;

/** Polls `check` every 250 ms until it returns true; throws naming `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean> | boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) {
      lastError = e;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${
      lastError ? `: ${lastError}` : ''
    }`,
  );
}

/**
 * Get-modify-replace of a Kratix object, retried on conflicts (the Kratix manager writes the same
 * objects, e.g. their status). Returns the object as the apiserver stored it.
 */
export async function updateKratixObject(
  target: { plural: string; name: string; namespace?: string },
  modify: (obj: any) => void,
): Promise<any> {
  const api = customObjects();
  for (let attempt = 0; ; attempt++) {
    const obj: any = target.namespace
      ? await api.getNamespacedCustomObject({
          ...KRATIX,
          plural: target.plural,
          name: target.name,
          namespace: target.namespace,
        })
      : await api.getClusterCustomObject({
          ...KRATIX,
          plural: target.plural,
          name: target.name,
        });
    modify(obj);
    try {
      if (target.namespace) {
        return await api.replaceNamespacedCustomObject({
          ...KRATIX,
          plural: target.plural,
          namespace: target.namespace,
          name: target.name,
          body: obj,
        });
      }
      return await api.replaceClusterCustomObject({
        ...KRATIX,
        plural: target.plural,
        name: target.name,
        body: obj,
      });
    } catch (e) {
      if ((e as { code?: number }).code !== 409 || attempt >= 10) throw e;
    }
  }
}
