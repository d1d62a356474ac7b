import {
  labelKeyProblem,
  labelValueProblem,
} from '@kratix-backstage/plugin-kratix-common';

/* The hostile values and the routes the fuzzer (fuzzCases.ts) combines into requests. */
export const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
export const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Hostile path segments, already as they appear in the URL (percent-encoded where needed). */
export const HOSTILE_SEGMENTS = [
  '..%2f..',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%2e%2e%2f%2e%2e%2fhealth',
  '%00',
  'local%00',
  'a%00b',
  '%E0%A4%A',
  '%',
  '%zz',
  'a%2Fb',
  'a%20b',
  '%0d%0aX-Injected:%201',
  'a%0ab',
  'UPPER',
  'under_score',
  '-lead',
  'trail-',
  'a..b',
  '.',
  '%C3%BC%C3%B1%C3%AF',
  '%F0%9F%92%A5',
  '%EF%BB%BFlocal',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'nope',
  'unknown-platform',
  'x'.repeat(64),
  'y'.repeat(254),
  'z'.repeat(5000),
  '%2A',
  '*',
  'a,b!=c',
  'x%20in%20(y)',
  'local;rm%20-rf',
  '$(id)',
  '%27%20OR%201%3D1--',
];

/** Label selector injection attempts and other hostile strings for label keys/values and filters. */
export const INJECTIONS = [
  'a,b!=c',
  'x in (y)',
  'x notin (y,z)',
  '!x',
  'environment=prod,region!=eu',
  'a\nb',
  'a\r\nX-Injected: 1',
  'a\u0000b',
  '../../etc/passwd',
  '..%2f..',
  '\u202etxt.exe',
  'ü',
  '💥',
  ' ',
  '',
  '-',
  'a'.repeat(64),
  'a'.repeat(400),
  '__proto__',
  'constructor',
  "'; DROP TABLE kratix_history; --",
  '{{7*7}}',
  '${jndi:ldap://x}',
];

/** The hostile segments, decoded, that are not valid object names (for names inside bodies). */
export const INVALID_NAMES = HOSTILE_SEGMENTS.flatMap(s => {
  try {
    return [decodeURIComponent(s)];
  } catch {
    return [];
  }
}).filter(s => !NAME_RE.test(s) || s.length > 253);
/** Injections that Kubernetes refuses as a label key / value. */
export const BAD_LABEL_KEYS = INJECTIONS.filter(
  s => labelKeyProblem(s) !== undefined,
);
export const BAD_LABEL_VALUES = INJECTIONS.filter(
  s => labelValueProblem(s) !== undefined,
);

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

export const DECOYS: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0,
  2 ** 53 + 2,
  1e308,
  '',
  'x',
  '1',
  'true',
  [],
  [1, 2],
  {},
  { a: 1 },
  [{}],
];

export const jsonRaw = (v: unknown) => JSON.stringify(v);

/** A JSON text nested `depth` levels deep, e.g. {"a":{"a":...}} or [[[...]]]. */
export function nested(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object'
    ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    : `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

export interface RouteSpec {
  method: 'GET' | 'POST';
  /** Path under /api/kratix with :p and :n placeholders. */
  path: string;
  /** Query schema family for GET routes. */
  query?: 'read' | 'misplaced' | 'none' | 'history' | 'platforms';
  body?:
    | 'update'
    | 'preflight'
    | 'cleanup'
    | 'promisePreview'
    | 'destinationsPreview';
}

export const ROUTES: RouteSpec[] = [
  { method: 'GET', path: '/platforms', query: 'platforms' },
  { method: 'GET', path: '/platforms/:p/promises', query: 'read' },
  { method: 'GET', path: '/platforms/:p/promises/:n', query: 'read' },
  { method: 'GET', path: '/platforms/:p/promises/:n/manifest', query: 'none' },
  { method: 'GET', path: '/platforms/:p/promises/:n/targeting', query: 'read' },
  { method: 'GET', path: '/platforms/:p/promises/:n/works', query: 'read' },
  { method: 'GET', path: '/platforms/:p/misplaced', query: 'misplaced' },
  {
    method: 'GET',
    path: '/platforms/:p/promises/:n/misplaced',
    query: 'misplaced',
  },
  { method: 'GET', path: '/platforms/:p/matrix', query: 'read' },
  {
    method: 'GET',
    path: '/platforms/:p/promises/:n/history',
    query: 'history',
  },
  { method: 'POST', path: '/platforms/:p/promises/:n/update', body: 'update' },
  {
    method: 'POST',
    path: '/platforms/:p/cleanup/preflight',
    body: 'preflight',
  },
  { method: 'POST', path: '/platforms/:p/cleanup', body: 'cleanup' },
  {
    method: 'POST',
    path: '/platforms/:p/promises/:n/preview',
    body: 'promisePreview',
  },
  {
    method: 'POST',
    path: '/platforms/:p/destinations/preview',
    body: 'destinationsPreview',
  },
];

export const JSON_HEADERS = { 'content-type': 'application/json' };
