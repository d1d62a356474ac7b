import { labelMapProblems } from '@kratix-backstage/plugin-kratix-common';
import { z } from 'zod';
import { labelName, objectName } from './params';

const itemRef = z
  .object({
    namespace: labelName,
    name: objectName,
    uid: z.string().max(64).optional(),
    generation: z.number().int().min(1).optional(),
    resourceVersion: z.string().max(64).optional(),
  })
  .strict();

const selection = {
  items: z.array(itemRef).min(1).max(10_000).optional(),
  promise: objectName.optional(),
  destination: objectName.optional(),
  all: z.boolean().optional(),
};

export const cleanupPreflightBody = z.object(selection).strict();

export const cleanupBody = z
  .object({
    ...selection,
    force: z.boolean().optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

const jsonObject = z.record(z.string(), z.unknown());

export const promiseUpdateBody = z
  .object({
    resourceVersion: z.string().min(1).max(64),
    generation: z.number().int().min(1).optional(),
    spec: jsonObject.optional(),
    specPatch: jsonObject.optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

export const historyQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).default(200) })
  .strict();

export const promisePreviewBody = z
  .object({ spec: jsonObject.optional(), specPatch: jsonObject.optional() })
  .strict();

/**
 * Destination labels of a what-if: only labels Kubernetes would accept (else a 400). Checked on the
 * object as parsed (not a z.record copy, which silently drops a `__proto__` key).
 */
const labelsMap = z
  .custom<Record<string, string>>(
    v => v !== null && typeof v === 'object' && !Array.isArray(v),
    'must be a map of label key to value',
  )
  .superRefine((labels, ctx) => {
    for (const message of labelMapProblems(labels))
      ctx.addIssue({ code: 'custom', message });
  });

export const destinationsPreviewBody = z
  .object({
    changes: z
      .array(
        z
          .object({
            name: objectName,
            labels: labelsMap.optional(),
            remove: z.boolean().optional(),
          })
          .strict(),
      )
      .max(1000),
    add: z
      .array(
        z
          .object({
            name: objectName,
            labels: labelsMap,
            strictMatchLabels: z.boolean().optional(),
            stateStoreRef: z
              .object({
                kind: z.enum(['GitStateStore', 'BucketStateStore']),
                name: objectName,
              })
              .strict()
              .optional(),
          })
          .strict(),
      )
      .max(1000)
      .optional(),
  })
  .strict();
