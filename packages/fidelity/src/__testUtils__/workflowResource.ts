/*
 * A scenario's resource Work from a REAL resource workflow (platforms with the node that runs
 * Kratix workflows): the scenario Promise gets an API and a resource configure pipeline that
 * writes the planned `destination-selectors.yaml` entry and one manifest; one request makes
 * Kratix run it, and Kratix's own work-creator writes the Work. A Promise update makes Kratix
 * re-run it (promise_controller.go, reconcileAllRRs), and the work-creator rewrites the Work's
 * selectors (work-creator/lib/work_creator.go): the runner waits for that instead of writing it.
 */
import {
  Labels,
  WorkloadGroupSelector,
} from '@kratix-backstage/plugin-kratix-common';
import {
  customObjects,
  listWorks,
  waitFor,
} from '@kratix-backstage/test-platform';
import { sameJson } from '../scenarioGenerator';
import { Ctx, PhaseResult } from './results';
import { RESOURCE_NAMESPACE } from './stepKit';

/** The demo workflow image the platform's node imports (dev/node/image.sh). */
const WORKFLOW_IMAGE = 'docker.io/local/workflow:1';
const VERSION = 'v1alpha1';
const KIND = 'FidelityApp';
const PLURAL = 'fidelityapps';

/** The request API's group: one per scenario Promise, so scenarios never share a CRD. */
export const requestGroup = (promise: string) =>
  `${promise}.fidelity.kratix.io`;

/** The manifest the resource workflow writes (the same for every run). */
function resourceManifest(ctx: Ctx): string {
  const { plan } = ctx;
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${plan.promise}-${
    plan.resource!.resourceName
  }\n  namespace: default\ndata:\n  seed: "${plan.seed}"\n`;
}

/** `destination-selectors.yaml` with one root entry: the planned resource-workflow selector. */
function selectorsFile(selector: Labels): string {
  const lines = Object.entries(selector).map(
    ([k, v]) => `    ${k}: ${JSON.stringify(v)}`,
  );
  return `- matchLabels:\n${lines.join('\n')}\n`;
}

/** Adds the request API and the resource configure workflow to the scenario's Promise manifest. */
export function withResourceWorkflow(manifest: any, ctx: Ctx): any {
  const { plan } = ctx;
  const group = requestGroup(plan.promise);
  const script = [
    `echo "fidelity ${plan.promise}: resource workflow for $(sed -n 's/^  name: *//p' /kratix/input/object.yaml | head -1)"`,
    `cat > /kratix/metadata/destination-selectors.yaml <<'EOF'`,
    selectorsFile(plan.resource!.workflowSelector).trimEnd(),
    'EOF',
    `cat > /kratix/output/resource.yaml <<'EOF'`,
    resourceManifest(ctx).trimEnd(),
    'EOF',
  ].join('\n');
  manifest.spec.api = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${PLURAL}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural: PLURAL, singular: 'fidelityapp', kind: KIND },
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: { type: 'object' } },
            },
          },
        },
      ],
    },
  };
  manifest.spec.workflows = {
    resource: {
      configure: [
        {
          apiVersion: 'platform.kratix.io/v1alpha1',
          kind: 'Pipeline',
          metadata: { name: 'fidelity-configure' },
          spec: {
            // Fail at once and keep the pod (and its log) when something is wrong.
            restartPolicy: 'Never',
            jobOptions: { backoffLimit: 0 },
            containers: [
              {
                name: 'render',
                image: WORKFLOW_IMAGE,
                command: ['sh', '-c'],
                args: [script],
              },
            ],
          },
        },
      ],
    },
  };
  return manifest;
}

/** Requests the scenario's resource: Kratix runs the resource workflow for it. */
export async function createResourceRequest(ctx: Ctx): Promise<void> {
  const group = requestGroup(ctx.plan.promise);
  await customObjects().createNamespacedCustomObject({
    group,
    version: VERSION,
    namespace: RESOURCE_NAMESPACE,
    plural: PLURAL,
    body: {
      apiVersion: `${group}/${VERSION}`,
      kind: KIND,
      metadata: {
        name: ctx.plan.resource!.resourceName,
        namespace: RESOURCE_NAMESPACE,
      },
      spec: {},
    },
  });
}

/** The resource Work Kratix's work-creator wrote for the request (none yet: undefined). */
async function resourceWork(ctx: Ctx): Promise<any | undefined> {
  const works = await listWorks(
    `kratix.io/promise-name=${ctx.plan.promise},kratix.io/resource-name=${
      ctx.plan.resource!.resourceName
    }`,
  );
  return works.find(
    w =>
      !w.metadata.deletionTimestamp &&
      w.metadata.namespace === RESOURCE_NAMESPACE,
  );
}

const selectorsOf = (work: any): WorkloadGroupSelector[] =>
  (work?.spec?.workloadGroups?.[0]?.destinationSelectors ?? []).map(
    (s: any) => ({ matchLabels: s.matchLabels ?? {}, source: s.source }),
  );

/**
 * Waits until the work-creator has written the resource Work with `expected` selectors and
 * records the Work in the context. A phase that disagrees when it wrote other selectors (or none
 * in time): the engine's model of the work-creator is what is compared here.
 */
export async function awaitWorkflowWork(
  ctx: Ctx,
  expected: WorkloadGroupSelector[],
  phaseName: string,
  timeoutMs = 240_000,
): Promise<PhaseResult> {
  const t0 = Date.now();
  let last: any;
  try {
    await waitFor(
      `the resource workflow of ${ctx.plan.promise} writing its Work`,
      timeoutMs,
      async () => {
        last = await resourceWork(ctx);
        return !!last && sameJson(selectorsOf(last), expected);
      },
    );
  } catch {
    // Judged below from the last Work seen.
  }
  const ms = Date.now() - t0;
  if (last) {
    ctx.resourceWorkName = last.metadata.name;
    ctx.resourceSelectors = selectorsOf(last);
  }
  const ok = !!last && sameJson(selectorsOf(last), expected);
  const diffs = ok
    ? []
    : [
        last
          ? `resource Work selectors: predicted ${JSON.stringify(
              expected,
            )}, Kratix's work-creator wrote ${JSON.stringify(
              selectorsOf(last),
            )}`
          : `no resource Work from the resource workflow after ${Math.round(
              ms / 1000,
            )} s`,
      ];
  return {
    phase: 3,
    name: phaseName,
    ok,
    // No Work at all: the platform did not run the workflow (pod start, image), not a rule.
    inconclusive: !last || undefined,
    diffs,
    early: [],
    tolerated486: [],
    ms,
  };
}
