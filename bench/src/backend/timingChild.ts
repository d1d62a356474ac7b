/*
 * The HTTP client of the timed read and preview figures, as its own small Node process: the bench
 * process holds the seeded dataset's bookkeeping, and its garbage collections (up to 12 ms at 4S)
 * landed inside the requests it timed. A client with a heap of its own, like a browser or curl,
 * times the backend. It answers each batch with the times and its own GC pauses.
 */
import http from 'node:http';
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
  // One kept-alive connection per batch: between batches the backend closes idle connections
  // (Node's 5 s keep-alive timeout), and a request sent as it does so fails ("socket hang up").
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const once = async () =>
      (await timedOk(batch.port, batch.method, batch.path, batch.body, agent))
        .ms;
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
  } finally {
    agent.destroy();
  }
  process.send!(answer);
});
