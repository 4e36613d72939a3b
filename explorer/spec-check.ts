/**
 * The spec sanity check: the rules of the `Model` contract (explorer/model.ts) that a spec author
 * can break without the search noticing, checked before the search (the model's shape, every
 * initial state) and during it (one sampled state per batch, see `sampleBatch`). Each broken rule
 * is a `SpecError` naming the rule, the likely mistake and the state; without this check such
 * mistakes gave a silent wrong verdict (a `decode` reading `bytes.buffer` from 0, an empty
 * `init`, an ignored check kind) or a late "internal error" blaming the engine.
 *
 * Cheap enough to be always on: the per-state check costs two `next` calls and a few encodes,
 * on one state in a batch of 512.
 */
import type { Check, Model, Transition } from './model';
import { SpecError } from './spec-error';

/** The engine's own property name (see verdicts.ts): a spec may not use it. */
export const RESERVED_PROPERTY = 'DeadlockFree';
const CHECK_KINDS: readonly Check<unknown>['kind'][] = ['always', 'atQuiescence', 'step', 'leaves'];
const MAX_PROCESSES = 32;

/** A state's `view` as one line, for messages; never throws (a broken `view` is itself named). */
export function describeState<S>(model: Model<S>, state: S): string {
  try {
    const view = model.view(state);
    return Object.entries(view)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ')
      .replace(/[\u0000-\u001f\u007f]+/g, ' ');
  } catch (e) {
    return `(view threw: ${e instanceof Error ? e.message : String(e)})`;
  }
}

const isFunction = (x: unknown): boolean => typeof x === 'function';
const isUint8Array = (x: unknown): x is Uint8Array => Object.prototype.toString.call(x) === '[object Uint8Array]';
const show = (x: unknown): string => (Array.isArray(x) ? 'an array' : x === null ? 'null' : typeof x);

/** The model object: required functions, processes, properties and their checks. */
export function checkModelShape(model: unknown): asserts model is Model<unknown> {
  const m = model as Record<string, unknown> | null | undefined;
  if (typeof m !== 'object' || m === null) throw new SpecError('model object', `build() must return a Model object, got ${show(m)}`);
  for (const name of ['init', 'next', 'encode', 'decode', 'view']) {
    if (!isFunction(m[name])) throw new SpecError('model object', `model.${name} must be a function, got ${show(m[name])}`);
  }
  for (const name of ['quiescent', 'explainProcess', 'canonical', 'itf', 'whyDisabled', 'patchesAt', 'actions']) {
    if (m[name] !== undefined && !isFunction(m[name])) {
      throw new SpecError('model object', `model.${name} is optional but must be a function when given, got ${show(m[name])}`);
    }
  }
  const processes = m['processes'];
  if (!Array.isArray(processes) || processes.length === 0 || !processes.every((p) => typeof p === 'string' && p !== '')) {
    throw new SpecError('model object', `model.processes must be a list of 1..${MAX_PROCESSES} non-empty names`);
  }
  // Enabled sets and region masks are 32-bit words.
  if (processes.length > MAX_PROCESSES) throw new SpecError('model object', `a model may have at most ${MAX_PROCESSES} processes, got ${processes.length}`);
  if (new Set(processes).size !== processes.length) throw new SpecError('model object', `model.processes has a name twice: ${processes.join(', ')}`);
  const properties = m['properties'];
  if (!Array.isArray(properties)) throw new SpecError('properties', `model.properties must be an array, got ${show(properties)}`);
  const names = new Set<string>();
  for (const property of properties as { name?: unknown; checks?: unknown }[]) {
    const name = property?.name;
    if (typeof name !== 'string' || name === '') throw new SpecError('properties', 'every property needs a non-empty name');
    if (name === RESERVED_PROPERTY) throw new SpecError('properties', `${RESERVED_PROPERTY} is the engine's own deadlock check; give the property another name`);
    if (names.has(name)) throw new SpecError('properties', `two properties are named ${name}`);
    names.add(name);
    if (!Array.isArray(property.checks) || property.checks.length === 0) throw new SpecError('properties', `property ${name} has no checks`);
    for (const check of property.checks as Record<string, unknown>[]) checkCheck(name, check, m, processes.length);
  }
}

