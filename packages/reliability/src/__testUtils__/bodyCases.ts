/* Fuzz case families that attack the request body: raw bytes, content types, size, shape, prototypes, depth. */
import { mutateBody } from './bodyMutations';
import { FuzzCase, FuzzKit } from './fuzzKit';
import { JSON_HEADERS, PROTO_KEYS, jsonRaw, nested } from './hostileValues';

/** Bodies that are not JSON, or JSON the routes cannot take (not an object). */
export function rawBodyCase(kit: FuzzKit): FuzzCase {
  const { platform, path } = kit.postRoute();
  const bodies = [
    '{',
    '{"a":',
    '[1,2',
    '{"a":1}}',
    "{'items':[]}",
    '{"items":[],"dryRun":true,}',
    'null',
    'true',
    '123',
    '"string"',
    '[]',
    '[{"items":[]}]',
    'NaN',
    '{"a":NaN}',
    '{"a":undefined}',
    '\u0000',
    '\uFEFF{"items":[],"dryRun":true}',
    '{"items":[{"namespace":"a","name":"b"}]} trailing',
    '{"__proto__":',
    Buffer.from(Array.from({ length: 64 }, () => kit.rng.int(0, 255))),
    '{"resourceVersion":"1","specPatch":{"a":"\\ud800"},"dryRun":true}',
    '{"a":"\\u0000"}',
    '{"dup":1,"dup":2}',
  ];
  const body = kit.rng.pick(bodies);
  return kit.make({
    family: 'raw-body',
    method: 'POST',
    path,
    headers: { ...JSON_HEADERS, ...kit.authFor(platform) },
    body,
    expect: 'reject',
  });
}

