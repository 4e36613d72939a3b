/**
 * Expanding a batch of states: the work a BFS level is made of, done in worker threads (or the
 * calling thread with one worker). Input and output are flat typed arrays so that a batch crosses
 * threads by transfer, not by structured cloning of objects.
 */
import type { Model } from './model';
import type { CheckPlan } from './checks';
import { asViolationTarget, type Hasher } from './fingerprint';
import { Column, RecordBuffer } from './growable';
import { pack } from './expansion-buffers';
import { BatchRepeats } from './batch-repeats';
import { BatchPerms } from './batch-perms';
import { stateFacts, symmetryWitness, type StateFacts } from './state-facts';
import { equalBytes, sampleBatch } from './spec-check';
import { BatchCounter, type BatchCounts } from './coverage';

export interface Batch {
  readonly data: Uint8Array;
  readonly offsets: Uint32Array;
  /**
   * When the search keeps no edges: leave out the successors whose target will already have a
   * number when the merge reaches them, since the merge would only look them up: self-loops (e.g.
   * a repeated message receipt) and repeats of an earlier successor in this batch. Never a
   * violating step (its edge number is a hit). Counted in `leftOut`; numbering is unchanged.
   */
  readonly leaveOutRepeats?: boolean;
  /** Count every transition by identity and outcome (`--coverage`, coverage.ts) into `Expansion.steps` and `stepKeys`. */
  readonly countSteps?: boolean;
}

/** Per input state, then per successor (in state order, then transition order). */
export interface Expansion {
  /** Successors listed per state (the columns below); `leftOut` more were left out. */
  readonly succCount: Uint32Array;
  /** Successors left out per state (`Batch.leaveOutRepeats`): its transitions are succCount + leftOut. */
  readonly leftOut: Uint32Array;
  readonly enabled: Uint32Array;
  readonly quiescent: Uint8Array;
  readonly stateFailures: Uint32Array;
  /** `liveness.length` masks per state: bit p set when process p is in that check's region. */
  readonly regions: Uint32Array;
  readonly proc: Uint8Array;
  readonly ordinal: Uint16Array;
  /** 0, or the 1-based step code of the property the transition violates. */
  readonly violates: Uint8Array;
  /** Index into `perms` (symmetry), 0 = identity when symmetry is off. */
  readonly perm: Uint16Array;
  /**
   * Set when a check gave different answers on a successor and on its representative: the
   * property is not symmetric, so the reduced search cannot decide it (see `symmetryWitness`).
   */
  readonly asymmetry?: string;
  readonly fingerprints: Uint32Array;
  readonly succData: Uint8Array;
  readonly succOffsets: Uint32Array;
  /** The batch's distinct process permutations, `processes.length` bytes each. */
  readonly perms: Uint8Array;
  /** The one buffer every array above is a view of (recycled once merged: expansion-buffers.ts). */
  readonly buffer: ArrayBuffer;
  /** With `Batch.countSteps`: the batch's transitions counted (coverage.ts). */
  readonly steps?: BatchCounts;
  /** With `Batch.countSteps`, per listed successor: its (identity, outcome) pair's number in `steps` (else empty). */
  readonly stepKeys: Uint32Array;
}

/** This thread's table of a batch's listed successors (reused: see batch-repeats.ts). */
const repeats = new BatchRepeats();
/** This thread's table of a batch's renamings (reused: see batch-perms.ts). */
const perms = new BatchPerms();

/**
 * The fact-finder (state-facts.ts) of the model this thread expands, made once rather than per
 * batch. V8 keeps a function's optimized code only while an instance of that function is alive
 * (the feedback vector holds it weakly), so a closure made afresh per batch or per state is dead
 * at each full garbage collection, loses its code there, and runs unoptimized until compiled
 * again: the fact-finder made per batch was compiled 7-8 times in a run of nfs 22876f54 N = 3
 * (`--trace-opt`). The same holds for the engine's other per-batch and per-state callbacks
 * (batch-perms.ts, state-facts.ts, spec-check.ts, `pack`), which are classes or loops for it.
 */
let lastFacts: { readonly model: unknown; readonly plan: unknown; readonly symmetry: boolean; readonly find: (state: never) => StateFacts } | undefined;

function factsFor<S>(model: Model<S>, plan: CheckPlan<S>, symmetry: boolean): (state: S) => StateFacts {
  if (lastFacts?.model !== model || lastFacts.plan !== plan || lastFacts.symmetry !== symmetry) {
    lastFacts = { model, plan, symmetry, find: stateFacts(model, plan, symmetry) };
  }
  return lastFacts.find as (state: S) => StateFacts;
}

