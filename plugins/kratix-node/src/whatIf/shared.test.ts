import { notReadyConsequence } from './shared';

describe('notReadyConsequence', () => {
  it('says nothing is written when the store is not in the manager’s repository cache', () => {
    for (const reason of ['StateStoreNotFound', 'StateStoreNotReady']) {
      expect(notReadyConsequence(reason)).toBe(
        'Kratix schedules to it anyway; nothing is written until its state store is available.',
      );
    }
  });

  it('does not claim the writer waits for Ready on any other reason', () => {
    for (const reason of [
      'StateStoreWriteFailed',
      'DestinationFinalizerUpdateFailed',
      'DestinationNotReady',
      undefined,
    ]) {
      const sentence = notReadyConsequence(reason);
      expect(sentence).toContain('does not wait for Ready');
      expect(sentence).not.toContain('nothing is written');
    }
  });
});
