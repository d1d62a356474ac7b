import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of permissions that act on one Kratix Promise.
 *
 * @public
 */
export const KRATIX_PROMISE_RESOURCE_TYPE = 'kratix-promise';

/**
 * Read Kratix Promises, their resource requests and work placements.
 *
 * @public
 */
export const kratixPromiseReadPermission = createPermission({
  name: 'kratix.promise.read',
  attributes: { action: 'read' },
});

/**
 * Change a Kratix Promise (for example its destination selectors).
 *
 * @public
 */
export const kratixPromiseUpdatePermission = createPermission({
  name: 'kratix.promise.update',
  attributes: { action: 'update' },
  resourceType: KRATIX_PROMISE_RESOURCE_TYPE,
});

/**
 * Delete a WorkPlacement of a Kratix Promise (for example to clean up a
 * destination that no longer matches).
 *
 * @public
 */
export const kratixWorkPlacementDeletePermission = createPermission({
  name: 'kratix.workplacement.delete',
  attributes: { action: 'delete' },
  resourceType: KRATIX_PROMISE_RESOURCE_TYPE,
});

/**
 * Read the logs of Kratix workflow runs (the containers of a Promise's or a resource request's
 * workflow Jobs). Listing the runs needs only {@link kratixPromiseReadPermission}; logs can hold
 * what a workflow printed about the request, so reading them is granted apart.
 *
 * @public
 */
export const kratixWorkflowLogsReadPermission = createPermission({
  name: 'kratix.workflow.logs.read',
  attributes: { action: 'read' },
});

/**
 * All permissions defined by the Kratix plugins.
 *
 * @public
 */
export const kratixPermissions = [
  kratixPromiseReadPermission,
  kratixPromiseUpdatePermission,
  kratixWorkPlacementDeletePermission,
  kratixWorkflowLogsReadPermission,
];
