import express from 'express';
import { clientGone, ndjsonResponse, wantsNdjson } from './ndjson';
import { parse, pathParams } from './params';
import { RouteContext, readerCredentials } from './routeContext';
import {
  cleanupBody,
  cleanupPreflightBody,
  historyQuery,
  promiseUpdateBody,
} from './writeSchemas';

/**
 * Promise updates, cleanup preflight and cleanup of misplaced WorkPlacements, and history. Each
 * handler is parse → one service call → answer; permissions beyond reading, the audit and the
 * history are the services' job.
 */
export function registerWriteRoutes(
  router: express.Router,
  ctx: RouteContext,
): void {
  const { registry, httpAuth, promiseWrites, cleanup, history } = ctx;

  router.post(
    '/platforms/:platform/promises/:promise/update',
    async (req, res) => {
      const { platform, promise } = pathParams(req.params);
      const credentials = await httpAuth.credentials(req);
      const body = parse(promiseUpdateBody, req.body, 'request body');
      res.json(
        await promiseWrites.update(
          { credentials, request: req },
          platform,
          promise!,
          body,
        ),
      );
    },
  );

  router.post('/platforms/:platform/cleanup/preflight', async (req, res) => {
    const { platform } = pathParams(req.params);
    await readerCredentials(ctx, req);
    const body = parse(cleanupPreflightBody, req.body, 'request body');
    res.json(cleanup.preflight(platform, body));
  });

  router.post('/platforms/:platform/cleanup', async (req, res) => {
    const { platform } = pathParams(req.params);
    // Reading comes first: without it, "not found" vs 403 would reveal what exists.
    const credentials = await readerCredentials(ctx, req);
    const body = parse(cleanupBody, req.body, 'request body');
    const caller = { credentials, request: req };
    if (!wantsNdjson(req)) {
      res.json(
        await cleanup.run(caller, platform, body, { signal: clientGone(res) }),
      );
      return;
    }
    const stream = ndjsonResponse(res);
    const { summary } = await cleanup.run(caller, platform, body, {
      started: stream.start,
      result: stream.line,
      signal: stream.signal,
    });
    stream.end({ summary });
  });

  router.get(
    '/platforms/:platform/promises/:promise/history',
    async (req, res) => {
      const { platform, promise } = pathParams(req.params);
      await readerCredentials(ctx, req);
      const q = parse(historyQuery, req.query, 'query');
      registry.get(platform);
      res.json({
        platform,
        promise,
        items: await history.list(platform, promise!, q.limit),
      });
    },
  );
}
