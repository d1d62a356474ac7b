import { InputError } from '@backstage/errors';
import express from 'express';

/**
 * Deepest JSON nesting a request body may have. A Promise spec with an API schema and workflows
 * is a few dozen levels deep; deeper bodies would overflow the stack of the recursive code that
 * handles them (merge patch, YAML diff, serialization to the apiserver) and answer 500.
 */
export const MAX_BODY_DEPTH = 100;

/** Whether `value` nests objects/arrays more than `limit` levels deep (iterative: any depth is safe). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object')
        stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Middleware: a parsed JSON body nested deeper than MAX_BODY_DEPTH is a 400. */
export function rejectDeepBodies(
  limit = MAX_BODY_DEPTH,
): express.RequestHandler {
  return (req, _res, next) => {
    if (nestedDeeperThan(req.body, limit)) {
      next(
        new InputError(`request body is nested deeper than ${limit} levels`),
      );
      return;
    }
    next();
  };
}
