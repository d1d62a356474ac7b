import { NotFoundError } from '@backstage/errors';
import { promiseManifestOf, readPromiseManifest } from './promiseManifest';

const live = {
  apiVersion: 'platform.kratix.io/v1alpha1',
  kind: 'Promise',
  metadata: {
    name: 'redis',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    finalizers: ['kratix.io/dependencies-cleanup'],
    managedFields: [{ manager: 'kubectl' }],
    labels: { 'kratix.io/promise-version': 'v1' },
    annotations: {
      'backstage.io/owner': 'team-a',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
    },
  },
  spec: {
    destinationSelectors: [{ matchLabels: { environment: 'dev' } }],
    dependencies: [],
  },
  status: { status: 'Available' },
};

describe('promiseManifestOf', () => {
  it('keeps apiVersion, kind, name, labels, annotations and spec only', () => {
    expect(promiseManifestOf(live)).toEqual({
      apiVersion: 'platform.kratix.io/v1alpha1',
      kind: 'Promise',
      metadata: {
        name: 'redis',
        labels: { 'kratix.io/promise-version': 'v1' },
        annotations: { 'backstage.io/owner': 'team-a' },
      },
      spec: live.spec,
    });
  });

  it('leaves out empty labels and annotations', () => {
    const m = promiseManifestOf({
      ...live,
      metadata: { name: 'x', labels: {}, annotations: {} },
    });
    expect(m.metadata).toEqual({ name: 'x' });
  });
});

describe('readPromiseManifest', () => {
  it('names the Promise and platform when it does not exist', async () => {
    const platform: any = {
      config: { name: 'local' },
      client: {
        getPromise: jest
          .fn()
          .mockRejectedValue(new NotFoundError('get Promise nope: not found')),
      },
    };
    await expect(readPromiseManifest(platform, 'nope')).rejects.toThrow(
      'Promise "nope" not found on platform local',
    );
  });
});
