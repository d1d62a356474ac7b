import { mockServices } from '@backstage/backend-test-utils';

/** Auditor events recorded by a test backend: the event options and how it ended. */
export interface RecordedAuditEvent {
  eventId: string;
  meta?: unknown;
  outcome?: 'success' | 'fail';
  outcomeMeta?: unknown;
  error?: string;
}

/** A mock auditor that records every event it is asked to create, and how each ended. */
export function recordingAuditor() {
  const audit: RecordedAuditEvent[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async (opts: any) => {
      const event: RecordedAuditEvent = {
        eventId: opts.eventId,
        meta: opts.meta,
      };
      audit.push(event);
      return {
        success: async (o?: any) => {
          event.outcome = 'success';
          event.outcomeMeta = o?.meta;
        },
        fail: async (o: any) => {
          event.outcome = 'fail';
          event.outcomeMeta = o?.meta;
          event.error = String(o?.error?.message ?? o?.error);
        },
      };
    },
  });
  return { audit, factory: auditor.factory };
}
