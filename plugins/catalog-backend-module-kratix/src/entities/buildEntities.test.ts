import {
  FieldFormatEntityPolicy,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { aDestination, aPromise } from '../testing/fixtures';
import {
  EntityContext,
  buildDestinationEntity,
  buildPromiseEntity,
  ownerOf,
  validEntityLabels,
} from './buildEntities';

const ctx: EntityContext = {
  platform: 'local',
  multiPlatform: false,
  ownerAnnotation: 'backstage.io/owner',
  defaultOwner: 'group:default/platform-team',
};

const redisApi = {
  group: 'marketplace.kratix.io',
  kind: 'Redis',
  plural: 'redis',
  versions: ['v1alpha1'],
};

async function expectValid(entity: any, kind: 'Component' | 'Resource') {
  await expect(new FieldFormatEntityPolicy().enforce(entity)).resolves.toBe(
    entity,
  );
  const validator =
    kind === 'Component'
      ? componentEntityV1alpha1Validator
      : resourceEntityV1alpha1Validator;
  await expect(validator.check(entity)).resolves.toBe(true);
}

describe('buildPromiseEntity', () => {
  it('builds the Component of a Promise with an API', async () => {
    const promise = aPromise('redis', [{ environment: 'dev' }], {
      api: redisApi,
      labels: { 'kratix.io/promise-version': 'v1.2.0' },
      status: { status: 'Available', version: 'v1.2.0' },
    });
    const entity = buildPromiseEntity(promise, ['dev-2', 'dev-1'], {
      ...ctx,
      appBaseUrl: 'http://localhost:3000/',
      apiServerUrl: 'https://127.0.0.1:6443',
    });

    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'redis',
        namespace: 'default',
        title: 'Redis',
        description:
          'Kratix Promise "redis" on platform "local": offers Redis (marketplace.kratix.io) resources.',
        annotations: {
          'backstage.io/managed-by-location': 'kratix-platform:local',
          'backstage.io/managed-by-origin-location': 'kratix-platform:local',
          'kratix.io/promise-name': 'redis',
          'kratix.io/platform': 'local',
          'kratix.io/status': 'Available',
          'kratix.io/destination-selectors': '{"environment":"dev"}',
          'kratix.io/promise-version': 'v1.2.0',
          'kratix.io/api-kind': 'Redis',
          'kratix.io/api-group': 'marketplace.kratix.io',
          'kratix.io/api-version': 'v1alpha1',
          'kratix.io/api-plural': 'redis',
          'kratix.io/api-path': '/apis/marketplace.kratix.io/v1alpha1/redis',
        },
        tags: ['kratix', 'kratix-promise'],
        links: [
          {
            url: 'http://localhost:3000/catalog/default/component/redis/kratix-targeting',
            title: 'Kratix: Destinations and placements',
            icon: 'dashboard',
            type: 'kratix',
          },
          {
            url: 'https://127.0.0.1:6443/apis/marketplace.kratix.io/v1alpha1/redis',
            title:
              'Kubernetes API: Redis (redis.marketplace.kratix.io/v1alpha1)',
            icon: 'code',
            type: 'kratix-api',
          },
        ],
      },
      spec: {
        type: 'kratix-promise',
        lifecycle: 'production',
        owner: 'group:default/platform-team',
        dependsOn: ['resource:default/dev-1', 'resource:default/dev-2'],
      },
    });
    await expectValid(entity, 'Component');
  });

  it('builds a Promise without an API, status or links', async () => {
    const entity = buildPromiseEntity(aPromise('namespaces', []), [], ctx);
    expect(entity.metadata.title).toBe('namespaces');
    expect(entity.metadata.description).toBe(
      'Kratix Promise "namespaces" on platform "local": installs 1 dependency.',
    );
    expect(entity.metadata.annotations).toMatchObject({
      'kratix.io/status': 'Unknown',
      'kratix.io/destination-selectors': '{}',
    });
    expect(Object.keys(entity.metadata.annotations!)).not.toContain(
      'kratix.io/api-kind',
    );
    expect(Object.keys(entity.metadata.annotations!)).not.toContain(
      'kratix.io/promise-version',
    );
    expect(entity.metadata.links).toBeUndefined();
    expect(entity.spec?.dependsOn).toEqual([]);
    await expectValid(entity, 'Component');
  });

  it('prefixes names, titles and dependsOn with the platform when several are configured', async () => {
    const entity = buildPromiseEntity(
      aPromise('redis', [], { api: redisApi }),
      ['prod-1'],
      {
        ...ctx,
        platform: 'eu',
        multiPlatform: true,
      },
    );
    expect(entity.metadata.name).toBe('eu-redis');
    expect(entity.metadata.title).toBe('Redis (eu)');
    expect(entity.metadata.annotations!['kratix.io/promise-name']).toBe(
      'redis',
    );
    expect(
      entity.metadata.annotations!['backstage.io/managed-by-location'],
    ).toBe('kratix-platform:eu');
    expect(entity.spec?.dependsOn).toEqual(['resource:default/eu-prod-1']);
    await expectValid(entity, 'Component');
  });

  it('marks a Promise being deleted', () => {
    const entity = buildPromiseEntity(
      aPromise('redis', [], { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      [],
      ctx,
    );
    expect(entity.metadata.annotations!['kratix.io/deleting']).toBe('true');
  });
});

