/**
 * `mc matrix` as a table: one row per variant and parameter set, one column per property
 * (verdict and shortest counterexample length), distinct states, depth, and the time of each
 * worker count. The rows are built from the cell results alone, so a matrix split across
 * machines and merged renders exactly like one run on one machine.
 */
import type { Counterexample, Result, Verdict } from '../explorer/result';
import { coverageFinding, coverageWarns, stepsTakenText } from './coverage';
import { EXACT_MEANS, VERDICT_SYMBOL, caveatMarks, caveatNotesOf, count, type CaveatNote } from './format';
import { code, escapeMarkdown, footnote } from './markdown';
import schema from './matrix.schema.json';

export const MATRIX_CELL_SCHEMA = 'mc-matrix-cell/1' as const;
export const MATRIX_SCHEMA = 'mc-matrix/1' as const;
/** The JSON Schema of a table (`MatrixTable`) and, in its `$defs/CellRecord`, of a cell file. */
export const MATRIX_JSON_SCHEMA: unknown = schema;

/** What one cell is: the run it stands for. */
export interface CellSpec {
  readonly index: number;
  readonly spec: string;
  readonly variant?: string;
  readonly params: Readonly<Record<string, number>>;
  readonly workers: number;
  readonly symmetry: boolean;
  /** The cell counts its coverage (`mc matrix --coverage`). */
  readonly coverage?: boolean;
  /** The cell searches with `--exact` (`mc matrix --exact`). */
  readonly exact?: boolean;
}

/** A cell's file (`--cell K --json DIR`): its place in the matrix and its result. */
export interface CellRecord {
  readonly schema: typeof MATRIX_CELL_SCHEMA;
  /** Identifies the selection the cell belongs to (cells of different matrices never merge). */
  readonly matrix: string;
  readonly cells: number;
  readonly cell: CellSpec;
  readonly result: Result;
}

export interface PropertyCell {
  readonly verdict: Verdict;
  /** Steps of the shortest counterexample; a lasso is `prefix+cycle`. */
  readonly length?: string;
}

export interface MatrixRow {
  readonly variant?: string;
  readonly params: Readonly<Record<string, number>>;
  readonly properties: Readonly<Record<string, PropertyCell>>;
  readonly distinct: number;
  readonly depth: number;
  readonly complete: boolean;
  /** Seconds of the whole run, by worker count. */
  readonly seconds: Readonly<Record<string, number>>;
  /** Runs with different worker counts gave different verdicts, lengths or counts. */
  readonly disagree: boolean;
  /** With `--coverage`: the steps taken and, when a step was never taken, what `mc check` says of it. */
  readonly coverage?: RowCoverage;
}

export interface RowCoverage {
  /** `10/11`: steps taken out of the spec's vocabulary (just the number taken when it lists none). */
  readonly steps: string;
  /** `mc check --coverage`'s summary line, when a step was never taken (or only by violations). */
  readonly warning?: string;
}

export interface MatrixTable {
  readonly schema: typeof MATRIX_SCHEMA;
  readonly spec: string;
  readonly symmetry: boolean;
  /** Parameters with one value across the matrix (stated once, above the table). */
  readonly fixed: Readonly<Record<string, number>>;
  /** Parameters that vary (one column each). */
  readonly varying: readonly string[];
  readonly workers: readonly number[];
  readonly propertyNames: readonly string[];
  readonly rows: readonly MatrixRow[];
  /**
   * Each variant's caveats (its cells' `run.caveats`), by variant id, for the variants that have
   * any: printed under the table, so that a published ✓ keeps the condition it holds under.
   */
  readonly caveats?: Readonly<Record<string, readonly string[]>>;
  /** Every cell searched with `--exact`: no verdict owes anything to the fingerprints. */
  readonly exact?: boolean;
}

export function counterexampleLength(c: Counterexample): string {
  return c.shape === 'lasso' ? `${c.loopStart}+${c.steps.length - (c.loopStart ?? 0)}` : String(c.steps.length);
}

function rowCoverage(result: Result): RowCoverage | undefined {
  const c = result.coverage;
  if (c === undefined) return undefined;
  return { steps: stepsTakenText(c), ...(coverageWarns(c) ? { warning: coverageFinding(c) } : {}) };
}

function propertyCells(result: Result): Record<string, PropertyCell> {
  return Object.fromEntries(
    result.properties.map((p) => [p.name, { verdict: p.verdict, ...(p.counterexample ? { length: counterexampleLength(p.counterexample) } : {}) }]),
  );
}

