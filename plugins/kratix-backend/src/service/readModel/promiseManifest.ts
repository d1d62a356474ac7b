import { NotFoundError } from '@backstage/errors';
import { PromiseManifest } from '@kratix-backstage/plugin-kratix-common';
import { Platform } from '@kratix-backstage/plugin-kratix-node';

/** Annotations the apiserver or kubectl write; not part of what a user declares. */
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/**
 * The declarative part of a Promise object: apiVersion, kind, metadata.name/labels/annotations
 * and spec. Drops status and the server-set metadata (uid, resourceVersion, generation,
 * creationTimestamp, managedFields, finalizers, ownerReferences, deletionTimestamp...).
 */
export function promiseManifestOf(obj: any): PromiseManifest {
  const metadata: PromiseManifest['metadata'] = {
    name: String(obj?.metadata?.name ?? ''),
  };
  const labels = obj?.metadata?.labels;
  if (labels && Object.keys(labels).length > 0) metadata.labels = { ...labels };
  const annotations = Object.fromEntries(
    Object.entries(
      (obj?.metadata?.annotations ?? {}) as Record<string, string>,
    ).filter(([k]) => !SERVER_ANNOTATIONS.includes(k)),
  );
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return {
    apiVersion: String(obj?.apiVersion ?? ''),
    kind: String(obj?.kind ?? ''),
    metadata,
    spec: (obj?.spec ?? {}) as Record<string, unknown>,
  };
}

/** Reads the Promise from the apiserver (not the slim cache, which keeps no dependencies). */
export async function readPromiseManifest(
  platform: Platform,
  name: string,
): Promise<PromiseManifest> {
  try {
    return promiseManifestOf(await platform.client.getPromise(name));
  } catch (e) {
    if ((e as Error)?.name === 'NotFoundError') {
      throw new NotFoundError(
        `Promise "${name}" not found on platform ${platform.config.name}`,
      );
    }
    throw e;
  }
}
