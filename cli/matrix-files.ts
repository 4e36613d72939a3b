/**
 * The files `mc matrix` reads: the cell files of `--merge DIR` (or of its own run) and the table
 * of `--expect FILE`. Each is checked as far as the table, its rendering and the comparison read
 * it, so that a broken file is one usage error naming the file and what is wrong, never an
 * internal error after the cells have run.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Verdict } from '../explorer/result';
import { VERDICT_SYMBOL } from '../reports/format';
import { MATRIX_CELL_SCHEMA, MATRIX_SCHEMA, type CellRecord, type MatrixTable } from '../reports/matrix';
import { parseResult } from '../web/result-input';
import { fail, MSG } from './messages';
import { isObject, parseJson, readFailure } from './json-text';

type Json = Record<string, unknown>;

const isCount = (x: unknown, min = 0): x is number => Number.isSafeInteger(x) && (x as number) >= min;
const isParams = (x: unknown): x is Record<string, number> => isObject(x) && Object.values(x).every((v) => Number.isSafeInteger(v));
const VERDICTS = Object.keys(VERDICT_SYMBOL) as Verdict[];
const isVerdict = (x: unknown): x is Verdict => (VERDICTS as unknown[]).includes(x);
const show = (x: unknown): string => JSON.stringify(x) ?? String(x);

/** The JSON in `file`, or the usage error `bad(why)` builds. */
function readJson(file: string, bad: (why: string) => never): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return bad(readFailure(e));
  }
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : bad(parsed.why);
}

/** Reads every cell file of one matrix from `dir`; all of them must be there. */
export function readCells(dir: string): CellRecord[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /^cell-\d+\.json$/.test(n));
  } catch (e) {
    return fail(MSG.cannotRead(dir, readFailure(e)));
  }
  if (names.length === 0) fail(MSG.matrixNoCells(dir));
  const records = names.map((n) => {
    const file = path.join(dir, n);
    const bad = (reason: string): never => fail(MSG.matrixBadCellFile(file, reason));
    const data = readJson(file, bad);
    const problem = cellProblem(data, Number(/\d+/.exec(n)![0]));
    if (problem !== undefined) bad(problem);
    return data as CellRecord;
  });
  const first = records[0]!;
  const other = records.find((r) => r.matrix !== first.matrix || r.cells !== first.cells);
  if (other) fail(MSG.matrixMixedCells(dir, first.cell.index, other.cell.index));
  const have = new Set(records.map((r) => r.cell.index));
  const missing = Array.from({ length: first.cells }, (_, i) => i).filter((i) => !have.has(i));
  if (missing.length > 0) fail(MSG.matrixMissingCells(dir, missing, first.cells));
  return records;
}

