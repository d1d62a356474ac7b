import { gzipSync } from 'node:zlib';
import { customObjects, platformGeneration } from './platform';
import { KRATIX } from './kratix';

/** The id Kratix gives the default workload group (md5 of "."). */
export const DEFAULT_WORKLOAD_GROUP_ID = '5058f1af8388633f609cadb75a75dc9d';

/**
 * A workload's `content` as the running Kratix stores it: current Kratix keeps it gzip-compressed
 * and base64-encoded (work-creator; lib/compression) and cannot write plain text, v0.125 keeps
 * plain text.
 */
export function workloadContent(text: string): string {
  return platformGeneration() === 'current'
    ? gzipSync(Buffer.from(text)).toString('base64')
    : text;
}

export interface ResourceWorkOptions {
  name: string;
  namespace: string;
  promise: string;
  resource: string;
  /** The default workload group's selectors (source resource-workflow / promise-workflow / promise). */
  selectors: Array<{ matchLabels: Record<string, string>; source: string }>;
  /** Files of the default group; plain text (encoded for the running generation). */
  files: Array<{ filepath: string; content: string }>;
  pipeline?: string;
}

/**
 * Creates a resource Work shaped like the work-creator's output for the running generation (labels
 * Kratix finds it by, content encoding), as a resource workflow would have written it.
 */
export async function createResourceWork(o: ResourceWorkOptions): Promise<any> {
  const labels: Record<string, string> = {
    'kratix.io/promise-name': o.promise,
    'kratix.io/resource-name': o.resource,
    'kratix.io/work-type': 'resource',
    'kratix.io/pipeline-name': o.pipeline ?? 'instance-configure',
  };
  if (platformGeneration() === 'current')
    labels['kratix.io/resource-namespace'] = o.namespace;
  return customObjects().createNamespacedCustomObject({
    ...KRATIX,
    plural: 'works',
    namespace: o.namespace,
    body: {
      apiVersion: 'platform.kratix.io/v1alpha1',
      kind: 'Work',
      metadata: { name: o.name, namespace: o.namespace, labels },
      spec: {
        promiseName: o.promise,
        resourceName: o.resource,
        workloadGroups: [
          {
            id: DEFAULT_WORKLOAD_GROUP_ID,
            directory: '.',
            workloads: o.files.map(f => ({
              filepath: f.filepath,
              content: workloadContent(f.content),
            })),
            destinationSelectors: o.selectors,
          },
        ],
      },
    },
  });
}
