/**
 * reports/matrix.schema.json against what `mc matrix` really writes, in ajv (strict, all errors):
 * the `--format json` table, every cell file of `--json DIR`, the table `npm run table` checks
 * against (docs/RESULTS.expected.json), and what the schema must refuse.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Ajv2020 } from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixCellProblem, matrixTableProblem } from '../cli/file-schemas';
import { MATRIX_CELL_SCHEMA, MATRIX_JSON_SCHEMA, MATRIX_SCHEMA } from '../reports/matrix';
import { ROOT, mc } from './cli-helpers';

const schema = MATRIX_JSON_SCHEMA as Record<string, unknown>;
const ajv = new Ajv2020({ strict: true, allErrors: true });
const table = ajv.compile(schema);
const cell = ajv.compile({ $ref: `${schema['$id'] as string}#/$defs/CellRecord` });
const errors = (v: { errors?: unknown[] | null }) => JSON.stringify(v.errors ?? []);

let dir: string;
let printed: unknown;
let cells: unknown[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-matrix-schema-'));
  // Both specs' shapes of row: nfs with caveats (return-ret), a lasso length and coverage; two
  // worker counts, so that seconds has two keys.
  const r = mc('matrix', '--variants', 'return-ret,22876f54', '--writers', '1', '--workers', '1,2', '--coverage', '--exact', '--format', 'json', '--json', dir);
  expect(r.code, r.stderr).toBe(1);
  printed = JSON.parse(r.stdout);
  cells = fs.readdirSync(dir).map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as unknown);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reports/matrix.schema.json', () => {
  it('is a valid JSON Schema to ajv in strict mode, titled with the table format it describes', () => {
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(schema['title']).toBe(MATRIX_SCHEMA);
    const defs = schema['$defs'] as Record<string, { title?: string; properties: Record<string, { const?: string }> }>;
    expect(defs['CellRecord']!.title).toBe(MATRIX_CELL_SCHEMA);
    expect(defs['CellRecord']!.properties['schema']!.const).toBe(MATRIX_CELL_SCHEMA);
  });

  it('accepts the table mc matrix --format json prints: caveats, exact, coverage, a lasso, two worker counts', () => {
    expect(table(printed), errors(table)).toBe(true);
    const t = printed as { caveats?: object; exact?: boolean; rows: { coverage?: object; seconds: object; properties: Record<string, { length?: string }> }[] };
    expect(Object.keys(t.caveats ?? {})).toEqual(['return-ret']);
    expect(t.exact).toBe(true);
    expect(t.rows.every((r) => r.coverage !== undefined && Object.keys(r.seconds).length === 2)).toBe(true);
    expect(t.rows.some((r) => r.properties['WbPageTerminates']?.length === '10+1')).toBe(true);
  });

  it('accepts every cell file mc matrix --json DIR wrote, and the two-phase table of docs/RESULTS.expected.json', () => {
    expect(cells).toHaveLength(4);
    for (const c of cells) expect(cell(c), errors(cell)).toBe(true);
    const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'RESULTS.expected.json'), 'utf8')) as unknown;
    expect(table(expected), errors(table)).toBe(true);
    // mc's own reader, on the same files.
    expect(matrixTableProblem(printed)).toBeUndefined();
    expect(matrixTableProblem(expected)).toBeUndefined();
    for (const c of cells) expect(matrixCellProblem(c)).toBeUndefined();
  });

  const edited = (edit: (t: any) => void): unknown => {
    const copy = structuredClone(printed) as any;
    edit(copy);
    return copy;
  };

  it.each([
    ['a verdict maybe', (t: any) => (t.rows[0].properties.NoRequestLeak.verdict = 'maybe'), '/rows/0/properties/NoRequestLeak/verdict must be one of "holds", "violated", "unknown"'],
    ['a length that is not steps', (t: any) => (t.rows[0].properties.NoRequestLeak.length = 'long'), '/rows/0/properties/NoRequestLeak/length must match pattern "^[0-9]+(\\+[0-9]+)?$"'],
    ['a negative count of states', (t: any) => (t.rows[1].distinct = -1), '/rows/1/distinct must be >= 0'],
    ['a parameter that is not an integer', (t: any) => (t.rows[0].params.writers = 1.5), '/rows/0/params/writers must be integer'],
    ['no rows', (t: any) => delete t.rows, "the top level must have required property 'rows'"],
    ['a field mc never writes', (t: any) => (t.rows[0].note = 'x'), '/rows/0 must not have the property "note"'],
    ['seconds under a worker count of 0', (t: any) => (t.rows[0].seconds['0'] = 1), '/rows/0/seconds must not have a property named "0"'],
  ])('refuses a table with %s, naming where', (_, edit, problem) => {
    expect(table(edited(edit))).toBe(false);
    expect(matrixTableProblem(edited(edit))).toBe(problem);
  });

  it.each([
    ['a cell without its result', (c: any) => delete c.result, "the top level must have required property 'result'"],
    ['0 workers', (c: any) => (c.cell.workers = 0), '/cell/workers must be >= 1'],
    ['a matrix of no cells', (c: any) => (c.cells = 0), '/cells must be >= 1'],
  ])('refuses a cell file with %s, naming where', (_, edit, problem) => {
    const copy = structuredClone(cells[0]) as any;
    edit(copy);
    expect(cell(copy)).toBe(false);
    expect(matrixCellProblem(copy)).toBe(problem);
  });
});
