import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  kratixPromiseReadPermission,
  kratixWorkflowLogsReadPermission,
} from '@kratix-backstage/plugin-kratix-common';
import express from 'express';
import { z } from 'zod';
import { WorkflowRunsService } from '../service/workflows/WorkflowRunsService';
import { labelName, objectName, parse, pathParams } from './params';

const runsQuery = z
  .object({
    /** One resource request: `<namespace>/<name>`. */
    resource: z
      .string()
      .max(400)
      .transform((v, ctx) => {
        const [namespace, name, ...rest] = v.split('/');
        const ns = labelName.safeParse(namespace);
        const n = objectName.safeParse(name);
        if (rest.length || !ns.success || !n.success) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be <namespace>/<name> of a resource request',
          });
          return z.NEVER;
        }
        return { namespace: ns.data, name: n.data };
      })
      .optional(),
  })
  .strict();

const logQuery = z
  .object({
    container: objectName,
    tailLines: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export interface WorkflowRouteDeps {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  workflows: WorkflowRunsService;
}

/**
 * Kratix workflow runs: `GET /platforms/:platform/promises/:promise/workflows[?resource=ns/name]`
 * (kratix.promise.read) and `GET .../workflows/:namespace/:job/logs?container=` (also
 * kratix.workflow.logs.read).
 */
export function registerWorkflowRoutes(
  router: express.Router,
  deps: WorkflowRouteDeps,
): void {
  const { httpAuth, permissions, workflows } = deps;
  const decide = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req);
    const [read, logs] = await permissions.authorize(
      [
        { permission: kratixPromiseReadPermission },
        { permission: kratixWorkflowLogsReadPermission },
      ],
      { credentials },
    );
    if (read.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'kratix.promise.read is not allowed for this user',
      );
    }
    return { canReadLogs: logs.result === AuthorizeResult.ALLOW };
  };

  router.get(
    '/platforms/:platform/promises/:promise/workflows',
    async (req, res) => {
      const { canReadLogs } = await decide(req);
      const { platform, promise } = pathParams(req.params);
      const { resource } = parse(runsQuery, req.query, 'query');
      res.set('Cache-Control', 'no-store');
      res.json(
        await workflows.listRuns({
          platform,
          promise: promise!,
          resource,
          canReadLogs,
        }),
      );
    },
  );

  router.get(
    '/platforms/:platform/promises/:promise/workflows/:namespace/:job/logs',
    async (req, res) => {
      const { canReadLogs } = await decide(req);
      if (!canReadLogs)
        throw new NotAllowedError(
          'kratix.workflow.logs.read is not allowed for this user',
        );
      const { platform, promise } = pathParams(req.params);
      const namespace = parse(labelName, req.params.namespace, 'namespace');
      const jobName = parse(objectName, req.params.job, 'Job name');
      const { container, tailLines } = parse(logQuery, req.query, 'query');
      res.set('Cache-Control', 'no-store');
      res.json(
        await workflows.readLog({
          platform,
          promise: promise!,
          namespace,
          jobName,
          container,
          tailLines,
        }),
      );
    },
  );
}
