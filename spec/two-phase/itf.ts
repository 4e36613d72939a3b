/**
 * The state as typed ITF variables (`Model.itf`), exactly as Apalache would write TwoPhase.tla's:
 * `rmState` a function (`#map`) from RM to string, `tmPrepared` a `#set` of RMs, `msgs` a `#set`
 * of message records.
 */
import type { ItfState, ItfValue } from '../../explorer/itf-value';
import { rmName, type TwoPhaseState } from './state';

export function itf(s: TwoPhaseState): ItfState {
  const msgs: ItfValue[] = s.msgs.prepared.flatMap((f, rm) => (f ? [{ type: 'Prepared', rm: rmName(rm) }] : []));
  if (s.msgs.commit) msgs.push({ type: 'Commit' });
  if (s.msgs.abort) msgs.push({ type: 'Abort' });
  return {
    rmState: { '#map': s.rmState.map((st, rm) => [rmName(rm), st] as const) },
    tmState: s.tmState,
    tmPrepared: { '#set': s.tmPrepared.flatMap((f, rm) => (f ? [rmName(rm)] : [])) },
    msgs: { '#set': msgs },
  };
}
