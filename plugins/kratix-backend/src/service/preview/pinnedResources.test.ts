import { pinnedResourcesOf } from './pinnedResources';

const binding = (name: string, version: string, namespace = 'default') => ({
  metadata: {
    namespace,
    name: `${name}-redis-abcde`,
    labels: {
      'kratix.io/promise-name': 'redis',
      'kratix.io/resource-name': name,
    },
  },
  spec: {
    version,
    promiseRef: { name: 'redis' },
    resourceRef: { name, namespace },
  },
});
const promise = (version?: string) => {
  const labels: Record<string, string> = {};
  if (version) labels['kratix.io/promise-version'] = version;
  return { metadata: { labels } };
};

describe('pinnedResourcesOf', () => {
  it("keeps requests pinned to a version other than latest and the Promise's own", () => {
    expect(
      pinnedResourcesOf(
        [
          binding('a', 'latest'),
          binding('b', 'v1.0.0'),
          binding('c', 'v2.0.0'),
          binding('d', 'v1.0.0', 'team-x'),
        ],
        promise('v2.0.0'),
      ),
    ).toEqual({ 'default/b': 'v1.0.0', 'team-x/d': 'v1.0.0' });
  });

  it('a Promise without the version label is version not-set', () => {
    expect(
      pinnedResourcesOf(
        [binding('a', 'not-set'), binding('b', 'v1.0.0')],
        promise(),
      ),
    ).toEqual({ 'default/b': 'v1.0.0' });
  });

  it('skips bindings it cannot read', () => {
    expect(
      pinnedResourcesOf(
        [{}, { spec: { version: 'v1' } }, binding('a', '')],
        promise('v2'),
      ),
    ).toEqual({});
  });
});
