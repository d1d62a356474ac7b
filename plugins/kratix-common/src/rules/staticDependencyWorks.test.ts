import { SlimWork } from '../model/objects';
import {
  duplicateStaticDependencyProblem,
  staticDependencyWorksOf,
} from './staticDependencyWorks';

const work = (
  name: string,
  promiseName: string,
  workType: string | undefined,
): SlimWork => ({
  name,
  namespace: 'kratix-platform-system',
  uid: `uid-${name}`,
  resourceVersion: '1',
  labels: {},
  promiseName,
  resourceName: '',
  workType,
  workloadGroups: [],
  conditions: [],
});

describe('static-dependency Works', () => {
  const works = [
    work('redis-static-deps-b2222', 'redis', 'static-dependency'),
    work('redis-static-deps-a1111', 'redis', 'static-dependency'),
    work('redis-promise-configure-c3333', 'redis', 'promise'),
    work('kafka-static-deps-d4444', 'kafka', 'static-dependency'),
  ];

  it('finds only the Promise static-dependency Works', () => {
    expect(staticDependencyWorksOf(works, 'redis').map(w => w.name)).toEqual([
      'redis-static-deps-b2222',
      'redis-static-deps-a1111',
    ]);
  });

  it('reports two or more as a problem naming every one, and one or none as fine', () => {
    const problem = duplicateStaticDependencyProblem(works, 'redis');
    expect(problem).toContain(
      'Promise redis has 2 static-dependency Works (redis-static-deps-a1111, redis-static-deps-b2222)',
    );
    expect(problem).toContain('more than 1 work exist');
    expect(duplicateStaticDependencyProblem(works, 'kafka')).toBeUndefined();
    expect(duplicateStaticDependencyProblem(works, 'none')).toBeUndefined();
  });
});
