import {
  memoryCache,
  slimDestination,
  slimPromise,
  slimWorkPlacement,
} from '@kratix-backstage/plugin-kratix-node/testUtils';
import {
  MATRIX_CELLS_PER_CHUNK,
  matrix,
  matrixJson,
  matrixJsonChunks,
} from './matrix';

const NS = 'kratix-platform-system';
const meta = {
  platform: 'local',
  generation: 'current' as const,
  stale: false,
};
const destination = (name: string, env: string) =>
  slimDestination({
    kind: 'Destination',
    metadata: { name, uid: `u-${name}`, resourceVersion: '1', labels: { env } },
    spec: {},
  });
const promise = (name: string, env: string) =>
  slimPromise({
    kind: 'Promise',
    metadata: { name, uid: `u-${name}`, resourceVersion: '1', generation: 1 },
    spec: { destinationSelectors: [{ matchLabels: { env } }] },
  });
const workPlacement = (promiseName: string, dest: string, misplaced: boolean) =>
  slimWorkPlacement({
    kind: 'WorkPlacement',
    metadata: {
      name: `${promiseName}-static-deps.${dest}`,
      namespace: NS,
      uid: `u-${promiseName}-${dest}`,
      resourceVersion: '1',
      labels: misplaced ? { 'kratix.io/misscheduled': 'true' } : {},
    },
    spec: {
      targetDestinationName: dest,
      promiseName,
      resourceName: '',
      id: 'g',
    },
  });

function cacheWith() {
  const cache = memoryCache();
  cache.destinations.upsert(destination('dev-1', 'dev'));
  cache.destinations.upsert(destination('prod-1', 'prod'));
  cache.promises.upsert(promise('p', 'prod'));
  cache.workPlacements.upsert(workPlacement('p', 'dev-1', true));
  cache.workPlacements.upsert(workPlacement('p', 'prod-1', false));
  return cache;
}

describe('matrix', () => {
  it('counts WorkPlacements and misplaced ones per cell and marks the targeted Destinations', () => {
    const m = matrix(cacheWith(), meta);
    expect(m.promises).toEqual(['p']);
    expect(m.destinations).toEqual(['dev-1', 'prod-1']);
    expect(m.cells).toEqual([
      {
        promise: 'p',
        destination: 'dev-1',
        workPlacements: 1,
        misplaced: 1,
        targeted: false,
      },
      {
        promise: 'p',
        destination: 'prod-1',
        workPlacements: 1,
        misplaced: 0,
        targeted: true,
      },
    ]);
  });

  it('reuses the last matrix until a Promise, Destination or WorkPlacement changes', () => {
    const cache = cacheWith();
    const first = matrix(cache, meta);
    expect(matrix(cache, { ...meta, stale: true }).cells).toBe(first.cells);
    expect(matrix(cache, { ...meta, stale: true }).stale).toBe(true);

    cache.destinations.upsert(destination('dev-1', 'prod'));
    const retargeted = matrix(cache, meta);
    expect(retargeted.cells).not.toBe(first.cells);
    expect(
      retargeted.cells.find(c => c.destination === 'dev-1')?.targeted,
    ).toBe(true);

    cache.workPlacements.remove(workPlacement('p', 'dev-1', true));
    expect(
      matrix(cache, meta).cells.find(c => c.destination === 'dev-1'),
    ).toEqual({
      promise: 'p',
      destination: 'dev-1',
      workPlacements: 0,
      misplaced: 0,
      targeted: true,
    });

    cache.promises.upsert(promise('p', 'staging'));
    expect(matrix(cache, meta).cells.some(c => c.targeted)).toBe(false);
  });

  it('keeps the matrix across WorkPlacement status writes, which move no count', () => {
    const cache = cacheWith();
    const first = matrix(cache, meta);
    const written = {
      ...workPlacement('p', 'prod-1', false),
      resourceVersion: '2',
      versionID: 'v2',
    };
    cache.workPlacements.upsert(written);
    expect(matrix(cache, meta).cells).toBe(first.cells);
    cache.workPlacements.upsert({
      ...written,
      resourceVersion: '3',
      labels: { 'kratix.io/misscheduled': 'true' },
    });
    expect(
      matrix(cache, meta).cells.find(c => c.destination === 'prod-1'),
    ).toMatchObject({ workPlacements: 1, misplaced: 1 });
  });

  it('answers the same matrix as JSON text, with the meta of each request', () => {
    const cache = cacheWith();
    expect(JSON.parse(matrixJson(cache, meta))).toEqual(matrix(cache, meta));
    const stale = { ...meta, stale: true, staleSince: '2026-11-26T00:00:00Z' };
    expect(JSON.parse(matrixJson(cache, stale))).toEqual(matrix(cache, stale));
    cache.workPlacements.remove(workPlacement('p', 'dev-1', true));
    expect(JSON.parse(matrixJson(cache, meta))).toEqual(matrix(cache, meta));
    expect(
      JSON.parse(matrixJson(cache, meta)).cells.map((c: any) => c.destination),
    ).toEqual(['prod-1']);
  });

  it('cuts a large matrix into chunks that join to exactly JSON.stringify of the answer', () => {
    const cache = cacheWith();
    const count = MATRIX_CELLS_PER_CHUNK * 2 + 7;
    for (let i = 0; i < count; i++)
      cache.destinations.upsert(
        destination(`d-${String(i).padStart(5, '0')}`, 'prod'),
      );
    const chunks = matrixJsonChunks(cache, meta);
    expect(chunks.join('')).toBe(JSON.stringify(matrix(cache, meta)));
    // meta, head, three chunks of cells, closing brackets
    expect(chunks).toHaveLength(6);
    expect(Math.max(...chunks.map(c => c.length))).toBeLessThan(
      JSON.stringify(matrix(cache, meta)).length / 2,
    );
  });
});
