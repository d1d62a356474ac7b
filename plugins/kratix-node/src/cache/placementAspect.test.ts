import { slimWork, slimWorkPlacement } from './slim';
import { workPlacementShapeChanged, workShapeChanged } from './placementAspect';

const wp = (
  over: { labels?: Record<string, string>; status?: any; target?: string } = {},
) =>
  slimWorkPlacement({
    metadata: {
      name: 'w.d-1',
      namespace: 'default',
      uid: 'u1',
      resourceVersion: String(Math.random()),
      labels: { 'kratix.io/work': 'w', ...(over.labels ?? {}) },
      finalizers: ['finalizers.workplacement.kratix.io/repo-cleanup'],
    },
    spec: {
      promiseName: 'p',
      targetDestinationName: over.target ?? 'd',
      id: 'g',
    },
    status: over.status ?? { versionID: 'v1' },
  });

describe('workPlacementShapeChanged', () => {
  it('ignores what Kratix rewrites after each reconcile: versionID, other conditions, resourceVersion', () => {
    const written = {
      versionID: 'v2',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 't' }],
    };
    expect(workPlacementShapeChanged(wp(), wp({ status: written }))).toBe(
      false,
    );
  });

  it('sees the target, the labels and the time of misplacement', () => {
    expect(workPlacementShapeChanged(wp(), wp({ target: 'other' }))).toBe(true);
    expect(
      workPlacementShapeChanged(
        wp(),
        wp({ labels: { 'kratix.io/misscheduled': 'true' } }),
      ),
    ).toBe(true);
    const misplaced = {
      conditions: [
        {
          type: 'Misscheduled',
          status: 'True',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    };
    expect(workPlacementShapeChanged(wp(), wp({ status: misplaced }))).toBe(
      true,
    );
  });
});

describe('workShapeChanged', () => {
  const work = (groups: any[], conditions: any[] = []) =>
    slimWork({
      metadata: { name: 'w', namespace: 'default', uid: 'u', labels: {} },
      spec: { promiseName: 'p', workloadGroups: groups },
      status: { conditions },
    });
  const groups = [
    {
      id: 'g',
      directory: '.',
      destinationSelectors: [{ matchLabels: { a: 'b' }, source: 'promise' }],
    },
  ];

  it('ignores status conditions and sees workload group changes', () => {
    expect(
      workShapeChanged(
        work(groups),
        work(groups, [{ type: 'Ready', status: 'True' }]),
      ),
    ).toBe(false);
    expect(
      workShapeChanged(work(groups), work([{ ...groups[0], directory: 'x' }])),
    ).toBe(true);
  });
});
