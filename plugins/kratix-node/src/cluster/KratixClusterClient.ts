import {
  CustomObjectsApi,
  KubeConfig,
  Watch,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { KRATIX_GROUP, KRATIX_VERSION, KratixKind, WORK_PLACEMENTS, PROMISES, collectionPath } from './kratixKinds';
import { toBackstageError } from './errors';

/** A Kubernetes identity to impersonate (the signed-in Backstage user), or none. */
export interface ActingIdentity {
  user: string;
  groups: string[];
}

export interface ListPage {
  items: any[];
  resourceVersion: string;
  continueToken?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WriteOptions {
  dryRun?: boolean;
  as?: ActingIdentity;
}

/** Field manager recorded by the apiserver for writes made through the plugin. */
export const FIELD_MANAGER = 'backstage-kratix';

/**
 * The one place that talks to a platform's Kubernetes API (@kubernetes/client-node). Everything
 * else in the plugin goes through this adapter; its errors are Backstage errors (see errors.ts).
 */
export class KratixClusterClient {
  private readonly api: CustomObjectsApi;

  constructor(
    readonly platform: string,
    private readonly kc: KubeConfig,
  ) {
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  private where(what: string) {
    return `${what} on platform ${this.platform}`;
  }

  private options(as?: ActingIdentity) {
    if (!as) return undefined;
    // One Impersonate-Group header per request: fetch merges repeated headers, so groups are
    // not impersonated (Kubernetes then applies the user's own bindings plus system:authenticated).
    return setHeaderOptions('Impersonate-User', as.user);
  }

  /** Plurals served in platform.kratix.io/v1alpha1 (which Kratix generation runs there). */
  async servedPlurals(): Promise<string[]> {
    try {
      const list = await this.api.getAPIResources({ group: KRATIX_GROUP, version: KRATIX_VERSION });
      return list.resources.map(r => r.name).filter(n => !n.includes('/'));
    } catch (e) {
      throw toBackstageError(e, this.where(`discover ${KRATIX_GROUP}/${KRATIX_VERSION}`));
    }
  }

  async listPage(kind: KratixKind, limit: number, continueToken?: string): Promise<ListPage> {
    try {
      const res = await this.api.listClusterCustomObject({
        group: KRATIX_GROUP,
        version: KRATIX_VERSION,
        plural: kind.plural,
        limit,
        _continue: continueToken,
      });
      return {
        items: res.items ?? [],
        resourceVersion: res.metadata?.resourceVersion ?? '',
        continueToken: res.metadata?._continue || res.metadata?.continue || undefined,
      };
    } catch (e) {
      throw toBackstageError(e, this.where(`list ${kind.plural}`));
    }
  }

  /**
   * Starts a watch from `resourceVersion`. `onEvent` gets each event; `onDone` is called once
   * when the stream ends, with the error if any. Returns a function that stops the watch.
   */
  async watch(
    kind: KratixKind,
    resourceVersion: string,
    timeoutSeconds: number,
    onEvent: (type: WatchEventType, obj: any) => void,
    onDone: (err?: unknown) => void,
  ): Promise<() => void> {
    const controller = await new Watch(this.kc).watch(
      collectionPath(kind),
      { resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
      (type, obj) => onEvent(type as WatchEventType, obj),
      err => onDone(err ?? undefined),
    );
    return () => controller.abort();
  }

  async getPromise(name: string, as?: ActingIdentity): Promise<any> {
    try {
      return await this.api.getClusterCustomObject(
        { group: KRATIX_GROUP, version: KRATIX_VERSION, plural: PROMISES.plural, name },
        this.options(as),
      );
    } catch (e) {
      throw toBackstageError(e, this.where(`get Promise ${name}`));
    }
  }

  /**
   * Replaces a Promise. The body carries metadata.resourceVersion, so the apiserver refuses
   * (409) when the Promise changed since that version: no silent overwrite.
   */
  async replacePromise(body: any, opts: WriteOptions = {}): Promise<any> {
    const name = body?.metadata?.name;
    try {
      return await this.api.replaceClusterCustomObject(
        {
          group: KRATIX_GROUP,
          version: KRATIX_VERSION,
          plural: PROMISES.plural,
          name,
          body,
          dryRun: opts.dryRun ? 'All' : undefined,
          fieldManager: FIELD_MANAGER,
          fieldValidation: 'Strict',
        },
        this.options(opts.as),
      );
    } catch (e) {
      throw toBackstageError(e, this.where(`${opts.dryRun ? 'dry-run ' : ''}update Promise ${name}`));
    }
  }

  async getWorkPlacement(namespace: string, name: string, as?: ActingIdentity): Promise<any> {
    try {
      return await this.api.getNamespacedCustomObject(
        { group: KRATIX_GROUP, version: KRATIX_VERSION, plural: WORK_PLACEMENTS.plural, namespace, name },
        this.options(as),
      );
    } catch (e) {
      throw toBackstageError(e, this.where(`get WorkPlacement ${namespace}/${name}`));
    }
  }

  /**
   * Deletes a WorkPlacement only if it is still the object that was checked: the apiserver
   * enforces the uid and resourceVersion preconditions atomically (409 otherwise).
   */
  async deleteWorkPlacement(
    namespace: string,
    name: string,
    preconditions: { uid: string; resourceVersion: string },
    opts: WriteOptions = {},
  ): Promise<void> {
    try {
      await this.api.deleteNamespacedCustomObject(
        {
          group: KRATIX_GROUP,
          version: KRATIX_VERSION,
          plural: WORK_PLACEMENTS.plural,
          namespace,
          name,
          dryRun: opts.dryRun ? 'All' : undefined,
          propagationPolicy: 'Background',
          body: { preconditions },
        },
        this.options(opts.as),
      );
    } catch (e) {
      throw toBackstageError(e, this.where(`delete WorkPlacement ${namespace}/${name}`));
    }
  }
}
