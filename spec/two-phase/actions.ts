/**
 * The actions of TwoPhase.tla, one per disjunct of TPNext, each defined in one place: who acts,
 * its guard, its effect, and how a trace tells it.
 *
 * Guards and effects are transcribed clause by clause from the TLA+ so that a reader can check
 * them against the original; every variable an effect does not assign is TLA+'s UNCHANGED.
 * RMRcvCommitMsg / RMRcvAbortMsg have no guard on the RM's own state (as in the original):
 * receiving a message again is allowed and then changes nothing. These stuttering receipts are
 * real steps, counted in TLC's "states generated", and they are why no state of TwoPhase is ever
 * a deadlock.
 *
 * Each action instance (e.g. RMPrepare of RM2) is compiled once when the model is built, so the
 * pattern match over action kinds runs N times per model instead of once per candidate step.
 */
import { match } from 'ts-pattern';
import { rmName, rmProcess, TM_PROCESS, type RmState, type TmState, type TwoPhaseState } from './state';
import type { PatchInfo } from '../../explorer/model';
import type { SourceLocation } from '../../explorer/source-location';
import { WEAK_ABORT, type VariantId } from './variants';

/** A step's working copy of the state (see `apply`): the same variables, writable. */
export interface Draft {
  rmState: RmState[];
  tmState: TmState;
  tmPrepared: boolean[];
  msgs: { prepared: boolean[]; commit: boolean; abort: boolean };
}

export type Action =
  | { readonly kind: 'TMRcvPrepared'; readonly rm: number }
  | { readonly kind: 'TMCommit' }
  | { readonly kind: 'TMAbort' }
  | { readonly kind: 'RMPrepare'; readonly rm: number }
  | { readonly kind: 'RMChooseToAbort'; readonly rm: number }
  | { readonly kind: 'RMRcvCommitMsg'; readonly rm: number }
  | { readonly kind: 'RMRcvAbortMsg'; readonly rm: number };

/** One action instance, ready to be tried from any state. */
export interface CompiledAction {
  readonly action: Action;
  /** The acting process: the TM for TM* actions, the RM itself for RM* actions. */
  readonly process: number;
  /** The transition's identity, e.g. `TM.TMRcvPrepared(RM1)` or `RM2.RMPrepare`. */
  readonly name: string;
  /** The operator in TwoPhase.tla the step instantiates, with the line that defines it. */
  readonly source: SourceLocation;
  /** The enabling condition: the conjuncts of the definition that mention no primed variable. */
  readonly guard: (s: TwoPhaseState) => boolean;
  /** Why `guard` is false in `s` (call only then): the conjunct that fails, in the protocol's words. */
  readonly blocked: (s: TwoPhaseState) => string;
  /** The variant's changes to TwoPhase.tla that this action's definition carries (`Model.patchesAt`). */
  readonly patches: readonly PatchInfo[];
  /** The primed conjuncts, as assignments to a draft of the state. */
  readonly effect: (d: Draft) => void;
  /** A human sentence for the step taken from `before`, in the protocol's words. */
  readonly label: (before: TwoPhaseState) => string;
  /** Whether the step changes nothing (a message received a second time); traces say so. */
  readonly stutters: (before: TwoPhaseState) => boolean;
}

type Definition = Omit<CompiledAction, 'action' | 'process' | 'name' | 'source' | 'patches'> & { readonly patches?: readonly PatchInfo[] };

const never = (): boolean => false;

const tmDecided = (s: TwoPhaseState): string => `the TM has already decided (${s.tmState})`;

