import {
  AuditorService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { JsonValue } from '@backstage/types';
import {
  CleanupItemResult,
  CleanupPreflightRequest,
  CleanupPreflightResponse,
  CleanupRequest,
  CleanupResponse,
  kratixWorkPlacementDeletePermission,
  promiseResourceRef,
} from '@kratix-backstage/plugin-kratix-common';
import {
  ActingIdentity,
  Platform,
  KratixPlatformsService,
  nsKey,
} from '@kratix-backstage/plugin-kratix-node';
import { allowedResources } from '../../auth/requirePermission';
import { HistoryStore } from '../history/HistoryStore';
import { actingIdentity, actorOf } from './actingIdentity';
import { cleanupWorkPlacements } from './cleanup';
import { preflightOf, resolveSelection } from './cleanupSelection';
import { WriteCaller } from './promiseWriteService';

/** Plain JSON for the auditor's meta. */
const toJson = (v: unknown): JsonValue => JSON.parse(JSON.stringify(v));

function historyOutcome(deleted: number, failed: number) {
  if (deleted > 0) return 'succeeded' as const;
  return failed > 0 ? ('failed' as const) : ('refused' as const);
}

export interface CleanupServiceDeps {
  registry: KratixPlatformsService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  history: HistoryStore;
  limits: { concurrency: number; ratePerSecond: number };
}

/** How a caller follows a cleanup as it runs (the route streams it as ndjson). */
export interface CleanupProgress {
  /** All checks passed; deletions start now. */
  started?(): void;
  /** One item's outcome, as soon as it is known. */
  result?(r: CleanupItemResult): void;
  /** Aborts the remaining items (already started ones finish). */
  signal?: AbortSignal;
}

/**
 * Preflight and cleanup of misplaced WorkPlacements, with everything around the deletions: the
 * selection, kratix.workplacement.delete per Promise, the Kubernetes access review of an
 * impersonated user, the audit event, the summary and each Promise's history.
 */
export class CleanupService {
  constructor(private readonly deps: CleanupServiceDeps) {}

  /** What a cleanup of the selection would do, from the cache; deletes nothing. */
  preflight(
    platformName: string,
    body: CleanupPreflightRequest,
  ): CleanupPreflightResponse {
    const { platform } = this.deps.registry.readable(platformName);
    const sel = resolveSelection(platform.cache, body);
    const items = [
      ...sel.found.map(wp => preflightOf(platform.cache, wp)),
      ...sel.notFound.map(n => ({ found: false as const, ...n })),
    ];
    return {
      platform: platformName,
      items,
      deletable: items.filter(i => i.found && i.misplaced && !i.blocked).length,
      blocked: items.filter(i => i.found && i.blocked).length,
    };
  }

  async run(
    caller: WriteCaller,
    platformName: string,
    body: CleanupRequest,
    progress: CleanupProgress = {},
  ): Promise<CleanupResponse> {
    const { registry, permissions, userInfo, auditor } = this.deps;
    const { credentials } = caller;
    const { platform } = registry.readable(platformName);
    const actor = actorOf(credentials);
    const sel = resolveSelection(platform.cache, body);
    const promises = [...new Set(sel.found.map(wp => wp.promiseName))].sort();
    const allowed = await allowedResources(
      permissions,
      credentials,
      kratixWorkPlacementDeletePermission,
      promises,
      p => promiseResourceRef(platformName, p),
    );
    if (sel.found.length > 0 && allowed.size === 0) {
      throw new NotAllowedError(
        `kratix.workplacement.delete is not allowed on Promise(s) ${promises.join(
          ', ',
        )} for ${actor}`,
      );
    }
    const as = await actingIdentity(platform, credentials, userInfo);
    if (as) {
      await requireKubernetesDelete(
        platform,
        as,
        sel.found.map(wp => wp.namespace),
      );
    }
    const auditorEvent = await auditor.createEvent({
      eventId: 'workplacement-cleanup',
      severityLevel: body.dryRun ? 'low' : 'high',
      request: caller.request,
      meta: {
        platform: platformName,
        requested: sel.found.length,
        notFound: sel.notFound.length,
        force: Boolean(body.force),
        dryRun: Boolean(body.dryRun),
      },
    });
    progress.started?.();
    const results: CleanupItemResult[] = [];
    const report = (r: CleanupItemResult) => {
      results.push(r);
      progress.result?.(r);
    };
    sel.notFound.forEach(n =>
      report({ ...n, outcome: 'refused', reason: 'not found' }),
    );
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
    let summary;
    try {
      summary = await cleanupWorkPlacements(
        platform,
        sel.found,
        {
          force: Boolean(body.force),
          dryRun: Boolean(body.dryRun),
          concurrency: this.deps.limits.concurrency,
          ratePerSecond: this.deps.limits.ratePerSecond,
          as,
          allowedPromises: allowed,
          expected,
          signal: progress.signal,
        },
        report,
      );
    } catch (error) {
      await auditorEvent.fail({
        error: error as Error,
        meta: { results: toJson(results) },
      });
      throw error;
    }
    summary.refused += sel.notFound.length;
    // Items never attempted because the client went away are reported as such.
    const attempted = new Set(results.map(r => nsKey(r.namespace, r.name)));
    const notAttempted = sel.found.filter(
      wp => !attempted.has(nsKey(wp.namespace, wp.name)),
    ).length;
    await auditorEvent.success({
      meta: { summary, results: toJson(results), notAttempted },
    });
    if (!body.dryRun) {
      await this.recordHistory(platformName, promises, results, {
        actor,
        force: Boolean(body.force),
        actingAs: as?.user,
      });
    }
    return {
      platform: platformName,
      dryRun: Boolean(body.dryRun),
      results,
      summary,
    };
  }

  /** One history entry per Promise that had items in this cleanup. */
  private async recordHistory(
    platformName: string,
    promises: string[],
    results: CleanupItemResult[],
    who: { actor: string; force: boolean; actingAs?: string },
  ): Promise<void> {
    for (const promise of promises) {
      const mine = results.filter(r => r.promise === promise);
      if (mine.length === 0) continue;
      const count = (o: string) => mine.filter(r => r.outcome === o).length;
      await this.deps.history.record({
        platform: platformName,
        promise,
        actor: who.actor,
        action: 'workplacement.delete',
        outcome: historyOutcome(count('deleted'), count('failed')),
        summary: `Cleanup: ${count('deleted')} deleted, ${count(
          'refused',
        )} refused, ${count('failed')} failed.`,
        details: {
          results: mine,
          force: who.force,
          actingAs: who.actingAs,
        },
      });
    }
  }
}

/**
 * An impersonated user must be allowed by Kubernetes itself to delete WorkPlacements in every
 * namespace of the selection: asked first, so the 403 carries Kubernetes' own reason.
 */
async function requireKubernetesDelete(
  platform: Platform,
  as: ActingIdentity,
  namespaces: string[],
): Promise<void> {
  for (const ns of new Set(namespaces)) {
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
