/**
 * TCConsistent, the safety property of transaction commit (TCommit.tla), which TwoPhase.tla
 * implements:
 *
 *   TCConsistent == \A r1, r2 \in RM : ~ /\ rmState[r1] = "aborted"
 *                                        /\ rmState[r2] = "committed"
 *
 * All RMs that have decided agree: one RM committing while another aborted would leave the
 * distributed transaction half-applied, exactly what two-phase commit exists to prevent.
 */
import type { Property } from '../../explorer/model';
import { rmName, type TwoPhaseState } from '../../spec/two-phase/state';

export function tcConsistentHolds(s: TwoPhaseState): boolean {
  return !(s.rmState.includes('committed') && s.rmState.includes('aborted'));
}

function explain(s: TwoPhaseState): string {
  const who = (st: string): string =>
    s.rmState.flatMap((x, rm) => (x === st ? [rmName(rm)] : [])).join(', ');
  return `${who('committed')} committed while ${who('aborted')} aborted`;
}

export const TC_CONSISTENT = 'TCConsistent';

export const tcConsistent: Property<TwoPhaseState> = {
  name: TC_CONSISTENT,
  description: 'No RM has committed while another has aborted: every RM that decided agrees.',
  checks: [{ kind: 'always', holds: tcConsistentHolds, explain }],
};
