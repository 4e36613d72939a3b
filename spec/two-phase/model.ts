/**
 * TwoPhase.tla as a `Model`: processes TM, RM1..RMN; Next is the disjunction of the enabled
 * action instances (actions.ts).
 */
import type { Model, Transition } from '../../explorer/model';
import type { SourceLocation } from '../../explorer/source-location';
import { tcConsistent } from '../../invariants/two-phase/tc-consistent';
import { allActions, apply, compile, type CompiledAction } from './actions';
import { decode, encode } from './encoding';
import { itf } from './itf';
import { initialState, rmName, type TwoPhaseState } from './state';
import { canonical } from './symmetry';
import type { VariantId } from './variants';
import { explainProcess, view } from './view';

/**
 * Every RM has decided (committed or aborted).
 *
 * TwoPhase.tla specifies safety only and has no termination: its receive actions stay enabled
 * forever, so TLC never sees a deadlock in it and neither do we. We still call the all-decided
 * states quiescent, because that is where the protocol has finished its job; it makes them
 * legitimate end states should a variant ever remove the repeated receipts, and it is where
 * `atQuiescence` checks would be evaluated.
 */
export function allDecided(s: TwoPhaseState): boolean {
  return s.rmState.every((st) => st === 'committed' || st === 'aborted');
}

/**
 * A transition whose words (label, outcome) are made only when read: the search reads just
 * `process` and `next`, and only a trace being rebuilt reads the rest, so the search no longer
 * builds a sentence per generated state.
 */
class TwoPhaseStep implements Transition<TwoPhaseState> {
  constructor(
    private readonly from: TwoPhaseState,
    private readonly compiled: CompiledAction,
    readonly next: TwoPhaseState,
  ) {}
  get process(): number {
    return this.compiled.process;
  }
  get action(): string {
    return this.compiled.name;
  }
  get outcome(): string | undefined {
    return this.compiled.stutters(this.from) ? 'no change' : undefined;
  }
  get label(): string {
    return this.compiled.label(this.from);
  }
  get source(): SourceLocation {
    return this.compiled.source;
  }
}

export function buildTwoPhase(rms: number, variant: VariantId): Model<TwoPhaseState> {
  const actions = allActions(rms).map((a) => compile(a, variant));
  const byName = new Map(actions.map((a) => [a.name, a]));
  const vocabulary: ReadonlySet<string> = new Set(byName.keys());
  return {
    processes: ['TM', ...Array.from({ length: rms }, (_, rm) => rmName(rm))],
    init: () => [initialState(rms)],
    next(s: TwoPhaseState): Transition<TwoPhaseState>[] {
      const out: Transition<TwoPhaseState>[] = [];
      for (const a of actions) {
        if (!a.guard(s)) continue;
        out.push(new TwoPhaseStep(s, a, apply(s, a)));
      }
      return out;
    },
    encode,
    decode: (bytes) => decode(bytes, rms),
    properties: [tcConsistent],
    quiescent: allDecided,
    explainProcess,
    canonical,
    view,
    itf,
    whyDisabled(s, action) {
      const a = byName.get(action);
      return a && !a.guard(s) ? a.blocked(s) : undefined;
    },
    patchesAt: (_s, action) => byName.get(action)?.patches ?? [],
    actions: () => vocabulary,
  };
}