/** The table of a complete set of cells, in cell order. */
export function buildTable(records: readonly CellRecord[]): MatrixTable {
  const sorted = [...records].sort((a, b) => a.cell.index - b.cell.index);
  const first = sorted[0]!;
  const names = Object.keys(first.cell.params);
  const values = (n: string) => new Set(sorted.map((r) => r.cell.params[n]));
  const varying = names.filter((n) => values(n).size > 1);
  const fixed = Object.fromEntries(names.filter((n) => !varying.includes(n)).map((n) => [n, first.cell.params[n]!]));
  const workers = [...new Set(sorted.map((r) => r.cell.workers))];
  const groups = new Map<string, CellRecord[]>();
  for (const r of sorted) {
    const k = JSON.stringify([r.cell.variant, r.cell.params]);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const rows: MatrixRow[] = [...groups.values()].map((group) => {
    const { cell } = group[0]!;
    // Coverage is compared too: it is counted in one order whatever the number of threads.
    const runs = group.map((g) => ({
      properties: propertyCells(g.result),
      distinct: g.result.stats.distinct,
      depth: g.result.stats.depth,
      ...(g.result.coverage !== undefined ? { coverage: rowCoverage(g.result) } : {}),
    }));
    return {
      ...(cell.variant !== undefined ? { variant: cell.variant } : {}),
      params: cell.params,
      ...runs[0]!,
      complete: group.every((g) => g.result.completion.complete),
      seconds: Object.fromEntries(group.map((g) => [String(g.cell.workers), round(g.result.stats.seconds)])),
      disagree: runs.some((x) => !same(x, runs[0])),
    };
  });
  const caveats = new Map<string, readonly string[]>();
  for (const r of sorted) {
    if (r.cell.variant !== undefined && r.result.run.caveats?.length && !caveats.has(r.cell.variant)) caveats.set(r.cell.variant, r.result.run.caveats);
  }
  return {
    schema: MATRIX_SCHEMA,
    spec: first.cell.spec,
    symmetry: first.cell.symmetry,
    fixed,
    varying,
    workers,
    propertyNames: first.result.properties.map((p) => p.name),
    rows,
    ...(caveats.size > 0 ? { caveats: Object.fromEntries(caveats) } : {}),
    ...(sorted.every((r) => r.result.stats.exact === true) ? { exact: true } : {}),
  };
}

/**
 * The table's caveats, each marked when it names a property: the cells of that property's verdicts
 * on that variant carry the mark, as in every other Markdown report (`✓\*`), so that a published ✓
 * does not read as unconditional when its note is further down.
 */
function tableCaveats(t: MatrixTable): CaveatNote[] {
  return caveatNotesOf(Object.entries(t.caveats ?? {}).map(([variant, caveats]) => ({ variant, caveats })), t.propertyNames);
}

/**
 * What goes under the table: a blank line, then each caveat as `line` writes it, then each row
 * whose coverage warns as `gap` writes it (the row named by its variant and varying parameters),
 * `between` them.
 */
function notesBelow(
  t: MatrixTable,
  line: (note: CaveatNote) => string,
  gap: (row: string, warning: string) => string,
  between: string,
): string {
  const lines = [
    ...tableCaveats(t).map(line),
    ...t.rows.flatMap((r) => (r.coverage?.warning !== undefined ? [gap(rowName(t, r), r.coverage.warning)] : [])),
  ];
  return lines.length > 0 ? `\n${lines.join(between)}\n` : '';
}

/** A row as a reader finds it in the table: its variant and the parameters that vary. */
function rowName(t: MatrixTable, r: MatrixRow): string {
  return [...(r.variant !== undefined ? [r.variant] : []), ...t.varying.map((n) => `${n}=${r.params[n]}`)].join(' ') || 'the row';
}

/** Whether the table has a coverage column: its cells were run with `--coverage`. */
const withCoverage = (t: MatrixTable) => t.rows.some((r) => r.coverage !== undefined);

const round = (s: number) => Math.round(s * 1000) / 1000;

function propertyText(p: PropertyCell | undefined): string {
  if (!p) return '';
  return p.verdict === 'violated' ? `${VERDICT_SYMBOL.violated} ${p.length ?? ''}`.trim() : VERDICT_SYMBOL[p.verdict];
}

function header(t: MatrixTable): string[] {
  return ['variant', ...t.varying, ...t.propertyNames, 'distinct', 'depth', ...(withCoverage(t) ? ['steps'] : []), ...t.workers.map((w) => `s (${w}w)`)];
}

/** A row's cells; `marks` writes a verdict's caveat marks as the format needs them (escaped in Markdown). */
function cellsOf(t: MatrixTable, r: MatrixRow, notes: readonly CaveatNote[], marks: (m: string) => string): string[] {
  const marked = (n: string) => {
    const text = propertyText(r.properties[n]);
    const m = r.variant !== undefined && text !== '' ? caveatMarks(notes, r.variant, n) : '';
    return m === '' ? text : `${text}${marks(m)}`;
  };
  return [
    r.variant ?? '-',
    ...t.varying.map((n) => String(r.params[n])),
    ...t.propertyNames.map(marked),
    count(r.distinct) + (r.complete ? '' : ' (stopped)'),
    String(r.depth),
    ...(withCoverage(t) ? [(r.coverage?.steps ?? '') + (r.coverage?.warning !== undefined ? ' !' : '')] : []),
    ...t.workers.map((w) => (r.seconds[String(w)] ?? 0).toFixed(1)),
  ];
}

/** The sentence above the table: what was fixed, and how to read a cell. */
export function legend(t: MatrixTable): string {
  const fixed = Object.entries(t.fixed).map(([k, v]) => `--${k} ${v}`).join(' ');
  return (
    `Spec ${t.spec}${fixed ? `, ${fixed}` : ''}, symmetry ${t.symmetry ? 'on' : 'off'}` +
    `${t.exact === true ? `, exact (--exact: ${EXACT_MEANS}, so no fingerprint collision)` : ''}. ✓ holds, ✗ n violated with a shortest ` +
    'counterexample of n steps (a lasso: prefix+cycle), ? unknown.' +
    (withCoverage(t) ? ' steps: the spec\'s steps the search took (! when one was never taken, or taken only by violating transitions: named under the table, where a ✓ says nothing about it).' : '')
  );
}

export function renderMatrixMarkdown(t: MatrixTable): string {
  const h = header(t);
  const lines = [`| ${h.join(' | ')} |`, `|${h.map(() => '---').join('|')}|`];
  const caveats = tableCaveats(t);
  for (const r of t.rows) {
    // In a cell: GitHub drops text after a row's last cell, and the warning with it.
    const [variant, ...rest] = cellsOf(t, r, caveats, escapeMarkdown);
    lines.push(`| ${[`${variant}${r.disagree ? ' **runs disagree!**' : ''}`, ...rest].join(' | ')} |`);
  }
  const notes = notesBelow(
    t,
    (n) => `${footnote(n)}**Note** on ${code(n.variant)}: ${escapeMarkdown(n.text)}`,
    (row, warning) => `**Coverage** of ${code(row)}: ${escapeMarkdown(warning)}`,
    '\n\n',
  );
  return `${legend(t)}\n\n${lines.join('\n')}\n${notes}`;
}

export function renderMatrixText(t: MatrixTable): string {
  const caveats = tableCaveats(t);
  const rows = [header(t), ...t.rows.map((r) => cellsOf(t, r, caveats, (m) => m))];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  // Names and verdicts read left-aligned, numbers right-aligned.
  const properties = (c: number) => c > t.varying.length && c <= t.varying.length + t.propertyNames.length;
  const pad = (s: string, c: number) => {
    const fill = ' '.repeat(widths[c]! - [...s].length);
    return c === 0 || properties(c) ? s + fill : fill + s;
  };
  const lines = rows.map((r, i) => r.map(pad).join('  ').trimEnd() + (i > 0 && t.rows[i - 1]!.disagree ? '  runs disagree!' : ''));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return `${legend(t)}\n\n${lines.join('\n')}\n${notesBelow(t, (n) => `${n.mark !== undefined ? `${n.mark} ` : ''}note on ${n.variant}: ${n.text}`, (row, warning) => `coverage of ${row}: ${warning}`, '\n')}`;
}

export function renderMatrixJson(t: MatrixTable): string {
  return JSON.stringify(t, null, 2) + '\n';
}

/**
 * Differences between a table and an expected one (a saved `--format json` table): verdicts,
 * counterexample lengths, distinct states and depth; times are not compared.
 */
export function compareTables(actual: MatrixTable, expected: MatrixTable): string[] {
  const key = (r: MatrixRow) => `${r.variant ?? '-'} ${Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' ')}`;
  const out: string[] = [];
  // Said first: it explains the differences in counts below it.
  const onOff = (on: boolean) => (on ? 'on' : 'off');
  if (expected.spec !== actual.spec) out.push(`the expectations are for spec ${expected.spec}, this table is of spec ${actual.spec}`);
  if (expected.symmetry !== actual.symmetry) {
    out.push(
      `the expectations are for symmetry ${onOff(expected.symmetry)}, this table has symmetry ${onOff(actual.symmetry)}, ` +
        `so distinct-state counts differ (${expected.symmetry ? 'drop --no-symmetry' : 'run with --no-symmetry'} to compare like with like)`,
    );
  }
  const byKey = new Map(actual.rows.map((r) => [key(r), r]));
  for (const e of expected.rows) {
    const a = byKey.get(key(e));
    if (!a) {
      out.push(`${key(e)}: expected, not in the matrix`);
      continue;
    }
    byKey.delete(key(e));
    for (const name of new Set([...Object.keys(e.properties), ...Object.keys(a.properties)])) {
      const want = propertyText(e.properties[name]) || '(none)';
      const got = propertyText(a.properties[name]) || '(none)';
      if (want !== got) out.push(`${key(e)}: ${name} expected ${want}, got ${got}`);
    }
    if (e.distinct !== a.distinct) out.push(`${key(e)}: distinct states expected ${count(e.distinct)}, got ${count(a.distinct)}`);
    if (e.depth !== a.depth) out.push(`${key(e)}: depth expected ${e.depth}, got ${a.depth}`);
  }
  for (const k of byKey.keys()) out.push(`${k}: in the matrix, not expected`);
  return out;
}