/**
 * This thread's working columns, reused batch after batch: an expansion is built here, then
 * packed into one recycled buffer (expansion-buffers.ts), so that a batch allocates nothing that
 * outlives it.
 */
const work = {
  succCount: new Column(Uint32Array),
  leftOut: new Column(Uint32Array),
  enabled: new Column(Uint32Array),
  quiescent: new Column(Uint8Array),
  stateFailures: new Column(Uint32Array),
  regions: new Column(Uint32Array),
  proc: new Column(Uint8Array),
  ordinal: new Column(Uint16Array),
  violates: new Column(Uint8Array),
  permIds: new Column(Uint16Array),
  fingerprints: new Column(Uint32Array),
  stepKeys: new Column(Uint32Array),
  successors: new RecordBuffer(),
};

/**
 * A batch of the search, in whichever thread expands it: its first state checked against the spec
 * contract (`sampleBatch`), then expanded.
 */
export function expandSearchBatch<S>(model: Model<S>, plan: CheckPlan<S>, symmetry: boolean, hash: Hasher, batch: Batch): Expansion {
  sampleBatch(model, symmetry, batch);
  return expandBatch(model, plan, symmetry, hash, batch);
}

/** `symmetry`: reduce by `model.canonical`, which the caller has checked the model has. */
export function expandBatch<S>(model: Model<S>, plan: CheckPlan<S>, symmetry: boolean, hash: Hasher, batch: Batch): Expansion {
  const count = batch.offsets.length - 1;
  const processCount = model.processes.length;
  const { succCount, leftOut, enabled, quiescent, stateFailures, regions, proc, ordinal, violates, permIds, fingerprints, stepKeys, successors } = work;
  for (const column of [succCount, leftOut, enabled, quiescent, stateFailures, regions, proc, ordinal, violates, permIds, fingerprints, stepKeys]) column.length = 0;
  successors.clear();
  // The batch's listed successors, to leave out their repeats.
  const listed = batch.leaveOutRepeats === true ? repeats : undefined;
  listed?.start();
  perms.start(processCount);
  const here: BatchContext<S> = {
    model,
    plan,
    symmetry,
    hash,
    facts: factsFor(model, plan, symmetry),
    listed,
    perms,
    fp: new Uint32Array(2),
    asymmetry: undefined,
    steps: batch.countSteps === true ? new BatchCounter() : undefined,
  };
  for (let i = 0; i < count; i++) expandState(here, batch.data.subarray(batch.offsets[i], batch.offsets[i + 1]));
  const asymmetry = here.asymmetry;
  const all = successors.contents();
  const { views, buffer } = pack([
    succCount.view(), leftOut.view(), enabled.view(), quiescent.view(), stateFailures.view(), regions.view(),
    proc.view(), ordinal.view(), violates.view(), permIds.view(), fingerprints.view(),
    all.data, all.offsets, Uint8Array.from(perms.entries), stepKeys.view(),
  ] as const);
  return shaped({
    succCount: views[0],
    leftOut: views[1],
    enabled: views[2],
    quiescent: views[3],
    stateFailures: views[4],
    regions: views[5],
    proc: views[6],
    ordinal: views[7],
    violates: views[8],
    perm: views[9],
    fingerprints: views[10],
    succData: views[11],
    succOffsets: views[12],
    perms: views[13],
    stepKeys: views[14],
    buffer,
    asymmetry,
    ...(here.steps !== undefined ? { steps: here.steps.counts } : {}),
  });
}

/**
 * `e` as an object of the one shape every expansion the merge reads has, whichever thread built
 * it: this literal is the only place one is made. An expansion that crossed from a pool thread
 * was rebuilt by the structured clone property by property, with a hidden class of its own, and
 * the merge, compiled for the calling thread's expansions, was deoptimized at the first such batch
 * and from then on read every field through a two-way cache (`--trace-deopt`: "wrong map").
 */
export function shaped(e: Expansion): Expansion {
  return {
    succCount: e.succCount,
    leftOut: e.leftOut,
    enabled: e.enabled,
    quiescent: e.quiescent,
    stateFailures: e.stateFailures,
    regions: e.regions,
    proc: e.proc,
    ordinal: e.ordinal,
    violates: e.violates,
    perm: e.perm,
    fingerprints: e.fingerprints,
    succData: e.succData,
    succOffsets: e.succOffsets,
    perms: e.perms,
    stepKeys: e.stepKeys,
    buffer: e.buffer,
    asymmetry: e.asymmetry,
    ...(e.steps !== undefined ? { steps: e.steps } : {}),
  };
}

