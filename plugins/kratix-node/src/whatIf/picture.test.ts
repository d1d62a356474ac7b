import { SlimWorkPlacement } from '@kratix-backstage/plugin-kratix-common';
import { workPlacementsOfGroup } from './picture';
import {
  aWorkPlacement,
  promiseSel,
  resourceWork,
} from './__testUtils__/picture';

const work = resourceWork('redis', 'r1', [promiseSel({ env: 'dev' })]);
const other = resourceWork('redis', 'r2', [promiseSel({ env: 'dev' })]);
const inGroup = aWorkPlacement(work, 'dev-1');
const otherGroup = aWorkPlacement(work, 'dev-2', { workloadGroupId: 'g2' });
const otherNamespace = aWorkPlacement(work, 'dev-3', { namespace: 'team' });
const otherWork = aWorkPlacement(other, 'dev-1');
const all = [inGroup, otherGroup, otherNamespace, otherWork];
const group = inGroup.workloadGroupId!;

describe('workPlacementsOfGroup', () => {
  it('indexes the picture by namespace, Work and workload group', () => {
    const of = workPlacementsOfGroup({ workPlacements: all }, [work]);
    expect(of(work, group)).toEqual([inGroup]);
    expect(of(work, 'g2')).toEqual([otherGroup]);
    expect(of(work, 'nope')).toEqual([]);
  });

  it("uses the caller's lookup and never reads the picture's list", () => {
    const asked: string[] = [];
    const picture = {
      get workPlacements(): SlimWorkPlacement[] {
        throw new Error('the list was read');
      },
      workPlacementsOfWork: (namespace: string, name: string) => {
        asked.push(`${namespace}/${name}`);
        return all.filter(
          wp => wp.namespace === namespace && wp.workName === name,
        );
      },
    };
    const of = workPlacementsOfGroup(picture, [work]);
    expect(of(work, group)).toEqual([inGroup]);
    expect(of(work, 'g2')).toEqual([otherGroup]);
    expect(asked).toEqual([
      `${work.namespace}/${work.name}`,
      `${work.namespace}/${work.name}`,
    ]);
  });
});
