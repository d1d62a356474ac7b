import type { CleanupPreflightItem } from '@kratix-backstage/plugin-kratix-common';

/** One line per consequence of deleting a WorkPlacement, as the preflight predicts it. */
export function describePreflight(
  item: CleanupPreflightItem,
  force: boolean,
): string[] {
  if (!item.found) return ['not found: already deleted?'];
  const lines: string[] = [];
  if (!item.misplaced) lines.push('not misplaced: cleanup will refuse it');
  if (item.blocked) {
    lines.push(
      `BLOCKED: ${item.blockReason ?? 'the delete would not complete'}`,
    );
    lines.push(
      force
        ? 'forced: it is deleted anyway and waits on its finalizer'
        : 'skipped unless you force blocked items',
    );
  }
  switch (item.files.kind) {
    case 'removed':
      lines.push(`files removed from ${item.files.path}`);
      break;
    case 'stay':
      lines.push(`files stay at ${item.files.path}`);
      break;
    default:
      lines.push(
        `files removed from ${item.files.path} once the delete can complete`,
      );
  }
  switch (item.afterDelete.kind) {
    case 'rescheduled':
      lines.push(
        `will be re-scheduled to one of ${item.afterDelete.candidates.join(
          ', ',
        )}`,
      );
      break;
    case 'unscheduled':
      lines.push('not re-scheduled: no Destination matches it now');
      break;
    case 'sibling-remains':
      lines.push(
        `not re-scheduled: ${item.afterDelete.siblings.join(
          ', ',
        )} of the same workload group remain`,
      );
      break;
    default:
      lines.push('not recreated');
  }
  return [...lines, ...item.notes];
}
