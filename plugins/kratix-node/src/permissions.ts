import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  KRATIX_PROMISE_RESOURCE_TYPE,
  SlimPromise,
} from '@kratix-backstage/plugin-kratix-common';
import { z } from 'zod';

/**
 * A Promise as the permission framework sees it (resourceRef `kratix-promise:<platform>/<name>`).
 *
 * @public
 */
export interface KratixPromiseResource {
  platform: string;
  promise: SlimPromise;
}

/**
 * The Promise annotation that names its owner (as the catalog provider uses it too).
 *
 * @public
 */
export const PROMISE_OWNER_ANNOTATION = 'backstage.io/owner';

/** @public */
export const kratixPromisePermissionResourceRef = createPermissionResourceRef<
  KratixPromiseResource,
  never
>().with({ pluginId: 'kratix', resourceType: KRATIX_PROMISE_RESOURCE_TYPE });

function normalize(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'group', defaultNamespace: 'default' }),
  );
}

/**
 * The owner entity ref of a Promise, from its `backstage.io/owner` annotation or label.
 *
 * @public
 */
export function promiseOwner(promise: SlimPromise): string | undefined {
  const raw =
    promise.annotations[PROMISE_OWNER_ANNOTATION] ??
    promise.labels[PROMISE_OWNER_ANNOTATION];
  if (!raw) return undefined;
  try {
    return normalize(raw);
  } catch {
    return undefined;
  }
}

/**
 * Allows when the Promise's owner is one of the claims (a user's ownership entity refs), so a
 * policy can say "owners of this Promise may update it and clean it up".
 * @public
 */
export const isPromiseOwner = createPermissionRule({
  name: 'IS_PROMISE_OWNER',
  description:
    'Allow when the Promise is owned (backstage.io/owner) by one of the given entity refs',
  resourceRef: kratixPromisePermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('entity refs, e.g. group:default/team-a'),
  }),
  apply(resource, { claims }) {
    const owner = promiseOwner(resource.promise);
    if (!owner) return false;
    return claims.some(c => {
      try {
        return normalize(c) === owner;
      } catch {
        return false;
      }
    });
  },
  toQuery() {
    throw new Error('IS_PROMISE_OWNER is evaluated on loaded Promises only');
  },
});

/** @public */
export const kratixPromiseRules = { isPromiseOwner };

const promiseConditionExports = createConditionExports({
  resourceRef: kratixPromisePermissionResourceRef,
  rules: kratixPromiseRules,
});

/**
 * Conditions for permission policies (`kratixPromiseConditions.isPromiseOwner({ claims })`).
 *
 * @public
 */
export const kratixPromiseConditions = promiseConditionExports.conditions;

/**
 * Builds a conditional decision on Kratix Promises for a permission policy.
 *
 * @public
 */
export const createKratixPromiseConditionalDecision =
  promiseConditionExports.createConditionalDecision;
