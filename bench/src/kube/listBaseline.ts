/*
 * The cold start's baseline: the time the apiserver alone takes to serve what the backend's cache
 * lists at start-up. Every kind the cache mirrors is paged through with the reflectors' page size,
 * the kinds in parallel as the reflectors do, by the bench's plain HTTPS client that reads each
 * page's continue token and nothing else (no JSON parse). What the backend needs beyond this is
 * its own work (parse, slim, index); this part is the apiserver's (etcd reads, conversion, JSON).
 */
// The product's own list of cached kinds and page size, so both sides list the same.
import { CACHED_KINDS } from '../../../plugins/kratix-node/src/cluster/kratixKinds';
import { DEFAULT_REFLECTOR_OPTIONS } from '../../../plugins/kratix-node/src/cache/Reflector';
import { KubeHttp, paths } from './kubeHttp';

/** The continue token of a list page: its metadata comes after the items, at the end. */
function continueOf(text: string): string | undefined {
  const tail = text.slice(-4096);
  const at = tail.lastIndexOf('"metadata":{');
  if (at < 0) return undefined;
  const m = /"continue":"([^"]+)"/.exec(tail.slice(at));
  return m?.[1];
}

async function pageThrough(
  kube: KubeHttp,
  plural: string,
  pageSize: number,
): Promise<{ pages: number; bytes: number }> {
  let token: string | undefined;
  let pages = 0;
  let bytes = 0;
  do {
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (token) query.set('continue', token);
    const r = await kube.request('GET', `${paths.kratix(plural)}?${query}`);
    if (r.status === 404) return { pages, bytes }; // kind not served (e.g. an older Kratix)
    if (r.status >= 300)
      throw new Error(
        `LIST ${plural}: HTTP ${r.status} ${r.text.slice(0, 200)}`,
      );
    pages += 1;
    bytes += r.text.length;
    token = continueOf(r.text);
  } while (token);
  return { pages, bytes };
}

export interface ListBaseline {
  ms: number;
  pages: number;
  bytes: number;
}

/** Pages through every cached kind, kinds in parallel; wall time of the slowest. */
export async function apiserverListAlone(
  kube: KubeHttp,
): Promise<ListBaseline> {
  const t0 = performance.now();
  const each = await Promise.all(
    CACHED_KINDS.map(k =>
      pageThrough(kube, k.plural, DEFAULT_REFLECTOR_OPTIONS.pageSize),
    ),
  );
  return {
    ms: performance.now() - t0,
    pages: each.reduce((n, e) => n + e.pages, 0),
    bytes: each.reduce((n, e) => n + e.bytes, 0),
  };
}
