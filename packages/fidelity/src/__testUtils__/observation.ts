/*
 * How the fidelity runner watches Kratix: the scenario Promise's WorkPlacements as the API server
 * and as the backend cache show them, waiting for the cache to catch up, for Destinations to be
 * live, and for Kratix to settle into (or fail to reach) a predicted state.
 */
import { misplacementLabelOf } from '@kratix-backstage/plugin-kratix-common';
import {
  KRATIX,
  customObjects,
  isMisplaced,
  listWorkPlacements,
  listWorks,
  stateStoreFiles,
  waitFor,
} from '@kratix-backstage/test-platform';
import {
  Comparison,
  Expectation,
  PHASE_NAMES,
  WpView,
  compareState,
  workKeyOf,
} from '../compare';
import { kratixLogSize, stateStoreFailures } from './kratixLog';
import { Ctx, PhaseResult, PlatformError } from './results';
import { PlatformCache } from '@kratix-backstage/plugin-kratix-node/testUtils';

/** The platform's own Destinations (dev/platform): never modified, compared in empty-selector scenarios. */
export const BASE_DESTINATIONS = ['dev-1', 'dev-2', 'prod-1'];

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/*
 * What Kratix decided about an object: uid, spec generation, labels, deletion. Not the
 * resourceVersion: current Kratix re-stamps static-dependency Works and their WorkPlacements
 * (annotations) every few seconds, so versions never stand still (docs/kratix-generations.md).
 */
type Slim = {
  namespace?: string;
  name: string;
  uid: string;
  generation?: number;
  labels: Record<string, string>;
  deletionTimestamp?: string;
};
const stateKey = (o: Slim) =>
  `${o.namespace ?? ''}/${o.name}@${o.uid}/g${
    o.generation ?? 0
  }/${Object.entries(o.labels ?? {})
    .sort()
    .join(';')}${o.deletionTimestamp ? '/deleting' : ''}`;
const apiStates = (items: any[]) =>
  items
    .map(o =>
      stateKey({
        namespace: o.metadata.namespace,
        name: o.metadata.name,
        uid: o.metadata.uid,
        generation: o.metadata.generation,
        labels: o.metadata.labels ?? {},
        deletionTimestamp: o.metadata.deletionTimestamp,
      }),
    )
    .sort()
    .join(',');
const cacheStates = (items: Slim[]) => items.map(stateKey).sort().join(',');

export class ScenarioObserver {
  constructor(
    private readonly cache: PlatformCache,
    private readonly stableMs: number,
    private readonly settleTimeoutMs: number,
  ) {}

  /** Destinations whose WorkPlacements the comparison looks at: the platform's and the scenario's. */
  comparable(ctx: Ctx): (destination: string) => boolean {
    return d => BASE_DESTINATIONS.includes(d) || ctx.created.has(d);
  }

  /** The scenario Promise's WorkPlacements, read from the API server. */
  async observe(ctx: Ctx): Promise<any[]> {
    return (await listWorkPlacements()).filter(
      wp => wp.spec?.promiseName === ctx.plan.promise,
    );
  }

  views(raw: any[]): WpView[] {
    return raw.map(wp => ({
      workKey: workKeyOf({ resourceName: wp.spec?.resourceName }),
      destination: String(wp.spec?.targetDestinationName ?? ''),
      misplaced: isMisplaced(wp),
    }));
  }

  /** The Promise's WorkPlacements as the backend cache (and so the engine) sees them. */
  cacheViews(ctx: Ctx): WpView[] {
    return this.cache.workPlacements
      .byIndex('promise', ctx.plan.promise)
      .map(wp => ({
        workKey: workKeyOf(wp),
        destination: wp.targetDestinationName,
        misplaced: misplacementLabelOf(wp.labels) !== undefined,
      }));
  }

