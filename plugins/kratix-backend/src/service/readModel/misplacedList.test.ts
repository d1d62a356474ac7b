import {
  SlimDestination,
  SlimWork,
  SlimWorkPlacement,
  WorkPlacementView,
} from '@kratix-backstage/plugin-kratix-common';
import { PLACEMENT_ASPECT } from '@kratix-backstage/plugin-kratix-node';
import { MisplacedQuery, misplacedList } from './misplacedList';
import { workPlacementView } from './workPlacementView';
import {
  PlatformCache,
  memoryCache,
} from '@kratix-backstage/plugin-kratix-node/testUtils';

const GROUP = '5058f1af8388633f609cadb75a75dc9d';
const meta = { platform: 'local', generation: 'v0.125' as const, stale: false };

/**
 * 60 misplaced WorkPlacements of 3 Promises over namespaces and Destinations whose names differ in
 * '-', '.' and digits, both labels, with and without a condition time (some equal), a Work that
 * selects the Destination again, a missing Work and a missing Destination; plus placed ones.
 */
function cache(): PlatformCache {
  const c = memoryCache();
  const dest = (name: string, env: string): SlimDestination => ({
    name,
    uid: name,
    resourceVersion: '1',
    labels: { env },
    strictMatchLabels: false,
    ready: 'Unknown',
  });
  ['dev-1', 'dev.2', 'prod-1'].forEach((d, i) =>
    c.destinations.upsert(dest(d, i === 2 ? 'prod' : 'dev')),
  );
  const namespaces = ['team-a', 'team-a.b', 'team-1', 'kratix-platform-system'];
  for (let i = 0; i < 80; i++) {
    const namespace = namespaces[i % namespaces.length];
    const promiseName = ['redis', 'pg', 'kafka'][i % 3];
    const resourceName = i % 2 ? `r-${i}` : '';
    const work: SlimWork = {
      name: `${promiseName}-w${i % 7}`,
      namespace,
      uid: `w${i}`,
      resourceVersion: '1',
      labels: {},
      promiseName,
      resourceName,
      workloadGroups: [
        {
          id: GROUP,
          directory: '.',
          destinationSelectors: [
            { matchLabels: { env: i % 5 ? 'prod' : 'dev' }, source: 'promise' },
          ],
        },
      ],
      conditions: [],
    };
    if (i % 11) c.works.upsert(work);
    const misplaced = i < 60;
    const wp: SlimWorkPlacement = {
      name: `${work.name}.${['dev-1', 'dev.2', 'gone'][i % 3]}-${
        i % 4 ? '5058f' : 'a1b2c'
      }${i}`,
      namespace,
      uid: `u${i}`,
      resourceVersion: String(i),
      labels: misplaced
        ? { [i % 4 ? 'kratix.io/misscheduled' : 'kratix.io/misplaced']: 'true' }
        : {},
      workName: work.name,
      workloadGroupId: GROUP,
      promiseName,
      resourceName,
      targetDestinationName: ['dev-1', 'dev.2', 'gone'][i % 3],
      conditions:
        i % 6 === 0
          ? []
          : [
              {
                type: 'Misscheduled',
                status: 'True',
                reason: 'DestinationSelectorMismatch',
                lastTransitionTime: `2026-01-0${1 + (i % 4)}T0${i % 3}:00:00Z`,
              },
            ],
      finalizers: [],
    };
    c.workPlacements.upsert(wp);
  }
  return c;
}

/** The list as computed before it was optimised: every view built, filtered, sorted with localeCompare. */
function reference(c: PlatformCache, q: MisplacedQuery) {
  let wps = c.workPlacements.byIndex('misplaced', 'true');
  if (q.promise)
    wps = c.workPlacements.byIndex('misplacedByPromise', q.promise);
  else if (q.destination)
    wps = c.workPlacements.byIndex('misplacedByDestination', q.destination);
  const keep = (v: WorkPlacementView) =>
    (!q.destination || v.destination === q.destination) &&
    (!q.namespace || v.namespace === q.namespace) &&
    (!q.kind || v.kind === q.kind) &&
    (q.stillMatches === undefined ||
      v.destinationStillMatches === q.stillMatches) &&
    (q.destinationExists === undefined ||
      v.destinationExists === q.destinationExists) &&
    (q.label !== 'current' || v.misplacedLabel === 'kratix.io/misplaced') &&
    (q.label !== 'legacy' || v.misplacedLabel === 'kratix.io/misscheduled') &&
    (!q.search ||
      `${v.name} ${v.workName ?? ''} ${v.resourceName}`
        .toLowerCase()
        .includes(q.search.toLowerCase()));
  const views = wps.map(wp => workPlacementView(c, wp)).filter(keep);
  if (q.sort === 'age') {
    views.sort(
      (a, b) =>
        (a.misplacedSince ?? '\uffff').localeCompare(
          b.misplacedSince ?? '\uffff',
        ) ||
        a.namespace.localeCompare(b.namespace) ||
        a.name.localeCompare(b.name),
    );
  } else {
    views.sort(
      (a, b) =>
        a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    );
  }
  return {
    ...meta,
    items: views.slice(q.offset, q.offset + q.limit),
    total: views.length,
    offset: q.offset,
    limit: q.limit,
  };
}