function checkCheck(property: string, check: Record<string, unknown>, model: Record<string, unknown>, processCount: number): void {
  const kind = check?.['kind'];
  if (typeof kind !== 'string' || !(CHECK_KINDS as readonly string[]).includes(kind)) {
    throw new SpecError('check kind', `property ${property} has a check of unknown kind ${JSON.stringify(kind)}; kinds: ${CHECK_KINDS.join(', ')}`);
  }
  if ((kind === 'always' || kind === 'atQuiescence') && !isFunction(check['holds'])) {
    throw new SpecError('check kind', `property ${property}: an ${kind} check needs holds(state)`);
  }
  if (kind === 'atQuiescence' && !isFunction(model['quiescent'])) {
    // Without `quiescent` no state is quiescent: the check would never run and always "hold".
    throw new SpecError('check kind', `property ${property} has an atQuiescence check but the model has no quiescent(state), so it would never be checked`);
  }
  if (kind === 'leaves') {
    const listed = check['processes'];
    if (!isFunction(check['inRegion'])) throw new SpecError('check kind', `property ${property}: a leaves check needs inRegion(state, process)`);
    if (!Array.isArray(listed) || listed.length === 0 || !listed.every((p) => Number.isInteger(p) && p >= 0 && p < processCount)) {
      throw new SpecError('check kind', `property ${property}: a leaves check lists processes by index, each in 0..${processCount - 1}`);
    }
    const region = check['region'];
    if (region !== undefined && (typeof region !== 'string' || region.trim() === '')) {
      throw new SpecError('check kind', `property ${property}: a leaves check's region, when given, names it in words (a non-empty string), got ${JSON.stringify(region)}`);
    }
  }
}

/** The model's property names against the spec's declared `propertyNames` (`--expect`, help). */
export function checkDeclaration(declared: readonly string[], model: Model<unknown>): void {
  // Before the mismatch: the model cannot have this property (checkModelShape), so it would only
  // be reported as "not in the model", hiding the actual mistake.
  if (declared.includes(RESERVED_PROPERTY)) throw new SpecError('propertyNames', `${RESERVED_PROPERTY} is the engine's own; drop it from propertyNames`);
  const actual = model.properties.map((p) => p.name);
  const undeclared = actual.filter((n) => !declared.includes(n));
  const absent = declared.filter((n) => !actual.includes(n));
  if (undeclared.length > 0 || absent.length > 0) {
    const parts = [
      ...(undeclared.length > 0 ? [`in the model but not in propertyNames: ${undeclared.join(', ')}`] : []),
      ...(absent.length > 0 ? [`in propertyNames but not in the model: ${absent.join(', ')}`] : []),
    ];
    throw new SpecError('propertyNames', `the spec's propertyNames must list exactly the model's properties (${parts.join('; ')})`);
  }
}

/** `init` and every initial state (up to `limit` of them). */
export function checkInitial<S>(model: Model<S>, symmetry: boolean, limit = 64): S[] {
  const states: unknown = model.init();
  if (!Array.isArray(states)) throw new SpecError('init', `init() must return an array of states, got ${show(states)}`);
  if (states.length === 0) throw new SpecError('init', 'init() returned no state: nothing would be explored and every property would "hold"');
  for (const state of (states as S[]).slice(0, limit)) checkState(model, state, symmetry);
  return states as S[];
}

/** Every per-state rule of the contract, on one state. */
export function checkState<S>(model: Model<S>, state: S, symmetry: boolean): void {
  const at = () => describeState(model, state);
  const bytes = encodeChecked(model, state, at);
  checkRoundTrip(model, bytes, at);
  const first = transitionsChecked(model, state, at);
  const second = transitionsChecked(model, state, at);
  checkDeterministic(model, first, second, at);
  if (symmetry && model.canonical) {
    checkCanonical(model, state, first, at);
    // States met in a reduced search are representatives, often their own canonical form with
    // the identity renaming: a successor is a real state, where a wrong perm shows.
    const successor = first[0]?.next;
    if (successor !== undefined) checkCanonical(model, successor, model.next(successor), () => describeState(model, successor));
  }
}

