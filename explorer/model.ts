/**
 * The engine's only view of a spec: the `Model` contract.
 *
 * Kept as small as Stateright's `Model` trait, with TLC's meaning: `next` is the disjunction of
 * named actions, each taken by one process; weak fairness is per process, and a step that changes
 * nothing (a spin-loop iteration) still counts as a step of its process.
 *
 * The explorer never imports a spec. A spec module exports a `SpecDefinition` (see spec.ts) whose
 * `build` returns a `Model`; worker threads load the same module by path and build their own copy,
 * so every function here must be deterministic and free of shared mutable state.
 */
import type { ItfState } from './itf-value';
import type { SourceLocation } from './source-location';

/** One enabled step of one process, from one state. */
export interface Transition<S> {
  /** Index into `Model.processes` of the acting process (fairness and context switches). */
  readonly process: number;
  /**
   * The transition's identity: process, step name and nondeterministic choice, e.g.
   * `W1.start_io_write(p0,s2)`. Replay matches on it; it must not contain the outcome.
   */
  readonly action: string;
  /**
   * What followed from the choice, the normative bracket of MODEL.md-style names: the full name is
   * `${action}[${outcome}]`, e.g. `W1.wb_page_iter[writepage: launder(ctx->error)]`.
   */
  readonly outcome?: string;
  /**
   * The human sentence, in the kernel's language: actor, kernel function, what changed, e.g.
   * `W1 nfs_page_async_flush: out_launder, page 0 removed from the page cache, returns 0`.
   */
  readonly label: string;
  /**
   * The code the step models: file, line and function (and the calls that lead there), e.g.
   * `{ file: 'fs/nfs/write.c', line: 2036, function: 'nfs_wb_page' }` (traces, lanes, SARIF).
   */
  readonly source?: SourceLocation;
  /**
   * The successor state. A step that changes nothing (a message received again, a spin-loop
   * iteration) may give the state it was taken from itself, the same object: the engine then knows
   * its target without encoding it, a saving on specs where such steps are common.
   */
  readonly next: S;
  /**
   * Set when the step itself is a violation of the named `step` property (e.g. an orphan's mapping
   * dereferenced). Its `next` is kept as a terminal state of its own: counted, never expanded,
   * never checked, and not the state that the same `next` is when a step that violates nothing
   * reaches it (that one is explored as usual).
   */
  readonly violates?: string;
}

/** A named property: one or more checks that must all pass. */
export interface Property<S> {
  readonly name: string;
  /** One sentence: what must hold and why it matters. */
  readonly description: string;
  readonly checks: readonly Check<S>[];
}

/**
 * The kinds of check the engine evaluates. A property with several checks is violated when any
 * of them fails; its reported counterexample is the shortest among them, the earliest-listed
 * check winning a tie.
 */
export type Check<S> =
  /** Invariant: holds in every reachable state (violation terminals excepted). */
  | StateCheck<'always', S>
  /** Holds in every reachable quiescent state (see `Model.quiescent`). */
  | StateCheck<'atQuiescence', S>
  /** No reachable transition names this property in `violates`. */
  | { readonly kind: 'step' }
  /**
   * Liveness under weak fairness per process: each listed process that is in the region
   * eventually leaves it. Violated by a reachable fair cycle inside the region, or by a state
   * with no successor at all while inside it. With symmetry reduction `inRegion` is asked about
   * every process, listed or not (a listed process may sit at any index of a representative), so
   * it must answer false, not throw, for processes that are never in the region.
   */
  | {
      readonly kind: 'leaves';
      readonly processes: readonly number[];
      inRegion(state: S, process: number): boolean;
      /**
       * The region in the spec's own words (`nfs_wb_page`), so that a counterexample reads "W1
       * never leaves nfs_wb_page" rather than "the region"; see `regionName`.
       */
      readonly region?: string;
    };

/** How a counterexample names a `leaves` check's region: the spec's words, else "the region". */
export function regionName(check: { readonly region?: string } | undefined): string {
  return check?.region ?? 'the region';
}

/** A check evaluated on each state on its own: an invariant, or one at quiescence. */
export interface StateCheck<K extends 'always' | 'atQuiescence', S> {
  readonly kind: K;
  holds(state: S): boolean;
  explain?(state: S): string;
  /**
   * The processes this check singles out ("P1 never enters its critical section"), if any. Such
   * a check is not symmetric, so a run that would reduce by symmetry explores without reduction
   * instead, and says so. Declare it: an undeclared asymmetric check is caught only where the
   * search meets a renamed state on which it answers differently (see `canonical`).
   */
  readonly names?: readonly number[];
}

