import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { JsonValue } from '@backstage/types';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CleanupItemResult,
  CleanupPreflightResponse,
  CleanupResponse,
  kratixPromiseReadPermission,
  kratixPromiseUpdatePermission,
  kratixWorkPlacementDeletePermission,
  promiseResourceRef,
} from '@kratix-backstage/plugin-kratix-common';
import { KratixPlatformsService, nsKey } from '@kratix-backstage/plugin-kratix-node';
import express from 'express';
import { HistoryStore } from '../service/history/HistoryStore';
import { actingIdentity, actorOf } from '../service/writes/actingIdentity';
import { cleanupWorkPlacements } from '../service/writes/cleanup';
import {
  preflightOf,
  resolveSelection,
} from '../service/writes/cleanupSelection';
import { updatePromise } from '../service/writes/promiseUpdate';
import { parse, pathParams } from './params';
import {
  cleanupBody,
  cleanupPreflightBody,
  historyQuery,
  promiseUpdateBody,
} from './writeSchemas';

/** Plain JSON for the auditor's meta. */
const toJson = (v: unknown): JsonValue => JSON.parse(JSON.stringify(v));

function historyOutcome(deleted: number, failed: number) {
  if (deleted > 0) return 'succeeded' as const;
  return failed > 0 ? ('failed' as const) : ('refused' as const);
}

export interface WriteRouteDeps {
  registry: KratixPlatformsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  history: HistoryStore;
  logger: LoggerService;
  cleanup: { concurrency: number; ratePerSecond: number };
}

