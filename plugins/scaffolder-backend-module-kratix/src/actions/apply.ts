import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { PromiseUpdateResponse } from '@kratix-backstage/plugin-kratix-common';
import { KratixBackendClientFactory } from '../kratixBackendClient';
import { platformClient, promiseChangeInput, proposedChange } from './common';

/** @public */
export const APPLY_ACTION_ID = 'kratix:promise:apply';

/**
 * kratix:promise:apply: applies the proposed change through the Kratix backend's update route,
 * as the user running the template (permission kratix.promise.update, audited, recorded in the
 * Promise's history), with optimistic concurrency on the version read when the action starts. In
 * a template dry run it sends a server-side dry run instead.
 *
 * @public
 */
export function createPromiseApplyAction(options: {
  client: KratixBackendClientFactory;
}) {
  return createTemplateAction({
    id: APPLY_ACTION_ID,
    description:
      'Applies a change of a Promise spec (destination selectors, dependencies or any merge patch) through the Kratix backend, as the user running the template; a server-side dry run in dry-run mode',
    supportsDryRun: true,
    examples: [
      {
        description: 'Move a Promise from the dev Destinations to prod',
        example: `steps:
  - id: apply
    name: Apply the change
    action: kratix:promise:apply
    input:
      platform: local
      promise: redis
      destinationSelectors:
        - environment: prod`,
      },
      {
        description: 'Any other spec change as a JSON merge patch',
        example: `steps:
  - id: apply
    action: kratix:promise:apply
    input:
      promise: redis
      specPatch:
        destinationSelectors:
          - matchLabels: { environment: prod, region: eu }`,
      },
    ],
    schema: {
      input: {
        ...promiseChangeInput,
      },
      output: {
        diff: z =>
          z
            .string()
            .describe('Unified diff of the spec (YAML), before → after'),
        changed: z =>
          z.boolean().describe('False when the spec was already as proposed'),
        resourceVersion: z =>
          z
            .string()
            .describe(
              'resourceVersion of the Promise after the update (the current one for a dry run)',
            ),
        generation: z =>
          z.number().describe('metadata.generation after the update'),
        dryRun: z =>
          z.boolean().describe('True when only a server-side dry run was made'),
        effects: z =>
          z
            .object({
              promiseWorkflowRerun: z.boolean(),
              resourceWorkflowsRerun: z.number(),
              message: z.string(),
            })
            .describe(
              'What Kratix does next: Promise workflow and resource workflows re-run',
            ),
      },
    },
    async handler(ctx) {
      const { promise, specPatch } = proposedChange(ctx.input);
      const { client, platform } = await platformClient(
        options.client,
        await ctx.getInitiatorCredentials(),
        ctx.input.platform,
      );
      const dryRun = Boolean(ctx.isDryRun);

      // The version this change is based on: a spec change by anyone else after this is a 409.
      const { promise: loaded } = await client.getPromise(platform, promise);
      const request = {
        resourceVersion: loaded.resourceVersion,
        generation: loaded.generation,
        specPatch,
        dryRun,
      };
      ctx.logger.info(
        `${
          dryRun ? 'Dry-run update' : 'Updating'
        } Promise ${promise} on platform ${platform} (resourceVersion ${
          loaded.resourceVersion
        }, generation ${loaded.generation})`,
      );
      const result: PromiseUpdateResponse = dryRun
        ? await client.updatePromise(platform, promise, request)
        : // On task recovery, an update that already succeeded is not sent again.
          ((await ctx.checkpoint({
            key: `kratix-promise-update-${platform}-${promise}`,
            fn: async () =>
              (await client.updatePromise(
                platform,
                promise,
                request,
              )) as unknown as JsonObject,
          })) as unknown as PromiseUpdateResponse);

      ctx.logger.info(
        result.changed
          ? `Spec diff:\n${result.diff}`
          : 'The spec was already as proposed: nothing changed.',
      );
      ctx.logger.info(result.effects.message);
      ctx.output('diff', result.diff);
      ctx.output('changed', result.changed);
      ctx.output('resourceVersion', result.resourceVersion);
      ctx.output('generation', result.generation);
      ctx.output('dryRun', result.dryRun);
      ctx.output('effects', { ...result.effects });
    },
  });
}