  /** Waits until the backend cache shows what the API server shows for the scenario's objects. */
  async catchUp(ctx: Ctx): Promise<void> {
    const promise = ctx.plan.promise;
    const caughtUp = async () => {
      const wps = await this.observe(ctx);
      if (
        apiStates(wps) !==
        cacheStates(this.cache.workPlacements.byIndex('promise', promise))
      )
        return false;
      const works = (await listWorks()).filter(
        w => w.spec?.promiseName === promise,
      );
      if (
        apiStates(works) !==
        cacheStates(this.cache.works.byIndex('promise', promise))
      )
        return false;
      const names = new Set([...BASE_DESTINATIONS, ...ctx.created]);
      const dests: any = await customObjects().listClusterCustomObject({
        ...KRATIX,
        plural: 'destinations',
      });
      const apiDests = dests.items.filter((d: any) =>
        names.has(d.metadata.name),
      );
      const cacheDests = this.cache.destinations
        .all()
        .filter(d => names.has(d.name));
      return apiStates(apiDests) === cacheStates(cacheDests);
    };
    try {
      await waitFor(
        `backend cache caught up with ${promise}`,
        30_000,
        caughtUp,
      );
    } catch (e) {
      throw new PlatformError((e as Error).message);
    }
  }

  /** Waits until Kratix has written its canary files for each Destination (it is reconciled). */
  async waitLive(names: string[]): Promise<void> {
    if (names.length === 0) return;
    try {
      await waitFor(
        `canary files of ${names.join(', ')}`,
        300_000,
        async () => {
          const files = new Set(await stateStoreFiles());
          return names.every(
            n =>
              files.has(
                `destinations/${n}/dependencies/kratix-canary-namespace.yaml`,
              ) &&
              files.has(
                `destinations/${n}/resources/kratix-canary-configmap.yaml`,
              ),
          );
        },
      );
    } catch (e) {
      throw new PlatformError((e as Error).message);
    }
  }

  /**
   * Polls the Promise's WorkPlacements until they show the expected state, have been unchanged for
   * `stableMs` and are written (status.versionID) on every live Destination; or the timeout.
   */
  async settle(ctx: Ctx, expectation: Expectation): Promise<PhaseResult> {
    const started = Date.now();
    const logOffset = kratixLogSize();
    const comparable = this.comparable(ctx);
    let lastFingerprint = '';
    let stableSince = started;
    for (;;) {
      const raw = await this.observe(ctx);
      const fingerprint = `${apiStates(raw)}|${raw
        .map(wp => wp.status?.versionID ?? '')
        .sort()
        .join(',')}`;
      const now = Date.now();
      if (fingerprint !== lastFingerprint) {
        lastFingerprint = fingerprint;
        stableSince = now;
      }
      const cmp: Comparison = compareState(
        expectation,
        this.views(raw),
        comparable,
      );
      const pending = raw
        .filter(wp => comparable(wp.spec.targetDestinationName))
        .filter(
          wp =>
            wp.metadata.deletionTimestamp ||
            ((ctx.live.has(wp.spec.targetDestinationName) ||
              BASE_DESTINATIONS.includes(wp.spec.targetDestinationName)) &&
              // Nothing is written for a Destination whose store is missing.
              !ctx.live.get(wp.spec.targetDestinationName)?.storeMissing &&
              !wp.status?.versionID),
        )
        .map(wp =>
          wp.metadata.deletionTimestamp
            ? `${wp.metadata.name} is being deleted`
            : `${wp.metadata.name} not written`,
        );
      const done = cmp.diffs.length === 0 && pending.length === 0;
      if (done && now - stableSince >= this.stableMs) {
        return phaseResult(expectation, true, cmp, now - started);
      }
      if (now - started > this.settleTimeoutMs) {
        const result = phaseResult(
          expectation,
          false,
          { ...cmp, diffs: cmp.diffs.length ? cmp.diffs : pending },
          now - started,
        );
        if (!cmp.diffs.length) return { ...result, inconclusive: true };
        // Kratix re-schedules dependency Works on a Destination event only after writing the
        // canary files; when its state-store writes kept failing (load), the predicted state is
        // late, not wrong. The manager's log says so.
        const failures = stateStoreFailures(logOffset, [
          ...ctx.created,
          ctx.plan.promise,
        ]);
        return failures.length
          ? {
              ...result,
              inconclusive: true,
              diffs: [
                ...result.diffs,
                `Kratix could not write to the state store meanwhile: ${failures
                  .slice(0, 3)
                  .join(' | ')}`,
              ],
            }
          : result;
      }
      await sleep(150);
    }
  }
}

function phaseResult(
  e: Expectation,
  ok: boolean,
  cmp: Comparison,
  ms: number,
): PhaseResult {
  return {
    phase: e.phase,
    name: PHASE_NAMES[e.phase],
    ok,
    diffs: cmp.diffs,
    early: cmp.early,
    tolerated486: cmp.tolerated486,
    ms,
  };
}
