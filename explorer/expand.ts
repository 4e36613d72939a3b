/**
 * Expanding a batch of states: the work a BFS level is made of, done in worker threads (or the
 * calling thread with one worker). Input and output are flat typed arrays so that a batch crosses
 * threads by transfer, not by structured cloning of objects.
 */
import type { Model } from './model';
import type { CheckPlan } from './checks';
import type { Hasher } from './fingerprint';
import { Column, RecordBuffer } from './growable';
import { SeenSet } from './seen-set';
import { stateFacts, symmetryWitness } from './state-facts';
import { equalBytes } from './spec-check';

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
}

/** This thread's running estimate of a batch's output size (affects capacity, never content). */
const sizing = { successorsPerState: 8, bytesPerSuccessor: 16 };
/** At most this many successors are allocated for up front (columns grow past it when needed). */
const MAX_EXPECTED = 1 << 16;

/** `symmetry`: reduce by `model.canonical`, which the caller has checked the model has. */
export function expandBatch<S>(model: Model<S>, plan: CheckPlan<S>, symmetry: boolean, hash: Hasher, batch: Batch): Expansion {
  const count = batch.offsets.length - 1;
  const processCount = model.processes.length;
  const succCount = new Uint32Array(count);
  const leftOut = new Uint32Array(count);
  const enabled = new Uint32Array(count);
  const quiescent = new Uint8Array(count);
  const stateFailures = new Uint32Array(count);
  const regions = new Uint32Array(count * plan.liveness.length);
  // Sized from the previous batch's successors per state, so the columns rarely grow mid-batch;
  // capped, since a level of wide states followed by one of narrow ones would over-allocate.
  // Stryker disable next-line MethodExpression,ArithmeticOperator: a capacity estimate: columns grow past any size to the same contents
  const expected = Math.min(MAX_EXPECTED, Math.max(16, Math.ceil(count * sizing.successorsPerState * 1.25)));
  // The batch's listed successors, to leave out their repeats.
  const listed = batch.leaveOutRepeats === true ? new SeenSet(1 << Math.ceil(Math.log2(4 * expected))) : undefined;
  const proc = new Column(Uint8Array, expected);
  const ordinal = new Column(Uint16Array, expected);
  const violates = new Column(Uint8Array, expected);
  const permIds = new Column(Uint16Array, expected);
  // Stryker disable next-line ArithmeticOperator: a capacity (two halves per successor): the column grows past any size to the same contents
  const fingerprints = new Column(Uint32Array, 2 * expected);
  // Stryker disable next-line MethodExpression,ArithmeticOperator: a capacity: the buffer grows past any size to the same contents
  const successors = new RecordBuffer(Math.max(4096, expected * sizing.bytesPerSuccessor));
  const permTable: number[] = [];
  const permIndex = new Map<number | string, number>();
  const identity = Array.from({ length: processCount }, (_, p) => p);
  // Up to 10 processes a permutation packs into one number (5 bits each): no string per successor.
  const permKey = (perm: readonly number[]): number | string => {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: exact on both sides of the bound (10 processes pack into 50 bits); only packing more is caught (engine-expand, 16 processes), and Stryker cannot disable one replacement alone
    if (processCount > 10) return perm.join(',');
    let key = 0;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: perm[0] is implied by the others (a permutation), and key * 32 - perm[i] is as injective; key / 32, which is not, fails every symmetric liveness test
    for (let i = perm.length - 1; i >= 0; i--) key = key * 32 + perm[i];
    return key;
  };
  const internPerm = (perm: readonly number[]): number => {
    const key = permKey(perm);
    let id = permIndex.get(key);
    if (id === undefined) {
      id = permIndex.size;
      permIndex.set(key, id);
      permTable.push(...perm);
    }
    return id;
  };
  internPerm(identity);
  const fp = new Uint32Array(2);
  const facts = stateFacts(model, plan, symmetry);
  let asymmetry: string | undefined;

  for (let i = 0; i < count; i++) {
    const stored = batch.data.subarray(batch.offsets[i], batch.offsets[i + 1]);
    const state = model.decode(stored);
    const f = facts(state);
    quiescent[i] = f.quiescent ? 1 : 0;
    stateFailures[i] = f.failures;
    regions.set(f.regions, i * plan.liveness.length);

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
      let next = t.next;
      let permId = 0;
      if (symmetry) {
        const canonical = model.canonical!(next);
        next = canonical.state;
        permId = internPerm(canonical.perm);
        // Every check must answer the same on a state and on its representative (with processes
        // renamed); a violating step's target is a terminal that no check looks at.
        if (asymmetry === undefined && t.violates === undefined && permId !== 0) {
          asymmetry = symmetryWitness(model, plan, facts, t.next, canonical);
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
      if (listed) {
        if (violation === 0 && listed.find(fp[0], fp[1]) >= 0) {
          dropped++;
          continue;
        }
        listed.add(fp[0], fp[1]);
      }
      proc.push(t.process);
      ordinal.push(k);
      violates.push(violation);
      permIds.push(permId);
      fingerprints.push(fp[0]);
      fingerprints.push(fp[1]);
      successors.add(bytes);
    }
    enabled[i] = enabledMask >>> 0;
    succCount[i] = transitions.length - dropped;
    leftOut[i] = dropped;
  }
  const all = successors.contents();
  // A batch without successors counts too: dead ends after wide states must bring the estimate down.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the estimate only sizes the next batch's columns (capacity, never content)
  if (count > 0) sizing.successorsPerState = successors.count / count;
  // Stryker disable next-line ConditionalExpression: as above: a capacity estimate
  if (successors.count > 0) sizing.bytesPerSuccessor = Math.ceil(all.data.length / successors.count);
  return {
    succCount,
    leftOut,
    enabled,
    quiescent,
    stateFailures,
    regions,
    // Views, not copies: a transfer moves the whole buffer, and the spare capacity dies with it.
    proc: proc.view(),
    ordinal: ordinal.view(),
    violates: violates.view(),
    perm: permIds.view(),
    fingerprints: fingerprints.view(),
    succData: all.data,
    succOffsets: all.offsets,
    perms: Uint8Array.from(permTable),
    ...(asymmetry !== undefined ? { asymmetry } : {}),
  };
}

/** The buffers of an expansion, for zero-copy transfer between threads. */
export function transferables(e: Expansion): ArrayBuffer[] {
  return [
    e.succCount, e.leftOut, e.enabled, e.quiescent, e.stateFailures, e.regions, e.proc, e.ordinal, e.violates,
    e.perm, e.fingerprints, e.succData, e.succOffsets, e.perms,
  ].map((a) => a.buffer as ArrayBuffer);
}
