/**
 * Lamport's two-phase commit (TwoPhase.tla): a small, well-known model whose TLC state counts are
 * published, used to validate the engine against TLC and to benchmark it.
 */
import type { SpecArgs, SpecDefinition } from '../../explorer/spec';
import { TC_CONSISTENT } from '../../invariants/two-phase/tc-consistent';
import { buildTwoPhase } from './model';
import { DEFAULT_VARIANT, isVariantId, VARIANTS } from './variants';

/**
 * Largest `--rms`. With symmetry (the CLI's default) every size up to 10 finishes in seconds
 * (10 RMs: a few thousand orbits). Without it, 8 RMs is the largest that finishes in practice
 * (1,745,408 states, about 3 minutes and 0.6 GB in one thread); 9 and 10 (roughly 10 and 60
 * million states) are for runs bounded by --max-states / --max-seconds, e.g. to test interruption.
 */
export const MAX_RMS = 10;

export const spec: SpecDefinition = {
  name: 'two-phase',
  summary: "Lamport's two-phase commit (TwoPhase.tla): a TM and N resource managers; checks TCConsistent.",
  parameters: [{ name: 'rms', min: 1, max: MAX_RMS, default: 3, help: 'number of resource managers (RM1..RMN)' }],
  variants: VARIANTS,
  defaultVariant: DEFAULT_VARIANT,
  symmetry: true,
  propertyNames: [TC_CONSISTENT],
  build(args: SpecArgs) {
    const variant = args.variant ?? DEFAULT_VARIANT;
    if (!isVariantId(variant)) throw new Error(`two-phase: unknown variant ${variant}`);
    const rms = args.params['rms'] ?? 3;
    if (!Number.isInteger(rms) || rms < 1 || rms > MAX_RMS) throw new Error(`two-phase: rms must be 1..${MAX_RMS}, got ${rms}`);
    return buildTwoPhase(rms, variant);
  },
};
