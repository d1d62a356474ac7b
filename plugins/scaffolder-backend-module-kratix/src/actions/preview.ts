import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { KratixBackendClientFactory } from '../kratixBackendClient';
import { platformClient, promiseChangeInput, proposedChange } from './common';

/** @public */
export const PREVIEW_ACTION_ID = 'kratix:promise:preview';

/**
 * kratix:promise:preview: what Kratix would do if the Promise's spec changed as proposed
 * (Destinations gained/lost, WorkPlacements created/misplaced, workflows re-run), from the Kratix
 * backend's what-if engine. Changes nothing, so it also runs in dry-run mode.
 *
 * @public
 */
export function createPromisePreviewAction(options: {
  client: KratixBackendClientFactory;
}) {
  return createTemplateAction({
    id: PREVIEW_ACTION_ID,
    description:
      'Previews what Kratix will do if a Promise spec changes (destination selectors, dependencies or any merge patch), without changing anything',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Move a Promise from the dev Destinations to prod and show the effects',
        example: `steps:
  - id: preview
    name: What Kratix will do
    action: kratix:promise:preview
    input:
      platform: local
      promise: redis
      destinationSelectors:
        - environment: prod
output:
  text:
    - title: What Kratix will do
      content: \${{ steps.preview.output.markdown }}`,
      },
      {
        description: 'Preview new dependencies given as YAML text',
        example: `steps:
  - id: preview
    action: kratix:promise:preview
    input:
      promise: redis
      dependencies: |
        apiVersion: v1
        kind: Namespace
        metadata:
          name: redis-system`,
      },
    ],
    schema: {
      input: {
        ...promiseChangeInput,
      },
      output: {
        markdown: z =>
          z.string().describe('A concise Markdown summary of the effects'),
        summary: z =>
          z
            .record(z.string(), z.any())
            .describe(
              'Counts: destinationsGained/Lost, workPlacementsCreated/Misplaced/Deleted, workflowsRerun, ...',
            ),
        warnings: z =>
          z
            .array(
              // catchall(any), not passthrough(): the output type must stay a JsonObject for adopters'
              // type checks (passthrough's index signature is `unknown`).
              z
                .object({ code: z.string(), message: z.string() })
                .catchall(z.any()),
            )
            .describe(
              'Warnings of the preview (selector conflicts, Destinations not ready, invalid selectors, ...)',
            ),
        changed: z =>
          z
            .boolean()
            .describe('False when the proposal changes nothing Kratix acts on'),
        preview: z =>
          z
            .record(z.string(), z.any())
            .describe('The whole preview answer of the Kratix backend'),
      },
    },
    async handler(ctx) {
      const { promise, specPatch } = proposedChange(ctx.input);
      const { client, platform } = await platformClient(
        options.client,
        await ctx.getInitiatorCredentials(),
        ctx.input.platform,
      );
      ctx.logger.info(
        `Previewing a change of Promise ${promise} on platform ${platform}: ${JSON.stringify(
          specPatch,
        )}`,
      );
      const preview = await client.previewPromise(platform, promise, {
        specPatch,
      });
      for (const w of preview.warnings)
        ctx.logger.warn(`${w.code}: ${w.message}`);
      ctx.logger.info(preview.markdown);
      ctx.output('markdown', preview.markdown);
      ctx.output('summary', { ...preview.summary });
      ctx.output(
        'warnings',
        preview.warnings.map(w => ({ ...w })),
      );
      ctx.output('changed', preview.changed);
      ctx.output('preview', JSON.parse(JSON.stringify(preview)));
    },
  });
}
