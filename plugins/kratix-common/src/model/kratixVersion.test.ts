import { detectKratixGeneration } from './kratixVersion';

describe('detectKratixGeneration', () => {
  it('is current when PromiseRevisions are served', () => {
    expect(
      detectKratixGeneration(['promises', 'promiserevisions', 'works']),
    ).toBe('current');
  });
  it('is v0.125 otherwise', () => {
    expect(
      detectKratixGeneration(['promises', 'works', 'workplacements']),
    ).toBe('v0.125');
  });
});
