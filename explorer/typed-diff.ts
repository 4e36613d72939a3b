/**
 * Where two typed states (ITF values, `Model.itf`) differ, leaf by leaf: what replay uses to say
 * what a step changed (`mc diff`'s "same effect") and which value of a saved file is not the one
 * its step gives (`mc replay`'s refusal of an edited file). A leaf is a record's field or a map's
 * entry by key, followed down; sets, tuples, lists and scalars are leaves as a whole.
 */
import { isDeepStrictEqual } from 'util';
import type { ItfState } from './result';

/**
 * Every differing leaf, in the order the first state lists them (then the second's own): its
 * path (`pages[0].dirty`: a field after a dot, a map key in brackets; the empty path when the
 * states are leaves themselves) and both values as JSON, `(none)` where one has no such leaf.
 */
export function leafDifferences(a: ItfState, b: ItfState): Map<string, readonly [string, string]> {
  const out = new Map<string, readonly [string, string]>();
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (isDeepStrictEqual(x, y)) return;
    const mx = mapEntries(x);
    const my = mapEntries(y);
    if (mx && my) {
      for (const key of new Set([...mx.keys(), ...my.keys()])) walk(mx.get(key), my.get(key), `${path}[${key}]`);
      return;
    }
    if (isRecord(x) && isRecord(y)) {
      for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[key], y[key], path === '' ? key : `${path}.${key}`);
      return;
    }
    out.set(path, [JSON.stringify(x) ?? '(none)', JSON.stringify(y) ?? '(none)']);
  };
  walk(a, b, '');
  return out;
}

/**
 * The first differing leaf of two unequal states. States unequal only in a field one of them
 * holds as `undefined` (which JSON drops) have no differing leaf: then the whole states.
 */
export function firstDifference(a: ItfState, b: ItfState): { readonly path: string; readonly recorded: string; readonly replayed: string } {
  const [path, [recorded, replayed]] = [...leafDifferences(a, b)][0] ?? ['', [JSON.stringify(a), JSON.stringify(b)]];
  return { path, recorded, replayed };
}

/** A plain record of fields (not an ITF `#map`, `#set`, `#tup`, `#bigint`, ...). */
function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !Object.keys(x).some((k) => k.startsWith('#'));
}

/** An ITF `#map`'s entries by key (a string or number key as itself, any other as JSON), or undefined for anything else. */
function mapEntries(x: unknown): Map<string, unknown> | undefined {
  if (typeof x !== 'object' || x === null || !('#map' in x)) return undefined;
  const entries = (x as { '#map': unknown })['#map'];
  if (!Array.isArray(entries) || !entries.every((e) => Array.isArray(e) && e.length === 2)) return undefined;
  // A number's JSON is its text, as a string's would not be.
  return new Map(entries.map(([k, v]: unknown[]) => [typeof k === 'string' ? k : JSON.stringify(k), v]));
}
