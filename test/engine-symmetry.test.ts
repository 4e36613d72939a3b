/**
 * Symmetry inside liveness: the token ring (test/models/ring.ts), whose representatives form a
 * single self-loop that rotates the processes. Fairness must be judged on real processes, by
 * following each edge's renaming round the cycle (explorer/region-unfolding.ts), and the lasso's
 * steps must name the real processes that take them.
 */
import { describe, expect, it } from 'vitest';
import { actions, checkModel } from './support/engine-models';
import { verdicts } from './support/results';

describe('liveness under symmetry, on a cycle that renames processes', () => {
  it.each([2, 3, 4])('the token ring of %i agrees with and without symmetry', async (n) => {
    const plain = await checkModel('ring', undefined, { n });
    const reduced = await checkModel('ring', undefined, { n }, { symmetry: true });
    expect(plain.stats.distinct).toBe(n);
    expect(reduced.stats.distinct).toBe(1);
    for (const result of [plain, reduced]) {
      // Read off the representatives without their renamings, the holder would keep the token.
      expect(verdicts(result)).toEqual({ EveryoneGetsToken: 'holds', RingTurns: 'violated', DeadlockFree: 'holds' });
      // One pass by each process, in ring order from P2 (the first holder), then round again.
      const ring = Array.from({ length: n }, (_, i) => `P${((i + 1) % n) + 1}.pass`);
      expect(actions(result, 'RingTurns')).toEqual(['|', ...ring]);
      const lasso = result.properties[1].counterexample!;
      expect(lasso.initial).toEqual({ holder: 'P2' });
      // The ring has no typed view (Model.itf): the counterexample carries no typed states.
      expect(lasso.states).toBeUndefined();
      expect(lasso.steps.map((s) => s.process)).toEqual(ring.map((a) => a.split('.')[0]));
      expect(lasso.steps.map((s) => s.label)[0]).toBe(`P2 passes the token to P${(2 % n) + 1}`);
    }
  });

  it('without symmetry, names the first listed process of the check as the one that stays', async () => {
    const result = await checkModel('ring', undefined, { n: 3 });
    const lasso = result.properties[1].counterexample!;
    expect(lasso.summary).toBe('RingTurns: P1 never leaves the region under weak fairness (P1 waits for the token)');
    expect(lasso.processes).toEqual([
      { process: 'P1', role: 'spinning', detail: 'P1 waits for the token' },
      { process: 'P2', role: 'steps', detail: 'P2 holds the token' },
      { process: 'P3', role: 'steps', detail: 'P3 waits for the token' },
    ]);
  });
});
