/**
 * explorer/typed-diff.ts on ITF-shaped values: which leaves differ, their paths through records
 * and `#map`s, and what counts as a leaf (sets, tuples, lists, malformed maps, records carrying
 * `#` keys). Each case pins the whole answer: replay prints these paths and values to a user.
 */
import { describe, expect, it } from 'vitest';
import type { ItfState } from '../explorer/result';
import { firstDifference, leafDifferences } from '../explorer/typed-diff';

const diff = (a: unknown, b: unknown) => [...leafDifferences(a as ItfState, b as ItfState)];
const map = (...entries: [unknown, unknown][]) => ({ '#map': entries });

describe('leafDifferences', () => {
  it('follows records field by field and leaves equal fields out', () => {
    expect(diff({ x: 1, y: { z: 2, w: 3 } }, { x: 1, y: { z: 2, w: 4 } })).toEqual([['y.w', ['3', '4']]]);
  });

  it('lists every differing leaf in the first state\'s order, then fields only the second has', () => {
    expect(diff({ p: 1, q: 1, r: 0 }, { s: 5, q: 2, p: 2, r: 0 })).toEqual([
      ['p', ['1', '2']],
      ['q', ['1', '2']],
      ['s', ['(none)', '5']],
    ]);
    expect(diff({ p: 1, q: 2 }, { p: 1 })).toEqual([['q', ['2', '(none)']]]);
  });

  it('follows a #map by key: a number or string key as itself, any other as JSON', () => {
    const pages = (dirty: boolean) => ({ pages: map([0, { dirty: true }], [1, { dirty }]) });
    expect(diff(pages(false), pages(true))).toEqual([['pages[1].dirty', ['false', 'true']]]);
    expect(diff(map(['W1', 1]), map(['W1', 1], ['W2', 2]))).toEqual([['[W2]', ['(none)', '2']]]);
    const tup = { '#tup': [0, 1] };
    expect(diff(map([tup, 'a']), map([tup, 'b']))).toEqual([['[{"#tup":[0,1]}]', ['"a"', '"b"']]]);
  });

  it('takes sets, tuples, lists and scalars as leaves whole', () => {
    expect(diff({ s: { '#set': [1, 2] } }, { s: { '#set': [1, 3] } })).toEqual([['s', ['{"#set":[1,2]}', '{"#set":[1,3]}']]]);
    expect(diff({ l: [1, 2] }, { l: [1, 3] })).toEqual([['l', ['[1,2]', '[1,3]']]]);
    expect(diff(1, 2)).toEqual([['', ['1', '2']]]);
  });

  it('takes a record with any # key as a leaf, and a map whose entries are not all pairs', () => {
    expect(diff({ '#x': 1, a: 1 }, { '#x': 1, a: 2 })).toEqual([['', ['{"#x":1,"a":1}', '{"#x":1,"a":2}']]]);
    expect(diff({ m: map([1, 2], [3] as never) }, { m: map([1, 5], [3] as never) })).toEqual([
      ['m', ['{"#map":[[1,2],[3]]}', '{"#map":[[1,5],[3]]}']],
    ]);
    // A map on one side only is a leaf too.
    expect(diff({ m: map([1, 2]) }, { m: { a: 1 } })).toEqual([['m', ['{"#map":[[1,2]]}', '{"a":1}']]]);
  });

  it('finds nothing in equal states, key order aside', () => {
    expect(diff({ a: 1, b: map([0, 'x']) }, { b: map([0, 'x']), a: 1 })).toEqual([]);
  });
});

describe('firstDifference', () => {
  it('is the first differing leaf', () => {
    expect(firstDifference({ a: 1, b: 2 } as ItfState, { a: 1, b: 3 } as ItfState)).toEqual({ path: 'b', recorded: '2', replayed: '3' });
  });

  it('is the whole states when they differ only in a field held as undefined', () => {
    expect(firstDifference({ a: 1, b: undefined } as unknown as ItfState, { a: 1 } as ItfState)).toEqual({ path: '', recorded: '{"a":1}', replayed: '{"a":1}' });
  });
});
