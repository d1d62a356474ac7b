import {
  isResourcePermission,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  KRATIX_PROMISE_RESOURCE_TYPE,
  kratixPermissions,
  kratixPromiseReadPermission,
  kratixPromiseUpdatePermission,
  kratixWorkPlacementDeletePermission,
  kratixWorkflowLogsReadPermission,
} from './permissions';

describe('kratix permissions', () => {
  it('defines kratix.promise.read as a basic read permission', () => {
    expect(kratixPromiseReadPermission).toEqual({
      type: 'basic',
      name: 'kratix.promise.read',
      attributes: { action: 'read' },
    });
  });

  it('defines kratix.promise.update on the kratix-promise resource type', () => {
    expect(KRATIX_PROMISE_RESOURCE_TYPE).toBe('kratix-promise');
    expect(kratixPromiseUpdatePermission).toEqual({
      type: 'resource',
      name: 'kratix.promise.update',
      attributes: { action: 'update' },
      resourceType: 'kratix-promise',
    });
    expect(
      isResourcePermission(
        kratixPromiseUpdatePermission,
        KRATIX_PROMISE_RESOURCE_TYPE,
      ),
    ).toBe(true);
  });

  it('defines kratix.workplacement.delete on the kratix-promise resource type', () => {
    expect(kratixWorkPlacementDeletePermission).toEqual({
      type: 'resource',
      name: 'kratix.workplacement.delete',
      attributes: { action: 'delete' },
      resourceType: 'kratix-promise',
    });
  });

  it('defines kratix.workflow.logs.read as a basic read permission', () => {
    expect(kratixWorkflowLogsReadPermission).toEqual({
      type: 'basic',
      name: 'kratix.workflow.logs.read',
      attributes: { action: 'read' },
    });
  });

  it('lists every permission once', () => {
    expect(kratixPermissions.map(p => p.name)).toEqual([
      'kratix.promise.read',
      'kratix.promise.update',
      'kratix.workplacement.delete',
      'kratix.workflow.logs.read',
    ]);
    expect(
      isPermission(kratixPermissions[0], kratixPromiseReadPermission),
    ).toBe(true);
  });
});
