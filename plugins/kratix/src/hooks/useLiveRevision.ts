import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { kratixApiRef } from '../api';

/** How often the live views ask the backend whether its watch cache changed. */
export const LIVE_POLL_INTERVAL_MS = 5000;

/**
 * Polls the platform's cheap revision endpoint every few seconds (not while the browser tab is
 * hidden) and calls `onChange` when the revision differs from the last one seen. A failed poll is
 * ignored: the next one tries again, and the read itself shows errors.
 */
export function useLiveRevision(
  platform: string | undefined,
  onChange: () => void,
  intervalMs: number = LIVE_POLL_INTERVAL_MS,
): void {
  const api = useApi(kratixApiRef);
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    if (!platform) return undefined;
    let last: string | undefined;
    let cancelled = false;
    let inFlight = false;
    const poll = async () => {
      if (inFlight || (typeof document !== 'undefined' && document.hidden))
        return;
      inFlight = true;
      try {
        const { revision } = await api.getRevision(platform);
        if (cancelled) return;
        if (last !== undefined && revision !== last) callback.current();
        last = revision;
      } catch {
        // The next poll tries again; the read shows the error, if any.
      } finally {
        inFlight = false;
      }
    };
    poll();
    const timer = setInterval(poll, intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api, platform, intervalMs]);
}

/** The current time, updated every `intervalMs` (for "updated N s ago"). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