function define(a: Action, variant: VariantId): Definition {
  return match(a)
    .with({ kind: 'TMRcvPrepared' }, ({ rm }) => ({
      guard: (s: TwoPhaseState) => s.tmState === 'init' && s.msgs.prepared[rm] === true,
      blocked: (s: TwoPhaseState) => (s.tmState !== 'init' ? tmDecided(s) : `${rmName(rm)} has sent no Prepared message`),
      effect: (d: Draft) => {
        d.tmPrepared[rm] = true;
      },
      label: (s: TwoPhaseState) =>
        s.tmPrepared[rm]
          ? `TM receives ${rmName(rm)}'s Prepared message again (already counted)`
          : `TM receives ${rmName(rm)}'s Prepared message and counts its vote`,
      stutters: (s: TwoPhaseState) => s.tmPrepared[rm] === true,
    }))
    .with({ kind: 'TMCommit' }, () => ({
      guard: (s: TwoPhaseState) => s.tmState === 'init' && s.tmPrepared.every((p) => p),
      blocked: (s: TwoPhaseState) =>
        s.tmState !== 'init'
          ? tmDecided(s)
          : `the TM has not counted the Prepared vote of ${s.tmPrepared.flatMap((p, r) => (p ? [] : [rmName(r)])).join(', ')}`,
      effect: (d: Draft) => {
        d.tmState = 'committed';
        d.msgs.commit = true;
      },
      label: () => 'TM has every vote: it commits and broadcasts Commit',
      stutters: never,
    }))
    .with({ kind: 'TMAbort' }, () => ({
      guard: (s: TwoPhaseState) => s.tmState === 'init',
      blocked: tmDecided,
      effect: (d: Draft) => {
        d.tmState = 'aborted';
        d.msgs.abort = true;
      },
      label: () => 'TM decides to abort and broadcasts Abort',
      stutters: never,
    }))
    .with({ kind: 'RMPrepare' }, ({ rm }) => ({
      guard: (s: TwoPhaseState) => s.rmState[rm] === 'working',
      blocked: (s: TwoPhaseState) => `${rmName(rm)} is ${s.rmState[rm]}, not working`,
      effect: (d: Draft) => {
        d.rmState[rm] = 'prepared';
        d.msgs.prepared[rm] = true;
      },
      label: () => `${rmName(rm)} prepares and sends Prepared to the TM`,
      stutters: never,
    }))
    .with({ kind: 'RMChooseToAbort' }, ({ rm }) => ({
      guard:
        variant === 'mutant'
          ? // The mutant's one change: a prepared RM may also give up (see variants.ts).
            (s: TwoPhaseState) => s.rmState[rm] === 'working' || s.rmState[rm] === 'prepared'
          : (s: TwoPhaseState) => s.rmState[rm] === 'working',
      blocked: (s: TwoPhaseState) => `${rmName(rm)} is ${s.rmState[rm]}, not working${variant === 'mutant' ? ' or prepared' : ''}`,
      patches: variant === 'mutant' ? [WEAK_ABORT] : [],
      effect: (d: Draft) => {
        d.rmState[rm] = 'aborted';
      },
      label: (s: TwoPhaseState) =>
        s.rmState[rm] === 'prepared'
          ? `${rmName(rm)} gives up after voting Prepared and aborts on its own`
          : `${rmName(rm)} decides on its own to abort`,
      stutters: never,
    }))
    .with({ kind: 'RMRcvCommitMsg' }, ({ rm }) => ({
      guard: (s: TwoPhaseState) => s.msgs.commit,
      blocked: () => 'no Commit message has been sent',
      effect: (d: Draft) => {
        d.rmState[rm] = 'committed';
      },
      label: (s: TwoPhaseState) =>
        s.rmState[rm] === 'committed'
          ? `${rmName(rm)} receives Commit again (already committed)`
          : `${rmName(rm)} receives Commit and commits (was ${s.rmState[rm]})`,
      stutters: (s: TwoPhaseState) => s.rmState[rm] === 'committed',
    }))
    .with({ kind: 'RMRcvAbortMsg' }, ({ rm }) => ({
      guard: (s: TwoPhaseState) => s.msgs.abort,
      blocked: () => 'no Abort message has been sent',
      effect: (d: Draft) => {
        d.rmState[rm] = 'aborted';
      },
      label: (s: TwoPhaseState) =>
        s.rmState[rm] === 'aborted'
          ? `${rmName(rm)} receives Abort again (already aborted)`
          : `${rmName(rm)} receives Abort and aborts (was ${s.rmState[rm]})`,
      stutters: (s: TwoPhaseState) => s.rmState[rm] === 'aborted',
    }))
    .exhaustive();
}

