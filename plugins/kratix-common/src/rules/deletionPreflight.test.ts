import { aDestination, aStateStore, aWork, aWorkPlacement } from '../testUtils';
import {
  deletionPreflight,
  fileRootKey,
  sharesFilesWith,
} from './deletionPreflight';

const misplaced = { labels: { 'kratix.io/misplaced': 'true' } };

describe('deletionPreflight', () => {
  const depWork = aWork('redis-static-deps-abcde', [
    { matchLabels: { environment: 'prod' }, source: 'promise' },
  ]);
  const dev1 = aDestination('dev-1', { environment: 'dev' });
  const prod1 = aDestination('prod-1', { environment: 'prod' });
  const prod2 = aDestination('prod-2', { environment: 'prod' });
  const all = [dev1, prod1, prod2];

  it('removes the files of a dependency WorkPlacement and does not recreate it', () => {
    const wp = aWorkPlacement(depWork, 'dev-1', misplaced);
    const r = deletionPreflight(wp, {
      work: depWork,
      destination: dev1,
      stateStore: aStateStore(),
      destinations: all,
      generation: 'current',
    });
    expect(r.misplaced).toBe(true);
    expect(r.blocked).toBe(false);
    expect(r.files).toEqual({
      kind: 'removed',
      path: 'destinations/dependencies/redis/5058f/',
    });
    expect(r.afterDelete).toEqual({ kind: 'not-recreated' });
  });

  it('blocks while the state store is not Ready', () => {
    const wp = aWorkPlacement(depWork, 'dev-1', misplaced);
    const r = deletionPreflight(wp, {
      work: depWork,
      destination: dev1,
      stateStore: aStateStore({ ready: 'False', readyMessage: 'clone failed' }),
      destinations: all,
      generation: 'current',
    });
    expect(r.blocked).toBe(true);
    expect(r.blockReason).toContain('not Ready (clone failed)');
    expect(r.files.kind).toBe('pending');
  });

  it('blocks when the state store does not exist', () => {
    const r = deletionPreflight(aWorkPlacement(depWork, 'dev-1', misplaced), {
      work: depWork,
      destination: dev1,
      destinations: all,
      generation: 'current',
    });
    expect(r.blocked).toBe(true);
    expect(r.blockReason).toContain('GitStateStore/local does not exist');
  });

  it('notes unknown store readiness without blocking', () => {
    const r = deletionPreflight(aWorkPlacement(depWork, 'dev-1', misplaced), {
      work: depWork,
      destination: dev1,
      stateStore: aStateStore({ ready: 'Unknown' }),
      destinations: all,
      generation: 'v0.125',
    });
    expect(r.blocked).toBe(false);
    expect(r.files).toEqual({
      kind: 'removed',
      path: 'destinations/dev-1/dependencies/redis/5058f/',
    });
    expect(r.notes[0]).toContain('reports no readiness');
  });

  it('Destination gone: files stay (current) or the delete hangs (v0.125)', () => {
    const wp = aWorkPlacement(depWork, 'gone-1', misplaced);
    const current = deletionPreflight(wp, {
      work: depWork,
      destinations: all,
      generation: 'current',
    });
    expect(current.blocked).toBe(false);
    expect(current.files.kind).toBe('stay');
    expect(current.notes[0]).toContain(
      "files stay in the state store at <former Destination gone-1's directory>/dependencies/redis/5058f/",
    );
    const legacy = deletionPreflight(wp, {
      work: depWork,
      destinations: all,
      generation: 'v0.125',
    });
    expect(legacy.blocked).toBe(true);
    expect(legacy.blockReason).toContain('syntasso/kratix#382');
  });

  it('lists re-scheduling candidates for a resource WorkPlacement', () => {
    const rwork = aWork(
      'redis-example-x',
      [{ matchLabels: { environment: 'prod' }, source: 'promise' }],
      {
        namespace: 'default',
        resourceName: 'example',
        pipelineName: 'instance-configure',
      },
    );
    const wp = aWorkPlacement(rwork, 'dev-1', misplaced);
    const ctx = {
      work: rwork,
      destination: dev1,
      stateStore: aStateStore(),
      generation: 'current' as const,
    };
    expect(
      deletionPreflight(wp, { ...ctx, destinations: all }).afterDelete,
    ).toEqual({
      kind: 'rescheduled',
      candidates: ['prod-1', 'prod-2'],
    });
    const none = deletionPreflight(wp, { ...ctx, destinations: [dev1] });
    expect(none.afterDelete).toEqual({ kind: 'unscheduled' });
    expect(none.notes.join(' ')).toContain('stays unscheduled');
  });

  it('reports a WorkPlacement that is not misplaced', () => {
    const wp = aWorkPlacement(depWork, 'prod-1');
    const r = deletionPreflight(wp, {
      work: depWork,
      destination: prod1,
      stateStore: aStateStore(),
      destinations: all,
      generation: 'current',
    });
    expect(r.misplaced).toBe(false);
  });

  it('WorkPlacement without its repo-cleanup finalizer: removed at once, files stay', () => {
    const wp = aWorkPlacement(depWork, 'dev-1', {
      ...misplaced,
      finalizers: [],
    });
    for (const generation of ['current', 'v0.125'] as const) {
      const r = deletionPreflight(wp, {
        work: depWork,
        destination: dev1,
        stateStore: aStateStore({ ready: 'False' }),
        destinations: all,
        generation,
      });
      expect(r.blocked).toBe(false);
      expect(r.files.kind).toBe('stay');
      expect(r.notes.join(' ')).toContain(
        'removes the object at once and leaves its files',
      );
    }
  });

  it('filepath mode none, never written: the delete cannot finish', () => {
    const none = aDestination(
      'dev-1',
      { environment: 'dev' },
      { filepathMode: 'none' },
    );
    const ctx = {
      work: depWork,
      destination: none,
      stateStore: aStateStore(),
      destinations: all,
    };
    const unwritten = aWorkPlacement(depWork, 'dev-1', misplaced);
    const r = deletionPreflight(unwritten, { ...ctx, generation: 'current' });
    expect(
      deletionPreflight(unwritten, { ...ctx, generation: 'v0.125' }).blocked,
    ).toBe(true);
    expect(r.blocked).toBe(true);
    expect(r.files.kind).toBe('pending');
    expect(r.blockReason).toContain('never written');
    const written = aWorkPlacement(depWork, 'dev-1', {
      ...misplaced,
      versionID: 'abc',
    });
    const writtenPreflight = deletionPreflight(written, {
      ...ctx,
      generation: 'current',
    });
    expect(writtenPreflight.blocked).toBe(false);
    expect(writtenPreflight.notes.join(' ')).toContain(
      'stays in deletion for ever (its files and state file are gone)',
    );
  });

  it('filepath mode aggregatedYAML: the one file is rewritten while others remain, deleted with the last', () => {
    const aggregated = (filepathFilename?: string) =>
      aDestination(
        'dev-1',
        { environment: 'dev' },
        {
          filepathMode: 'aggregatedYAML',
          filepathFilename,
          path: 'clusters/dev-1',
        },
      );
    const wp = aWorkPlacement(depWork, 'dev-1', misplaced);
    const ctx = {
      work: depWork,
      stateStore: aStateStore(),
      destinations: all,
      generation: 'current' as const,
    };
    const rewritten = deletionPreflight(wp, {
      ...ctx,
      destination: aggregated(),
      aggregatedWith: 2,
    });
    expect(rewritten.blocked).toBe(false);
    expect(rewritten.files).toEqual({
      kind: 'removed',
      path: 'clusters/dev-1/aggregated.yaml',
    });
    expect(rewritten.notes.join(' ')).toContain(
      "rewrites clusters/dev-1/aggregated.yaml without this WorkPlacement's workloads and keeps those of the 2 other WorkPlacements",
    );
    const last = deletionPreflight(wp, {
      ...ctx,
      destination: aggregated('all.yaml'),
      aggregatedWith: 0,
    });
    expect(last.files.path).toBe('clusters/dev-1/all.yaml');
    expect(last.notes.join(' ')).toContain(
      'this is its last WorkPlacement: Kratix deletes clusters/dev-1/all.yaml',
    );
  });

  it('resource WorkPlacement with a sibling left in its group: not scheduled again', () => {
    const rwork = aWork(
      'redis-example-x',
      [{ matchLabels: { environment: 'prod' }, source: 'promise' }],
      {
        namespace: 'default',
        resourceName: 'example',
        pipelineName: 'instance-configure',
      },
    );
    const wp = aWorkPlacement(rwork, 'dev-1', misplaced);
    const sibling = aWorkPlacement(rwork, 'prod-1');
    const r = deletionPreflight(wp, {
      work: rwork,
      destination: dev1,
      stateStore: aStateStore(),
      destinations: all,
      groupSiblings: [sibling, wp],
      generation: 'current',
    });
    expect(r.afterDelete).toEqual({
      kind: 'sibling-remains',
      siblings: [sibling.name],
    });
    expect(r.notes.join(' ')).toContain(
      `while ${sibling.name} of the same workload group remains`,
    );
  });

  it('refuses when another Destination keeps live files in the same directory', () => {
    const a = aDestination('a', { environment: 'dev' }, { path: '.' });
    const b = aDestination('b', { environment: 'prod' }, { path: '/' });
    expect(sharesFilesWith(a, b, aStateStore(), 'current')).toBe(true);
    expect(
      sharesFilesWith(a, { ...b, path: 'other' }, aStateStore(), 'current'),
    ).toBe(false);
    // v0.125 appends each Destination's name: different names never share.
    expect(sharesFilesWith(a, b, aStateStore(), 'v0.125')).toBe(false);
    // The key groups Destinations the same way, without comparing pairs.
    expect(fileRootKey(a, aStateStore(), 'current')).toBe(
      fileRootKey(b, aStateStore(), 'current'),
    );
    expect(fileRootKey(a, aStateStore(), 'v0.125')).not.toBe(
      fileRootKey(b, aStateStore(), 'v0.125'),
    );
    const wp = aWorkPlacement(depWork, 'a', misplaced);
    const live = aWorkPlacement(depWork, 'b');
    const r = deletionPreflight(wp, {
      work: depWork,
      destination: a,
      stateStore: aStateStore(),
      destinations: [a, b],
      sharedDirectoryWorkPlacements: [live],
      generation: 'current',
    });
    expect(r.blocked).toBe(true);
    expect(r.destroysFilesOf).toEqual([`${live.namespace}/${live.name}`]);
    expect(r.blockReason).toContain('shares its state-store directory with b');
  });
});
