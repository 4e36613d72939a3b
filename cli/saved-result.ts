/**
 * Reading a counterexample file saved by `mc check --json` (mc-result/1 or /2) or `--itf`
 * (cli/saved-itf.ts) for `mc replay`:
 * the shape is checked as far as replay relies on it, and any problem is one usage error naming
 * the file and what is wrong with it.
 */
import * as fs from 'fs';
import { PROPERTY_KINDS, RESULT_SCHEMA, type Result } from '../explorer/result';
import { fail, MSG } from './messages';
import { isItf, itfAsResult } from './saved-itf';

export function readSavedResult(file: string): Result {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fail(MSG.cannotRead(file, e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e)));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(MSG.badSavedFile(file, `not JSON (${e instanceof Error ? e.message : String(e)})`));
  }
  if (isItf(data)) {
    const read = itfAsResult(data);
    return typeof read === 'string' ? fail(MSG.badSavedFile(file, `an ITF file, but ${read}`)) : read;
  }
  const problem = shapeProblem(data);
  if (problem) fail(MSG.badSavedFile(file, problem));
  return data as Result;
}

/**
 * Schemas replay can read: what it uses (steps' action, outcome and label, the initial fields,
 * the run) is the same in both; mc-result/2 only made each step's source structured.
 */
const READABLE: readonly string[] = ['mc-result/1', RESULT_SCHEMA];

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** What makes `data` unusable as a saved result, or undefined. */
function shapeProblem(data: unknown): string | undefined {
  if (!isObject(data)) return 'not a JSON object';
  if (!READABLE.includes(data['schema'] as string)) return `its schema is ${JSON.stringify(data['schema'] ?? null)}, not ${READABLE.join(' or ')}`;
  const run = data['run'];
  if (!isObject(run) || typeof run['spec'] !== 'string') return 'run.spec is missing';
  if (run['variant'] !== undefined && typeof run['variant'] !== 'string') return 'run.variant is not a string';
  const params = run['params'];
  if (!isObject(params) || !Object.values(params).every((v) => Number.isInteger(v))) return 'run.params is not a map of integers';
  if (!Array.isArray(data['processes']) || !data['processes'].every((p) => typeof p === 'string')) return 'processes is not a list of names';
  const properties = data['properties'];
  if (!Array.isArray(properties)) return 'properties is not a list';
  for (const [i, p] of properties.entries()) {
    if (!isObject(p) || typeof p['name'] !== 'string' || typeof p['verdict'] !== 'string') return `properties[${i}] has no name or verdict`;
    const cx = p['counterexample'];
    if (cx === undefined) continue;
    const where = `the counterexample of ${p['name']}`;
    if (!isObject(cx) || !isObject(cx['initial']) || !Array.isArray(cx['steps'])) return `${where} has no initial state or steps`;
    if (typeof cx['check'] !== 'string' || !(PROPERTY_KINDS as readonly string[]).includes(cx['check'])) return `${where} has no valid check`;
    for (const [j, s] of cx['steps'].entries()) {
      if (!isObject(s) || typeof s['action'] !== 'string' || typeof s['label'] !== 'string') return `step ${j + 1} of ${where} has no action or label`;
    }
    if (cx['loopStart'] !== undefined && (!Number.isInteger(cx['loopStart']) || (cx['loopStart'] as number) > cx['steps'].length)) return `${where} has a bad loopStart`;
  }
  return undefined;
}
