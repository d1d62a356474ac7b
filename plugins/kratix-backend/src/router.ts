import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { KratixPlatformsService } from '@kratix-backstage/plugin-kratix-node';
import express from 'express';
import Router from 'express-promise-router';
import { rejectDeepBodies } from './routes/bodyDepth';
import { registerPreviewRoutes } from './routes/previewRoutes';
import { registerReadRoutes } from './routes/readRoutes';
import { registerRevisionRoute } from './routes/revisionRoute';
import { RouteContext } from './routes/routeContext';
import { registerWriteRoutes } from './routes/writeRoutes';
import { registerWorkflowRoutes } from './routes/workflowRoutes';
import { WorkflowRunsService } from './service/workflows/WorkflowRunsService';
import { HistoryStore } from './service/history/HistoryStore';
import { CleanupService } from './service/writes/cleanupService';
import { PromiseWriteService } from './service/writes/promiseWriteService';

/**
 * Dependencies of the Kratix router.
 */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  registry: KratixPlatformsService;
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
  const { logger, registry, httpAuth, permissions, history } = options;
  const services = {
    registry,
    permissions,
    userInfo: options.userInfo,
    auditor: options.auditor,
    history,
  };
  const ctx: RouteContext = {
    registry,
    httpAuth,
    permissions,
    history,
    promiseWrites: new PromiseWriteService(services),
    cleanup: new CleanupService({ ...services, limits: options.cleanup }),
  };
  const router = Router();
  router.use(express.json({ limit: MAX_BODY_SIZE }));
  router.use(rejectDeepBodies());

  router.get('/health', (_req, res) => {
    logger.debug('health check');
    res.json({ status: 'ok' });
  });
  registerReadRoutes(router, ctx);
  registerRevisionRoute(router, ctx);
  registerWriteRoutes(router, ctx);
  registerPreviewRoutes(router, ctx);
  registerWorkflowRoutes(router, {
    ...ctx,
    workflows: new WorkflowRunsService(registry),
  });
  return router;
}
