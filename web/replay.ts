/**
 * Replaying a schedule by transition identities (MODEL.md §4: process, step and choice; never the
 * outcome) and finding where two variants part ways on it.
 *
 * This is the explorer's only contact with the engine besides `Model`: a small seam, so that the
 * engine's own replay function (planned for `mc replay`/`mc diff`) can take its place without the
 * server or the UI changing.
 */
import type { Model, Transition } from '../explorer/model';
import { changes } from '../explorer/trace';
import type { FieldChange } from '../explorer/result';

export interface Replayed<S> {
  /** `states[0]` is the initial state; `states[i + 1]` follows `transitions[i]`. */
  readonly states: S[];
  readonly transitions: Transition<S>[];
}

/** The schedule replays to its end, or stops at the first identity not enabled. */
export type ReplayOutcome<S> =
  | { readonly kind: 'complete'; readonly replayed: Replayed<S> }
  | {
      readonly kind: 'stuck';
      /** The prefix that did replay. */
      readonly replayed: Replayed<S>;
      /** Index in the schedule of the identity that is not enabled. */
      readonly at: number;
      readonly action: string;
    };

export function replayActions<S>(model: Model<S>, actions: readonly string[], init = 0): ReplayOutcome<S> {
  const initial = model.init()[init];
  if (initial === undefined) throw new RangeError(`initial state ${init} does not exist`);
  const states: S[] = [initial];
  const transitions: Transition<S>[] = [];
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i]!;
    const taken = model.next(states[states.length - 1]!).find((t) => t.action === action);
    if (!taken) return { kind: 'stuck', replayed: { states, transitions }, at: i, action };
    transitions.push(taken);
    states.push(taken.next);
  }
  return { kind: 'complete', replayed: { states, transitions } };
}

/**
 * Where the same schedule stops meaning the same thing on another variant:
 * - `disabled`: the step's identity is not enabled there (a guard differs);
 * - `outcome`: it is enabled but something else followed (a patched function returned otherwise);
 * - `state`: the same step, the same words, but the state after it differs;
 * - `none`: the whole schedule does the same on both.
 */
export type Divergence =
  | { readonly kind: 'none' }
  | { readonly kind: 'disabled'; readonly step: number }
  | { readonly kind: 'outcome'; readonly step: number }
  | { readonly kind: 'state'; readonly step: number; readonly fields: readonly FieldChange[] };

export function firstDivergence<A, B>(
  left: Model<A>,
  leftRun: Replayed<A>,
  right: Model<B>,
  rightOutcome: ReplayOutcome<B>,
): Divergence {
  const rightRun = rightOutcome.replayed;
  for (let i = 0; i < rightRun.transitions.length; i++) {
    const l = leftRun.transitions[i]!;
    const r = rightRun.transitions[i]!;
    if (l.outcome !== r.outcome || l.label !== r.label || l.violates !== r.violates) return { kind: 'outcome', step: i };
    const fields = sharedFieldChanges(left.view(leftRun.states[i + 1]!), right.view(rightRun.states[i + 1]!));
    if (fields.length > 0) return { kind: 'state', step: i, fields };
  }
  return rightOutcome.kind === 'stuck' ? { kind: 'disabled', step: rightOutcome.at } : { kind: 'none' };
}

/**
 * The fields both variants show that differ. A field only one variant has (mainline's errseq
 * `wb_err` against 4.19's `ctx->error`) is the model's shape, not a divergence of the schedule.
 */
function sharedFieldChanges(left: Record<string, string>, right: Record<string, string>): FieldChange[] {
  return changes(left, right).filter((c) => c.before !== undefined && c.after !== undefined);
}
