/*
 * The workload groups of a Promise's workflow Works (Promise-workflow and resource Works) that a
 * spec change re-evaluates, as cases for evaluateGroup.
 */
import {
  SlimWork,
  WhatIfWorkRef,
  WorkloadGroupSelector,
} from '@kratix-backstage/plugin-kratix-common';
import { GroupCase } from './groupEvaluation';
import { DEFAULT_WORKLOAD_GROUP_ID, whatIfWorkKind } from './picture';
import { WhatIfResultBuilder } from './result';

/**
 * The selectors a workflow Work's group gets when its workflow re-runs. The work-creator gives the
 * default group `.` the workflow's own entry without `directory` (source `<type>-workflow`) plus
 * the Promise's squashed `spec.destinationSelectors` (source `promise`, from ConfigMap
 * destination-selectors-<promise>); a `directory:` group gets only the workflow's entry
 * (ae170e22 work-creator/lib/work_creator.go getPromiseScheduling, api/v1alpha1/pipeline_factory.go:106;
 * v0.125.0 work-creator/pipeline/work_creator.go:55-139, api/v1alpha1/promise_types.go:268-278).
 * The workflow-sourced part cannot be predicted: it is kept as it is.
 */
function rewrittenWorkflowSelectors(
  group: SlimWork['workloadGroups'][number],
  promiseSelectors: WorkloadGroupSelector[],
): WorkloadGroupSelector[] {
  const isDefault =
    group.directory === '.' || group.id === DEFAULT_WORKLOAD_GROUP_ID;
  const hadPromise = group.destinationSelectors.some(
    s => s.source === 'promise',
  );
  if (!isDefault && !hadPromise) return group.destinationSelectors;
  return [
    ...group.destinationSelectors.filter(s => s.source !== 'promise'),
    ...promiseSelectors,
  ];
}

export interface WorkflowCaseInput {
  promiseName: string;
  /** The proposed spec still has a Promise configure workflow, so it re-runs. */
  promiseWorkflowReruns: boolean;
  newPromiseSelectors: WorkloadGroupSelector[];
  wpsOf: (w: SlimWork, groupId: string) => GroupCase['wps'];
}

/**
 * Hands a case per workload group of the Promise's workflow Works to `emit`, in Work order, and
 * answers the resource requests pinned to another Promise version (`pinned`: "namespace/name" →
 * version).
 */
export function workflowWorkCases(
  b: WhatIfResultBuilder,
  emit: (gc: GroupCase) => void,
  works: readonly SlimWork[],
  pinned: Record<string, string>,
  input: WorkflowCaseInput,
): Map<string, { version: string; namespace: string }> {
  const { promiseName, promiseWorkflowReruns, newPromiseSelectors, wpsOf } =
    input;
  const pinnedWorks = new Map<string, { version: string; namespace: string }>();
  for (const w of works) {
    const kind = whatIfWorkKind(w);
    if (kind === 'static-dependency' || kind === 'other-dependency') continue;
    // A request pinned to another Promise version re-runs with that PromiseRevision's spec
    // (ae170e22 dynamic_resource_request_controller.go resolvePromiseRevisionForRR): its Work
    // keeps that version's selectors.
    const pinnedTo =
      kind === 'resource'
        ? pinned[`${w.namespace}/${w.resourceName}`]
        : undefined;
    if (pinnedTo)
      pinnedWorks.set(`${w.namespace}/${w.resourceName}`, {
        version: pinnedTo,
        namespace: w.namespace,
      });
    // Promise-workflow Works change only if the Promise configure workflow still exists to re-run.
    if (kind === 'promise-workflow' && !promiseWorkflowReruns) continue;
    const ref: WhatIfWorkRef = {
      promise: promiseName,
      namespace: w.namespace,
      name: w.name,
      kind,
      ...(kind === 'resource' ? { resourceName: w.resourceName } : {}),
    };
    for (const g of w.workloadGroups) {
      const assumed = g.destinationSelectors.some(s => s.source !== 'promise');
      if (assumed) b.countAssumedUnchanged(promiseName);
      const after = pinnedTo
        ? g.destinationSelectors
        : rewrittenWorkflowSelectors(g, newPromiseSelectors);
      let whenReason =
        kind === 'resource'
          ? 'the resource workflow re-runs for every resource request after a spec change'
          : 'the Promise configure workflow re-runs after a spec change';
      if (pinnedTo)
        whenReason = `the resource request is pinned to Promise version ${pinnedTo}: its workflow re-runs with that version's spec and keeps its selectors`;
      emit({
        work: ref,
        groupId: g.id,
        directory: g.directory,
        before: g.destinationSelectors,
        after,
        rewritten: after !== g.destinationSelectors,
        dependency: kind !== 'resource',
        when: 'after-workflow-run',
        whenReason,
        assumed,
        wps: wpsOf(w, g.id),
      });
    }
  }
  return pinnedWorks;
}