/** Promise updates, cleanup preflight and cleanup of misplaced WorkPlacements, and history. */
export function registerWriteRoutes(
  router: express.Router,
  deps: WriteRouteDeps,
): void {
  const { registry, httpAuth, permissions, userInfo, auditor, history } = deps;

  const allowedPromises = async (
    credentials: BackstageCredentials,
    platform: string,
    promises: string[],
  ): Promise<Set<string>> => {
    if (promises.length === 0) return new Set();
    const decisions = await permissions.authorize(
      promises.map(p => ({
        permission: kratixWorkPlacementDeletePermission,
        resourceRef: promiseResourceRef(platform, p),
      })),
      { credentials },
    );
    return new Set(
      promises.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  };

  const requireRead = async (credentials: BackstageCredentials) => {
    const [d] = await permissions.authorize(
      [{ permission: kratixPromiseReadPermission }],
      { credentials },
    );
    if (d.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        'kratix.promise.read is not allowed for this user',
      );
  };

  router.post(
    '/platforms/:platform/promises/:promise/update',
    async (req, res) => {
      const { platform: platformName, promise } = pathParams(req.params);
      const credentials = await httpAuth.credentials(req);
      const body = parse(promiseUpdateBody, req.body, 'request body');
      const auditorEvent = await auditor.createEvent({
        eventId: 'promise-update',
        severityLevel: body.dryRun ? 'low' : 'medium',
        request: req,
        meta: {
          platform: platformName,
          promise,
          dryRun: Boolean(body.dryRun),
          resourceVersion: body.resourceVersion,
        },
      });
      const actor = actorOf(credentials);
      try {
        const [decision] = await permissions.authorize(
          [
            {
              permission: kratixPromiseUpdatePermission,
              resourceRef: promiseResourceRef(platformName, promise!),
            },
          ],
          { credentials },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `kratix.promise.update is not allowed on Promise ${promise} for ${actor}`,
          );
        }
        const platform = registry.get(platformName);
        const as = await actingIdentity(platform, credentials, userInfo);
        const result = await updatePromise(platform, promise!, body, as);
        const { before, after, ...response } = result;
        if (!body.dryRun) {
          await history.record({
            platform: platformName,
            promise: promise!,
            actor,
            action: 'promise.update',
            outcome: 'succeeded',
            summary: result.changed
              ? `Updated the Promise spec. ${result.effects.message}`
              : 'Applied an unchanged spec.',
            details: {
              diff: result.diff,
              before,
              after,
              resourceVersion: result.resourceVersion,
              actingAs: as?.user,
            },
          });
        }
        await auditorEvent.success({
          meta: {
            changed: result.changed,
            resourceVersion: result.resourceVersion,
            diff: result.diff,
          },
        });
        res.json(response);
      } catch (error) {
        await auditorEvent.fail({ error: error as Error });
        if (!body.dryRun) {
          await history.record({
            platform: platformName,
            promise: promise!,
            actor,
            action: 'promise.update',
            outcome: [
              'NotAllowedError',
              'ConflictError',
              'InputError',
              'NotFoundError',
            ].includes((error as Error).name)
              ? 'refused'
              : 'failed',
            summary: (error as Error).message,
            details: { resourceVersion: body.resourceVersion },
          });
        }
        throw error;
      }
    },
  );

  router.post('/platforms/:platform/cleanup/preflight', async (req, res) => {
    const { platform: platformName } = pathParams(req.params);
    const credentials = await httpAuth.credentials(req);
    await requireRead(credentials);
    const body = parse(cleanupPreflightBody, req.body, 'request body');
    const { platform } = registry.readable(platformName);
    const sel = resolveSelection(platform.cache, body);
    const items = [
      ...sel.found.map(wp => preflightOf(platform.cache, wp)),
      ...sel.notFound.map(n => ({ found: false as const, ...n })),
    ];
    const response: CleanupPreflightResponse = {
      platform: platformName,
      items,
      deletable: items.filter(i => i.found && i.misplaced && !i.blocked).length,
      blocked: items.filter(i => i.found && i.blocked).length,
    };
    res.json(response);
  });

  router.post('/platforms/:platform/cleanup', async (req, res) => {
    const { platform: platformName } = pathParams(req.params);
    const credentials = await httpAuth.credentials(req);
    // Reading comes first: without it, "not found" vs 403 would reveal what exists.
    await requireRead(credentials);
    const body = parse(cleanupBody, req.body, 'request body');
    const { platform } = registry.readable(platformName);
    const actor = actorOf(credentials);
    const sel = resolveSelection(platform.cache, body);
    const promises = [...new Set(sel.found.map(wp => wp.promiseName))].sort();
    const allowed = await allowedPromises(credentials, platformName, promises);
    if (sel.found.length > 0 && allowed.size === 0) {
      throw new NotAllowedError(
        `kratix.workplacement.delete is not allowed on Promise(s) ${promises.join(
          ', ',
        )} for ${actor}`,
      );
    }
    const as = await actingIdentity(platform, credentials, userInfo);
    if (as) {
      // Ask Kubernetes first, as the user: a forbidden identity gets Kubernetes' own 403 reason.
      for (const ns of new Set(sel.found.map(wp => wp.namespace))) {
        const review = await platform.client.accessReview(
          'delete',
          'workplacements',
          ns,
          as,
        );
        if (!review.allowed) {
          throw new NotAllowedError(
            `Kubernetes does not allow ${
              as.user
            } to delete WorkPlacements in namespace ${ns}${
              review.reason ? `: ${review.reason}` : ''
            }`,
          );
        }
      }
    }
    const auditorEvent = await auditor.createEvent({
      eventId: 'workplacement-cleanup',
      severityLevel: body.dryRun ? 'low' : 'high',
      request: req,
      meta: {
        platform: platformName,
        requested: sel.found.length,
        notFound: sel.notFound.length,
        force: Boolean(body.force),
        dryRun: Boolean(body.dryRun),
      },
    });
    const streaming =
      req.accepts(['application/json', 'application/x-ndjson']) ===
      'application/x-ndjson';
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const results: CleanupItemResult[] = sel.notFound.map(n => ({
      ...n,
      outcome: 'refused',
      reason: 'not found',
    }));
    if (streaming) {
      res.status(200).setHeader('Content-Type', 'application/x-ndjson');
      res.flushHeaders();
      results.forEach(r => res.write(`${JSON.stringify(r)}\n`));
    }
    const expected = new Map(
      (body.items ?? []).map(i => [
        nsKey(i.namespace, i.name),
        {
          uid: i.uid,
          generation: i.generation,
          resourceVersion: i.resourceVersion,
        },
      ]),
    );
    try {
      await cleanupWorkPlacements(
        platform,
        sel.found,
        {
          force: Boolean(body.force),
          dryRun: Boolean(body.dryRun),
          concurrency: deps.cleanup.concurrency,
          ratePerSecond: deps.cleanup.ratePerSecond,
          as,
          allowedPromises: allowed,
          expected,
          signal: abort.signal,
        },
        r => {
          results.push(r);
          if (streaming) res.write(`${JSON.stringify(r)}\n`);
        },
      );
    } catch (error) {
      await auditorEvent.fail({
        error: error as Error,
        meta: { results: toJson(results) },
      });
      throw error;
    }
    const summary = { deleted: 0, refused: 0, failed: 0 };
    results.forEach(r => (summary[r.outcome] += 1));
    // Items never attempted because the client went away are reported as such.
    const attempted = new Set(results.map(r => nsKey(r.namespace, r.name)));
    const notAttempted = sel.found.filter(
      wp => !attempted.has(nsKey(wp.namespace, wp.name)),
    );
    await auditorEvent.success({
      meta: {
        summary,
        results: toJson(results),
        notAttempted: notAttempted.length,
      },
    });
    if (!body.dryRun) {
      for (const promise of promises) {
        const mine = results.filter(r => r.promise === promise);
        if (mine.length === 0) continue;
        const count = (o: string) => mine.filter(r => r.outcome === o).length;
        await history.record({
          platform: platformName,
          promise,
          actor,
          action: 'workplacement.delete',
          outcome: historyOutcome(count('deleted'), count('failed')),
          summary: `Cleanup: ${count('deleted')} deleted, ${count(
            'refused',
          )} refused, ${count('failed')} failed.`,
          details: {
            results: mine,
            force: Boolean(body.force),
            actingAs: as?.user,
          },
        });
      }
    }
    if (streaming) {
      res.end(`${JSON.stringify({ summary })}\n`);
      return;
    }
    const response: CleanupResponse = {
      platform: platformName,
      dryRun: Boolean(body.dryRun),
      results,
      summary,
    };
    res.json(response);
  });

  router.get(
    '/platforms/:platform/promises/:promise/history',
    async (req, res) => {
      const { platform: platformName, promise } = pathParams(req.params);
      const credentials = await httpAuth.credentials(req);
      await requireRead(credentials);
      const q = parse(historyQuery, req.query, 'query');
      registry.get(platformName);
      res.json({
        platform: platformName,
        promise,
        items: await history.list(platformName, promise!, q.limit),
      });
    },
  );
}
