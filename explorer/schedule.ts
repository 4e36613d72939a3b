/**
 * Replaying a saved counterexample on a model by transition identity (`Transition.action`), step
 * by step: whether each recorded step is still enabled (and when it is not, why, with what is
 * enabled instead), whether it still does what it did, and whether the recorded violation
 * reproduces. It runs on real states, without symmetry reduction: a saved trace names real
 * processes (explorer/trace.ts lifts paths onto them).
 */
import { isDeepStrictEqual } from 'util';
import { regionName, type Check, type Model, type PatchInfo, type Transition } from './model';
import type { Counterexample, ItfState, PropertyKind, TraceStep } from './result';
import { describeSteps } from './trace';
import { firstDifference, leafDifferences } from './typed-diff';
import { DEADLOCK_PROPERTY } from './verdicts';

/** What a saved counterexample says happened: enough to replay it and judge the replay. */
export interface RecordedViolation {
  readonly property: string;
  readonly check: PropertyKind;
  readonly initial: Readonly<Record<string, string>>;
  /**
   * The first state as typed values (`Model.itf`), when the record has them: matched instead of
   * `initial` when the model has a typed view (an ITF file carries only these).
   */
  readonly initialTyped?: ItfState;
  /**
   * Every state of the path as typed values, when the record has them (`steps.length + 1`, the
   * first being `initialTyped`): each step's effect is then compared with the recorded one.
   */
  readonly typedStates?: readonly ItfState[];
  /** Each step's identity, outcome and label as recorded. */
  readonly steps: readonly Pick<TraceStep, 'action' | 'outcome' | 'label'>[];
  /** A lasso: steps[loopStart..] are the cycle. */
  readonly loopStart?: number;
}

/** One recorded step on the model. */
export type ReplayedStep =
  /** Enabled and did what the record says (same outcome and label). */
  | { readonly kind: 'same'; readonly step: TraceStep }
  /**
   * Enabled but did something else: another outcome or sentence. `patches`: the variant changes
   * whose code runs in this step (`Model.patchesAt` of the replayed model, and of
   * `ReplayOptions.patchesAlso`), to say what a variant does there.
   */
  | {
      readonly kind: 'changed';
      readonly step: TraceStep;
      readonly recorded: Pick<TraceStep, 'outcome' | 'label'>;
      readonly patches: readonly PatchInfo[];
      /**
       * Whether the step changed the same variables in the same way as recorded (the same values
       * before and after), when both sides have typed states. `same` with another sentence: the
       * step did the same from a state an earlier difference left otherwise (only the words
       * describing it differ).
       */
      readonly effect?: 'same' | 'different';
    }
  /**
   * Not enabled: the replay stops here. `why`: the guard that blocks it (`Model.whyDisabled`),
   * absent when the model does not say. `patches`: as for `changed`; the replayed model runs no
   * code for a step it does not enable, so these come from `patchesAlso` (the variant on which
   * the step was recorded: the patch that enabled it there).
   */
  | { readonly kind: 'disabled'; readonly action: string; readonly why?: string; readonly enabled: readonly string[]; readonly patches: readonly PatchInfo[] };

export interface ReplayOptions<S> {
  /**
   * Other models of the same spec (other variants) whose patches to name at a step that differs,
   * asked on the replayed state: `mc diff` names the patched variant's patches whether the
   * replay runs on it or on the base.
   */
  readonly patchesAlso?: readonly Model<S>[];
}

export type Reproduction =
  | { readonly reproduces: true; /** Steps taken when the violation showed. */ readonly at: number; readonly how: string }
  | { readonly reproduces: false; readonly why: string };

export interface ScheduleReplay {
  readonly property: string;
  readonly check: PropertyKind;
  /** The recorded steps as replayed, up to and including a disabled one. */
  readonly steps: readonly ReplayedStep[];
  readonly recordedLength: number;
  readonly loopStart?: number;
  readonly reproduction: Reproduction;
  /** Set when no initial state has the recorded fields (the first one is used). */
  readonly initialDiffers: boolean;
  /**
   * Whether a model asked says which patches run in a step (`Model.patchesAt`): without it an
   * empty `patches` says nothing.
   */
  readonly patchesKnown: boolean;
  /**
   * For each state replayed (the initial one, then one after each step taken): whether it is the
   * recorded one, compared as typed values. Absent when the record or the model has none.
   */
  readonly statesMatch?: readonly boolean[];
  /**
   * The first replayed state that is not the recorded one (its index as in `statesMatch`), and
   * its first differing leaf (`leafDifferences`) with both values as JSON.
   */
  readonly firstMismatch?: { readonly index: number; readonly path: string; readonly recorded: string; readonly replayed: string };
  /**
   * The listed processes that the replay's last state (where it stops) holds inside a `leaves`
   * check's region, each with its property, the region's name and the spec's line on what it
   * is doing (`Model.explainProcess`); absent when none. A finite replay that ends there shows
   * neither that the process leaves nor that it never does: only a search decides it.
   */
  readonly endsInside?: readonly RegionHolder[];
}

