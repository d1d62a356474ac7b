/** The Kratix custom resources the plugin reads (group platform.kratix.io, version v1alpha1). */
export const KRATIX_GROUP = 'platform.kratix.io';
export const KRATIX_VERSION = 'v1alpha1';

/** @public */
export interface KratixKind {
  plural: string;
  kind: string;
  namespaced: boolean;
}

export const PROMISES: KratixKind = {
  plural: 'promises',
  kind: 'Promise',
  namespaced: false,
};
export const DESTINATIONS: KratixKind = {
  plural: 'destinations',
  kind: 'Destination',
  namespaced: false,
};
export const WORKS: KratixKind = {
  plural: 'works',
  kind: 'Work',
  namespaced: true,
};
export const WORK_PLACEMENTS: KratixKind = {
  plural: 'workplacements',
  kind: 'WorkPlacement',
  namespaced: true,
};
export const GIT_STATE_STORES: KratixKind = {
  plural: 'gitstatestores',
  kind: 'GitStateStore',
  namespaced: false,
};
export const BUCKET_STATE_STORES: KratixKind = {
  plural: 'bucketstatestores',
  kind: 'BucketStateStore',
  namespaced: false,
};

export const CACHED_KINDS = [
  PROMISES,
  DESTINATIONS,
  WORKS,
  WORK_PLACEMENTS,
  GIT_STATE_STORES,
  BUCKET_STATE_STORES,
] as const;

/** API path of a kind's collection across namespaces. */
export function collectionPath(kind: KratixKind): string {
  return `/apis/${KRATIX_GROUP}/${KRATIX_VERSION}/${kind.plural}`;
}

/** API path of one namespaced object of a kind. */
export function objectPath(
  kind: KratixKind,
  namespace: string,
  name: string,
): string {
  return `/apis/${KRATIX_GROUP}/${KRATIX_VERSION}/namespaces/${encodeURIComponent(
    namespace,
  )}/${kind.plural}/${encodeURIComponent(name)}`;
}
