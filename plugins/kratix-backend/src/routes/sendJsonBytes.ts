import express from 'express';

/**
 * Sends JSON already encoded as UTF-8, in chunks that together make one document. Unlike
 * `res.send`, which hashes every body for an ETag, this costs nothing per byte beyond the writes:
 * for answers of megabytes that are kept between requests (the clients re-read on the platform
 * revision, not by ETag). The chunks are written as they are, never joined into a new buffer.
 */
export function sendJsonBytes(
  res: express.Response,
  chunks: readonly Buffer[],
): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader(
    'Content-Length',
    String(chunks.reduce((n, c) => n + c.length, 0)),
  );
  for (const chunk of chunks) res.write(chunk);
  res.end();
}