/** The buffers of an expansion, for zero-copy transfer between threads: the one it is packed in. */
export function transferables(e: Expansion): ArrayBuffer[] {
  return [e.buffer];
}

/** What expanding a state needs, the same for every state of a batch. */
interface BatchContext<S> {
  readonly model: Model<S>;
  readonly plan: CheckPlan<S>;
  readonly symmetry: boolean;
  readonly hash: Hasher;
  readonly facts: (state: S) => StateFacts;
  /** The batch's listed successors, when repeats are left out. */
  readonly listed: BatchRepeats | undefined;
  readonly perms: BatchPerms;
  /** Scratch for a fingerprint. */
  readonly fp: Uint32Array;
  /** The first asymmetry found in the batch. */
  asymmetry: string | undefined;
  /** The batch's transitions by identity and outcome, when counted (`Batch.countSteps`). */
  readonly steps: BatchCounter | undefined;
}

/**
 * Expands one state of a batch (its encoding `stored`) into this thread's working columns. A
 * function of its own, not the body of the batch's loop, because V8's optimizing compiler runs on
 * threads that compete with the search threads for the cores while a search warms up, once per
 * thread: with the loop body inline, every optimization of `expandBatch` (after each deopt) was
 * followed by a second one on the stack (OSR), and TwoPhase N = 8 spent 219 ms of compiling in 6
 * compiles of it; as a function of its own it takes 2 compiles (77 ms) and `expandBatch` 1 (35 ms).
 */
function expandState<S>(here: BatchContext<S>, stored: Uint8Array): void {
  const { model, plan, symmetry, hash, facts, listed, perms, fp, steps } = here;
  const { succCount, leftOut, enabled, quiescent, stateFailures, regions, proc, ordinal, violates, permIds, fingerprints, stepKeys, successors } = work;
  const state = model.decode(stored);
  const f = facts(state);
  quiescent.push(f.quiescent ? 1 : 0);
  stateFailures.push(f.failures);
  for (let j = 0; j < f.regions.length; j++) regions.push(f.regions[j]!);

  const transitions = model.next(state);
  // A transition is recorded by its position (16 bits): replaying a trace re-executes it.
  if (transitions.length > 0xffff) throw new Error(`a state has ${transitions.length} transitions; at most 65535 are supported`);
  let enabledMask = 0;
  let dropped = 0;
  // A plain loop, not forEach: no closure per state on the hot path.
  for (let k = 0; k < transitions.length; k++) {
    const t = transitions[k]!;
    enabledMask |= 1 << t.process;
    const violation = t.violates === undefined ? 0 : (plan.stepCodes.get(t.violates) ?? 0);
    const stepKey = steps !== undefined ? steps.count(t.process, t.action, t.outcome, violation !== 0) : 0;
    let next = t.next;
    let permId = 0;
    if (symmetry) {
      const canonical = model.canonical!(next);
      next = canonical.state;
      permId = perms.intern(canonical.perm);
      // Every check must answer the same on a state and on its representative (with processes
      // renamed); a violating step's target is a terminal that no check looks at.
      if (here.asymmetry === undefined && t.violates === undefined && permId !== 0) {
        here.asymmetry = symmetryWitness(model, plan, facts, t.next, canonical);
      }
    }
    // A step that changes nothing and hands back the state itself (see `Transition.next`) is a
    // self-loop known without encoding: its bytes are the stored ones.
    const unchanged = next === state;
    const bytes = unchanged ? stored : model.encode(next);
    // A self-loop is caught before hashing; any other repeat by its fingerprint.
    if (listed && violation === 0 && (unchanged || equalBytes(bytes, stored))) {
      dropped++;
      continue;
    }
    hash(bytes, fp, 0);
    if (violation !== 0) asViolationTarget(fp);
    // A violating step is always listed (its edge number is a hit), and counts as listed.
    if (listed && listed.seenElseAdd(fp[0], fp[1]) && violation === 0) {
      dropped++;
      continue;
    }
    proc.push(t.process);
    ordinal.push(k);
    violates.push(violation);
    permIds.push(permId);
    fingerprints.push(fp[0]);
    fingerprints.push(fp[1]);
    if (steps !== undefined) stepKeys.push(stepKey);
    successors.add(bytes);
  }
  enabled.push(enabledMask >>> 0);
  succCount.push(transitions.length - dropped);
  leftOut.push(dropped);
}
