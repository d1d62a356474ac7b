import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  Entity,
  EntityLink,
  KubernetesValidatorFunctions,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  KRATIX_DESTINATION_LABELS_ANNOTATION,
  KRATIX_DESTINATION_NAME_ANNOTATION,
  KRATIX_PLATFORM_ANNOTATION,
  KRATIX_PROMISE_NAME_ANNOTATION,
  KRATIX_STRICT_MATCH_LABELS_ANNOTATION,
  PROMISE_VERSION_LABEL,
  SlimDestination,
  SlimPromise,
  promiseSelector,
} from '@kratix-backstage/plugin-kratix-common';
import {
  ANNOTATION_API_GROUP,
  ANNOTATION_API_KIND,
  ANNOTATION_API_PATH,
  ANNOTATION_API_PLURAL,
  ANNOTATION_API_VERSION,
  ANNOTATION_DELETING,
  ANNOTATION_DESTINATION_PATH,
  ANNOTATION_DESTINATION_SELECTORS,
  ANNOTATION_PROMISE_VERSION,
  ANNOTATION_READY,
  ANNOTATION_READY_REASON,
  ANNOTATION_STATE_STORE,
  ANNOTATION_STATUS,
  DESTINATION_ENTITY_TYPE,
  PROMISE_ENTITY_TYPE,
} from './annotations';
import { kratixEntityName } from './naming';

/**
 * Everything about the platform and configuration that shapes its entities.
 *
 * @public
 */
export interface EntityContext {
  platform: string;
  /** More than one platform is configured: names get the platform as prefix. */
  multiPlatform: boolean;
  /** Annotation (else label) holding the owner; see config.d.ts. */
  ownerAnnotation: string;
  defaultOwner: string;
  /** `app.baseUrl`: adds a link to the entity's Kratix tab. */
  appBaseUrl?: string;
  /** The platform's Kubernetes API server URL: adds a link to a Promise's resource API. */
  apiServerUrl?: string;
}

/**
 * The location the entities are managed by: `kratix-platform:<platform>`.
 *
 * @public
 */
export function kratixLocationRef(platform: string): string {
  return `kratix-platform:${platform}`;
}

export function promiseEntityRef(
  ctx: EntityContext,
  promiseName: string,
): string {
  return stringifyEntityRef({
    kind: 'Component',
    namespace: DEFAULT_NAMESPACE,
    name: kratixEntityName(ctx.platform, promiseName, ctx.multiPlatform),
  });
}

export function destinationEntityRef(
  ctx: EntityContext,
  destinationName: string,
): string {
  return stringifyEntityRef({
    kind: 'Resource',
    namespace: DEFAULT_NAMESPACE,
    name: kratixEntityName(ctx.platform, destinationName, ctx.multiPlatform),
  });
}

/**
 * The owner from the configured annotation, else label, else the default owner.
 *
 * @public
 */
export function ownerOf(
  object: {
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  },
  ctx: Pick<EntityContext, 'ownerAnnotation' | 'defaultOwner'>,
): string {
  const value =
    object.annotations?.[ctx.ownerAnnotation]?.trim() ||
    object.labels?.[ctx.ownerAnnotation]?.trim();
  return value || ctx.defaultOwner;
}

function locationAnnotations(ctx: EntityContext): Record<string, string> {
  const location = kratixLocationRef(ctx.platform);
  return {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
  };
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => a.localeCompare(b)),
  );
}