function actingProcess(a: Action): number {
  return match(a)
    .with({ kind: 'TMRcvPrepared' }, { kind: 'TMCommit' }, { kind: 'TMAbort' }, () => TM_PROCESS)
    .with(
      { kind: 'RMPrepare' },
      { kind: 'RMChooseToAbort' },
      { kind: 'RMRcvCommitMsg' },
      { kind: 'RMRcvAbortMsg' },
      ({ rm }) => rmProcess(rm),
    )
    .exhaustive();
}

function actionName(a: Action): string {
  return match(a)
    .with({ kind: 'TMRcvPrepared' }, ({ rm }) => `TM.TMRcvPrepared(${rmName(rm)})`)
    .with({ kind: 'TMCommit' }, { kind: 'TMAbort' }, ({ kind }) => `TM.${kind}`)
    .with(
      { kind: 'RMPrepare' },
      { kind: 'RMChooseToAbort' },
      { kind: 'RMRcvCommitMsg' },
      { kind: 'RMRcvAbortMsg' },
      ({ kind, rm }) => `${rmName(rm)}.${kind}`,
    )
    .exhaustive();
}

/** Where each operator is defined in TwoPhase.tla (tlaplus/Examples, transaction_commit). */
const DEFINED_AT: Readonly<Record<Action['kind'], number>> = {
  TMRcvPrepared: 75,
  TMCommit: 84,
  TMAbort: 95,
  RMPrepare: 104,
  RMChooseToAbort: 113,
  RMRcvCommitMsg: 122,
  RMRcvAbortMsg: 130,
};

export function compile(a: Action, variant: VariantId): CompiledAction {
  const source = { file: 'TwoPhase.tla', line: DEFINED_AT[a.kind], function: a.kind };
  return { action: a, process: actingProcess(a), name: actionName(a), source, patches: [], ...define(a, variant) };
}

/** Every action instance, the TM's first, then RM by RM, in a fixed order (Next's determinism). */
export function allActions(rms: number): Action[] {
  const actions: Action[] = [{ kind: 'TMCommit' }, { kind: 'TMAbort' }];
  for (let rm = 0; rm < rms; rm++) actions.push({ kind: 'TMRcvPrepared', rm });
  for (let rm = 0; rm < rms; rm++) {
    actions.push(
      { kind: 'RMPrepare', rm },
      { kind: 'RMChooseToAbort', rm },
      { kind: 'RMRcvCommitMsg', rm },
      { kind: 'RMRcvAbortMsg', rm },
    );
  }
  return actions;
}

/**
 * The successor of `s` by action `a` (call only when `a.guard(s)`): the effect edits a fresh copy
 * of the state. Three arrays of N flags copy faster than immer's copy-on-write proxies, which were
 * the largest cost of exploring this tiny model (issue 11 profile: a third of the samples).
 */
export function apply(s: TwoPhaseState, a: CompiledAction): TwoPhaseState {
  // A repeated receipt changes nothing: the state itself, which the engine takes as a self-loop
  // without copying or encoding it (37 % of TwoPhase's generated states).
  if (a.stutters(s)) return s;
  const msgs = { prepared: s.msgs.prepared.slice(), commit: s.msgs.commit, abort: s.msgs.abort };
  // Both flags written a second time, from the first step on: V8 takes a field written only where
  // the object is made for a constant, and the first TMCommit, deep into the search, setting
  // `commit` on the draft then deoptimized every function compiled with that assumption, in every
  // thread (encode, decode, the guards, the checks, the expansion: eleven, `--trace-generalization`).
  msgs.commit = s.msgs.commit;
  msgs.abort = s.msgs.abort;
  const d: Draft = { rmState: s.rmState.slice(), tmState: s.tmState, tmPrepared: s.tmPrepared.slice(), msgs };
  a.effect(d);
  return d;
}
