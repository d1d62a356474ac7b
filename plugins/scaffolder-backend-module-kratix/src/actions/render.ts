import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { KratixBackendClientFactory } from '../kratixBackendClient';
import { applyMergePatch } from '../validation';
import { platformClient, promiseChangeInput, proposedChange } from './common';

/** @public */
export const RENDER_ACTION_ID = 'kratix:promise:render';

/**
 * kratix:promise:render: writes the Promise manifest with the proposed change into the workspace,
 * so a publish:*:pull-request step can propose it to the repository the Promise lives in. The
 * rendered spec is checked by a server-side dry run through the Kratix backend, whose diff it
 * outputs; a manifest the apiserver would refuse fails the action with the apiserver's message.
 *
 * @public
 */
export function createPromiseRenderAction(options: {
  client: KratixBackendClientFactory;
}) {
  return createTemplateAction({
    id: RENDER_ACTION_ID,
    description:
      'Writes the current Promise manifest with the proposed change (selectors, dependencies, merge patch) as YAML into the workspace, checked by a server-side dry run',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Render the Promise moved to prod, then open a pull request with it',
        example: `steps:
  - id: render
    name: Render the Promise
    action: kratix:promise:render
    input:
      platform: local
      promise: redis
      destinationSelectors:
        - environment: prod
      targetPath: promises/redis/promise.yaml
  - id: publish
    name: Propose it
    action: publish:github:pull-request
    input:
      repoUrl: github.com?owner=acme&repo=platform
      branchName: kratix-redis-prod
      title: 'Move Promise redis to prod'
      description: \${{ steps.render.output.diff }}`,
      },
    ],
    schema: {
      input: {
        ...promiseChangeInput,
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Where to write the manifest, relative to the workspace. Default: promise.yaml',
            ),
      },
      output: {
        path: z =>
          z.string().describe('The written file, relative to the workspace'),
        manifest: z =>
          z.string().describe('The updated Promise manifest (YAML)'),
        diff: z =>
          z
            .string()
            .describe(
              'Unified diff of the spec (YAML) from the server-side dry run; empty when nothing changes',
            ),
        changed: z =>
          z
            .boolean()
            .describe('False when the change leaves the spec as it is'),
      },
    },
    async handler(ctx) {
      const { promise, specPatch } = proposedChange(ctx.input);
      const targetPath = ctx.input.targetPath || 'promise.yaml';
      let fullPath: string;
      try {
        fullPath = resolveSafeChildPath(ctx.workspacePath, targetPath);
      } catch {
        throw new InputError(
          `targetPath: ${JSON.stringify(targetPath)} is outside the workspace`,
        );
      }
      const { client, platform } = await platformClient(
        options.client,
        await ctx.getInitiatorCredentials(),
        ctx.input.platform,
      );

      // The version first, then the manifest: a spec change in between makes the dry run a 409.
      const { promise: loaded } = await client.getPromise(platform, promise);
      const manifest = await client.getPromiseManifest(platform, promise);
      const spec = applyMergePatch(manifest.spec, specPatch) as Record<
        string,
        unknown
      >;
      const updated = { ...manifest, spec };

      ctx.logger.info(
        `Checking the rendered Promise ${promise} with a server-side dry run on platform ${platform}`,
      );
      const dry = await client.updatePromise(platform, promise, {
        resourceVersion: loaded.resourceVersion,
        generation: loaded.generation,
        spec,
        dryRun: true,
      });
      const yamlText = stringify(updated, { lineWidth: 0 });
      await fs.mkdir(dirname(fullPath), { recursive: true });
      await fs.writeFile(fullPath, yamlText, 'utf8');
      ctx.logger.info(
        `Wrote ${targetPath}${
          dry.changed ? `:\n${dry.diff}` : ' (the spec is unchanged)'
        }`,
      );
      ctx.output('path', targetPath);
      ctx.output('manifest', yamlText);
      ctx.output('diff', dry.diff);
      ctx.output('changed', dry.changed);
    },
  });
}
