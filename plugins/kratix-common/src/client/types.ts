import type { CleanupItemResult } from '../api/writeTypes';
import type { MisplacedFilters } from '../api/readTypes';

/**
 * Health status reported by the Kratix backend plugin.
 *
 * @public
 */
export interface KratixHealth {
  status: string;
}

/**
 * GET /platforms/:platform/revision: changes whenever the platform's watch cache does.
 *
 * @public
 */
export interface PlatformRevision {
  platform: string;
  /** Opaque; a different value means the reads may answer differently. */
  revision: string;
  synced: boolean;
  connected: boolean;
}

/**
 * Options of every read.
 *
 * @public
 */
export interface KratixReadOptions {
  /**
   * Accept the last known state when the platform is unreachable (the answer then has
   * `stale: true`); without it an unreachable platform is a 503.
   */
  allowStale?: boolean;
}

/**
 * Filters, sorting and paging of the misplaced WorkPlacement lists.
 *
 * @public
 */
export interface MisplacedQuery extends KratixReadOptions, MisplacedFilters {}

/**
 * Called for each WorkPlacement a streaming cleanup has finished with.
 *
 * @public
 */
export type CleanupProgressCallback = (
  result: CleanupItemResult,
  done: number,
) => void;

/**
 * How the client finds the Kratix backend and authenticates to it. In a frontend, pass the
 * discovery and fetch APIs (the fetch API adds the user's token); in a backend, the discovery
 * service and a `getToken` that mints a plugin request token for `kratix`.
 *
 * @public
 */
export interface KratixApiClientOptions {
  /** Resolves the base URL of the `kratix` backend plugin. */
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** The fetch to use (default: the global fetch). */
  fetchApi?: { fetch: typeof fetch };
  /** A token for each request, sent as `Authorization: Bearer <token>` when there is one. */
  getToken?: () => Promise<string | undefined>;
}
