/**
 * Reading a counterexample file saved by `mc check --json` (mc-result/1 or /2) or `--itf`
 * (cli/saved-itf.ts) for `mc replay`. Before anything reads it, a result is checked against its
 * JSON Schema (reports/result.schema.json, with ajv: cli/file-schemas.ts), then for what a
 * schema cannot say (a lasso's loopStart within its steps, one typed state more than steps, each
 * step taken by one of the run's processes ...). Any problem is one usage error naming the file
 * and what is wrong with it.
 */
import * as fs from 'fs';
import type { Counterexample, PropertyResult, Result } from '../explorer/result';
import { isObject, parseJson, readFailure, shortly } from './json-text';
import { fail, MSG } from './messages';
import { itfStateProblem, resultSchemaProblem, RESULT_SCHEMAS_READ } from './file-schemas';
import { stepOrderProblem } from './step-order';
import { itfAsResult } from './saved-itf';

export function readSavedResult(file: string): Result {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fail(MSG.cannotRead(file, readFailure(e)));
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return fail(MSG.badSavedFile(file, parsed.why));
  const data = parsed.value;
  const kind = kindOf(data);
  if (kind === 'itf') {
    const read = itfAsResult(data);
    return typeof read === 'string' ? fail(MSG.badSavedFile(file, `an ITF file, but ${read}`)) : read;
  }
  if (kind !== 'result') return fail(MSG.badSavedFile(file, kind.problem));
  const problem = resultProblem(data as Record<string, unknown>);
  if (problem !== undefined) fail(MSG.badSavedFile(file, problem));
  return data as Result;
}

/**
 * Which kind of file `data` is: a result names its schema; an ITF trace has vars and states
 * (`--itf` writes one, an array holds several); anything else is neither.
 */
function kindOf(data: unknown): 'result' | 'itf' | { readonly problem: string } {
  if (Array.isArray(data)) return 'itf';
  if (!isObject(data)) return { problem: `not a JSON object but ${data === null ? 'null' : `a ${typeof data}`}` };
  if ('schema' in data) return 'result';
  if ('vars' in data || 'states' in data) return 'itf';
  return { problem: `it has no "schema" (a result saved by mc check --json names its schema) and no "vars" and "states" (an ITF trace)` };
}

/** What makes `data` unusable as a saved result, or undefined. */
function resultProblem(data: Record<string, unknown>): string | undefined {
  const schema = RESULT_SCHEMAS_READ.find((s) => s === data['schema']);
  if (schema === undefined) return `its schema is ${shortly(data['schema'])}, not ${RESULT_SCHEMAS_READ.join(' or ')}`;
  const problem = resultSchemaProblem(schema, data);
  if (problem !== undefined) return problem;
  return meaningProblem(data as unknown as Result);
}

/**
 * What a result that satisfies its schema says that no run of mc can have written, in what replay
 * reads: its properties, their counterexamples, the processes that take the steps. Said as the
 * JSON pointer to the value, then what is wrong with it.
 */
function meaningProblem(result: Result): string | undefined {
  const names = result.properties.map((p) => p.name);
  const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (twice >= 0) return `/properties/${twice}/name repeats ${shortly(names[twice])} (each property is listed once)`;
  for (const [i, p] of result.properties.entries()) {
    const cx = p.counterexample;
    if (cx === undefined) continue;
    if (p.verdict !== 'violated') return `/properties/${i}/verdict is ${JSON.stringify(p.verdict)}, yet ${p.name} has a counterexample (only a violated property has one)`;
    const problem = counterexampleProblem(result.processes, p, cx, `/properties/${i}/counterexample`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function counterexampleProblem(processes: readonly string[], p: PropertyResult, cx: Counterexample, at: string): string | undefined {
  const whose = `${p.name}'s counterexample`;
  if (!p.kinds.includes(cx.check)) return `${at}/check is ${JSON.stringify(cx.check)}, none of ${p.name}'s kinds (${p.kinds.join(', ')})`;
  const steps = cx.steps.length;
  if (cx.shape === 'lasso' && cx.loopStart === undefined) return `${at} is a lasso without a loopStart (the step where its cycle begins)`;
  if (cx.shape === 'trace' && cx.loopStart !== undefined) return `${at}/loopStart is set on a trace (only a lasso has a cycle)`;
  // loopStart = steps is a cycle of no steps: the system stops for good in the last state.
  if (cx.loopStart !== undefined && cx.loopStart > steps) return `${at}/loopStart is ${cx.loopStart}, past the ${steps} steps of ${whose}`;
  if (cx.states !== undefined) {
    if (cx.states.length !== steps + 1) {
      return `${at}/states has ${cx.states.length} states for ${steps} steps (the first state and one after each step: ${steps + 1})`;
    }
    for (const [j, state] of cx.states.entries()) {
      const problem = itfStateProblem(state, `${at}/states/${j}`);
      if (problem !== undefined) return problem;
    }
    const varsOf = (j: number) => Object.keys(cx.states![j]!).sort().join(', ');
    const other = cx.states.findIndex((_, j) => varsOf(j) !== varsOf(0));
    if (other >= 0) return `${at}/states/${other} has the variables ${varsOf(other)}, the first state of ${whose} has ${varsOf(0)}`;
  }
  const notOurs = (name: string) => !processes.includes(name);
  const ours = `none of the run's processes (${processes.join(', ')})`;
  const stranger = cx.steps.findIndex((step) => notOurs(step.process));
  if (stranger >= 0) return `${at}/steps/${stranger}/process is ${shortly(cx.steps[stranger]!.process)}, ${ours}`;
  const order = stepOrderProblem(cx.steps, cx.check, p.name);
  if (order !== undefined && 'stepAfterViolation' in order) {
    const j = order.stepAfterViolation;
    return `${at}/steps/${j}/violates is set on step ${j + 1} of ${steps}, yet no step follows one that violates a property`;
  }
  if (order !== undefined) {
    return `${at}/steps ${steps === 0 ? 'is empty' : `ends with a step that does not violate ${p.name}`}, yet a step check's counterexample ends with the step that violates it`;
  }
  const status = (cx.processes ?? []).findIndex((s) => notOurs(s.process));
  if (status >= 0) return `${at}/processes/${status}/process is ${shortly(cx.processes![status]!.process)}, ${ours}`;
  return undefined;
}
