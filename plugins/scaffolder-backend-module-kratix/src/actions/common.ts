/*
 * Pieces shared by the kratix:* actions: input fields (zod, as functions of the scaffolder's z)
 * and the platform default.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { z as zod } from 'zod/v3';
import {
  KratixBackendApi,
  KratixBackendClientFactory,
} from '../kratixBackendClient';
import {
  PromiseChangeInput,
  requirePlatformName,
  requirePromiseName,
  specPatchOf,
} from '../validation';

type Z = typeof zod;

export const platformField = (z: Z) =>
  z
    .string()
    .optional()
    .describe(
      'Kratix platform name as configured under kratix.platforms (the kratix.io/platform annotation of a Promise entity). Default: the first configured platform, or "default"',
    );

export const promiseField = (z: Z) =>
  z
    .string()
    .describe(
      'Name of the Promise on the platform (the kratix.io/promise-name annotation of a Promise entity)',
    );

export const destinationSelectorsField = (z: Z) =>
  z
    .array(z.record(z.string(), z.any()))
    .optional()
    .describe(
      'New spec.destinationSelectors: a list of matchLabels maps (label key to value), e.g. [{ environment: prod }]. Replaces the whole list; an empty map matches every Destination. Entries may also be written as { matchLabels: {...} }',
    );

export const dependenciesField = (z: Z) =>
  z
    .union([
      z.string(),
      z.array(z.record(z.string(), z.any())),
      z.record(z.string(), z.any()),
    ])
    .optional()
    .describe(
      'New spec.dependencies: a list of Kubernetes manifests, or YAML text (a YAML list, or one manifest per document). Replaces the whole list; blank text leaves it unchanged, [] removes all',
    );

export const specPatchField = (z: Z) =>
  z
    .record(z.string(), z.any())
    .optional()
    .describe(
      'Any other change of the spec as a JSON merge patch (RFC 7386): objects merge, null removes a key, anything else replaces',
    );

/** The platform to act on: the input (checked), else the first platform the backend serves, else "default". */
async function resolvePlatform(
  client: KratixBackendApi,
  platform: string | undefined,
): Promise<string> {
  if (platform !== undefined && platform !== '')
    return requirePlatformName(platform);
  const { items } = await client.listPlatforms();
  return items[0]?.name ?? 'default';
}

/** The input of every action that proposes a Promise spec change: where, which Promise, what change. */
export const promiseChangeInput = {
  platform: platformField,
  promise: promiseField,
  destinationSelectors: destinationSelectorsField,
  dependencies: dependenciesField,
  specPatch: specPatchField,
};

/** The Promise and the JSON merge patch of its spec that the input proposes (InputError when invalid). */
export function proposedChange(
  input: PromiseChangeInput & { promise: unknown },
): {
  promise: string;
  specPatch: Record<string, unknown>;
} {
  return {
    promise: requirePromiseName(input.promise),
    specPatch: specPatchOf(input),
  };
}

/** A Kratix backend client acting as the template's user, and the platform it acts on. */
export async function platformClient(
  factory: KratixBackendClientFactory,
  credentials: BackstageCredentials,
  platform: string | undefined,
): Promise<{ client: KratixBackendApi; platform: string }> {
  const client = factory(credentials);
  return { client, platform: await resolvePlatform(client, platform) };
}
