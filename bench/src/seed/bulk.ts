/*
 * Fast seeding of the bulk kinds (Works, WorkPlacements, resource requests). Through the apiserver
 * this 2-core machine takes ~100-500 writes/s, so the ~120,000 writes of the default dataset
 * (create + status of each object) alone took 5-15 minutes. Instead:
 *
 * - the first object of every distinct shape (kind, label keys, spec and status structure) is
 *   created through the apiserver, status written through its subresource, as Kratix does: this
 *   validates the shape against the Kratix CRD and yields the managedFields the apiserver records;
 * - every other object is written straight into etcd (kube/etcdHttp.ts) as exactly the JSON the
 *   apiserver stores for it: same body and status, a fresh uid, creationTimestamp, generation 1 and
 *   the sample's managedFields (owner uid substituted). The apiserver serves them like any object
 *   (its watch cache sees the etcd writes), and main.ts checks the counts through the apiserver.
 */
import { randomUUID } from 'node:crypto';
import { EtcdHttp } from '../kube/etcdHttp';
import { KubeHttp } from '../kube/kubeHttp';
import { log } from '../util/log';
import { Shaped } from './shapes';

/** The structure of a value (keys, types, not values): objects sharing it get the same managedFields. */
function structure(v: unknown): unknown {
  if (Array.isArray(v)) return [v.length ? structure(v[0]) : null];
  if (v && typeof v === 'object') {
    return Object.keys(v)
      .sort()
      .map(k => [k, structure((v as Record<string, unknown>)[k])]);
  }
  return typeof v;
}

function signature(s: Shaped): string {
  const { name, namespace, ownerReferences, ...meta } = s.body.metadata;
  return JSON.stringify([
    s.body.apiVersion,
    s.body.kind,
    Boolean(namespace),
    Boolean(ownerReferences),
    structure(meta),
    structure(s.body.spec),
    structure(s.status),
  ]);
}

interface Template {
  managedFields: string;
  ownerUid?: string;
}

export interface BulkTarget {
  /** The apiserver collection path (for the samples). */
  collection: string;
  /** The etcd key. */
  key: string;
}

export class BulkWriter {
  private readonly templates = new Map<string, Template>();
  viaApiserver = 0;
  viaEtcd = 0;
  requests = 0;

  constructor(
    private readonly kube: KubeHttp,
    private readonly etcd: EtcdHttp,
  ) {}

  private async sample(s: Shaped, collection: string): Promise<any> {
    await this.kube.create(collection, s.body);
    if (s.status)
      await this.kube.patchStatus(
        `${collection}/${s.body.metadata.name}`,
        s.status,
      );
    this.requests += s.status ? 3 : 2;
    return this.kube.json('GET', `${collection}/${s.body.metadata.name}`);
  }

  /** Writes the objects; returns each as stored (uid included), in input order. */
  async write(
    objects: readonly Shaped[],
    target: (s: Shaped) => BulkTarget,
  ): Promise<any[]> {
    const out: any[] = new Array(objects.length);
    const puts: Array<{ key: string; value: string }> = [];
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (let i = 0; i < objects.length; i++) {
      const s = objects[i];
      const sig = signature(s);
      const t = this.templates.get(sig);
      if (!t) {
        const created = await this.sample(s, target(s).collection);
        this.templates.set(sig, {
          managedFields: JSON.stringify(created.metadata.managedFields ?? []),
          ownerUid: s.body.metadata.ownerReferences?.[0]?.uid,
        });
        this.viaApiserver += 1;
        out[i] = created;
        continue;
      }
      const ownerUid = s.body.metadata.ownerReferences?.[0]?.uid;
      const managedFields =
        t.ownerUid && ownerUid
          ? t.managedFields.split(t.ownerUid).join(ownerUid)
          : t.managedFields;
      const stored = {
        ...s.body,
        metadata: {
          ...s.body.metadata,
          uid: randomUUID(),
          creationTimestamp: now,
          generation: 1,
          managedFields: JSON.parse(managedFields),
        },
        ...(s.status ? { status: s.status } : {}),
      };
      puts.push({ key: target(s).key, value: JSON.stringify(stored) });
      out[i] = stored;
    }
    await this.etcd.putAll(puts);
    this.viaEtcd += puts.length;
    this.requests += puts.length;
    return out;
  }
}

/** Waits until the apiserver lists `expected` objects in a collection (its watch cache caught up). */
export async function waitForCount(
  kube: KubeHttp,
  collection: string,
  expected: number,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await kube.json('GET', `${collection}?limit=1`);
    const n = page.items.length + (page.metadata.remainingItemCount ?? 0);
    if (n === expected) return;
    if (Date.now() > deadline)
      throw new Error(
        `${collection}: the apiserver lists ${n} objects, expected ${expected}`,
      );
    log(
      `waiting for the apiserver to list ${expected} in ${collection} (now ${n})`,
    );
    await new Promise(r => setTimeout(r, 1000));
  }
}
