import { startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleKratix } from './module';

describe('scaffolderModuleKratix', () => {
  it('registers the kratix actions with the scaffolder', async () => {
    const addActions = jest.fn();

    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [scaffolderModuleKratix],
    });

    expect(addActions).toHaveBeenCalledTimes(1);
    const actions = addActions.mock.calls[0];
    expect(actions.map((a: any) => a.id)).toEqual([
      'kratix:promise:preview',
      'kratix:promise:render',
      'kratix:promise:apply',
      'kratix:workplacements:cleanup',
    ]);
    for (const a of actions) {
      expect(a.supportsDryRun).toBe(true);
      expect(a.examples.length).toBeGreaterThan(0);
      expect(a.schema.output.properties).toBeDefined();
    }
  });
});