function encodeChecked<S>(model: Model<S>, state: S, at: () => string): Uint8Array {
  const bytes: unknown = model.encode(state);
  if (!isUint8Array(bytes)) throw new SpecError('encode', `encode must return a Uint8Array, got ${show(bytes)}`, at());
  return bytes;
}

/** decode gets a view at an offset into a larger buffer, as in a batch. */
function checkRoundTrip<S>(model: Model<S>, bytes: Uint8Array, at: () => string): void {
  const OFFSET = 7;
  const batch = new Uint8Array(bytes.length + 2 * OFFSET).fill(0xa5);
  batch.set(bytes, OFFSET);
  const fromView = reencoded(model, batch.subarray(OFFSET, OFFSET + bytes.length));
  if (fromView && equalBytes(fromView, bytes)) return;
  const fromCopy = reencoded(model, bytes.slice());
  if (fromCopy && equalBytes(fromCopy, bytes)) {
    throw new SpecError(
      'encode/decode round trip',
      'decode works on a fresh copy but not on a view into a larger buffer: decode receives a view into a batch and must read bytes[i] / bytes.subarray, not bytes.buffer from offset 0 (see explorer/model.ts)',
      at(),
    );
  }
  throw new SpecError('encode/decode round trip', 'encode(decode(encode(s))) differs from encode(s): encode or decode loses information', at());
}

/**
 * encode(decode(input)), or undefined where either throws or encode gives no Uint8Array. A
 * function of the module, not a closure made per call: see `checkDeterministic`.
 */
function reencoded<S>(model: Model<S>, input: Uint8Array): Uint8Array | undefined {
  let re: unknown;
  try {
    re = model.encode(model.decode(input));
  } catch {
    // A decode or encode that throws fails the round trip as a wrong result does. (An empty
    // catch: a `return undefined` here was a mutant no test could tell from falling off the end.)
  }
  return isUint8Array(re) ? re : undefined;
}

function transitionsChecked<S>(model: Model<S>, state: S, at: () => string): Transition<S>[] {
  const transitions: unknown = model.next(state);
  if (!Array.isArray(transitions)) throw new SpecError('next', `next must return an array of transitions, got ${show(transitions)}`, at());
  const n = model.processes.length;
  // Asked once per state, not per transition.
  const vocabulary = model.actions?.();
  // Loops, not forEach, here and below: see `checkDeterministic`.
  const list = transitions as Partial<Transition<S>>[];
  for (let k = 0; k < list.length; k++) {
    const t = list[k];
    const which = `transition ${k}${typeof t?.action === 'string' ? ` (${t.action})` : ''}`;
    if (typeof t !== 'object' || t === null) throw new SpecError('next', `${which} is ${show(t)}, not a Transition`, at());
    if (!Number.isInteger(t.process) || t.process! < 0 || t.process! >= n) {
      throw new SpecError('next', `${which}: process must be an index in 0..${n - 1} of model.processes, got ${String(t.process)}`, at());
    }
    if (typeof t.action !== 'string' || t.action === '') throw new SpecError('next', `${which}: action must be a non-empty string`, at());
    if (typeof t.label !== 'string') throw new SpecError('next', `${which}: label must be a string`, at());
    if (!('next' in t)) throw new SpecError('next', `${which} has no next state`, at());
    // Replay refuses a saved step its vocabulary lacks: a step the spec takes must never be one.
    if (vocabulary !== undefined && (typeof vocabulary?.has !== 'function' || !vocabulary.has(t.action))) {
      const why = typeof vocabulary?.has !== 'function' ? `actions() must return a Set of identities, got ${show(vocabulary)}` : `actions() does not list ${JSON.stringify(t.action)}; it must list every action next gives`;
      throw new SpecError('next', `${which}: ${why}`, at());
    }
    // A `violates` naming no step property of this model violates nothing (a variant may drop one).
    if (t.violates !== undefined && typeof t.violates !== 'string') throw new SpecError('next', `${which}: violates must be a property name`, at());
  }
  return transitions as Transition<S>[];
}

/** The rule that `next` gives the same transitions in the same order every time, and why. */
export const DETERMINISM_RULE = 'next deterministic';
const mistake = 'next must be deterministic: the same state must give the same transitions in the same order (counterexamples re-execute them by position)';

