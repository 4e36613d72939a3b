/**
 * The two models the spec offers: Lamport's protocol as published, and one plausible bug in it so
 * that `mc` has a two-phase counterexample to show (and tests have a violation with a known
 * shortest trace).
 */
import type { PatchInfo } from '../../explorer/model';
import type { VariantInfo } from '../../explorer/spec';

export type VariantId = 'correct' | 'mutant';

/** The mutant's one change to TwoPhase.tla (its guard of RMChooseToAbort, actions.ts). */
export const WEAK_ABORT: PatchInfo = { id: 'weak-abort', summary: 'RMChooseToAbort is enabled for a prepared RM too' };

export const VARIANTS: readonly VariantInfo[] = [
  {
    id: 'correct',
    version: 'TwoPhase.tla',
    summary: "Lamport's TwoPhase.tla exactly (tlaplus/Examples, transaction_commit).",
    patches: [],
  },
  {
    id: 'mutant',
    version: 'TwoPhase.tla, RMChooseToAbort weakened',
    summary: 'A prepared RM may still abort on its own (a participant that times out after voting yes).',
    details: [
      'RMChooseToAbort(r) is enabled when rmState[r] is "working" or "prepared", not only "working".',
      'Once an RM has sent Prepared it has promised to obey the TM; breaking that promise lets the TM',
      'commit (every RM prepared) while that RM has already aborted, so TCConsistent fails.',
    ],
    patches: [WEAK_ABORT],
  },
];

export const DEFAULT_VARIANT: VariantId = 'correct';

export function isVariantId(id: string): id is VariantId {
  return VARIANTS.some((v) => v.id === id);
}
