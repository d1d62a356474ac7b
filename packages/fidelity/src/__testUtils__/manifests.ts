/* The objects a fidelity scenario applies. */
import { DestinationSelectorEntry } from '@kratix-backstage/plugin-kratix-common';
import { promiseManifest as basePromiseManifest } from '@kratix-backstage/test-platform';
import { Ctx } from './results';
import { withResourceWorkflow } from './workflowResource';

/** Annotation prefix on the objects a scenario creates or touches. */
export const ANNOTATION = 'fidelity.kratix-backstage.io';

/**
 * The scenario's Promise (test-platform's manifest), annotated with the seed it came from; with
 * its request API and resource workflow when the scenario's resource Work comes from a workflow.
 */
export function promiseManifest(
  ctx: Ctx,
  selectors: DestinationSelectorEntry[],
): any {
  const manifest = basePromiseManifest(
    ctx.plan.promise,
    selectors.map(s => ({ ...s.matchLabels })),
  );
  manifest.metadata.annotations = {
    [`${ANNOTATION}/seed`]: String(ctx.plan.seed),
  };
  return ctx.workflowResource ? withResourceWorkflow(manifest, ctx) : manifest;
}
