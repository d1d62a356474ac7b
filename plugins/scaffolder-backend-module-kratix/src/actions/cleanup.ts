import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { CleanupItemResult } from '@kratix-backstage/plugin-kratix-common';
import { KratixBackendClientFactory } from '../kratixBackendClient';
import { requireObjectName, requirePromiseName } from '../validation';
import { platformClient, platformField, promiseField } from './common';

/** @public */
export const CLEANUP_ACTION_ID = 'kratix:workplacements:cleanup';

const describeItem = (r: CleanupItemResult) =>
  `${r.namespace}/${r.name}${r.destination ? ` on ${r.destination}` : ''}: ${
    r.reason ?? r.outcome
  }`;

/**
 * kratix:workplacements:cleanup: deletes the misplaced WorkPlacements of a Promise (optionally of
 * one Destination) through the Kratix backend, as the user running the template. The preflight
 * comes first; the cleanup then names exactly the WorkPlacements the preflight saw (uid and spec
 * generation), so anything replaced or changed in between is refused, not deleted. Fails when an
 * item failed; refused items (no longer misplaced, changed, blocked) do not fail the task.
 *
 * @public
 */
export function createWorkPlacementsCleanupAction(options: {
  client: KratixBackendClientFactory;
}) {
  return createTemplateAction({
    id: CLEANUP_ACTION_ID,
    description:
      'Deletes the misplaced WorkPlacements of a Promise (and their files in the state store) through the Kratix backend, after a preflight; a server-side dry run in dry-run mode',
    supportsDryRun: true,
    examples: [
      {
        description: 'Clean up what a selector change left behind',
        example: `steps:
  - id: cleanup
    name: Remove misplaced WorkPlacements
    action: kratix:workplacements:cleanup
    input:
      platform: local
      promise: redis`,
      },
      {
        description: 'Only on one Destination, including blocked ones',
        example: `steps:
  - id: cleanup
    action: kratix:workplacements:cleanup
    input:
      promise: redis
      destination: dev-1
      force: true`,
      },
    ],
    schema: {
      input: {
        platform: platformField,
        promise: promiseField,
        destination: z =>
          z
            .string()
            .optional()
            .describe('Only the misplaced WorkPlacements on this Destination'),
        force: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Delete blocked WorkPlacements too (state store not ready, or a Destination that no longer exists): their delete then waits on the finalizer',
            ),
      },
      output: {
        preflight: z =>
          z
            .record(z.string(), z.any())
            .describe(
              'The preflight: per WorkPlacement, misplaced, blocked and why, files removed or kept, what happens after',
            ),
        results: z =>
          z
            .array(
              z
                .object({
                  namespace: z.string(),
                  name: z.string(),
                  destination: z.string().optional(),
                  outcome: z.enum(['deleted', 'refused', 'failed']),
                  reason: z.string().optional(),
                })
                // catchall(any), not passthrough(): keeps the output type a JsonObject (see preview.ts).
                .catchall(z.any()),
            )
            .describe(
              'Per WorkPlacement: deleted, refused (with the reason) or failed (with the error)',
            ),
        summary: z =>
          z
            .object({
              deleted: z.number(),
              refused: z.number(),
              failed: z.number(),
            })
            .describe('How many were deleted, refused and failed'),
      },
    },
    async handler(ctx) {
      const promise = requirePromiseName(ctx.input.promise);
      const destination =
        ctx.input.destination === undefined || ctx.input.destination === ''
          ? undefined
          : requireObjectName(
              ctx.input.destination,
              'destination',
              'Destination',
            );
      const dryRun = Boolean(ctx.isDryRun);
      const { client, platform } = await platformClient(
        options.client,
        await ctx.getInitiatorCredentials(),
        ctx.input.platform,
      );
      const scope = `Promise ${promise}${
        destination ? ` on Destination ${destination}` : ''
      } (platform ${platform})`;

      const preflight = await client.cleanupPreflight(platform, {
        all: true,
        promise,
        destination,
      });
      ctx.output('preflight', JSON.parse(JSON.stringify(preflight)));
      ctx.logger.info(
        `Preflight for ${scope}: ${preflight.items.length} misplaced WorkPlacement(s), ${preflight.deletable} deletable, ${preflight.blocked} blocked`,
      );
      for (const item of preflight.items) {
        if (item.found && item.blocked)
          ctx.logger.warn(
            `${item.namespace}/${item.name} is blocked: ${item.blockReason}`,
          );
      }
      const items = preflight.items
        .filter(i => i.found)
        .map(i => ({
          namespace: i.namespace,
          name: i.name,
          uid: i.uid,
          generation: i.generation,
        }));
      if (items.length === 0) {
        ctx.logger.info(`Nothing to clean up for ${scope}.`);
        ctx.output('results', []);
        ctx.output('summary', { deleted: 0, refused: 0, failed: 0 });
        return;
      }

      const body = { items, force: Boolean(ctx.input.force), dryRun };
      const response = dryRun
        ? await client.cleanup(platform, body)
        : await ctx.checkpoint({
            key: `kratix-cleanup-${platform}-${promise}-${
              destination ?? 'all'
            }`,
            fn: async () =>
              JSON.parse(JSON.stringify(await client.cleanup(platform, body))),
          });
      const results = response.results as CleanupItemResult[];
      for (const r of results) {
        ctx.logger.info(
          `${dryRun ? '[dry run] ' : ''}${r.outcome}: ${describeItem(r)}`,
        );
      }
      ctx.output(
        'results',
        results.map(r => ({ ...r })),
      );
      ctx.output('summary', { ...response.summary });
      const failed = results.filter(r => r.outcome === 'failed');
      if (failed.length > 0) {
        throw new Error(
          `Cleanup of ${scope}: ${failed.length} of ${
            results.length
          } WorkPlacement(s) failed: ${failed.map(describeItem).join('; ')}`,
        );
      }
    },
  });
}