/** Valid JSON sent with the wrong type, charset or encoding: never parsed as the body. */
export function contentTypeCase(kit: FuzzKit): FuzzCase {
  const { route, platform, path } = kit.postRoute();
  const body = jsonRaw(kit.baseBody(route.body!, platform));
  if (kit.rng.chance(0.1)) {
    // body-parser decodes any utf-* charset; ASCII JSON reads the same in UTF-7: harmless.
    const headers = {
      'content-type': 'application/json; charset=utf-7',
      ...kit.authFor(platform),
    };
    return kit.make({
      family: 'content-type',
      method: 'POST',
      path,
      headers,
      body,
      expect: 'tolerate',
    });
  }
  const headers = kit.rng.pick<Record<string, string>>([
    { 'content-type': 'text/plain' },
    { 'content-type': 'application/x-www-form-urlencoded' },
    { 'content-type': 'application/json; charset=utf-16' },
    { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    { 'content-type': 'application/json', 'content-encoding': 'br' },
    { 'content-type': 'application/json', 'content-encoding': 'compress' },
    { 'content-type': 'multipart/form-data; boundary=x' },
    { 'content-type': '*/*' },
  ]);
  return kit.make({
    family: 'content-type',
    method: 'POST',
    path,
    headers: { ...headers, ...kit.authFor(platform) },
    body,
    expect: 'reject',
  });
}

/** Bodies just above, at and just below the size limit, and far above it. */
export function sizeCase(kit: FuzzKit): FuzzCase {
  const { platform, path } = kit.postRoute();
  const target = kit.rng.pick([
    kit.limit + 1,
    kit.limit + 1024,
    kit.limit * 2,
    kit.limit * 4,
    kit.limit - 64,
    kit.limit - 1024,
  ]);
  const shape = kit.rng.pick(['junk', 'items', 'patch']);
  let body: string;
  if (shape === 'items') {
    // Many items with invalid names: valid JSON, refused by the schema (or by size).
    const one = '{"namespace":"kratix-platform-system","name":"NOT_A_NAME"},';
    body = `{"dryRun":true,"items":[${one.repeat(
      Math.max(1, Math.floor((target - 12) / one.length)),
    )}`.replace(/,$/, '');
    body = `${body}]}`;
  } else if (shape === 'patch') {
    body = `{"dryRun":true,"resourceVersion":"${'9'.repeat(
      65,
    )}","specPatch":{"x":"${'p'.repeat(Math.max(0, target - 60))}"}}`;
  } else {
    body = `{"junk":"${'j'.repeat(Math.max(0, target - 11))}"}`;
  }
  return kit.make({
    family: 'size',
    method: 'POST',
    path,
    headers: { ...JSON_HEADERS, ...kit.authFor(platform) },
    body,
    expect: 'reject',
  });
}

/** A valid body with one part made wrong: types, unknown keys, hostile names, ranges, labels. */
export function mutatedBodyCase(kit: FuzzKit): FuzzCase {
  const { route, platform, path } = kit.postRoute();
  const body = kit.baseBody(route.body!, platform) as Record<string, any>;
  mutateBody(kit.rng, route.body!, body, kit.ctx.canaryItems);
  return kit.make({
    family: 'mutated-body',
    method: 'POST',
    path,
    headers: { ...JSON_HEADERS, ...kit.authFor(platform) },
    body: jsonRaw(body),
    expect: 'reject',
  });
}

/** Prototype pollution keys at every level (written as raw JSON: a JS literal would not keep them). */
export function prototypeCase(kit: FuzzKit): FuzzCase {
  const { route, platform, path } = kit.postRoute();
  const base = jsonRaw(kit.baseBody(route.body!, platform));
  const key = kit.rng.pick(PROTO_KEYS);
  const payload = kit.rng.pick([
    `{"polluted":"yes","isAdmin":true}`,
    `{"prototype":{"polluted":"yes"}}`,
    `{"destinationSelectors":[{"matchLabels":{"polluted":"yes"}}]}`,
    `"x"`,
    `null`,
  ]);
  const where = kit.rng.int(0, 3);
  let body: string;
  let expect: FuzzCase['expect'] = 'reject';
  if (where === 0) {
    body = `{"${key}":${payload},${base.slice(1)}`;
  } else if (where === 1 && /"specPatch":\{/.test(base)) {
    // Inside the merge patch: must not change the global prototype nor sneak a field through.
    body = base.replace('"specPatch":{', `"specPatch":{"${key}":${payload},`);
    expect = 'tolerate';
  } else if (where === 2 && /"matchLabels":\{|"labels":\{/.test(base)) {
    body = base.replace(/"(matchLabels|labels)":\{/, `"$1":{"${key}":"x",`);
    // "constructor" and "prototype" are valid label keys; "__proto__" is not.
    if (key !== '__proto__') expect = 'tolerate';
  } else if (/"items":\[\{/.test(base)) {
    body = base.replace('"items":[{', `"items":[{"${key}":${payload},`);
  } else {
    body = `{"${key}":${payload}}`;
  }
  return kit.make({
    family: 'prototype',
    method: 'POST',
    path,
    headers: { ...JSON_HEADERS, ...kit.authFor(platform) },
    body,
    expect,
  });
}

/** Deeply nested JSON: as the whole body, inside the merge patch, inside labels and items. */
export function deepCase(kit: FuzzKit): FuzzCase {
  const { route, platform, path } = kit.postRoute();
  const depth = kit.rng.pick([64, 500, 2_000, 10_000, 50_000]);
  const kind = kit.rng.pick(['object', 'array'] as const);
  const base = kit.baseBody(route.body!, platform) as Record<string, any>;
  const deep = nested(depth, kind);
  const where = kit.rng.int(0, 2);
  let body: string;
  let expect: FuzzCase['expect'] = 'reject';
  // A placeholder replaced in the JSON text keeps every other field (dryRun!) where it was.
  if (where === 1 && base.specPatch) {
    base.specPatch = { ...base.specPatch, deep: '__DEEP__' };
    body = jsonRaw(base).replace('"__DEEP__"', deep);
    // A deep but unknown field in a preview is ignored; an update refuses it (strict fields).
    expect = route.body === 'promisePreview' ? 'tolerate' : 'reject';
  } else if (where === 2 && base.specPatch) {
    base.specPatch = { destinationSelectors: [{ matchLabels: '__DEEP__' }] };
    body = jsonRaw(base).replace('"__DEEP__"', deep);
  } else if (where === 2) {
    body = jsonRaw({ dryRun: true, items: '__DEEP__' }).replace(
      '"__DEEP__"',
      deep,
    );
  } else {
    body = deep;
  }
  return kit.make({
    family: 'deep',
    method: 'POST',
    path,
    headers: { ...JSON_HEADERS, ...kit.authFor(platform) },
    body,
    expect,
  });
}
