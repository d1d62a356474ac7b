import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MisplacedListResponse,
  PlatformListResponse,
  kratixPromiseReadPermission,
} from '@kratix-backstage/plugin-kratix-common';
import express from 'express';
import { z } from 'zod';
import { KratixPlatformsService } from '@kratix-backstage/plugin-kratix-node';
import { matrixJson } from '../service/readModel/matrix';
import { misplacedList } from '../service/readModel/misplacedList';
import { readPromiseManifest } from '../service/readModel/promiseManifest';
import { promiseSummaries, promiseSummary, requirePromise } from '../service/readModel/promiseSummary';
import { promiseTargeting } from '../service/readModel/promiseTargeting';
import { promiseWorks } from '../service/readModel/promiseWorks';
import { misplacedQuery, parse, pathParams, readQuery, targetingQuery } from './params';

/** The manifest route takes no query parameters. */
const manifestQuery = z.object({}).strict();

export interface ReadRouteDeps {
  registry: KratixPlatformsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

/** The read API: platforms, Promises, targeting, Works, misplaced WorkPlacements, matrix. */
export function registerReadRoutes(router: express.Router, deps: ReadRouteDeps): void {
  const { registry, httpAuth, permissions } = deps;

  // Every read needs kratix.promise.read.
  const authorizeRead = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission: kratixPromiseReadPermission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('kratix.promise.read is not allowed for this user');
    }
  };

  const readable = (req: express.Request, allowStale?: boolean) => {
    const { platform, promise } = pathParams(req.params);
    return { ...registry.readable(platform, allowStale ?? false), promise };
  };

  router.get('/platforms', async (req, res) => {
    await authorizeRead(req);
    parse(readQuery, req.query, 'query');
    const body: PlatformListResponse = {
      items: registry.all().map(p => {
        const s = p.cache.status();
        return {
          name: p.config.name,
          generation: s.generation,
          synced: s.synced,
          connected: s.connected,
          error: s.error,
          disconnectedSince: s.disconnectedSince,
          counts: {
            promises: p.cache.promises.size,
            destinations: p.cache.destinations.size,
            works: p.cache.works.size,
            workPlacements: p.cache.workPlacements.size,
            misplaced: p.cache.workPlacements.countByIndex('misplaced', 'true'),
          },
        };
      }),
    };
    for (const b of registry.brokenPlatforms()) {
      body.items.push({
        name: b.name,
        synced: false,
        connected: false,
        error: b.error,
        counts: { promises: 0, destinations: 0, works: 0, workPlacements: 0, misplaced: 0 },
      });
    }
    res.json(body);
  });

  router.get('/platforms/:platform/promises', async (req, res) => {
    await authorizeRead(req);
    const q = parse(readQuery, req.query, 'query');
    const { platform, meta } = readable(req, q.allowStale);
    res.json({ ...meta, items: promiseSummaries(platform.cache) });
  });

  router.get('/platforms/:platform/promises/:promise', async (req, res) => {
    await authorizeRead(req);
    const q = parse(readQuery, req.query, 'query');
    const { platform, meta, promise } = readable(req, q.allowStale);
    res.json({ ...meta, promise: promiseSummary(platform.cache, requirePromise(platform.cache, promise!)) });
  });

  // The Promise as stored at the apiserver (not the slim cache), without status and server-set
  // metadata: what a user would keep in git and edit (scaffolder kratix:promise:render).
  router.get('/platforms/:platform/promises/:promise/manifest', async (req, res) => {
    await authorizeRead(req);
    parse(manifestQuery, req.query, 'query');
    const { platform, promise } = pathParams(req.params);
    res.json(await readPromiseManifest(registry.get(platform), promise!));
  });

  router.get('/platforms/:platform/promises/:promise/targeting', async (req, res) => {
    await authorizeRead(req);
    const q = parse(targetingQuery, req.query, 'query');
    const { platform, meta, promise } = readable(req, q.allowStale);
    res.json(promiseTargeting(platform.cache, meta, promise!, { offset: q.groupsOffset, limit: q.groupsLimit }));
  });

  router.get('/platforms/:platform/promises/:promise/works', async (req, res) => {
    await authorizeRead(req);
    const q = parse(readQuery, req.query, 'query');
    const { platform, meta, promise } = readable(req, q.allowStale);
    res.json(promiseWorks(platform.cache, meta, promise!));
  });

  const listMisplaced = async (req: express.Request, res: express.Response, promiseFromPath?: string) => {
    await authorizeRead(req);
    const q = parse(misplacedQuery, req.query, 'query');
    const { platform, meta } = readable(req, q.allowStale);
    if (promiseFromPath) requirePromise(platform.cache, promiseFromPath);
    const body: MisplacedListResponse = misplacedList(platform.cache, meta, {
      ...q,
      promise: promiseFromPath ?? q.promise,
    });
    res.json(body);
  };

  router.get('/platforms/:platform/misplaced', (req, res) => listMisplaced(req, res));
  router.get('/platforms/:platform/promises/:promise/misplaced', (req, res) =>
    listMisplaced(req, res, pathParams(req.params).promise),
  );

  router.get('/platforms/:platform/matrix', async (req, res) => {
    await authorizeRead(req);
    const q = parse(readQuery, req.query, 'query');
    const { platform, meta } = readable(req, q.allowStale);
    res.type('application/json').send(matrixJson(platform.cache, meta));
  });
}
