/*
 * JSON shapes of the write API under /api/kratix (documented in plugins/kratix-backend/README.md).
 * Every write is behind its own permission (see ../permissions.ts), resource-scoped to the
 * Promise: resourceRef = promiseResourceRef(platform, promise).
 */
import { DeletionPreflight } from '../rules/deletionPreflight';

/**
 * The resourceRef of a Promise for the kratix-promise resource permissions.
 *
 * @public
 */
export function promiseResourceRef(platform: string, promise: string): string {
  return `kratix-promise:${platform}/${promise}`;
}

/** @public */
export function parsePromiseResourceRef(
  ref: string,
): { platform: string; promise: string } | undefined {
  const m = /^kratix-promise:([^/]+)\/(.+)$/.exec(ref);
  return m ? { platform: m[1], promise: m[2] } : undefined;
}

/**
 * POST /platforms/:platform/promises/:promise/update
 *
 * @public
 */
export interface PromiseUpdateRequest {
  /** The resourceVersion the client saw; a stale one gets 409, never a silent overwrite. */
  resourceVersion: string;
  /**
   * The metadata.generation the client saw. When sent, a newer resourceVersion with the same
   * generation (only Kratix's status writes happened since) is accepted: the spec is unchanged.
   */
  generation?: number;
  /** The whole new spec... */
  spec?: Record<string, unknown>;
  /** ...or a JSON merge patch (RFC 7386) of the spec. Exactly one of the two. */
  specPatch?: Record<string, unknown>;
  /** Server-side dry run at the apiserver: validates and returns the diff, changes nothing. */
  dryRun?: boolean;
}

/** @public */
export interface PromiseUpdateEffects {
  /** A spec change re-runs the Promise configure workflow (when it has one). */
  promiseWorkflowRerun: boolean;
  /** ...and every resource request's configure workflow. */
  resourceWorkflowsRerun: number;
  message: string;
}

/** @public */
export interface PromiseUpdateResponse {
  platform: string;
  promise: string;
  dryRun: boolean;
  changed: boolean;
  /** resourceVersion after the update (or the current one for a dry run). */
  resourceVersion: string;
  generation: number;
  /** Unified diff of the spec as YAML, before → after. */
  diff: string;
  effects: PromiseUpdateEffects;
  /**
   * When the apiserver took the change (its own clock, from the Promise's managedFields; second
   * precision): workflow runs created since then are the re-runs this update caused. Absent for a
   * dry run or when nothing changed.
   */
  appliedAt?: string;
}

/**
 * Which WorkPlacements a cleanup call is about: explicit items, or all misplaced of a scope.
 *
 * @public
 */
export interface CleanupSelection {
  /**
   * Named WorkPlacements. `uid` and `generation` (from the preflight) make the cleanup refuse one
   * that was replaced or whose spec changed since; `resourceVersion` refuses any change at all,
   * which on current Kratix (it rewrites WorkPlacement annotations every few seconds) is rarely
   * what a client wants.
   */
  items?: Array<{
    namespace: string;
    name: string;
    uid?: string;
    generation?: number;
    resourceVersion?: string;
  }>;
  /** With `all: true`: every misplaced WorkPlacement of this Promise and/or Destination. */
  promise?: string;
  destination?: string;
  all?: boolean;
}

/**
 * POST /platforms/:platform/cleanup/preflight
 *
 * @public
 */
export type CleanupPreflightRequest = CleanupSelection;

/** @public */
export type CleanupPreflightItem =
  | ({ found: true } & DeletionPreflight)
  | { found: false; namespace: string; name: string };

/** @public */
export interface CleanupPreflightResponse {
  platform: string;
  items: CleanupPreflightItem[];
  /** Items that cleanup would delete (misplaced, found, not blocked). */
  deletable: number;
  blocked: number;
}

/**
 * POST /platforms/:platform/cleanup (Accept: application/x-ndjson streams one result per line)
 *
 * @public
 */
export interface CleanupRequest extends CleanupSelection {
  /** Delete blocked items too (their delete then waits on the finalizer). */
  force?: boolean;
  dryRun?: boolean;
}

/** @public */
export type CleanupOutcome = 'deleted' | 'refused' | 'failed';

/** @public */
export interface CleanupItemResult {
  namespace: string;
  name: string;
  promise?: string;
  destination?: string;
  outcome: CleanupOutcome;
  /** Why refused (no longer misplaced, changed, blocked, not allowed) or the error. */
  reason?: string;
}

/** @public */
export interface CleanupResponse {
  platform: string;
  dryRun: boolean;
  results: CleanupItemResult[];
  summary: Record<CleanupOutcome, number>;
}

/**
 * GET /platforms/:platform/promises/:promise/history
 *
 * @public
 */
export interface HistoryEntry {
  id: string;
  at: string;
  platform: string;
  promise: string;
  /** Backstage user entity ref (or service) that acted. */
  actor: string;
  action: 'promise.update' | 'workplacement.delete';
  outcome: 'succeeded' | 'failed' | 'refused';
  summary: string;
  details: Record<string, unknown>;
}

/** @public */
export interface HistoryResponse {
  platform: string;
  promise: string;
  items: HistoryEntry[];
}
