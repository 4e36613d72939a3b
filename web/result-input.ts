/**
 * A saved `--json` result read back (from a file named on the command line, or one the user picks
 * in the browser). It must be a result of this spec with these parameters, since its traces are
 * replayed on the explorer's models; the checks here are the ones the explorer relies on.
 */
import { RESULT_SCHEMA, type Result } from '../explorer/result';

const VERDICTS = new Set(['holds', 'violated', 'unknown']);

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** The result, or one sentence saying what is wrong with it. */
export function parseResult(data: unknown, spec: string, params: Readonly<Record<string, number>>): Result | string {
  if (!isObject(data)) return 'it is not a JSON object';
  if (data['schema'] !== RESULT_SCHEMA) return `its schema is ${JSON.stringify(data['schema'])}, expected "${RESULT_SCHEMA}" (mc check --json)`;
  const run = data['run'];
  if (!isObject(run) || typeof run['spec'] !== 'string' || !isObject(run['params'])) return 'it has no run (spec, params)';
  if (run['spec'] !== spec) return `it is a result of spec ${run['spec']}, this explorer runs spec ${spec}`;
  const theirs = run['params'];
  const differ = Object.keys(params).some((k) => theirs[k] !== params[k]) || Object.keys(theirs).length !== Object.keys(params).length;
  if (differ) return `it was checked with ${show(theirs)}, this explorer has ${show(params)} (restart mc explore with those)`;
  const caveats = run['caveats'];
  if (caveats !== undefined && !(Array.isArray(caveats) && caveats.every((c) => typeof c === 'string'))) return 'its run.caveats is not a list of sentences';
  if (!Array.isArray(data['processes']) || !Array.isArray(data['properties'])) return 'it has no processes or properties';
  const coverage = coverageOf(data['coverage']);
  if (coverage !== undefined && coverage !== 'ok' && coverage !== 'older') return `its coverage is not the counts mc check --coverage writes: ${coverage.problem}`;
  for (const p of data['properties'] as unknown[]) {
    if (!isObject(p) || typeof p['name'] !== 'string' || !VERDICTS.has(p['verdict'] as string)) return 'a property has no name or verdict';
    const cx = p['counterexample'];
    if (cx === undefined) continue;
    if (!isObject(cx) || (cx['shape'] !== 'trace' && cx['shape'] !== 'lasso') || !Array.isArray(cx['steps'])) {
      return `the counterexample of ${p['name']} has no shape or steps`;
    }
    if ((cx['steps'] as unknown[]).some((s) => !isObject(s) || typeof s['action'] !== 'string' || typeof s['label'] !== 'string')) {
      return `a step of ${p['name']}'s counterexample has no action or label`;
    }
  }
  // Counts written before the new-state column (mc-result/2 from 8748701 to 3a53da4) are left out
  // rather than shown with holes: the verdicts and traces are what the explorer needs.
  if (coverage === 'older') {
    const { coverage: _older, ...rest } = data;
    return rest as unknown as Result;
  }
  return data as unknown as Result;
}

/** More steps than any spec has: a file with more is not one mc wrote (and would be costly to render). */
const MAX_STEPS = 10_000;

const isCount = (n: unknown, min = 0): n is number => Number.isInteger(n) && (n as number) >= min;

/**
 * Checks a result's coverage as the page will render it: absent, as mc writes it, 'older' (counts
 * written before the states each step reached first), or what is wrong with it.
 */
function coverageOf(coverage: unknown): undefined | 'ok' | 'older' | { readonly problem: string } {
  if (coverage === undefined) return undefined;
  if (isOlder(coverage)) return 'older';
  const problem = coverageProblem(coverage);
  return problem === undefined ? 'ok' : { problem };
}

/** Counts written before the states each step reached first: no `initial`, no step's `distinct`. */
function isOlder(coverage: unknown): boolean {
  const steps = isObject(coverage) ? coverage['steps'] : undefined;
  return isObject(coverage) && coverage['initial'] === undefined && Array.isArray(steps) && steps.every((s) => isObject(s) && s['distinct'] === undefined);
}

/** What is wrong with a coverage of today's form, if anything. */
function coverageProblem(coverage: unknown): string | undefined {
  if (!isObject(coverage) || typeof coverage['complete'] !== 'boolean' || typeof coverage['vocabulary'] !== 'boolean' || !Array.isArray(coverage['steps'])) {
    return 'it needs complete, vocabulary and steps';
  }
  const steps = coverage['steps'] as unknown[];
  if (steps.length > MAX_STEPS) return `${steps.length} steps, more than the ${MAX_STEPS} any spec has`;
  if (!isCount(coverage['initial'], 1)) return 'initial must be a count of states, at least 1';
  for (const s of steps) {
    if (!isObject(s) || typeof s['step'] !== 'string' || !Array.isArray(s['outcomes'])) return 'a step has no name or outcomes';
    const what = countsProblem(s, 0) ?? (s['outcomes'] as unknown[]).map((o) => (isObject(o) && typeof o['outcome'] === 'string' ? countsProblem(o, 1) : 'it has no name')).find((x) => x !== undefined);
    if (what !== undefined) return `step ${s['step']}: ${what}`;
    // The outcomes split the step's transitions: together they are no more than it.
    const outcomes = s['outcomes'] as Record<string, number>[];
    for (const key of ['taken', 'distinct', 'violating'] as const) {
      if (outcomes.reduce((n, o) => n + (o[key] ?? 0), 0) > ((s[key] as number | undefined) ?? 0)) return `step ${s['step']}: its outcomes have more ${key} than it`;
    }
  }
  return undefined;
}

/** taken (at least `minTaken`), distinct no more than taken, violating (when given) 1..taken. */
function countsProblem(n: Record<string, unknown>, minTaken: number): string | undefined {
  if (!isCount(n['taken'], minTaken)) return `taken must be a count, at least ${minTaken}`;
  if (!isCount(n['distinct']) || n['distinct'] > n['taken']) return 'distinct must be a count no more than taken';
  if (n['violating'] !== undefined && (!isCount(n['violating'], 1) || n['violating'] > n['taken'])) return 'violating must be a count from 1 to taken';
  return undefined;
}

function show(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(' ') || 'no parameters';
}
