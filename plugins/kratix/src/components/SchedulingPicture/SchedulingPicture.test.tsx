import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { DestinationTargeting } from '@kratix-backstage/plugin-kratix-common';
import { targeting } from '../../__testUtils__/fixtures';
import { SchedulingPicture } from './SchedulingPicture';
import { MAX_DESTINATION_NODES, schedulingGraph } from './schedulingGraph';

const destination = (
  name: string,
  labels: Record<string, string>,
  extra: Partial<DestinationTargeting> = {},
): DestinationTargeting => ({
  ...targeting.destinations[0],
  name,
  labels,
  matched: false,
  misplaced: 0,
  workPlacements: 0,
  ...extra,
});

describe('schedulingGraph', () => {
  it('draws placements as edges and marks the misplaced ones', () => {
    const g = schedulingGraph(
      targeting.destinations,
      targeting.workloadGroups,
      targeting.selectors.matchLabels,
    );
    expect(g.groupedBy).toBeUndefined();
    const deps = g.groups[0].id;
    expect(g.edges).toEqual(
      expect.arrayContaining([
        {
          from: deps,
          to: 'worker-dev',
          placements: 1,
          misplaced: false,
          becomesMisplaced: false,
        },
        {
          from: deps,
          to: 'worker-prod',
          placements: 1,
          misplaced: true,
          becomesMisplaced: false,
        },
      ]),
    );
  });

  it('stays readable at 1,000 Destinations: grouped by the selector label', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      destination(
        `d-${i}`,
        { environment: ['dev', 'prod', 'test'][i % 3], region: `r${i % 50}` },
        { matched: i % 3 === 0, misplaced: i % 3 === 1 ? 1 : 0 },
      ),
    );
    const groups = [
      {
        ...targeting.workloadGroups[0],
        matching: many.filter(d => d.matched).map(d => d.name),
        placedOn: many.filter((_, i) => i % 3 !== 2).map(d => d.name),
      },
    ];
    const g = schedulingGraph(many, groups, { environment: 'dev' });
    expect(g.groupedBy).toBe('environment');
    expect(g.destinations.map(n => [n.label, n.count, n.targeted])).toEqual([
      ['environment=dev', 334, 334],
      ['environment=prod', 333, 0],
      ['environment=test', 333, 0],
    ]);
    expect(g.destinations.length).toBeLessThanOrEqual(MAX_DESTINATION_NODES);
    expect(g.edges).toEqual([
      {
        from: g.groups[0].id,
        to: 'environment=dev',
        placements: 334,
        misplaced: false,
        becomesMisplaced: false,
      },
      {
        from: g.groups[0].id,
        to: 'environment=prod',
        placements: 333,
        misplaced: true,
        becomesMisplaced: false,
      },
    ]);
  });

  it('puts values beyond the node limit into "other"', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      destination(`d-${i}`, { zone: `z${i}` }),
    );
    const g = schedulingGraph(many, [], {});
    expect(g.destinations).toHaveLength(MAX_DESTINATION_NODES);
    expect(g.destinations[MAX_DESTINATION_NODES - 1].label).toBe(
      `other (${200 - MAX_DESTINATION_NODES + 1} values)`,
    );
  });
});

describe('SchedulingPicture', () => {
  it('renders the Promise, its groups and Destinations with misplaced edges marked', async () => {
    await renderInTestApp(
      <SchedulingPicture
        promise="redis"
        destinations={targeting.destinations}
        workloadGroups={targeting.workloadGroups}
        workloadGroupsTotal={targeting.workloadGroupsTotal}
        selector={targeting.selectors.matchLabels}
      />,
    );
    const svg = screen.getByRole('img', {
      name: /Scheduling picture of redis: 2 workload groups, 3 Destination nodes, 2 misplaced edges/,
    });
    expect(svg.querySelectorAll('line[data-misplaced="true"]')).toHaveLength(2);
    expect(screen.getAllByTestId('destination-node')).toHaveLength(3);
    expect(screen.getByText('Promise redis')).toBeInTheDocument();
  });
});
