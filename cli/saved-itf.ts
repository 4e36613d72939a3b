/**
 * A counterexample saved by `mc check --itf` (Apalache/Quint's Informal Trace Format, ADR-015),
 * read back for `mc replay` as the part of a Result replay uses. A file holds one trace (what
 * `--itf` writes) or an array of traces (one per violated property, e.g. `jq -s .` over the files
 * `--itf` wrote). mc writes, in a trace's `#meta`: source (`spec variant`), property, check,
 * shape, params, processes and, for a lasso whose cycle comes back to its first state, loopAction
 * (the step that closes it, left out of `states`); in each state's `#meta`: action (the step's
 * normative name, `process.step(choice)[outcome]`, docs/MODEL.md §4), process and label.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  PROPERTY_KINDS,
  RESULT_SCHEMA,
  type Counterexample,
  type ItfState,
  type PropertyKind,
  type PropertyResult,
  type Result,
  type TraceStep,
} from '../explorer/result';
import { siblingFile } from '../reports/itf';
import { itfTraceProblem } from './file-schemas';
import { stepOrderProblem } from './step-order';
import { isObject } from './json-text';

type Json = Record<string, unknown>;


const isTrace = (x: unknown): x is Json => isObject(x) && Array.isArray(x['states']) && Array.isArray(x['vars']);

/** One trace as mc wrote it: the run it came from and the property it violates. */
interface ItfCounterexample {
  readonly spec: string;
  readonly variant?: string;
  readonly params: Readonly<Record<string, number>>;
  readonly processes: readonly string[];
  readonly property: PropertyResult;
}

/**
 * The file (one trace or an array of traces) as a Result, or what makes it unusable: each trace
 * is checked against reports/itf.schema.json (with ajv) before it is read, then for what mc writes
 * in it.
 */
export function itfAsResult(data: unknown): Result | string {
  const traces = Array.isArray(data) ? data : [data];
  if (traces.length === 0) return 'an empty list, with no trace in it';
  const read: ItfCounterexample[] = [];
  for (const [i, trace] of traces.entries()) {
    const one = itfTraceProblem(trace, Array.isArray(data) ? `/${i}` : '') ?? readTrace(trace as Json);
    if (typeof one === 'string') return Array.isArray(data) ? `trace ${i + 1}: ${one}` : one;
    read.push(one);
  }
  const first = read[0]!;
  const runOf = (t: ItfCounterexample) => JSON.stringify([t.spec, t.variant ?? null, t.params, t.processes]);
  const other = read.findIndex((t) => runOf(t) !== runOf(first));
  if (other >= 0) return `trace ${other + 1} is from another run than trace 1 (spec, variant, parameters or processes differ)`;
  const names = read.map((t) => t.property.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) return `it holds two traces of ${twice}`;
  return {
    schema: RESULT_SCHEMA,
    run: { spec: first.spec, ...(first.variant !== undefined ? { variant: first.variant } : {}), params: first.params, symmetry: false, workers: 1 },
    completion: { complete: true },
    stats: { generated: 0, distinct: 0, depth: 0, queue: 0, seconds: 0, searchSeconds: 0, distinctPerSecond: 0, bytesPerState: 0, collisionProbability: 0 },
    processes: first.processes,
    properties: read.map((t) => t.property),
  };
}

/**
 * The files an earlier `--itf FILE` run left that this run does not write (`written`): FILE itself
 * (a run without violations writes none) and its siblings `<stem>.<Property>.itf.json`. A file
 * counts only if it is a regular file holding one trace as mc writes it, of the property its name
 * says (FILE: of any property); anything else of a similar name is not mc's and is left alone.
 */
export function staleItfFiles(file: string, written: readonly string[]): string[] {
  const full = path.resolve(file);
  const dir = path.dirname(full);
  const keep = new Set(written.map((w) => path.resolve(w)));
  // The sibling name around a placeholder property: what comes before and after the name.
  const MARK = '\u0000';
  const [before, after] = siblingFile(path.basename(full), MARK).split(MARK) as [string, string];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const candidates: { file: string; property?: string }[] = [{ file: full }];
  for (const name of names) {
    if (name.length <= before.length + after.length || !name.startsWith(before) || !name.endsWith(after)) continue;
    const property = name.slice(before.length, name.length - after.length);
    if (!property.includes('/')) candidates.push({ file: path.join(dir, name), property });
  }
  return candidates.filter((c) => !keep.has(c.file) && isTraceMcWrote(c.file, c.property)).map((c) => c.file);
}

function isTraceMcWrote(file: string, property?: string): boolean {
  try {
    if (!fs.lstatSync(file).isFile()) return false;
    const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!isTrace(data)) return false;
    const meta = data['#meta'];
    if (!isObject(meta) || meta['format'] !== 'ITF' || typeof meta['description'] !== 'string' || !meta['description'].startsWith('mc: counterexample to ')) return false;
    const read = readTrace(data);
    return typeof read !== 'string' && (property === undefined || read.property.name === property);
  } catch {
    return false;
  }
}

