import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  EntityProvider,
  EntityProviderMutation,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { kratixPlatformsServiceRef } from '@kratix-backstage/plugin-kratix-node';
import { catalogModuleKratix } from './module';
import { aPromise, localDestinations, memoryCache } from './testing/fixtures';
import {
  CachedPlatform,
  PlatformRegistry,
} from '@kratix-backstage/plugin-kratix-node/testUtils';

function fakePlatform(name: string): CachedPlatform {
  const cache = memoryCache(name);
  return {
    config: {
      name,
      source: 'url',
      url: `https://${name}.k8s.example:6443`,
      skipTLSVerify: false,
      impersonateUser: false,
    },
    client: cache.client,
    cache,
  };
}

async function start(platforms: CachedPlatform[], config: object = {}) {
  const processing = {
    addProcessor: jest.fn(),
    addEntityProvider: jest.fn(),
    addPlaceholderResolver: jest.fn(),
    setOnProcessingErrorHandler: jest.fn(),
  };
  const backend = await startTestBackend({
    extensionPoints: [[catalogProcessingExtensionPoint, processing]],
    features: [
      catalogModuleKratix,
      mockServices.rootConfig.factory({ data: config }),
      createServiceFactory({
        service: kratixPlatformsServiceRef,
        deps: {},
        factory: () =>
          PlatformRegistry.fromPlatforms(platforms, mockServices.logger.mock()),
      }),
    ],
  });
  const providers: EntityProvider[] =
    processing.addEntityProvider.mock.calls.map(c => c[0]);
  return { backend, providers };
}

describe('catalogModuleKratix', () => {
  it('adds one provider per platform, named kratix-provider:<platform>', async () => {
    const { backend, providers } = await start([
      fakePlatform('eu'),
      fakePlatform('us'),
    ]);
    expect(providers.map(p => p.getProviderName())).toEqual([
      'kratix-provider:eu',
      'kratix-provider:us',
    ]);
    await backend.stop();
  });

  it('builds entities from the configuration: owner, names, links', async () => {
    const eu = fakePlatform('eu');
    const { backend, providers } = await start([eu, fakePlatform('us')], {
      app: { baseUrl: 'https://backstage.example' },
      kratix: { catalog: { defaultOwner: 'group:default/kratix-admins' } },
    });
    eu.cache.destinations.replaceAll(localDestinations());
    eu.cache.promises.replaceAll([
      aPromise('redis', [{ environment: 'prod' }], {
        api: {
          group: 'example.org',
          kind: 'Redis',
          plural: 'redis',
          versions: ['v1'],
        },
      }),
    ]);
    jest.spyOn(eu.cache, 'status').mockReturnValue({
      platform: 'eu',
      synced: true,
      connected: true,
      kinds: [],
    });
    const applyMutation = jest.fn<Promise<void>, [EntityProviderMutation]>(
      async () => {},
    );
    const provider = providers[0] as EntityProvider & {
      idle(): Promise<void>;
      close(): void;
    };
    await provider.connect({ applyMutation, refresh: jest.fn() });
    await new Promise(r => setTimeout(r, 50));
    await provider.idle();

    expect(applyMutation).toHaveBeenCalledTimes(1);
    const mutation = applyMutation.mock.calls[0][0];
    if (mutation.type !== 'full') throw new Error('expected a full mutation');
    const redis = mutation.entities.find(
      e => e.entity.kind === 'Component',
    )!.entity;
    expect(redis.metadata.name).toBe('eu-redis');
    expect(redis.spec).toMatchObject({
      owner: 'group:default/kratix-admins',
      dependsOn: ['resource:default/eu-prod-1'],
    });
    expect(redis.metadata.links?.map(l => l.url)).toEqual([
      'https://backstage.example/catalog/default/component/eu-redis/kratix-targeting',
      'https://eu.k8s.example:6443/apis/example.org/v1/redis',
    ]);
    provider.close();
    await backend.stop();
  });

  it('adds no provider when no platform is usable', async () => {
    const { backend, providers } = await start([]);
    expect(providers).toEqual([]);
    await backend.stop();
  });
});