describe('misplacedList', () => {
  const queries: Array<Partial<MisplacedQuery>> = [
    {},
    { sort: 'name' },
    { promise: 'redis' },
    { destination: 'dev.2', sort: 'name' },
    { namespace: 'team-a.b' },
    { kind: 'resource' },
    { kind: 'dependency', sort: 'name' },
    { label: 'current' },
    { label: 'legacy', promise: 'pg' },
    { stillMatches: true },
    { stillMatches: false, sort: 'name' },
    { destinationExists: false },
    { search: 'W3.DEV' },
    { search: 'r-1', kind: 'resource', sort: 'name' },
    { offset: 7, limit: 5 },
    { offset: 100, limit: 5 },
  ];
  it.each(queries)('answers %j exactly as building every view did', partial => {
    const c = cache();
    const q = {
      sort: 'age',
      offset: 0,
      limit: 100,
      ...partial,
    } as MisplacedQuery;
    expect(misplacedList(c, meta, q)).toEqual(reference(c, q));
  });

  it('reuses its sorted list only until a WorkPlacement changes', () => {
    const c = cache();
    const q = { sort: 'age', offset: 0, limit: 100 } as MisplacedQuery;
    const before = misplacedList(c, meta, q);
    expect(misplacedList(c, meta, q)).toEqual(before);

    const [first, second] = c.workPlacements.byIndex('misplaced', 'true');
    // An older misplacement moves to the front; a WorkPlacement no longer misplaced leaves the list.
    c.workPlacements.upsert({
      ...first,
      resourceVersion: 'x',
      conditions: [
        {
          type: 'Misscheduled',
          status: 'True',
          reason: 'DestinationSelectorMismatch',
          lastTransitionTime: '2025-01-01T00:00:00Z',
        },
      ],
    });
    c.workPlacements.upsert({ ...second, resourceVersion: 'y', labels: {} });
    const after = misplacedList(c, meta, q);
    expect(after).toEqual(reference(c, q));
    expect(after.total).toBe(before.total - 1);
    expect(after.items[0]).toMatchObject({
      name: first.name,
      misplacedSince: '2025-01-01T00:00:00Z',
    });
  });

  it('keeps its sorted list across status-only writes and answers their new status', () => {
    const c = cache();
    const q = { sort: 'age', offset: 0, limit: 100 } as MisplacedQuery;
    misplacedList(c, meta, q);
    const revision = c.workPlacements.aspectRevision(PLACEMENT_ASPECT);
    const [first] = c.workPlacements.byIndex('misplaced', 'true');
    // What the Kratix manager writes after a reconcile: a new versionID, nothing that places it.
    c.workPlacements.upsert({
      ...first,
      resourceVersion: 'z',
      versionID: 'new-version',
    });
    expect(c.workPlacements.aspectRevision(PLACEMENT_ASPECT)).toBe(revision);
    const after = misplacedList(c, meta, q);
    expect(after).toEqual(reference(c, q));
    expect(after.items.find(v => v.name === first.name)).toEqual(
      workPlacementView(
        c,
        c.workPlacements.get(`${first.namespace}/${first.name}`)!,
      ),
    );
  });

  it('counts every misplaced WorkPlacement and pages through them in order', () => {
    const c = cache();
    const all = misplacedList(c, meta, { sort: 'age', offset: 0, limit: 1000 });
    expect(all.total).toBe(60);
    const paged = [0, 25, 50].flatMap(
      offset =>
        misplacedList(c, meta, { sort: 'age', offset, limit: 25 }).items,
    );
    expect(paged).toEqual(all.items);
  });
});
