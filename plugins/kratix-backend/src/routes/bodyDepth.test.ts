import express from 'express';
import request from 'supertest';
import {
  MAX_BODY_DEPTH,
  nestedDeeperThan,
  rejectDeepBodies,
} from './bodyDepth';

const nestedText = (depth: number) =>
  `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nested = (depth: number) => JSON.parse(nestedText(depth));

describe('nestedDeeperThan', () => {
  it('counts object and array levels', () => {
    expect(nestedDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestedDeeperThan({ a: { b: 1 } }, 1)).toBe(true);
    expect(nestedDeeperThan([[[1]]], 3)).toBe(false);
    expect(nestedDeeperThan([[[1]]], 2)).toBe(true);
    expect(nestedDeeperThan('x', 0)).toBe(false);
    expect(nestedDeeperThan(nested(MAX_BODY_DEPTH), MAX_BODY_DEPTH)).toBe(
      false,
    );
  });

  it('handles any depth without recursion', () => {
    expect(nestedDeeperThan(nested(200_000), MAX_BODY_DEPTH)).toBe(true);
  });
});

describe('rejectDeepBodies', () => {
  it('answers 400 for a too deep body and passes others on', async () => {
    const app = express();
    app.use(express.json({ limit: '5mb' }));
    app.use(rejectDeepBodies());
    app.post('/', (req, res) =>
      res.json({ ok: true, keys: Object.keys(req.body) }),
    );
    app.use(
      (
        err: Error,
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) =>
        res
          .status(err.name === 'InputError' ? 400 : 500)
          .json({ error: err.message }),
    );
    const deep = await request(app)
      .post('/')
      .set('Content-Type', 'application/json')
      .send(nestedText(50_000));
    expect(deep.status).toBe(400);
    expect(deep.body.error).toBe(
      `request body is nested deeper than ${MAX_BODY_DEPTH} levels`,
    );
    const ok = await request(app)
      .post('/')
      .send({ specPatch: nested(20) });
    expect(ok.status).toBe(200);
  });
});
