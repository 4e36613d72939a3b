/**
 * The variables of Lamport's TwoPhase.tla (tlaplus/Examples, specifications/transaction_commit),
 * with the resource managers numbered 0..N-1 instead of a model-value set RM.
 *
 * TLA+ keeps `msgs` as a set of records that only ever grows. Of its possible elements only
 * `[type |-> "Prepared", rm |-> r]` (one per RM), `[type |-> "Commit"]` and `[type |-> "Abort"]`
 * exist, so the set is represented exactly by one flag per possible message. `tmPrepared` (a
 * subset of RM) is likewise one flag per RM. These are exact encodings, not abstractions: two
 * states here are equal iff the TLA+ states are, which is what makes our counts comparable with TLC's.
 */

export type RmState = 'working' | 'prepared' | 'committed' | 'aborted';
export type TmState = 'init' | 'committed' | 'aborted';

/** The message set `msgs`, one membership flag per possible message. */
export interface Msgs {
  /** `prepared[r]` iff `[type |-> "Prepared", rm |-> r] \in msgs`. */
  readonly prepared: readonly boolean[];
  readonly commit: boolean;
  readonly abort: boolean;
}

export interface TwoPhaseState {
  /** `rmState[r]`. */
  readonly rmState: readonly RmState[];
  readonly tmState: TmState;
  /** `tmPrepared[r]` iff `r \in tmPrepared`. */
  readonly tmPrepared: readonly boolean[];
  readonly msgs: Msgs;
}

export const RM_STATES: readonly RmState[] = ['working', 'prepared', 'committed', 'aborted'];
export const TM_STATES: readonly TmState[] = ['init', 'committed', 'aborted'];

/** TPInit: every RM working, the TM in init, nothing prepared, no message sent. */
export function initialState(rms: number): TwoPhaseState {
  return {
    rmState: Array.from({ length: rms }, () => 'working' as const),
    tmState: 'init',
    tmPrepared: Array.from({ length: rms }, () => false),
    msgs: { prepared: Array.from({ length: rms }, () => false), commit: false, abort: false },
  };
}

/** The RM's display name, which is also its process name: RM r is process `RM${r + 1}`. */
export function rmName(rm: number): string {
  return `RM${rm + 1}`;
}

/** Process index of RM `rm`: the TM is process 0. */
export function rmProcess(rm: number): number {
  return rm + 1;
}

export const TM_PROCESS = 0;