/** A process inside a liveness property's region (`ScheduleReplay.endsInside`). */
export interface RegionHolder {
  readonly process: string;
  readonly property: string;
  readonly region: string;
  readonly detail?: string;
}

/** Replays `recorded` on `model` (real states, no canonicalisation). */
export function replaySchedule<S>(model: Model<S>, recorded: RecordedViolation, options: ReplayOptions<S> = {}): ScheduleReplay {
  const patchesAt = (state: S, action: string): PatchInfo[] => {
    const out: PatchInfo[] = [];
    for (const m of [model, ...(options.patchesAlso ?? [])]) {
      for (const p of m.patchesAt?.(state, action) ?? []) if (!out.some((q) => q.id === p.id)) out.push(p);
    }
    return out;
  };
  const inits = model.init();
  const typed = recorded.initialTyped;
  const itf = model.itf?.bind(model);
  const matching =
    typed !== undefined && itf
      ? inits.find((s) => isDeepStrictEqual(itf(s), typed)) // key order does not matter (a reformatted file)
      : inits.find((s) => sameFields(model.view(s), recorded.initial));
  let state: S = matching ?? inits[0]!;
  const states: S[] = [state];
  const transitions: Transition<S>[] = [];
  const steps: ReplayedStep[] = [];
  const judge = judgeOf(model, recorded);
  let reproduction: Reproduction | undefined = judge.early(state, undefined, 0);
  // The recorded states as typed values, and the replayed ones (each computed once).
  const typedRecord = itf && recorded.typedStates?.length === recorded.steps.length + 1 ? recorded.typedStates : undefined;
  const typedReplay: ItfState[] = typedRecord ? [itf!(state)] : [];

  for (let i = 0; i < recorded.steps.length && !reproduction; i++) {
    const want = recorded.steps[i]!;
    const enabled = model.next(state);
    const taken = enabled.find((t) => t.action === want.action);
    if (!taken) {
      const why = model.whyDisabled?.(state, want.action);
      steps.push({
        kind: 'disabled',
        action: want.action,
        ...(why !== undefined ? { why } : {}),
        enabled: enabled.map((t) => t.action),
        patches: patchesAt(state, want.action),
      });
      break;
    }
    const [step] = describeSteps(model, { states: [state, taken.next], transitions: [taken] });
    if (typedRecord) typedReplay.push(itf!(taken.next));
    // The words decide: a step that says what was recorded is the same even if the typed states
    // show more (mainline's errseq cursor, sampled at every open, is in no sentence).
    if (taken.outcome === want.outcome && taken.label === want.label) steps.push({ kind: 'same', step: step! });
    else {
      const recordedPart = { ...(want.outcome !== undefined ? { outcome: want.outcome } : {}), label: want.label };
      const sameEffect = typedRecord && isDeepStrictEqual(changedLeaves(typedReplay[i]!, typedReplay[i + 1]!), changedLeaves(typedRecord[i]!, typedRecord[i + 1]!));
      steps.push({
        kind: 'changed',
        step: step!,
        recorded: recordedPart,
        patches: patchesAt(state, want.action),
        ...(typedRecord ? { effect: sameEffect ? ('same' as const) : ('different' as const) } : {}),
      });
    }
    transitions.push(taken);
    state = taken.next;
    states.push(state);
    reproduction = judge.early(state, taken, i + 1);
  }
  const complete = transitions.length === recorded.steps.length;
  const statesMatch = typedRecord ? typedReplay.map((t, k) => isDeepStrictEqual(t, typedRecord[k])) : undefined;
  const mismatch = statesMatch ? firstMismatch(typedRecord!, typedReplay, statesMatch) : undefined;
  reproduction ??= complete ? judge.atEnd(states, transitions) : { reproduces: false, why: `step ${transitions.length + 1} is not enabled` };
  const inside = regionHolders(model, state);
  return {
    property: recorded.property,
    check: recorded.check,
    steps,
    recordedLength: recorded.steps.length,
    ...(recorded.loopStart !== undefined ? { loopStart: recorded.loopStart } : {}),
    reproduction,
    initialDiffers: matching === undefined,
    patchesKnown: [model, ...(options.patchesAlso ?? [])].some((m) => m.patchesAt !== undefined),
    ...(statesMatch ? { statesMatch } : {}),
    ...(mismatch ? { firstMismatch: mismatch } : {}),
    ...(inside.length > 0 ? { endsInside: inside } : {}),
  };
}

