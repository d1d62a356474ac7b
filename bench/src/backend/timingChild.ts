/*
 * The HTTP client of the timed read and preview figures, as its own small Node process: the bench
 * process holds the seeded dataset's bookkeeping, and its garbage collections (up to 12 ms at 4S)
 * landed inside the requests it timed. A client with a heap of its own, like a browser or curl,
 * times the backend. It answers each batch with the times and its own GC pauses.
 */
import { timedOk } from './http';
import { clientGc } from '../util/clientGc';

export interface TimingBatch {
  port: number;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  runs: number;
  warmup: number;
}

export interface TimingAnswer {
  kind: 'timing';
  times?: number[];
  gcMs?: number;
  gcMaxMs?: number;
  error?: string;
}

// The bench ended (or died): nothing left to time.
process.on('disconnect', () => process.exit(0));

process.on('message', async (batch: TimingBatch) => {
  const answer: TimingAnswer = { kind: 'timing' };
  try {
    const once = async () =>
      (await timedOk(batch.port, batch.method, batch.path, batch.body)).ms;
    for (let i = 0; i < batch.warmup; i++) await once();
    const gc = clientGc();
    const times: number[] = [];
    for (let i = 0; i < batch.runs; i++) times.push(await once());
    const pauses = gc.stop();
    Object.assign(answer, {
      times,
      gcMs: pauses.totalMs,
      gcMaxMs: pauses.maxMs,
    });
  } catch (e) {
    answer.error = String(e);
  }
  process.send!(answer);
});
