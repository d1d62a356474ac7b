import { MisplacedListResponse } from '@kratix-backstage/plugin-kratix-common';
import express from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { matrixJsonChunks } from '../service/readModel/matrix';
import { misplacedList } from '../service/readModel/misplacedList';
import { platformList } from '../service/readModel/platformList';
import { readPromiseManifest } from '../service/readModel/promiseManifest';
import {
  promiseSummaries,
  promiseSummary,
  requirePromise,
} from '../service/readModel/promiseSummary';
import { promiseTargetingJson } from '../service/readModel/promiseTargetingJson';
import { sendJsonBytes } from './sendJsonBytes';
import { promiseWorks } from '../service/readModel/promiseWorks';
import {
  misplacedQuery,
  parse,
  pathParams,
  readQuery,
  targetingQuery,
} from './params';
import { RouteContext, readerCredentials } from './routeContext';

/** The manifest route takes no query parameters. */
const manifestQuery = z.object({}).strict();

/**
 * The read API: platforms, Promises, targeting, Works, misplaced WorkPlacements, matrix. Every
 * read needs kratix.promise.read; each handler is parse → one read-model call → answer.
 */
export function registerReadRoutes(
  router: express.Router,
  ctx: Pick<RouteContext, 'registry' | 'httpAuth' | 'permissions'>,
): void {
  const { registry } = ctx;

  /** The platform's cache and read metadata (503 while it cannot answer), and the path's Promise. */
  const readable = (req: express.Request, allowStale?: boolean) => {
    const { platform, promise } = pathParams(req.params);
    return { ...registry.readable(platform, allowStale ?? false), promise };
  };

  router.get('/platforms', async (req, res) => {
    await readerCredentials(ctx, req);
    parse(readQuery, req.query, 'query');
    res.json(platformList(registry));
  });

  router.get('/platforms/:platform/promises', async (req, res) => {
    await readerCredentials(ctx, req);
    const q = parse(readQuery, req.query, 'query');
    const { platform, meta } = readable(req, q.allowStale);
    res.json({ ...meta, items: promiseSummaries(platform.cache) });
  });

  router.get('/platforms/:platform/promises/:promise', async (req, res) => {
    await readerCredentials(ctx, req);
    const q = parse(readQuery, req.query, 'query');
    const { platform, meta, promise } = readable(req, q.allowStale);
    res.json({
      ...meta,
      promise: promiseSummary(
        platform.cache,
        requirePromise(platform.cache, promise!),
      ),
    });
  });

  // The Promise as stored at the apiserver (not the slim cache), without status and server-set
  // metadata: what a user would keep in git and edit (scaffolder kratix:promise:render).
  router.get(
    '/platforms/:platform/promises/:promise/manifest',
    async (req, res) => {
      await readerCredentials(ctx, req);
      parse(manifestQuery, req.query, 'query');
      const { platform, promise } = pathParams(req.params);
      res.json(await readPromiseManifest(registry.get(platform), promise!));
    },
  );

  router.get(
    '/platforms/:platform/promises/:promise/targeting',
    async (req, res) => {
      await readerCredentials(ctx, req);
      const q = parse(targetingQuery, req.query, 'query');
      const { platform, meta, promise } = readable(req, q.allowStale);
      sendJsonBytes(
        res,
        promiseTargetingJson(platform.cache, meta, promise!, {
          offset: q.groupsOffset,
          limit: q.groupsLimit,
        }),
      );
    },
  );

  router.get(
    '/platforms/:platform/promises/:promise/works',
    async (req, res) => {
      await readerCredentials(ctx, req);
      const q = parse(readQuery, req.query, 'query');
      const { platform, meta, promise } = readable(req, q.allowStale);
      res.json(promiseWorks(platform.cache, meta, promise!));
    },
  );

  const listMisplaced = async (
    req: express.Request,
    res: express.Response,
    promiseFromPath?: string,
  ) => {
    await readerCredentials(ctx, req);
    const q = parse(misplacedQuery, req.query, 'query');
    const { platform, meta } = readable(req, q.allowStale);
    if (promiseFromPath) requirePromise(platform.cache, promiseFromPath);
    const body: MisplacedListResponse = misplacedList(platform.cache, meta, {
      ...q,
      promise: promiseFromPath ?? q.promise,
    });
    res.json(body);
  };

  router.get('/platforms/:platform/misplaced', (req, res) =>
    listMisplaced(req, res),
  );
  router.get('/platforms/:platform/promises/:promise/misplaced', (req, res) =>
    listMisplaced(req, res, pathParams(req.params).promise),
  );

  router.get('/platforms/:platform/matrix', async (req, res) => {
    await readerCredentials(ctx, req);
    const q = parse(readQuery, req.query, 'query');
    const { platform, meta } = readable(req, q.allowStale);
    // Streamed in ≈ 100 kB chunks (the answer reaches megabytes at scale), with backpressure.
    res.type('application/json');
    // The only failure is the client going away, which ends the response anyway.
    await pipeline(
      Readable.from(matrixJsonChunks(platform.cache, meta)),
      res,
    ).catch(() => undefined);
  });
}