/** Every listed process `state` holds inside a `leaves` check's region, each once (its first such check). */
function regionHolders<S>(model: Model<S>, state: S): RegionHolder[] {
  const out: RegionHolder[] = [];
  for (const property of model.properties) {
    for (const check of property.checks) {
      if (check.kind !== 'leaves') continue;
      for (const p of check.processes) {
        const process = model.processes[p]!;
        if (out.some((h) => h.process === process) || !check.inRegion(state, p)) continue;
        const detail = model.explainProcess?.(state, p);
        out.push({ process, property: property.name, region: regionName(check), ...(detail ? { detail } : {}) });
      }
    }
  }
  return out;
}

function firstMismatch(recorded: readonly ItfState[], replayed: readonly ItfState[], match: readonly boolean[]): ScheduleReplay['firstMismatch'] {
  const index = match.indexOf(false);
  return index < 0 ? undefined : { index, ...firstDifference(recorded[index]!, replayed[index]!) };
}

/**
 * What a step changed, leaf by leaf of the typed state, each with its value before and after:
 * two steps with equal answers had the same effect, whatever else their states hold.
 */
function changedLeaves(before: ItfState, after: ItfState): Map<string, string> {
  return new Map([...leafDifferences(before, after)].map(([path, [a, b]]) => [path, `${a} -> ${b}`]));
}

interface Judge<S> {
  /** A violation seen at this point of the replay, before its end (safety only). */
  early(state: S, by: Transition<S> | undefined, taken: number): Reproduction | undefined;
  /** Once every recorded step was taken. */
  atEnd(states: readonly S[], transitions: readonly Transition<S>[]): Reproduction;
}

function judgeOf<S>(model: Model<S>, recorded: RecordedViolation): Judge<S> {
  const name = recorded.property;
  const checks: readonly Check<S>[] =
    // Stryker disable next-line ConditionalExpression: a model may not name a property DeadlockFree (spec-check refuses it), so looking it up finds none and gives [] as well
    name === DEADLOCK_PROPERTY ? [] : (model.properties.find((p) => p.name === name)?.checks ?? []);
  if (name !== DEADLOCK_PROPERTY && checks.length === 0) throw new Error(`the model has no property ${name}`);
  const of = <K extends Check<S>['kind']>(kind: K) => checks.filter((c): c is Extract<Check<S>, { kind: K }> => c.kind === kind);
  const nothing: Reproduction = { reproduces: false, why: 'every recorded step was taken and the violation did not show' };
  const stepWord = (n: number) => (n === 0 ? 'in the initial state' : `after step ${n}`);

  switch (recorded.check) {
    case 'always':
      return {
        early(state, _by, taken) {
          const failing = of('always').find((c) => !c.holds(state));
          if (!failing) return undefined;
          const why = failing.explain?.(state);
          const where = taken === recorded.steps.length ? 'at the same point' : `earlier than recorded (${recorded.steps.length} steps)`;
          return { reproduces: true, at: taken, how: `${name} fails ${stepWord(taken)}, ${where}${why ? `: ${why}` : ''}` };
        },
        atEnd: () => nothing,
      };
    case 'step':
      return {
        early(_state, by, taken) {
          if (by?.violates !== name) return undefined;
          const where = taken === recorded.steps.length ? 'the same step' : `step ${taken}, earlier than recorded`;
          return { reproduces: true, at: taken, how: `${name} is violated again by ${where}: ${by.label}` };
        },
        atEnd: () => nothing,
      };
    case 'atQuiescence':
      return {
        early: () => undefined,
        atEnd(states) {
          const last = states[states.length - 1]!;
          if (!(model.quiescent?.(last) ?? false)) return { reproduces: false, why: 'the last state is not quiescent' };
          const failing = of('atQuiescence').find((c) => !c.holds(last));
          if (!failing) return { reproduces: false, why: `${name} holds in the last (quiescent) state` };
          const why = failing.explain?.(last);
          return { reproduces: true, at: states.length - 1, how: `${name} fails at quiescence after step ${states.length - 1}${why ? `: ${why}` : ''}` };
        },
      };
    case 'deadlock':
      return {
        early: () => undefined,
        atEnd(states) {
          const last = states[states.length - 1]!;
          if (model.next(last).length > 0) return { reproduces: false, why: 'the last state has enabled steps' };
          if (model.quiescent?.(last) ?? false) return { reproduces: false, why: 'the last state is quiescent (a legitimate end)' };
          return { reproduces: true, at: states.length - 1, how: `no process can step after step ${states.length - 1} and the system is not quiescent` };
        },
      };
    case 'leaves':
      return { early: () => undefined, atEnd: (states, transitions) => lassoAgain(model, of('leaves'), recorded, states, transitions) };
  }
}

