/**
 * One worker and two give the same result on two-phase. Worker threads load the compiled spec,
 * so this needs `npm run build` first (`npm test` does it).
 */
import { describe, expect, it } from 'vitest';
import { checkTwoPhase } from './two-phase-support';
import { timeless } from './support/results';

describe('two-phase with worker threads', () => {
  it.each([
    ['correct', 5, false],
    ['correct', 5, true],
    ['mutant', 4, false],
    ['mutant', 4, true],
  ] as const)('1 and 2 workers agree (%s, %i RMs, symmetry %s)', async (variant, rms, symmetry) => {
    const one = await checkTwoPhase(variant, rms, { workers: 1, symmetry });
    const two = await checkTwoPhase(variant, rms, { workers: 2, symmetry });
    expect(two.run.workers).toBe(2);
    expect(timeless(two)).toEqual(timeless(one));
  });
});