function titleSuffix(ctx: EntityContext): string {
  return ctx.multiPlatform ? ` (${ctx.platform})` : '';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function kratixTabLink(
  ctx: EntityContext,
  kind: string,
  name: string,
): EntityLink[] {
  if (!ctx.appBaseUrl) return [];
  return [
    {
      url: `${trimSlash(
        ctx.appBaseUrl,
      )}/catalog/${DEFAULT_NAMESPACE}/${kind}/${name}/kratix-targeting`,
      title: 'Kratix: Destinations and placements',
      icon: 'dashboard',
      type: 'kratix',
    },
  ];
}

/**
 * The Component of a Promise. `targetedDestinationNames` are the Destinations it targets today
 * (targeting.ts); they become `spec.dependsOn`, so the catalog graph shows the targeting.
 *
 * @public
 */
export function buildPromiseEntity(
  promise: SlimPromise,
  targetedDestinationNames: readonly string[],
  ctx: EntityContext,
): Entity {
  const name = kratixEntityName(ctx.platform, promise.name, ctx.multiPlatform);
  const api = promise.api;
  const apiVersion = api?.versions[0];
  const apiPath =
    api && apiVersion
      ? `/apis/${api.group}/${apiVersion}/${api.plural}`
      : undefined;
  const version =
    promise.status.version || promise.labels[PROMISE_VERSION_LABEL];

  const annotations: Record<string, string> = {
    ...locationAnnotations(ctx),
    [KRATIX_PROMISE_NAME_ANNOTATION]: promise.name,
    [KRATIX_PLATFORM_ANNOTATION]: ctx.platform,
    [ANNOTATION_STATUS]: promise.status.status || 'Unknown',
    [ANNOTATION_DESTINATION_SELECTORS]: JSON.stringify(
      sortedRecord(promiseSelector(promise)),
    ),
  };
  if (version) annotations[ANNOTATION_PROMISE_VERSION] = version;
  if (promise.deletionTimestamp) annotations[ANNOTATION_DELETING] = 'true';
  if (api) {
    annotations[ANNOTATION_API_KIND] = api.kind;
    annotations[ANNOTATION_API_GROUP] = api.group;
    if (apiVersion) annotations[ANNOTATION_API_VERSION] = apiVersion;
    if (api.plural) annotations[ANNOTATION_API_PLURAL] = api.plural;
    if (apiPath) annotations[ANNOTATION_API_PATH] = apiPath;
  }

  const links: EntityLink[] = kratixTabLink(ctx, 'component', name);
  if (apiPath && ctx.apiServerUrl) {
    links.push({
      url: `${trimSlash(ctx.apiServerUrl)}${apiPath}`,
      title: `Kubernetes API: ${api!.kind} (${api!.plural}.${
        api!.group
      }/${apiVersion})`,
      icon: 'code',
      type: 'kratix-api',
    });
  }

  const offers = api
    ? `offers ${api.kind} (${api.group}) resources`
    : `installs ${promise.dependencyCount} dependenc${
        promise.dependencyCount === 1 ? 'y' : 'ies'
      }`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: DEFAULT_NAMESPACE,
      title: `${api?.kind ?? promise.name}${titleSuffix(ctx)}`,
      description: `Kratix Promise "${promise.name}" on platform "${ctx.platform}": ${offers}.`,
      annotations,
      tags: ['kratix', 'kratix-promise'],
      ...(links.length ? { links } : {}),
    },
    spec: {
      type: PROMISE_ENTITY_TYPE,
      lifecycle: 'production',
      owner: ownerOf(promise, ctx),
      dependsOn: [...targetedDestinationNames]
        .sort()
        .map(d => destinationEntityRef(ctx, d)),
    },
  };
}

/** Split Kubernetes labels into those that are valid Backstage labels and the rest. */
export function validEntityLabels(labels: Record<string, string>): {
  valid: Record<string, string>;
  invalid: string[];
} {
  const valid: Record<string, string> = {};
  const invalid: string[] = [];
  for (const [key, value] of Object.entries(labels).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (
      KubernetesValidatorFunctions.isValidLabelKey(key) &&
      KubernetesValidatorFunctions.isValidLabelValue(value)
    ) {
      valid[key] = value;
    } else {
      invalid.push(key);
    }
  }
  return { valid, invalid };
}

/**
 * The Resource of a Destination. Its labels (the ones Promises select on) become entity labels
 * where they are valid Backstage labels, and all of them are kept as JSON in
 * `kratix.io/destination-labels`.
 *
 * @public
 */
export function buildDestinationEntity(
  destination: SlimDestination,
  ctx: EntityContext,
): Entity {
  const name = kratixEntityName(
    ctx.platform,
    destination.name,
    ctx.multiPlatform,
  );
  const { valid } = validEntityLabels(destination.labels);
  const store = destination.stateStoreRef;
  const annotations: Record<string, string> = {
    ...locationAnnotations(ctx),
    [KRATIX_DESTINATION_NAME_ANNOTATION]: destination.name,
    [KRATIX_PLATFORM_ANNOTATION]: ctx.platform,
    [KRATIX_DESTINATION_LABELS_ANNOTATION]: JSON.stringify(
      sortedRecord(destination.labels),
    ),
    [KRATIX_STRICT_MATCH_LABELS_ANNOTATION]: String(
      destination.strictMatchLabels,
    ),
    [ANNOTATION_READY]: destination.ready,
  };
  if (destination.readyReason)
    annotations[ANNOTATION_READY_REASON] = destination.readyReason;
  if (store)
    annotations[ANNOTATION_STATE_STORE] = `${store.kind}/${store.name}`;
  if (destination.path !== undefined)
    annotations[ANNOTATION_DESTINATION_PATH] = destination.path;
  if (destination.deletionTimestamp) annotations[ANNOTATION_DELETING] = 'true';

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: DEFAULT_NAMESPACE,
      title: `${destination.name}${titleSuffix(ctx)}`,
      description: `Kratix Destination "${destination.name}" on platform "${
        ctx.platform
      }"${store ? `: writes to ${store.kind} "${store.name}"` : ''}${
        destination.path ? ` under ${destination.path}` : ''
      }.`,
      labels: valid,
      annotations,
      tags: ['kratix', 'kratix-destination'],
    },
    spec: {
      type: DESTINATION_ENTITY_TYPE,
      lifecycle: 'production',
      owner: ownerOf(destination, ctx),
    },
  };
}
