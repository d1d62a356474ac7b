import express from 'express';

/** Whether the client asked for a stream of JSON lines (Accept: application/x-ndjson). */
export function wantsNdjson(req: express.Request): boolean {
  return (
    req.accepts(['application/json', 'application/x-ndjson']) ===
    'application/x-ndjson'
  );
}

/** Aborts when the client goes away before the answer is complete. */
export function clientGone(res: express.Response): AbortSignal {
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  return abort.signal;
}

/**
 * An ndjson answer: `start()` sends the 200 and headers (after the checks that may still answer
 * an error status), `line()` one JSON value per line, `end()` the last one. `signal` aborts when
 * the client goes away before the end.
 */
export function ndjsonResponse(res: express.Response) {
  return {
    signal: clientGone(res),
    start() {
      res.status(200).setHeader('Content-Type', 'application/x-ndjson');
      res.flushHeaders();
    },
    line(value: unknown) {
      res.write(`${JSON.stringify(value)}\n`);
    },
    end(value: unknown) {
      res.end(`${JSON.stringify(value)}\n`);
    },
  };
}