function readTrace(trace: Json): ItfCounterexample | string {
  const meta = trace['#meta'];
  if (!isObject(meta)) return 'it has no #meta (not written by mc check --itf)';
  const source = meta['source'];
  if (typeof source !== 'string' || !/^\S+( \S+)?$/.test(source)) return "its #meta.source is not the 'spec variant' mc check --itf writes";
  const [spec, variant] = source.split(' ') as [string, string | undefined];
  const property = meta['property'];
  const check = meta['check'];
  if (typeof property !== 'string' || !PROPERTY_KINDS.includes(check as PropertyKind)) return 'its #meta has no property or check (not written by mc check --itf)';
  const params = meta['params'];
  if (!isObject(params) || !Object.values(params).every((v) => Number.isInteger(v))) return 'its #meta.params is not a map of integers';
  const processes = meta['processes'];
  if (!Array.isArray(processes) || !processes.every((p) => typeof p === 'string')) return 'its #meta.processes is not a list of names';

  const vars = trace['vars'] as unknown[];
  const states = trace['states'] as unknown[];
  if (!vars.every((v) => typeof v === 'string')) return 'its vars are not names';
  if (states.length === 0) return 'it has no states';
  const typed: ItfState[] = [];
  for (const [i, state] of states.entries()) {
    if (!isObject(state)) return `state ${i} is not an object`;
    const { '#meta': _meta, ...values } = state;
    const missing = vars.find((v) => !((v as string) in values));
    if (missing !== undefined) return `state ${i} has no value for ${missing as string}`;
    const extra = Object.keys(values).find((k) => !vars.includes(k));
    if (extra !== undefined) return `state ${i} has a value for ${extra}, which is none of its vars (${vars.join(', ')})`;
    typed.push(values as ItfState);
  }
  const steps: TraceStep[] = [];
  for (const [i, state] of states.slice(1).entries()) {
    const step = stepOf((state as Json)['#meta']);
    if (!step) return `state ${i + 1} has no #meta.action and label (the step that led to it)`;
    const notOurs = processProblem(step, processes as string[], `state ${i + 1}'s #meta`);
    if (notOurs !== undefined) return notOurs;
    steps.push(step);
  }

  const shape = meta['shape'];
  if (shape !== 'trace' && shape !== 'lasso') return 'its #meta.shape is neither trace nor lasso';
  if (shape === 'trace' && (trace['loop'] !== undefined || meta['loopAction'] !== undefined)) return 'a trace (#meta.shape) with a loop: only a lasso has one';
  let loopStart: number | undefined;
  if (shape === 'lasso') {
    const loop = trace['loop'];
    if (!Number.isInteger(loop) || (loop as number) < 0 || (loop as number) >= states.length) return 'a lasso without a loop index into its states';
    if (meta['loopAction'] !== undefined) {
      // The cycle came back to states[loop]: ITF leaves that repeated state out and mc keeps
      // the step that closes the cycle here.
      const closing = stepOf(meta['loopAction']);
      if (!closing) return 'its #meta.loopAction has no action and label';
      const notOurs = processProblem(closing, processes as string[], 'its #meta.loopAction');
      if (notOurs !== undefined) return notOurs;
      steps.push(closing);
      typed.push(typed[loop as number]!);
    }
    // Without a closing step the states show the whole cycle (or, at the last state, a cycle of
    // no steps: the system stops there).
    loopStart = loop as number;
  }
  const order = stepOrderProblem(steps, check as string, property);
  if (order !== undefined && 'stepAfterViolation' in order) {
    const early = order.stepAfterViolation;
    return `the step to state ${early + 1} violates ${steps[early]!.violates} (#meta.violates), yet more steps follow: none follows one that violates a property`;
  }
  if (order !== undefined) {
    return `it is of check step, yet ${steps.length === 0 ? 'it has no step' : `its last step does not violate ${property} (#meta.violates)`}: a step check's counterexample ends with the step that violates it`;
  }
  const counterexample: Counterexample = {
    shape,
    check: check as PropertyKind,
    summary: typeof meta['description'] === 'string' ? summaryOf(meta['description'], property) : '',
    initial: {},
    states: typed,
    steps,
    ...(loopStart !== undefined ? { loopStart } : {}),
    contextSwitches: 0,
  };
  return {
    spec,
    ...(variant !== undefined ? { variant } : {}),
    params: params as Record<string, number>,
    processes: processes as string[],
    property: { name: property, description: '', kinds: [check as PropertyKind], verdict: 'violated', counterexample },
  };
}

/** A state's `#meta` back into the step's identity (`W1.wb_page_iter`) and outcome (`[...]`). */
function stepOf(meta: unknown): TraceStep | undefined {
  if (!isObject(meta) || typeof meta['action'] !== 'string' || typeof meta['label'] !== 'string') return undefined;
  // MODEL.md §4: `<process>.<step>(<choice>)[<outcome>]`; an identity has no `[`.
  const m = /^([^[]+)(?:\[(.*)\])?$/s.exec(meta['action']);
  if (!m) return undefined;
  return {
    process: typeof meta['process'] === 'string' ? meta['process'] : '',
    action: m[1]!,
    ...(m[2] !== undefined ? { outcome: m[2] } : {}),
    label: meta['label'],
    changes: [],
    ...(typeof meta['violates'] === 'string' ? { violates: meta['violates'] } : {}),
  };
}

/** Why the process of a step (`where` says it) is none of the run's processes, or undefined. */
function processProblem(step: TraceStep, processes: readonly string[], where: string): string | undefined {
  if (processes.includes(step.process)) return undefined;
  const runs = `the run's processes are ${processes.join(', ')} (#meta.processes)`;
  return step.process === '' ? `${where} has no process (the process that took the step); ${runs}` : `${where}.process is ${step.process}, yet ${runs}`;
}

/**
 * The counterexample's summary from `#meta.description`: what follows `mc: counterexample to `,
 * which names the property once. Traces written before 2026-12-06 named it twice
 * (`WbPageTerminates: WbPageTerminates: W1 never leaves ...`): one is dropped.
 */
function summaryOf(description: string, property: string): string {
  const said = description.replace(/^mc: counterexample to /, '');
  return said.startsWith(`${property}: ${property}: `) ? said.slice(property.length + 2) : said;
}
