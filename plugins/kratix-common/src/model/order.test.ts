import {
  compareCodeUnits,
  compareNamespacedNames,
  compareNames,
} from './order';

describe('ordering helpers', () => {
  it('orders by code unit, independent of locale', () => {
    expect(
      ['prod-1', 'dev-2', 'dev-10', 'Dev', 'dev-1'].sort(compareCodeUnits),
    ).toEqual(['Dev', 'dev-1', 'dev-10', 'dev-2', 'prod-1']);
    expect(compareCodeUnits('a', 'a')).toBe(0);
  });

  it('orders namespaced objects by namespace then name, and objects by name', () => {
    const items = [
      { namespace: 'team-b', name: 'a' },
      { namespace: 'team-a', name: 'z' },
      { namespace: 'team-a', name: 'b' },
    ];
    expect([...items].sort(compareNamespacedNames)).toEqual([
      { namespace: 'team-a', name: 'b' },
      { namespace: 'team-a', name: 'z' },
      { namespace: 'team-b', name: 'a' },
    ]);
    expect([{ name: 'y' }, { name: 'x' }].sort(compareNames)).toEqual([
      { name: 'x' },
      { name: 'y' },
    ]);
  });
});
