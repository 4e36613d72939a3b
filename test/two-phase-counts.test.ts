/**
 * The acceptance check: distinct-state counts for `--rms N` equal TLC's for TwoPhase.tla.
 * The table (with the source of every number) is in two-phase-support.ts.
 */
import { describe, expect, it } from 'vitest';
import { exploreReference } from './two-phase-reference';
import { checkTwoPhase, SYMMETRIC_COUNTS, TLC_COUNTS } from './two-phase-support';
import { verdicts } from './support/results';

describe('two-phase state counts', () => {
  it.each(TLC_COUNTS.filter((row) => row.rms <= 5))(
    'the independent enumerator reproduces the table for $rms RMs',
    (row) => {
      const r = exploreReference(row.rms, 'correct');
      expect({ distinct: r.distinct, generated: r.generated, levels: r.levels }).toEqual({
        distinct: row.distinct,
        generated: row.generated,
        levels: row.levels,
      });
    },
  );

  it.each(TLC_COUNTS)('mc explores as many states as TLC for $rms RMs', async (row) => {
    const result = await checkTwoPhase('correct', row.rms);
    expect(result.completion).toEqual({ complete: true });
    expect(result.stats.distinct).toBe(row.distinct);
    expect(result.stats.generated).toBe(row.generated);
    expect(result.stats.depth).toBe(row.levels - 1);
  });

  it.each(SYMMETRIC_COUNTS)('symmetry explores one state per orbit for $rms RMs', async (row) => {
    expect(exploreReference(row.rms, 'correct', true).distinct).toBe(row.distinct);
    const reduced = await checkTwoPhase('correct', row.rms, { symmetry: true });
    const plain = await checkTwoPhase('correct', row.rms);
    expect(reduced.run.symmetry).toBe(true);
    expect(reduced.stats.distinct).toBe(row.distinct);
    if (row.rms > 1) expect(reduced.stats.distinct).toBeLessThan(plain.stats.distinct);
    expect(verdicts(reduced)).toEqual(verdicts(plain));
    expect(reduced.stats.depth).toBe(plain.stats.depth);
  });

  it('symmetry gives the same mutant verdicts with fewer states', async () => {
    const plain = await checkTwoPhase('mutant', 3);
    const reduced = await checkTwoPhase('mutant', 3, { symmetry: true });
    expect(verdicts(reduced)).toEqual(verdicts(plain));
    expect(reduced.stats.distinct).toBeLessThan(plain.stats.distinct);
    expect(reduced.stats.distinct).toBe(exploreReference(3, 'mutant', true).distinct);
    expect(plain.stats.distinct).toBe(exploreReference(3, 'mutant').distinct);
    const length = (r: typeof plain): number => r.properties.find((p) => p.name === 'TCConsistent')!.counterexample!.steps.length;
    expect(length(reduced)).toBe(length(plain));
  });
});
