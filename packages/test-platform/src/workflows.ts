import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'yaml';
import {
  customObjects,
  platformGeneration,
  platformStateDir,
  repoRoot,
} from './platform';

/**
 * Whether the local platform runs Kratix workflows: it has its node (kubelet, containerd, the Job
 * controller; root only) and the current Kratix manager (dev/platform/README.md, "The node").
 */
export function platformRunsWorkflows(): boolean {
  return (
    existsSync(resolve(platformStateDir(), 'node-enabled')) &&
    platformGeneration() === 'current'
  );
}

/**
 * The demo Promise with real workflows (dev/platform/manifests/demo/workflows/promise.yaml) under
 * another name and API group, so tests never collide with the seed or each other.
 */
export function workflowPromise(name: string, environment: string) {
  const p = yaml.parse(
    readFileSync(
      resolve(repoRoot(), 'dev/platform/manifests/demo/workflows/promise.yaml'),
      'utf8',
    ),
  );
  const group = `${name}.demo.kratix.io`;
  p.metadata.name = name;
  p.spec.destinationSelectors = [{ matchLabels: { environment } }];
  p.spec.api.metadata.name = `teambuckets.${group}`;
  p.spec.api.spec.group = group;
  return { manifest: p, group };
}

/** Requests a TeamBucket of a {@link workflowPromise} in namespace default. */
export async function createTeamBucket(
  group: string,
  name: string,
  spec: Record<string, string>,
): Promise<void> {
  await customObjects().createNamespacedCustomObject({
    group,
    version: 'v1alpha1',
    namespace: 'default',
    plural: 'teambuckets',
    body: {
      apiVersion: `${group}/v1alpha1`,
      kind: 'TeamBucket',
      metadata: { name, namespace: 'default' },
      spec,
    },
  });
}

/** Deletes a TeamBucket request (gone already is fine). */
export async function deleteTeamBucket(
  group: string,
  name: string,
): Promise<void> {
  await customObjects()
    .deleteNamespacedCustomObject({
      group,
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'teambuckets',
      name,
    })
    .catch(() => undefined);
}

/** Kratix set the request's ConfigureWorkflowCompleted condition True (its workflow succeeded). */
export async function teamBucketConfigured(
  group: string,
  name: string,
): Promise<boolean> {
  const obj: any = await customObjects()
    .getNamespacedCustomObject({
      group,
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'teambuckets',
      name,
    })
    .catch(() => undefined);
  return (obj?.status?.conditions ?? []).some(
    (c: { type: string; status: string }) =>
      c.type === 'ConfigureWorkflowCompleted' && c.status === 'True',
  );
}
