/**
 * The files `mc matrix` reads: the cell files of `--merge DIR` (or of its own run) and the table
 * of `--expect FILE`. Each is checked against its JSON Schema (reports/matrix.schema.json, a
 * cell's result against reports/result.schema.json), then for what a schema cannot say, so that a
 * broken file is one usage error naming the file and what is wrong, never an internal error after
 * the cells have run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MATRIX_CELL_SCHEMA, MATRIX_SCHEMA, type CellRecord, type MatrixTable } from '../reports/matrix';
import { parseResult } from '../web/result-input';
import { fail, MSG } from './messages';
import { matrixCellProblem, matrixTableProblem } from './file-schemas';
import { isObject, parseJson, readFailure } from './json-text';

type Json = Record<string, unknown>;

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
  const shape = matrixCellProblem(data);
  if (shape !== undefined) return shape;
  const { cell, cells, result } = data as unknown as CellRecord;
  if (cell.index !== k) return `its cell.index is ${cell.index}, but its name says cell ${k}`;
  if (k >= cells) return `it is cell ${k} of a matrix of ${cells} cells`;
  const run = (result as unknown as Json)['run'];
  if (!isObject(run) || run['spec'] !== cell.spec || run['variant'] !== cell.variant || show(run['params']) !== show(cell.params)) {
    return 'its result.run is not the run its cell names (spec, variant, params)';
  }
  const read = parseResult(result, cell.spec, cell.params);
  return typeof read === 'string' ? `its result: ${read}` : undefined;
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
  const shape = matrixTableProblem(data);
  return shape === undefined ? undefined : `${shape} ${save}`;
}
