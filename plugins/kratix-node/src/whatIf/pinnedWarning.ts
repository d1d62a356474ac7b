import { SlimWork } from '@kratix-backstage/plugin-kratix-common';
import { whatIfWorkKind } from './picture';
import { WhatIfResultBuilder } from './result';

/**
 * Says which resource requests keep another version's selectors, and where the shared
 * `destination-selectors-<promise>` ConfigMap makes the outcome a race: every resource configure
 * pipeline of a Promise in one namespace mounts it, and each pipeline's creation rewrites it with
 * its own request's version (ae170e22 api/v1alpha1/pipeline_factory.go configMap), so in a
 * namespace with requests on different versions a re-run can read another request's selectors.
 */
export function warnPinned(
  b: WhatIfResultBuilder,
  promiseName: string,
  pinnedWorks: Map<string, { version: string; namespace: string }>,
  works: readonly SlimWork[],
): void {
  const byVersion = new Map<string, string[]>();
  for (const [request, { version }] of pinnedWorks) {
    const list = byVersion.get(version) ?? [];
    list.push(request);
    byVersion.set(version, list);
  }
  const versions = [...byVersion.entries()]
    .sort(([a], [b2]) => (a < b2 ? -1 : 1))
    .map(
      ([version, requests]) =>
        `${version} (${requests.sort().slice(0, 5).join(', ')}${
          requests.length > 5 ? `, and ${requests.length - 5} more` : ''
        })`,
    );
  const mixed = new Set<string>();
  for (const w of works) {
    if (whatIfWorkKind(w) !== 'resource') continue;
    const mine = pinnedWorks.get(`${w.namespace}/${w.resourceName}`)?.version;
    const others = [...pinnedWorks.entries()].filter(
      ([key, p]) =>
        p.namespace === w.namespace &&
        key !== `${w.namespace}/${w.resourceName}` &&
        p.version !== mine,
    );
    if (others.length > 0) mixed.add(w.namespace);
  }
  b.warn({
    code: 'resource-requests-pinned',
    promise: promiseName,
    message: `${
      pinnedWorks.size
    } resource request(s) are pinned to another Promise version by their ResourceBinding: ${versions.join(
      '; ',
    )}. Their workflows re-run with that version's spec, so their Works keep its selectors.${
      mixed.size
        ? ` In namespace(s) ${[...mixed]
            .sort()
            .join(
              ', ',
            )} requests use different versions: Kratix gives every request's workflow one shared selectors ConfigMap, so a re-run can get another version's selectors; check their Works after the update.`
        : ''
    }`,
  });
}
