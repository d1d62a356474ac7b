import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { rejectDeepBodies } from './routes/bodyDepth';
import { registerReadRoutes } from './routes/readRoutes';
import { PlatformRegistry } from '@kratix-backstage/plugin-kratix-node';
import { registerPreviewRoutes } from './routes/previewRoutes';
import { registerRevisionRoute } from './routes/revisionRoute';
import { registerWriteRoutes } from './routes/writeRoutes';
import { registerWorkflowRoutes } from './routes/workflowRoutes';
import { WorkflowRunsService } from './service/workflows/WorkflowRunsService';
import { HistoryStore } from './service/history/HistoryStore';

/**
 * Dependencies of the Kratix router.
 */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  registry: PlatformRegistry;
  userInfo: UserInfoService;
  auditor: AuditorService;
  history: HistoryStore;
  cleanup: { concurrency: number; ratePerSecond: number };
}

/** Largest JSON body accepted (a Promise spec with its API and workflows fits easily). */
export const MAX_BODY_SIZE = '512kb';

/**
 * Creates the HTTP routes of the Kratix backend plugin, mounted under /api/kratix. Errors thrown
 * in handlers reach the root error middleware (express-promise-router), which maps
 * @backstage/errors to status codes.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger } = options;
  const router = Router();
  router.use(express.json({ limit: MAX_BODY_SIZE }));
  router.use(rejectDeepBodies());

  router.get('/health', (_req, res) => {
    logger.debug('health check');
    res.json({ status: 'ok' });
  });
  registerReadRoutes(router, options);
  registerRevisionRoute(router, options);
  registerWriteRoutes(router, options);
  registerPreviewRoutes(router, options);
  registerWorkflowRoutes(router, {
    ...options,
    workflows: new WorkflowRunsService(options.registry),
  });
  return router;
}
