/**
 * The JSON Schemas a file that mc reads back must satisfy before anything reads it, checked with
 * ajv: reports/result.schema.json for a result saved by `mc check --json` (mc-result/2, and the
 * mc-result/1 it grew from: `mc replay`, `mc explore --result`, a matrix cell's result),
 * reports/itf.schema.json for a trace written by `--itf` (`mc replay`), reports/matrix.schema.json
 * for `mc matrix`'s cell files (`--merge`) and saved tables (`--expect`). What goes wrong is said
 * as one sentence: where (a JSON pointer into the file) and what was expected. What a schema
 * cannot say (a cell's index against its file name, a result's spec against the explorer's) is
 * checked by each reader after this.
 *
 * ajv is loaded and the schemas compiled only when a file is read: every other command starts
 * without it.
 */
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import { RESULT_SCHEMA } from '../explorer/result';
import itfSchema from '../reports/itf.schema.json';
import { RESULT_JSON_SCHEMA } from '../reports/json';
import { MATRIX_JSON_SCHEMA } from '../reports/matrix';
import { shortly } from './json-text';

/**
 * mc-result/1, what `mc check --json` wrote before ba67ad1 (2026-11-29): mc-result/2 without the
 * typed states, a step's source as free text, no searchSeconds (before 06844e2), and a process
 * role `done` (before ec7e2fd). Later additions, all optional, are left allowed: none changes what
 * replay reads.
 */
function resultV1Schema(): AnySchemaObject {
  const schema = structuredClone(RESULT_JSON_SCHEMA) as AnySchemaObject;
  schema['title'] = 'mc-result/1';
  schema['properties'].schema = { const: 'mc-result/1' };
  const defs = schema['$defs'];
  defs.TraceStep.properties.source = { type: 'string' };
  delete defs.Counterexample.properties.states;
  defs.Stats.required = (defs.Stats.required as string[]).filter((k) => k !== 'searchSeconds');
  defs.ProcessStatus.properties.role = { enum: [...(defs.ProcessStatus.properties.role.enum as string[]), 'done'] };
  return schema;
}

interface Validators {
  readonly result: Readonly<Record<string, ValidateFunction>>;
  readonly itfTrace: ValidateFunction;
  readonly itfState: ValidateFunction;
  readonly matrixTable: ValidateFunction;
  readonly matrixCell: ValidateFunction;
}

let compiled: Validators | undefined;

function validators(): Validators {
  if (compiled) return compiled;
  // Loaded here, not imported at the top: ajv adds a tenth of a second to every start of mc.
  const { Ajv2020 } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
  const { Ajv } = require('ajv') as typeof import('ajv');
  // The schemas are the project's own, checked against their meta-schemas by the tests
  // (test/reports-json.test.ts): not again at each read, which takes several times as long as
  // compiling them.
  // verbose: each error keeps the schema that made it, to say what the value should be (FORMS).
  const options = { validateSchema: false, meta: false, verbose: true } as const;
  const results = new Ajv2020(options);
  const itf = new Ajv(options);
  itf.addSchema(itfSchema);
  const matrix = MATRIX_JSON_SCHEMA as AnySchemaObject;
  results.addSchema(matrix);
  compiled = {
    result: {
      [RESULT_SCHEMA]: results.compile(RESULT_JSON_SCHEMA as AnySchemaObject),
      'mc-result/1': results.compile(resultV1Schema()),
    },
    itfTrace: itf.getSchema(itfSchema.$id)!,
    itfState: itf.compile({ $ref: `${itfSchema.$id}#/definitions/state` }),
    matrixTable: results.getSchema(matrix['$id'] as string)!,
    matrixCell: results.compile({ $ref: `${matrix['$id'] as string}#/$defs/CellRecord` }),
  };
  return compiled;
}

/** The result schemas replay reads, newest last. */
export const RESULT_SCHEMAS_READ: readonly string[] = ['mc-result/1', RESULT_SCHEMA];

/** What makes `data` not a result of its `schema` (one of RESULT_SCHEMAS_READ), or undefined. */
export function resultSchemaProblem(schema: string, data: unknown): string | undefined {
  const validate = validators().result[schema];
  if (!validate) throw new Error(`mc replay reads no schema ${schema}`);
  return problemOf(validate, data, '');
}

