/**
 * What `mc matrix` runs: the selection (spec, variants, parameter lists, worker counts, symmetry)
 * as numbered cells. The numbering is a pure function of the selection, so a runner that gives
 * every machine the same flags and a different `--cell K` covers the matrix exactly once.
 */
import { createHash } from 'crypto';
import type { SpecDefinition } from '../explorer/spec';
import type { CellSpec } from '../reports/matrix';
import { fail, MSG } from './messages';
import { parseParam, parseWorkers } from './parse';
import { workerBound } from './workers';
import { checkOwnParams } from './spec-params';

export interface Selection {
  readonly spec: SpecDefinition;
  readonly variants: readonly (string | undefined)[];
  /** Values of each parameter, in the spec's parameter order. */
  readonly params: Readonly<Record<string, readonly number[]>>;
  readonly workers: readonly number[];
  readonly symmetry: boolean;
  /** Every cell counts its coverage (`--coverage`). */
  readonly coverage: boolean;
  /** Every cell searches with `--exact`. */
  readonly exact: boolean;
}

export interface SelectionFlags {
  readonly variants?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly workers?: string;
  readonly symmetry: boolean;
  readonly coverage?: boolean;
  readonly exact?: boolean;
}

export function planSelection(spec: SpecDefinition, flags: SelectionFlags): Selection {
  const ids = (spec.variants ?? []).map((v) => v.id);
  let variants: (string | undefined)[];
  if (ids.length === 0) {
    if (flags.variants !== undefined && flags.variants !== 'all') fail(MSG.noVariants(spec.name));
    variants = [undefined];
  } else if (flags.variants === undefined || flags.variants === 'all') {
    variants = ids;
  } else {
    // 'all' in a list is every variant, as alone: the refusal would list it among the choices.
    variants = unique(flags.variants.split(',').flatMap((v) => (v.trim() === 'all' ? ids : [v.trim()])));
    for (const v of variants) if (!ids.includes(v!)) fail(MSG.unknownVariant(spec.name, v!, ['all', ...ids]));
  }
  checkOwnParams(spec, flags.params);
  const params: Record<string, number[]> = {};
  for (const p of spec.parameters) {
    const raw = flags.params[p.name];
    params[p.name] = raw === undefined ? [p.default] : parseList(`--${p.name}`, raw, (item) => parseParam(`--${p.name}`, item, p.min, p.max));
  }
  const workers = flags.workers === undefined ? [1] : parseList('--workers', flags.workers, (item) => parseWorkers(item, workerBound()));
  return { spec, variants, params, workers, symmetry: spec.symmetry && flags.symmetry, coverage: flags.coverage === true, exact: flags.exact === true };
}

/**
 * `1,2,3`, `1..3` or a mix (`1..2,4`), each value parsed by `one`; duplicates dropped, order kept.
 * A range runs upwards: `3..1` would select nothing, which is a mistake, not an empty matrix.
 */
function parseList(flag: string, raw: string, one: (item: string) => number): number[] {
  const out: number[] = [];
  for (const item of raw.split(',')) {
    const range = /^\s*([^.]+)\.\.([^.]+)\s*$/.exec(item);
    if (!range) {
      out.push(one(item));
      continue;
    }
    const [from, to] = [one(range[1]!), one(range[2]!)];
    if (from > to) fail(MSG.matrixEmptyRange(flag, item.trim(), from, to));
    for (let v = from; v <= to; v++) out.push(v);
  }
  return unique(out);
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Every cell, variant-major, then the parameters in the spec's order, then the worker count. */
export function cellsOf(sel: Selection): CellSpec[] {
  let combos: Record<string, number>[] = [{}];
  for (const p of sel.spec.parameters) {
    combos = combos.flatMap((c) => sel.params[p.name]!.map((v) => ({ ...c, [p.name]: v })));
  }
  const cells: CellSpec[] = [];
  for (const variant of sel.variants) {
    for (const params of combos) {
      for (const workers of sel.workers) {
        cells.push({
          index: cells.length,
          spec: sel.spec.name,
          ...(variant !== undefined ? { variant } : {}),
          params,
          workers,
          symmetry: sel.symmetry,
          ...(sel.coverage ? { coverage: true } : {}),
          ...(sel.exact ? { exact: true } : {}),
        });
      }
    }
  }
  return cells;
}

/** A short id of the selection: cell files of another selection are refused at merge. */
export function matrixId(sel: Selection): string {
  // Coverage and exactness only when asked, so that the ids of selections without them stay what they were.
  const text = JSON.stringify({
    spec: sel.spec.name, variants: sel.variants, params: sel.params, workers: sel.workers, symmetry: sel.symmetry,
    ...(sel.coverage ? { coverage: true } : {}), ...(sel.exact ? { exact: true } : {}),
  });
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** The flags that reproduce the selection (for the cell processes `--jobs` starts). */
export function selectionArgs(sel: Selection): string[] {
  const args = ['--spec', sel.spec.name];
  if (sel.variants[0] !== undefined) args.push('--variants', sel.variants.join(','));
  for (const [name, values] of Object.entries(sel.params)) args.push(`--${name}`, values.join(','));
  args.push('--workers', sel.workers.join(','));
  if (!sel.symmetry) args.push('--no-symmetry');
  if (sel.coverage) args.push('--coverage');
  if (sel.exact) args.push('--exact');
  return args;
}
