import { startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleKratix } from './module';

describe('scaffolderModuleKratix', () => {
  it('registers with the scaffolder actions extension point', async () => {
    const addActions = jest.fn();

    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [scaffolderModuleKratix],
    });

    expect(addActions).toHaveBeenCalledTimes(1);
  });
});
