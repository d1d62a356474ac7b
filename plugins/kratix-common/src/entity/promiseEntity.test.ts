import { Entity } from '@backstage/catalog-model';
import {
  getKratixPlatformName,
  getKratixPromiseName,
  isKratixPromise,
} from './promiseEntity';

const entity = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'postgres', annotations },
});

describe('isKratixPromise', () => {
  it('is true with the kratix.io/promise-name annotation', () => {
    const e = entity({ 'kratix.io/promise-name': 'postgresql' });
    expect(isKratixPromise(e)).toBe(true);
    expect(getKratixPromiseName(e)).toBe('postgresql');
  });

  it('is false without it, or when it is blank', () => {
    expect(isKratixPromise(entity())).toBe(false);
    expect(isKratixPromise(entity({ 'backstage.io/owner': 'x' }))).toBe(false);
    expect(isKratixPromise(entity({ 'kratix.io/promise-name': ' ' }))).toBe(
      false,
    );
  });
});

describe('getKratixPlatformName', () => {
  it('reads the kratix.io/platform annotation', () => {
    expect(
      getKratixPlatformName(entity({ 'kratix.io/platform': 'prod' })),
    ).toBe('prod');
    expect(getKratixPlatformName(entity())).toBeUndefined();
    expect(getKratixPlatformName(entity({ 'kratix.io/platform': '' }))).toBe(
      undefined,
    );
  });
});
