/* The objects a fidelity scenario applies. */
import { DestinationSelectorEntry } from '@kratix-backstage/plugin-kratix-common';
import { Ctx } from './results';

/** Annotation prefix on the objects a scenario creates or touches. */
export const ANNOTATION = 'fidelity.kratix-backstage.io';

export function promiseManifest(ctx: Ctx, selectors: DestinationSelectorEntry[]): any {
  return {
    apiVersion: 'platform.kratix.io/v1alpha1',
    kind: 'Promise',
    metadata: {
      name: ctx.plan.promise,
      annotations: { [`${ANNOTATION}/seed`]: String(ctx.plan.seed) },
    },
    spec: {
      destinationSelectors: selectors.map(s => ({
        matchLabels: { ...s.matchLabels },
      })),
      dependencies: [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: `${ctx.plan.promise}-ns` },
        },
      ],
    },
  };
}

