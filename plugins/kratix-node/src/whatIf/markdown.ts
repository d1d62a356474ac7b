import {
  WhatIfGroupEffect,
  WhatIfResponse,
  WhatIfTiming,
  WhatIfWorkPlacementRef,
} from '@kratix-backstage/plugin-kratix-common';

const MAX_ITEMS = 8;

const WHEN: Record<WhatIfTiming, string> = {
  immediate: 'right away',
  'after-workflow-run': 'when the workflows re-run',
  'next-requeue': "on the Work's next retry",
  deferred: "deferred until each Work's next reconcile",
};

function list(items: readonly string[], max = MAX_ITEMS): string {
  if (items.length === 0) return '(none)';
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

function wp(ref: WhatIfWorkPlacementRef): string {
  return `\`${ref.namespace}/${ref.name}\` on ${ref.destination}`;
}

function count(n: number, gained: readonly string[] = []): string {
  return gained.length ? `${n} (${list(gained, 5)})` : String(n);
}

/** Lines for one kind of WorkPlacement effect, grouped by timing. */
function effectLines(
  groups: readonly WhatIfGroupEffect[],
  pick: (g: WhatIfGroupEffect) => readonly string[],
  label: string,
): string[] {
  const byWhen = new Map<WhatIfTiming, string[]>();
  for (const g of groups) {
    const items = pick(g);
    if (!items.length) continue;
    const acc = byWhen.get(g.when) ?? [];
    acc.push(...items);
    byWhen.set(g.when, acc);
  }
  return [...byWhen].map(
    ([when, items]) => `- ${label} (${WHEN[when]}): ${list(items)}`,
  );
}

/** A concise human summary of a what-if result (scaffolder action output, UI). */
export function renderWhatIfMarkdown(r: WhatIfResponse): string {
  const out: string[] = [];
  const title =
    r.kind === 'promise'
      ? `What-if: Promise \`${r.promise}\` spec change`
      : 'What-if: Destination changes';
  out.push(`### ${title}`, '', `Kratix generation: \`${r.generation}\``, '');
  if (!r.changed) {
    out.push('**No change.** Nothing is re-scheduled and no workflow re-runs.');
    for (const w of r.warnings) out.push(`- ⚠️ ${w.message}`);
    for (const n of r.notes) out.push(`- ${n}`);
    return out.join('\n');
  }

  const s = r.summary;
  const gained = [
    ...new Set(r.promises.flatMap(p => p.destinationsGained)),
  ].sort();
  const lost = [...new Set(r.promises.flatMap(p => p.destinationsLost))].sort();
  const rows: Array<[string, string, boolean]> = [
    ['Destinations gained', count(s.destinationsGained, gained), true],
    ['Destinations lost', count(s.destinationsLost, lost), true],
    ['WorkPlacements created', String(s.workPlacementsCreated), true],
    [
      'WorkPlacements marked misplaced (kept)',
      String(s.workPlacementsMisplaced),
      true,
    ],
    [
      'Misplaced WorkPlacements placed again',
      String(s.workPlacementsUnmisplaced),
      true,
    ],
    [
      'Resources on excluded Destinations',
      String(s.resourcesOnExcludedDestinations),
      true,
    ],
    ['Workflows re-run', String(s.workflowsRerun), true],
    [
      'WorkPlacements deleted (files removed)',
      String(s.workPlacementsDeleted),
      s.workPlacementsDeleted > 0,
    ],
    [
      'Resources re-scheduled',
      String(s.resourcesRescheduled),
      s.resourcesRescheduled > 0,
    ],
    [
      'Unscheduled resource groups becoming schedulable',
      String(s.resourceGroupsBecomingSchedulable),
      s.resourceGroupsBecomingSchedulable > 0,
    ],
    ['Effects deferred', String(s.deferred), s.deferred > 0],
  ];
  out.push('| Effect | Count |', '|---|---:|');
  for (const [name, value, show] of rows)
    if (show) out.push(`| ${name} | ${value} |`);
  out.push('');

  if (r.warnings.length) {
    out.push('**Warnings**');
    for (const w of r.warnings) out.push(`- ⚠️ ${w.message}`);
    out.push('');
  }

  for (const p of r.promises) {
    const groups = r.groups.filter(g => g.work.promise === p.promise);
    const lines: string[] = [];
    if (
      p.staticDependencies &&
      p.staticDependencies !== 'none' &&
      p.staticDependencies !== 'unchanged'
    ) {
      lines.push(`- Static dependencies: ${p.staticDependencies} (right away)`);
    }
    if (p.workflows && p.workflows.total > 0) {
      const parts = [
        ...(p.workflows.promiseConfigure
          ? ['the Promise configure workflow']
          : []),
        ...(p.workflows.resourceRequests
          ? [
              `${p.workflows.resourceRequests} resource request workflow(s)${
                p.workflows.resourceRequestsEstimated ? ' (estimated)' : ''
              }`,
            ]
          : []),
      ];
      lines.push(`- Re-runs ${parts.join(' and ')}`);
    }
    lines.push(
      ...effectLines(
        groups,
        g => g.workPlacementsCreated,
        'New WorkPlacements on',
      ),
      ...effectLines(
        groups,
        g => g.workPlacementsMisplaced.map(wp),
        'Marked misplaced, kept (files still written)',
      ),
      ...effectLines(
        groups,
        g => g.workPlacementsUnmisplaced.map(wp),
        'Placed again (label removed)',
      ),
      ...effectLines(
        groups,
        g => g.workPlacementsDeleted.map(wp),
        'Deleted with their files',
      ),
      ...effectLines(
        groups,
        g => g.resourcesOnExcludedDestinations.map(wp),
        'Resources staying on excluded Destinations, to be labelled misplaced',
      ),
      ...effectLines(
        groups,
        g => g.resourcesRescheduled.map(wp),
        'Resources re-scheduled',
      ),
    );
    if (p.counts.resourceGroupsBecomingSchedulable) {
      lines.push(
        `- ${p.counts.resourceGroupsBecomingSchedulable} unscheduled resource group(s) become schedulable`,
      );
    }
    if (p.newResources) {
      lines.push(
        `- New resources go to one random Destination among: ${list(
          p.newResources.candidates,
        )}`,
      );
    }
    if (p.counts.groupsAssumedUnchanged) {
      lines.push(
        `- ${p.counts.groupsAssumedUnchanged} workload group(s) have workflow-written selectors, assumed unchanged until their workflow runs`,
      );
    }
    if (lines.length) out.push(`**Promise \`${p.promise}\`**`, ...lines, '');
  }
  if (r.groupsOmitted) {
    out.push(
      `_Details list the first ${r.groups.length} workload groups; ${r.groupsOmitted} more are counted above._`,
      '',
    );
  }

  if (r.destinations?.length) {
    out.push('**Destinations**');
    for (const d of r.destinations) {
      out.push(
        `- \`${d.name}\` (${d.change}): gained by ${d.groupsGained} workload group(s), lost by ${d.groupsLost}`,
      );
    }
    out.push('');
  }
  if (r.notes.length) {
    out.push('**Notes**');
    for (const n of r.notes) out.push(`- ${n}`);
  }
  return out.join('\n').trimEnd();
}
