import type {
  CleanupItemResult,
  CleanupOutcome,
  CleanupRequest,
  CleanupResponse,
} from '../api/writeTypes';
import { readNdjson } from './readNdjson';
import type { CleanupProgressCallback } from './types';

/**
 * Reads the ndjson answer of POST /platforms/:platform/cleanup: one line per WorkPlacement as the
 * backend finishes it (passed to `onProgress`), then the summary line; an `error` line ends it.
 */
export async function readCleanupStream(
  res: Response,
  platform: string,
  request: CleanupRequest,
  onProgress: CleanupProgressCallback,
): Promise<CleanupResponse> {
  const results: CleanupItemResult[] = [];
  let summary: Record<CleanupOutcome, number> | undefined;
  let header: Partial<CleanupResponse> = {};
  await readNdjson(res, line => {
    const value = line as Record<string, unknown>;
    if (value.error && typeof value.error === 'object') {
      const err = value.error as { name?: string; message?: string };
      const error = new Error(err.message ?? 'cleanup failed');
      error.name = err.name ?? 'Error';
      throw error;
    }
    if (value.summary) {
      summary = value.summary as Record<CleanupOutcome, number>;
      header = value as Partial<CleanupResponse>;
      return;
    }
    const result = value as unknown as CleanupItemResult;
    results.push(result);
    onProgress(result, results.length);
  });

  return {
    platform: header.platform ?? platform,
    dryRun: header.dryRun ?? Boolean(request.dryRun),
    results,
    summary: summary ?? countOutcomes(results),
  };
}

function countOutcomes(
  results: CleanupItemResult[],
): Record<CleanupOutcome, number> {
  const summary: Record<CleanupOutcome, number> = {
    deleted: 0,
    refused: 0,
    failed: 0,
  };
  for (const r of results) summary[r.outcome] += 1;
  return summary;
}
