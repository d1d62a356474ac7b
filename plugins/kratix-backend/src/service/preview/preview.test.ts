import { Platform } from '@kratix-backstage/plugin-kratix-node';
import { previewPromiseChange } from './preview';

/** A platform whose only Promise is `p` (live spec: environment=dev); nothing else is needed. */
function fakePlatform(): Platform {
  return {
    config: { name: 'local' },
    cache: {
      platform: 'local',
      promises: { get: (n: string) => (n === 'p' ? { name: 'p' } : undefined) },
    },
    client: {
      getPromise: async () => ({
        spec: {
          destinationSelectors: [{ matchLabels: { environment: 'dev' } }],
        },
      }),
      countResources: async () => 0,
    },
  } as unknown as Platform;
}

describe('previewPromiseChange', () => {
  it('refuses, like an update, a proposed spec Kubernetes or Kratix would not accept', async () => {
    await expect(
      previewPromiseChange(fakePlatform(), 'p', {
        specPatch: {
          destinationSelectors: [{ matchLabels: { environment: 'dev,x!=y' } }],
        },
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('label value "dev,x!=y"'),
    });
    await expect(
      previewPromiseChange(fakePlatform(), 'p', {
        spec: { destinationSelectors: { environment: 'dev' } },
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'spec.destinationSelectors must be a list',
    });
  });
});
