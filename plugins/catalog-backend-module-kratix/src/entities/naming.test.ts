import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { kratixEntityName } from './naming';

describe('kratixEntityName', () => {
  it('is the object name with one platform and <platform>-<name> with several', () => {
    expect(kratixEntityName('local', 'redis', false)).toBe('redis');
    expect(kratixEntityName('local', 'redis', true)).toBe('local-redis');
  });

  it('keeps valid Kubernetes names with dots', () => {
    expect(kratixEntityName('local', 'redis.v2', false)).toBe('redis.v2');
  });

  it('shortens names longer than 63 characters with a stable hash suffix', () => {
    const long = `${'a'.repeat(60)}-postgres-promise`;
    const name = kratixEntityName('eu-platform', long, true);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
    expect(name).toMatch(/^eu-platform-a+-[0-9a-f]{8}$/);
    expect(kratixEntityName('eu-platform', long, true)).toBe(name);
    // Same prefix, different tail: different names.
    expect(kratixEntityName('eu-platform', `${long}x`, true)).not.toBe(name);
  });

  it('never ends the cut prefix with a separator', () => {
    const name = kratixEntityName(
      'p',
      `${'b'.repeat(50)}.-.${'c'.repeat(20)}`,
      true,
    );
    expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
  });
});
