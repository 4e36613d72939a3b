/**
 * Symmetry reduction over the RMs, TLC's `SYMMETRY Permutations(RM)`.
 *
 * Nothing in TwoPhase.tla distinguishes one RM from another, and the TM's variables mention RMs
 * only through per-RM facts (r \in tmPrepared, Prepared(r) \in msgs). So an RM is fully described
 * by its nibble (encoding.ts), and sorting the RMs by nibble picks one representative per orbit:
 * two states are permutations of each other iff their sorted nibble lists (and TM header) agree.
 * The sort is stable, so the representative is a fixed point (idempotence).
 */
import type { Canonical } from '../../explorer/model';
import { rmNibble } from './encoding';
import { rmProcess, TM_PROCESS, type TwoPhaseState } from './state';

export function canonical(s: TwoPhaseState): Canonical<TwoPhaseState> {
  const rms = s.rmState.length;
  const nibbles = Array.from({ length: rms }, (_, rm) => rmNibble(s, rm));
  // order[i] = the RM of `s` that becomes RM i of the representative.
  const order = Array.from({ length: rms }, (_, rm) => rm).sort((a, b) => nibbles[a]! - nibbles[b]! || a - b);

  const perm = new Array<number>(rms + 1);
  perm[TM_PROCESS] = TM_PROCESS; // the TM is not permuted
  order.forEach((rm, i) => {
    perm[rmProcess(rm)] = rmProcess(i);
  });

  const state: TwoPhaseState = {
    rmState: order.map((rm) => s.rmState[rm]!),
    tmState: s.tmState,
    tmPrepared: order.map((rm) => s.tmPrepared[rm]!),
    msgs: { prepared: order.map((rm) => s.msgs.prepared[rm]!), commit: s.msgs.commit, abort: s.msgs.abort },
  };
  return { state, perm };
}