/**
 * A lasso reproduces when the replayed cycle ends where it began, some listed process stays in
 * its region through it, and the cycle is fair: every process enabled in every state of the cycle
 * takes a step in it. An empty cycle reproduces when the system stops for good inside a region.
 *
 * A cycle that ends in a renaming of its first state stands for the behaviour that repeats it
 * renamed: process p then plays, round after round, the parts of the processes of its orbit under
 * that renaming. So p stays in the region only if each of them does through the cycle, and it is
 * starved only if each of them is enabled throughout and none steps.
 */
function lassoAgain<S>(
  model: Model<S>,
  checks: readonly Extract<Check<S>, { kind: 'leaves' }>[],
  recorded: RecordedViolation,
  states: readonly S[],
  transitions: readonly Transition<S>[],
): Reproduction {
  const name = recorded.property;
  const start = recorded.loopStart ?? states.length - 1;
  const entry = states[start]!;
  const last = states[states.length - 1]!;
  // The cycle's states and the one it closes on: that is the entry itself, or the entry renamed
  // within the orbits asked below, so it adds no answer (and for an empty cycle it is the entry).
  const cycleStates = states.slice(start);
  // The first listed process that stays in a check's region through the cycle, and that check.
  const stuckIn = (orbit: (p: number) => readonly number[]): { process: number; region: string } | undefined => {
    for (let p = 0; p < model.processes.length; p++) {
      const check = checks.find((c) => c.processes.includes(p) && orbit(p).every((o) => cycleStates.every((s) => c.inRegion(s, o))));
      if (check) return { process: p, region: regionName(check) };
    }
    return undefined;
  };
  // Where nothing is stuck, the checks' regions by name (several checks may name several).
  const regions = [...new Set(checks.map(regionName))].join(' or ');
  if (transitions.length === start) {
    const stuck = stuckIn((p) => [p]);
    if (model.next(last).length > 0) return { reproduces: false, why: 'the system can still step at the end of the prefix' };
    if (!stuck) return { reproduces: false, why: `no process is left inside ${regions}` };
    return { reproduces: true, at: start, how: `${model.processes[stuck.process]} is stuck in ${stuck.region} and no process can step (${name})` };
  }
  // A counterexample found with symmetry reduction may close its cycle up to a renaming of
  // interchangeable processes: repeating it (renamed) is then the same infinite behaviour.
  const literally = sameBytes(model.encode(entry), model.encode(last));
  const renaming = renamingAround(model, entry, last); // the identity when the cycle closes literally
  if (!literally && !renaming) {
    return { reproduces: false, why: `the cycle does not close: the state after step ${states.length - 1} differs from the one after step ${start}` };
  }
  const orbit = (p: number): number[] => {
    const out = [p];
    if (renaming) for (let q = renaming[p]!; !out.includes(q); q = renaming[q]!) out.push(q);
    return out;
  };
  const stuck = stuckIn(orbit);
  if (!stuck) return { reproduces: false, why: `the cycle closes but no process stays in ${regions} through it` };
  const cycle = transitions.slice(start);
  const starved = model.processes
    .map((_, q) => q)
    .filter((q) => orbit(q).every((o) => cycleStates.every((s) => model.next(s).some((t) => t.process === o)) && !cycle.some((t) => t.process === o)));
  if (starved.length > 0) {
    return { reproduces: false, why: `the cycle closes but is not fair: ${starved.map((q) => model.processes[q]).join(', ')} is enabled throughout and never steps` };
  }
  const renamed = literally ? '' : ' (up to a renaming of interchangeable processes)';
  return { reproduces: true, at: states.length - 1, how: `the ${cycle.length}-step cycle closes again${renamed} and is fair: ${model.processes[stuck.process]} never leaves ${stuck.region} (${name})` };
}

/**
 * When `last` is `entry` with processes renamed (they share a representative): `r[p]` is the
 * process whose part in `entry` process p has in `last`.
 */
function renamingAround<S>(model: Model<S>, entry: S, last: S): number[] | undefined {
  if (!model.canonical) return undefined;
  const a = model.canonical(entry);
  const b = model.canonical(last);
  if (!sameBytes(model.encode(a.state), model.encode(b.state))) return undefined;
  const atEntry: number[] = [];
  a.perm.forEach((index, p) => (atEntry[index] = p));
  return b.perm.map((index) => atEntry[index]!);
}

function sameFields(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What a result's counterexample records, as replay needs it. */
export function recordedViolation(property: { readonly name: string; readonly counterexample?: Counterexample }): RecordedViolation {
  const cx = property.counterexample;
  if (!cx) throw new Error(`${property.name} has no counterexample`);
  return {
    property: property.name,
    check: cx.check,
    initial: cx.initial,
    ...(cx.states?.[0] !== undefined ? { initialTyped: cx.states[0] } : {}),
    ...(cx.states?.length === cx.steps.length + 1 ? { typedStates: cx.states } : {}),
    steps: cx.steps,
    ...(cx.loopStart !== undefined ? { loopStart: cx.loopStart } : {}),
  };
}
