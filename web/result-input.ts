/**
 * A saved `--json` result read back (from a file named on the command line, one the user picks in
 * the browser, or a matrix cell's). It must be a result of this spec with these parameters, since
 * its traces are replayed on the explorer's models. Its shape is checked against
 * reports/result.schema.json (cli/file-schemas.ts); what a schema cannot say is checked here.
 */
import { resultSchemaProblem } from '../cli/file-schemas';
import { isObject } from '../cli/json-text';
import { RESULT_SCHEMA, type Result } from '../explorer/result';

/** The result, or one sentence saying what is wrong with it. */
export function parseResult(data: unknown, spec: string, params: Readonly<Record<string, number>>): Result | string {
  if (!isObject(data)) return 'it is not a JSON object';
  if (data['schema'] !== RESULT_SCHEMA) return `its schema is ${JSON.stringify(data['schema'])}, expected "${RESULT_SCHEMA}" (mc check --json)`;
  // Said before the rest of the shape: a result of another run is the likelier mistake.
  const run = data['run'];
  if (isObject(run) && typeof run['spec'] === 'string' && run['spec'] !== spec) return `it is a result of spec ${run['spec']}, this explorer runs spec ${spec}`;
  if (isObject(run) && isObject(run['params'])) {
    const theirs = run['params'];
    const differ = Object.keys(params).some((k) => theirs[k] !== params[k]) || Object.keys(theirs).length !== Object.keys(params).length;
    if (differ) return `it was checked with ${show(theirs)}, this explorer has ${show(params)} (restart mc explore with those)`;
  }
  const shape = resultSchemaProblem(RESULT_SCHEMA, data);
  if (shape !== undefined) return shape;
  const result = data as unknown as Result;
  const coverage = result.coverage;
  if (coverage === undefined) return result;
  // Counts written before the new-state column (mc-result/2 from 8748701 to 3a53da4) are left out
  // rather than shown with holes: the verdicts and traces are what the explorer needs.
  if (coverage.initial === undefined && coverage.steps.every((s) => s.distinct === undefined)) {
    const { coverage: _older, ...rest } = result;
    return rest;
  }
  const problem = coverageProblem(coverage);
  return problem === undefined ? result : `its coverage is not the counts mc check --coverage writes: ${problem}`;
}

/** More steps than any spec has: a file with more is not one mc wrote (and would be costly to render). */
const MAX_STEPS = 10_000;

type Counts = { readonly taken: number; readonly distinct?: number; readonly violating?: number };

/** What is wrong with a coverage of today's form (its types checked by the schema), if anything. */
function coverageProblem(coverage: NonNullable<Result['coverage']>): string | undefined {
  const steps = coverage.steps;
  if (steps.length > MAX_STEPS) return `${steps.length} steps, more than the ${MAX_STEPS} any spec has`;
  if (coverage.initial === undefined) return 'initial must be a count of states, at least 1';
  for (const s of steps) {
    const what = countsProblem(s) ?? s.outcomes.map(countsProblem).find((x) => x !== undefined);
    if (what !== undefined) return `step ${s.step}: ${what}`;
    // The outcomes split the step's transitions: together they are no more than it.
    for (const key of ['taken', 'distinct', 'violating'] as const) {
      if (s.outcomes.reduce((n, o) => n + (o[key] ?? 0), 0) > (s[key] ?? 0)) return `step ${s.step}: its outcomes have more ${key} than it`;
    }
  }
  return undefined;
}

/** distinct given and no more than taken, violating no more than taken. */
function countsProblem(n: Counts): string | undefined {
  if (n.distinct === undefined || n.distinct > n.taken) return 'distinct must be a count no more than taken';
  if (n.violating !== undefined && n.violating > n.taken) return 'violating must be a count from 1 to taken';
  return undefined;
}

function show(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(' ') || 'no parameters';
}