/** What makes `data` not a table as `mc matrix --format json` prints it (mc-matrix/1), or undefined. */
export function matrixTableProblem(data: unknown): string | undefined {
  return problemOf(validators().matrixTable, data, '');
}

/** What makes `data` not a cell file as `mc matrix --cell K --json DIR` writes it (its result aside), or undefined. */
export function matrixCellProblem(data: unknown): string | undefined {
  return problemOf(validators().matrixCell, data, '');
}

/** What makes `data` (found at the JSON pointer `at`) not one ITF trace (reports/itf.schema.json), or undefined. */
export function itfTraceProblem(data: unknown, at: string): string | undefined {
  return problemOf(validators().itfTrace, data, at);
}

/** What makes `state` (found at the JSON pointer `at`) not an ITF state, or undefined. */
export function itfStateProblem(state: unknown, at: string): string | undefined {
  return problemOf(validators().itfState, state, at);
}

function problemOf(validate: ValidateFunction, data: unknown, at: string): string | undefined {
  try {
    if (validate(data)) return undefined;
  } catch (e) {
    // ajv validates nested values by recursion: a value nested thousands deep exhausts the stack.
    if (e instanceof RangeError) return `${at || 'it'} is nested too deeply to be checked`;
    throw e;
  }
  return sentence(firstError(validate.errors ?? []), at);
}

/**
 * The error to report. With ajv stopping at the first failure, several errors come only from the
 * branches of an anyOf or oneOf that all failed: a branch that failed on its discriminator (a
 * `const`, or the type of the value itself) was not meant, so the deepest error of the others is
 * the one that says what is wrong; when several remain, the anyOf or oneOf itself.
 */
function firstError(all: readonly ErrorObject[]): ErrorObject {
  // A key the schema does not allow (ITF: a name starting with #) is said by the propertyNames
  // error, not by the patterns it failed (the errors that carry the property's name).
  const errors = all.filter((e) => e.propertyName === undefined);
  if (errors.length <= 1) return errors[0] ?? { keyword: 'false', instancePath: '', schemaPath: '#', params: {}, message: 'is not valid' };
  const combinators = new Set(errors.filter(isCombinator).map((e) => e.instancePath));
  const notMeant = (e: ErrorObject) => e.keyword === 'const' || (e.keyword === 'type' && combinators.has(e.instancePath));
  const telling = errors.filter((e) => !notMeant(e));
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const deepest = Math.max(...telling.map(depth));
  const there = telling.filter((e) => depth(e) === deepest);
  const plain = there.filter((e) => !isCombinator(e));
  if (plain.length === 1) return plain[0]!;
  return there.find(isCombinator) ?? there[0]!;
}

const isCombinator = (e: ErrorObject): boolean => e.keyword === 'anyOf' || e.keyword === 'oneOf';

/**
 * What the schemas' anyOf and oneOf allow, said for a value that is none of them: found by the
 * schema that holds the anyOf or oneOf (ajv names a recursive definition's path from its root).
 */
const FORMS: readonly (readonly [schema: unknown, text: string])[] = [
  [itfSchema.definitions.expr, 'must be an ITF value: a string, a boolean, an integer, a list, a record, or an object of #bigint, #tup, #set, #map or #unserializable'],
  [(RESULT_JSON_SCHEMA as { properties: { completion: unknown } }).properties.completion, 'must be {"complete": true} or {"complete": false, "stoppedBy": ...}'],
];

function formsOf(e: ErrorObject): string | undefined {
  const text = JSON.stringify(e.parentSchema);
  return FORMS.find(([schema]) => JSON.stringify(schema) === text)?.[1];
}

/** `<where> <what was expected>`, where is a JSON pointer into the file. */
function sentence(e: ErrorObject, at: string): string {
  const where = at + e.instancePath || 'the top level';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where} must not have the property ${shortly(p['additionalProperty'])}`;
    case 'enum':
      return `${where} must be one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${where} must be ${JSON.stringify(p['allowedValue'])}`;
    case 'propertyNames':
      return `${where} must not have a property named ${shortly(p['propertyName'])}`;
    case 'anyOf':
    case 'oneOf':
      return `${where} ${formsOf(e) ?? 'matches none of the forms the format allows there'}`;
    default:
      return `${where} ${e.message ?? 'is not valid'}`;
  }
}