/** The result of symmetry reduction: a representative and how processes were renamed. */
export interface Canonical<S> {
  readonly state: S;
  /**
   * `perm[p]` is the index, in the representative, of the process that is `p` in the input
   * state. The engine uses it to keep fairness and context switches exact under symmetry.
   */
  readonly perm: readonly number[];
}

export interface Model<S> {
  /** Process names, e.g. `['W1', 'W2', 'F', 'C']`; at most 32. */
  readonly processes: readonly string[];
  /** Initial states (Init). */
  init(): S[];
  /**
   * Enabled transitions (Next), in a deterministic order: the same state gives the same
   * transitions in the same order every time (counterexamples are rebuilt by re-executing them).
   */
  next(state: S): Transition<S>[];
  /**
   * A state as bytes; equal states must give equal bytes (fingerprints, storage, transfer). It must
   * be a `Uint8Array` (not a plain array) and lose nothing: `decode(encode(s))` encodes the same.
   */
  encode(state: S): Uint8Array;
  /**
   * The inverse of `encode`. `bytes` is a VIEW into a larger buffer (a batch of states): read it
   * through its own indices (`bytes[i]`, `bytes.subarray`, a `DataView` on `bytes.buffer` at
   * `bytes.byteOffset`), never `bytes.buffer` from offset 0, and copy what the state keeps (the batch is not the state's).
   */
  decode(bytes: Uint8Array): S;
  readonly properties: readonly Property<S>[];
  /**
   * A legitimate end state (every actor done). Such a state is not a deadlock when it has no
   * successor, and `atQuiescence` checks are evaluated there. Default: never.
   */
  quiescent?(state: S): boolean;
  /**
   * One line on what a process is doing or waiting for in this state (`blocked on i_rwsem held
   * by W1`, `spinning in nfs_wb_page(p0), holds i_rwsem and the page lock`). Shown in lassos and
   * deadlock reports.
   */
  explainProcess?(state: S, process: number): string;
  /**
   * Symmetry reduction; used only when the run enables symmetry. Must be idempotent, with `perm`
   * a permutation of the process indices saying how they were renamed, and every
   * property must be symmetric: answer the same on a state and on its representative, processes
   * renamed. The engine compares the two on every renamed successor; a property that names
   * particular processes ("P1 never enters its critical section") fails that, and the run is then
   * redone without reduction, with a warning in the result. That comparison sees only the
   * renamings the search happens to generate, so a check about particular processes should say so
   * (`StateCheck.names`): the run is then unreduced from the start. `leaves` checks may list any
   * subset of processes; they stay exact under reduction.
   */
  canonical?(state: S): Canonical<S>;
  /**
   * The state as named fields for traces, flat `key -> value` strings (like TLC's variable
   * listing). A trace step shows the fields that changed.
   */
  view(state: S): Record<string, string>;
  /**
   * The state as typed variables (Apalache's Informal Trace Format values: integers, strings,
   * booleans, records, `#set`, `#map`, `#tup`, ...), for `--itf` and tools that read traces as
   * data. Optional: without it a counterexample carries only the strings of `view`.
   */
  itf?(state: S): ItfState;
  /**
   * Why the transition whose identity is `action` (`Transition.action`) is not enabled in `state`:
   * the guard that blocks it, in the spec's words (`i_rwsem is held by W1`). Replay shows it
   * where a saved schedule diverges; without it (or when it returns undefined) replay says only
   * "not enabled" and lists what is.
   */
  whyDisabled?(state: S, action: string): string | undefined;
  /**
   * Every identity a transition of this model can have, enabled or not: its step vocabulary
   * (`W1.wb_page_iter(fault)` is in it; `W1.bogus`, `W9.write_end` with two writers, or
   * `F.flush(p7)` with two pages are not). Replay uses it to tell a saved schedule that names no
   * step of the spec (a malformed file, bad input) from a step the variant does not enable (an
   * answer), and coverage to name the steps no explored state enabled (coverage.ts). Without it
   * every identity is taken for an action, and coverage lists only the steps taken.
   */
  actions?(): ReadonlySet<string>;
  /**
   * The variant's own changes (patches over the spec's base) whose code runs when `action` is
   * taken from `state`, including its guard. Used to say what a patch does at the step where a
   * counterexample stops failing. Empty when none runs.
   */
  patchesAt?(state: S, action: string): readonly PatchInfo[];
}

/** One change that makes up a variant (for the nfs spec: a kernel commit over 4.19.90). */
export interface PatchInfo {
  /** Short id, e.g. `14bebe3c`. */
  readonly id: string;
  /** One line: what it changes, in the model's terms. */
  readonly summary: string;
}