describe('ownerOf', () => {
  it('takes the owner from the annotation, then the label, then the default', () => {
    const o = {
      ownerAnnotation: 'example.com/team',
      defaultOwner: 'group:default/platform-team',
    };
    expect(
      ownerOf(
        {
          annotations: { 'example.com/team': 'group:default/a' },
          labels: { 'example.com/team': 'b' },
        },
        o,
      ),
    ).toBe('group:default/a');
    expect(
      ownerOf({ annotations: {}, labels: { 'example.com/team': 'b' } }, o),
    ).toBe('b');
    expect(
      ownerOf({ annotations: { 'example.com/team': '  ' }, labels: {} }, o),
    ).toBe('group:default/platform-team');
    expect(ownerOf({ labels: {} }, o)).toBe('group:default/platform-team');
  });

  it('is used for Promise entities', () => {
    const promise = aPromise('redis', [], {
      annotations: { 'backstage.io/owner': 'group:default/data' },
    });
    expect(buildPromiseEntity(promise, [], ctx).spec?.owner).toBe(
      'group:default/data',
    );
  });
});

describe('buildDestinationEntity', () => {
  it('builds the Resource of a Destination', async () => {
    const entity = buildDestinationEntity(
      aDestination('dev-1', {
        environment: 'dev',
        region: 'eu',
        'backstage.io/owner': 'team-a',
      }),
      ctx,
    );
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'dev-1',
        namespace: 'default',
        title: 'dev-1',
        description:
          'Kratix Destination "dev-1" on platform "local": writes to GitStateStore "local" under destinations.',
        labels: {
          'backstage.io/owner': 'team-a',
          environment: 'dev',
          region: 'eu',
        },
        annotations: {
          'backstage.io/managed-by-location': 'kratix-platform:local',
          'backstage.io/managed-by-origin-location': 'kratix-platform:local',
          'kratix.io/destination-name': 'dev-1',
          'kratix.io/platform': 'local',
          'kratix.io/destination-labels':
            '{"backstage.io/owner":"team-a","environment":"dev","region":"eu"}',
          'kratix.io/strict-match-labels': 'false',
          'kratix.io/ready': 'True',
          'kratix.io/state-store': 'GitStateStore/local',
          'kratix.io/destination-path': 'destinations',
        },
        tags: ['kratix', 'kratix-destination'],
      },
      spec: {
        type: 'kratix-destination',
        lifecycle: 'production',
        owner: 'team-a',
      },
    });
    await expectValid(entity, 'Resource');
  });

  it('keeps labels that are not valid Backstage labels only in the JSON annotation', async () => {
    const labels = {
      environment: 'dev',
      'bad key!': 'x',
      tier: 'not valid value',
    };
    expect(validEntityLabels(labels)).toEqual({
      valid: { environment: 'dev' },
      invalid: ['bad key!', 'tier'],
    });
    const entity = buildDestinationEntity(aDestination('odd', labels), ctx);
    expect(entity.metadata.labels).toEqual({ environment: 'dev' });
    expect(
      JSON.parse(entity.metadata.annotations!['kratix.io/destination-labels']),
    ).toEqual(labels);
    await expectValid(entity, 'Resource');
  });
});
