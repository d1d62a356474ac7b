/**
 * Hostile requests for the kratix backend, generated from a seed. Each case says what it must
 * get: `reject` = a 4xx, `tolerate` = anything but a 5xx (the input is odd but harmless, e.g. a
 * search string with selector syntax, which is only a substring filter).
 */
import {
  contentTypeCase,
  deepCase,
  mutatedBodyCase,
  prototypeCase,
  rawBodyCase,
  sizeCase,
} from './bodyCases';
import { FuzzCase, FuzzKit } from './fuzzKit';
import { authCase, methodCase, pathCase, queryCase } from './requestLineCases';

export type { FuzzCase, FuzzContext } from './fuzzKit';

/** Draws cases from every family, weighted. */
export class FuzzGenerator extends FuzzKit {
  generate(count: number): FuzzCase[] {
    const out: FuzzCase[] = [];
    const families: Array<[number, () => FuzzCase]> = [
      [14, () => pathCase(this)],
      [18, () => queryCase(this)],
      [8, () => rawBodyCase(this)],
      [4, () => contentTypeCase(this)],
      [2, () => sizeCase(this)],
      [36, () => mutatedBodyCase(this)],
      [6, () => prototypeCase(this)],
      [4, () => deepCase(this)],
      [4, () => authCase(this)],
      [4, () => methodCase(this)],
    ];
    const total = families.reduce((n, [w]) => n + w, 0);
    while (out.length < count) {
      let r = this.rng.float() * total;
      const family = families.find(([w]) => (r -= w) < 0) ?? families[0];
      out.push(family[1]());
    }
    return out;
  }
}