/** What makes `data` no cell record as `mc matrix --cell K --json DIR` writes it to cell-K.json, or undefined. */
function cellProblem(data: unknown, k: number): string | undefined {
  if (!isObject(data)) return 'not a JSON object';
  if (data['schema'] !== MATRIX_CELL_SCHEMA) return `its schema is ${show(data['schema'] ?? null)}, not ${MATRIX_CELL_SCHEMA} (mc matrix --cell K --json DIR writes it)`;
  if (typeof data['matrix'] !== 'string') return 'its matrix is not the id of a selection';
  if (!isCount(data['cells'], 1)) return 'its cells is not a count of cells';
  const cell = data['cell'];
  if (!isObject(cell)) return 'it has no cell';
  if (cell['index'] !== k) return `its cell.index is ${show(cell['index'] ?? null)}, but its name says cell ${k}`;
  if (k >= data['cells']) return `it is cell ${k} of a matrix of ${data['cells']} cells`;
  if (typeof cell['spec'] !== 'string') return 'its cell.spec is not a spec name';
  if (cell['variant'] !== undefined && typeof cell['variant'] !== 'string') return 'its cell.variant is not a variant id';
  if (!isParams(cell['params'])) return 'its cell.params is not a map of integers';
  if (!isCount(cell['workers'], 1)) return 'its cell.workers is not a count of threads';
  if (typeof cell['symmetry'] !== 'boolean') return 'its cell.symmetry is not true or false';
  if (cell['coverage'] !== undefined && typeof cell['coverage'] !== 'boolean') return 'its cell.coverage is not true or false';
  if (cell['exact'] !== undefined && typeof cell['exact'] !== 'boolean') return 'its cell.exact is not true or false';
  const result = data['result'];
  if (!isObject(result)) return 'it has no result';
  const run = result['run'];
  if (!isObject(run) || run['spec'] !== cell['spec'] || run['variant'] !== cell['variant'] || show(run['params']) !== show(cell['params'])) {
    return 'its result.run is not the run its cell names (spec, variant, params)';
  }
  const read = parseResult(result, cell['spec'], cell['params']);
  if (typeof read === 'string') return `its result: ${read}`;
  const stats = result['stats'];
  if (!isObject(stats) || !isCount(stats['distinct']) || !isCount(stats['depth']) || !(typeof stats['seconds'] === 'number' && stats['seconds'] >= 0)) {
    return 'its result.stats has no distinct, depth or seconds';
  }
  const completion = result['completion'];
  if (!isObject(completion) || typeof completion['complete'] !== 'boolean') return 'its result.completion does not say whether the search was complete';
  for (const p of result['properties'] as Json[]) {
    const cx = p['counterexample'];
    if (isObject(cx) && cx['loopStart'] !== undefined && !isCount(cx['loopStart'])) return `the counterexample of ${String(p['name'])} has a bad loopStart`;
  }
  return undefined;
}

/** The table of `--expect FILE`, checked as far as the comparison reads it (its spec: `checkExpectedSpec`). */
export function readExpected(file: string): MatrixTable {
  const bad = (reason: string): never => fail(MSG.matrixBadExpect(file, reason));
  const data = readJson(file, bad);
  const problem = tableProblem(data);
  if (problem !== undefined) bad(problem);
  return data as MatrixTable;
}

/** A table of another spec has no row to compare: the mistake is the file given, not N differences. */
export function checkExpectedSpec(file: string, table: MatrixTable, spec: string): void {
  if (table.spec !== spec) fail(MSG.matrixBadExpect(file, `it is a table of spec ${table.spec}, and this matrix is of spec ${spec}`));
}

function tableProblem(data: unknown): string | undefined {
  const save = '(save one with --format json)';
  if (!isObject(data) || data['schema'] !== MATRIX_SCHEMA) return `not a ${MATRIX_SCHEMA} table ${save}`;
  if (typeof data['spec'] !== 'string') return `its spec is not a spec name ${save}`;
  if (typeof data['symmetry'] !== 'boolean') return `its symmetry is not true or false ${save}`;
  const rows = data['rows'];
  if (!Array.isArray(rows)) return `its rows are not a list ${save}`;
  for (const [i, row] of rows.entries()) {
    const where = `rows[${i}]`;
    if (!isObject(row)) return `${where} is not an object`;
    if (row['variant'] !== undefined && typeof row['variant'] !== 'string') return `${where}.variant is not a variant id`;
    if (!isParams(row['params'])) return `${where}.params is not a map of integers`;
    const properties = row['properties'];
    if (!isObject(properties)) return `${where}.properties is not a map from property to verdict`;
    for (const [name, p] of Object.entries(properties)) {
      if (!isObject(p) || !isVerdict(p['verdict'])) return `${where}.properties.${name} has no verdict (${VERDICTS.join(', ')})`;
      if (p['length'] !== undefined && typeof p['length'] !== 'string') return `${where}.properties.${name}.length is not a length such as "7" or "3+1"`;
    }
    if (!isCount(row['distinct'])) return `${where}.distinct is not a count of states`;
    if (!isCount(row['depth'])) return `${where}.depth is not a count of steps`;
  }
  return undefined;
}
