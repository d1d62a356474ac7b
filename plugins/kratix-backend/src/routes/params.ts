import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Kubernetes object names (DNS-1123 subdomain). */
export const objectName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a lowercase DNS name');
/** Kubernetes namespaces and platform names (DNS-1123 label). */
export const labelName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a lowercase DNS label');

const bool = z.enum(['true', 'false']).transform(v => v === 'true');

export const readQuery = z.object({ allowStale: bool.optional() }).strict();

/** Largest page of workload groups one targeting read returns. */
export const MAX_GROUPS_PAGE = 1000;

export const targetingQuery = z
  .object({
    groupsOffset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    groupsLimit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_GROUPS_PAGE)
      .default(100),
    allowStale: bool.optional(),
  })
  .strict();

export const misplacedQuery = z
  .object({
    promise: objectName.optional(),
    destination: objectName.optional(),
    namespace: labelName.optional(),
    kind: z.enum(['dependency', 'resource']).optional(),
    stillMatches: bool.optional(),
    destinationExists: bool.optional(),
    label: z.enum(['current', 'legacy']).optional(),
    search: z.string().max(253).optional(),
    sort: z.enum(['age', 'name']).default('age'),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    allowStale: bool.optional(),
  })
  .strict();

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(i => `${i.path.length ? i.path.join('.') : 'value'}: ${i.message}`)
    .join('; ');
}

/** Parses with a zod schema or throws a 400 saying what was wrong. */
export function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new InputError(`invalid ${what}: ${describeIssues(r.error)}`);
  return r.data;
}

/** Route parameters: platform and optional promise. */
export function pathParams(params: Record<string, string>) {
  const platform = parse(labelName, params.platform, 'platform name');
  const promise =
    params.promise === undefined
      ? undefined
      : parse(objectName, params.promise, 'Promise name');
  return { platform, promise };
}
