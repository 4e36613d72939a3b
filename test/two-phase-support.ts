/** Running the engine on the two-phase spec, and its state counts as TLC reports them. */
import * as path from 'path';
import { explore, type ExploreOptions, type Result } from '../explorer';

export const TWO_PHASE_MODULE = path.join(__dirname, '..', 'spec', 'two-phase', 'index');

export function checkTwoPhase(variant: 'correct' | 'mutant', rms: number, options: Partial<ExploreOptions> = {}): Promise<Result> {
  const params = { rms };
  return explore(
    { module: TWO_PHASE_MODULE, args: { variant, params } },
    { spec: 'two-phase', variant, params },
    { workers: 1, symmetry: false, ...options },
  );
}



/**
 * Distinct states of TwoPhase.tla (variant `correct`, no symmetry) as TLC counts them: `generated`
 * is TLC's "states generated" (initial states included), `levels` its "depth of the complete state
 * graph search" (BFS levels, the initial one included; our `stats.depth` is levels - 1).
 *
 * `source` says where each row comes from:
 * - `TLC`: a published TLC run of Lamport's TwoPhase.tla;
 * - `derived`: counted by the independent brute-force enumerator in two-phase-reference.ts
 *   (which also reproduces both TLC rows, see two-phase-counts.test.ts).
 */
export const TLC_COUNTS: ReadonlyArray<{
  readonly rms: number;
  readonly distinct: number;
  readonly generated: number;
  readonly levels: number;
  readonly source: string;
}> = [
  { rms: 1, distinct: 12, generated: 20, levels: 5, source: 'derived' },
  { rms: 2, distinct: 56, generated: 154, levels: 8, source: 'derived' },
  {
    rms: 3,
    distinct: 288,
    generated: 1146,
    levels: 11,
    source:
      'TLC: tlaplus/Examples specifications/transaction_commit/manifest.json, model TwoPhase.cfg (RM = {r1, r2, r3}): distinctStates 288, totalStates 1146, stateDepth 11',
  },
  { rms: 4, distinct: 1568, generated: 8258, levels: 14, source: 'derived' },
  { rms: 5, distinct: 8832, generated: 58146, levels: 17, source: 'derived' },
  {
    rms: 6,
    distinct: 50816,
    generated: 402306,
    levels: 20,
    source:
      'TLC: the closing comment of TwoPhase.tla (tlaplus/Examples): "checked with TLC for six RMs, a configuration with 50816 reachable states" (distinct only; generated and levels derived)',
  },
];

/** Distinct orbits under RM symmetry (TLC's SYMMETRY Permutations(RM)), derived by the reference enumerator. */
export const SYMMETRIC_COUNTS: ReadonlyArray<{ readonly rms: number; readonly distinct: number }> = [
  { rms: 1, distinct: 12 },
  { rms: 2, distinct: 34 },
  { rms: 3, distinct: 80 },
  { rms: 4, distinct: 166 },
  { rms: 5, distinct: 314 },
];
