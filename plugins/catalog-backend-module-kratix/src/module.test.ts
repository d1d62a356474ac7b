import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleKratix } from './module';

describe('catalogModuleKratix', () => {
  it('starts against the catalog processing extension point', async () => {
    const processing = {
      addProcessor: jest.fn(),
      addEntityProvider: jest.fn(),
      addPlaceholderResolver: jest.fn(),
      setOnProcessingErrorHandler: jest.fn(),
    };

    await expect(
      startTestBackend({
        extensionPoints: [[catalogProcessingExtensionPoint, processing]],
        features: [catalogModuleKratix],
      }),
    ).resolves.toBeDefined();

    expect(processing.addEntityProvider).not.toHaveBeenCalled();
  });
});