function checkDeterministic<S>(model: Model<S>, first: Transition<S>[], second: Transition<S>[], at: () => string): void {
  if (first.length !== second.length) throw new SpecError(DETERMINISM_RULE, `${mistake}; got ${first.length} then ${second.length} transitions`, at());
  // A loop, not forEach: this runs on a sampled state of every batch, and a callback made per call
  // loses its optimized code at every full garbage collection (see `factsFor` in expand.ts;
  // TwoPhase N = 8: 2-4 compiles of this one and of transitionsChecked's a run).
  for (let k = 0; k < first.length; k++) {
    const a = first[k]!;
    const b = second[k]!;
    if (a.process !== b.process || a.action !== b.action || !equalBytes(model.encode(a.next), model.encode(b.next))) {
      // Same action name: say what else changed (a step moved to another process was once
      // reported as "with another successor").
      const what =
        a.action !== b.action ? '' : a.process !== b.process ? ` by ${model.processes[b.process]} instead of ${model.processes[a.process]}` : ' with another successor';
      throw new SpecError(DETERMINISM_RULE, `${mistake}; transition ${k} was ${a.action}, then ${b.action}${what}`, at());
    }
  }
}

function checkCanonical<S>(model: Model<S>, state: S, transitions: Transition<S>[], at: () => string): void {
  const canonical = model.canonical!;
  const n = model.processes.length;
  const c = canonical(state);
  const perm: unknown = c?.perm;
  if (!Array.isArray(perm) || perm.length !== n || new Set(perm).size !== n || !perm.every((x) => Number.isInteger(x) && x >= 0 && x < n)) {
    throw new SpecError('canonical', `canonical(s).perm must be a permutation of 0..${n - 1}, got ${JSON.stringify(perm)}`, at());
  }
  for (const s of [state, ...transitions.map((t) => t.next)]) {
    const once = canonical(s).state;
    if (!equalBytes(model.encode(canonical(once).state), model.encode(once))) {
      throw new SpecError('canonical', 'canonical must be idempotent: canonical(canonical(s).state).state differs from canonical(s).state', describeState(model, s));
    }
  }
  // perm[p] is the representative's name for process p: p's steps from s are perm[p]'s from the representative.
  const reduced = (t: Transition<S>) => bytesKey(model.encode(canonical(t.next).state));
  const fromRepresentative = new Map<number, Set<string>>();
  for (const t of model.next(c.state)) {
    if (!fromRepresentative.has(t.process)) fromRepresentative.set(t.process, new Set());
    fromRepresentative.get(t.process)!.add(reduced(t));
  }
  for (const t of transitions) {
    const renamed = perm[t.process] as number;
    if (!fromRepresentative.get(renamed)?.has(reduced(t))) {
      throw new SpecError(
        'canonical',
        `canonical(s).perm does not say how processes were renamed: ${model.processes[t.process]}'s step ${t.action} has no matching step of ` +
          `${model.processes[renamed]} (perm[${t.process}] = ${renamed}) in the representative; perm[p] must be the representative's index of the process that is p in s (or the model is not symmetric under this renaming)`,
        at(),
      );
    }
  }
}

/**
 * The sampled check during the search: the first state of each batch. Run by `expandSearchBatch`,
 * where the batch is expanded (the calling thread or a worker), so it costs the search nothing to
 * transfer.
 */
export function sampleBatch<S>(model: Model<S>, symmetry: boolean, batch: { readonly data: Uint8Array; readonly offsets: Uint32Array }): void {
  if (batch.offsets.length < 2) return;
  // The stored bytes themselves: a lossy decode would pass a round trip started from its own output.
  const stored = batch.data.subarray(batch.offsets[0], batch.offsets[1]);
  const state = model.decode(stored);
  checkRoundTrip(model, stored, () => `${describeState(model, state)} (as decoded from the bytes ${Buffer.from(stored).toString('hex')})`);
  checkState(model, state, symmetry);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  // `!==`, not `<`: the mutant `i <= a.length` compared a[length] with b[length], undefined in
  // both, so no test could tell it from the original; this loop has no such equivalent mutant.
  for (let i = 0; i !== a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const bytesKey = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
