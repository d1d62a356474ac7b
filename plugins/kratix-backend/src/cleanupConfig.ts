import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** `kratix.cleanup.*`: bounds on how hard a bulk cleanup may hit the platform's apiserver. */
export function readCleanupConfig(config: Config) {
  const concurrency =
    config.getOptionalNumber('kratix.cleanup.concurrency') ?? 4;
  const ratePerSecond =
    config.getOptionalNumber('kratix.cleanup.maxRequestsPerSecond') ?? 50;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new InputError(
      'kratix.cleanup.concurrency must be an integer from 1 to 64',
    );
  }
  if (!(ratePerSecond > 0))
    throw new InputError(
      'kratix.cleanup.maxRequestsPerSecond must be positive',
    );
  // The cleanup takes a token from this bucket before every request it sends (DELETE, re-read).
  return { concurrency, ratePerSecond };
}
