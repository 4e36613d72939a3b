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
  const coverage = data['coverage'];
  if (coverage !== undefined) {
    const steps = isObject(coverage) ? coverage['steps'] : undefined;
    const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
    const wellFormed =
      isObject(coverage) &&
      typeof coverage['complete'] === 'boolean' &&
      typeof coverage['vocabulary'] === 'boolean' &&
      isCount(coverage['initial']) &&
      Array.isArray(steps) &&
      steps.every((s) => isObject(s) && typeof s['step'] === 'string' && isCount(s['taken']) && isCount(s['distinct']) && Array.isArray(s['outcomes']) && s['outcomes'].every((o) => isObject(o) && typeof o['outcome'] === 'string' && isCount(o['taken']) && isCount(o['distinct'])));
    if (!wellFormed) return 'its coverage is not the counts mc check --coverage writes (complete, vocabulary, initial, steps)';
  }
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
  return data as unknown as Result;
}

function show(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(' ') || 'no parameters';
}
