/** Verdicts on two-phase: the protocol is safe, the mutant is not, and its trace is a shortest one. */
import { describe, expect, it } from 'vitest';
import { exploreReference, replay, tcConsistent } from './two-phase-reference';
import { checkTwoPhase } from './two-phase-support';
import { verdicts } from './support/results';

describe('two-phase verdicts', () => {
  it.each([1, 2, 3, 4, 5])('the correct protocol keeps TCConsistent and never deadlocks (%i RMs)', async (rms) => {
    const result = await checkTwoPhase('correct', rms);
    expect(verdicts(result)).toEqual({ TCConsistent: 'holds', DeadlockFree: 'holds' });
  });

  it('the mutant cannot go wrong with a single RM (TCConsistent needs two)', async () => {
    const result = await checkTwoPhase('mutant', 1);
    expect(verdicts(result)).toEqual({ TCConsistent: 'holds', DeadlockFree: 'holds' });
  });

  // Shortest violation: every RM prepares and the TM counts every vote (2N steps), one prepared
  // RM gives up, the TM commits and another RM receives Commit: 2N + 3 steps.
  it.each([
    [2, 7],
    [3, 9],
    [4, 11],
  ])('the mutant violates TCConsistent with a shortest trace (%i RMs: %i steps)', async (rms, length) => {
    for (const symmetry of [false, true]) {
      const result = await checkTwoPhase('mutant', rms, { symmetry });
      const property = result.properties.find((p) => p.name === 'TCConsistent')!;
      expect(property.verdict).toBe('violated');
      const trace = property.counterexample!;
      expect(trace.shape).toBe('trace');
      expect(trace.check).toBe('always');
      expect(trace.steps).toHaveLength(length);

      // A minimum: the independent enumerator finds no shorter path to a violating state.
      expect(exploreReference(rms, 'mutant').shortestViolation).toBe(length);

      // And a real path: the reference replays the same actions and ends in a violation.
      const actions = trace.steps.map((s) => s.action);
      expect(tcConsistent(replay(rms, 'mutant', actions))).toBe(false);
      expect(actions.filter((a) => a.endsWith('.RMChooseToAbort'))).toHaveLength(1);
      expect(trace.steps.every((s) => s.label.length > 0 && s.action.startsWith(`${s.process}.`))).toBe(true);
    }
  });

  it("times the second search that records the mutant's failure's edges (a safety-only run keeps none), and only when one ran", async () => {
    const mutant = await checkTwoPhase('mutant', 3);
    expect(verdicts(mutant).TCConsistent).toBe('violated');
    expect(mutant.stats.recordingSeconds).toBeGreaterThanOrEqual(0);
    expect(mutant.stats.seconds).toBeGreaterThanOrEqual(mutant.stats.searchSeconds + mutant.stats.recordingSeconds!);
    // Nothing violated, nothing to record.
    expect((await checkTwoPhase('correct', 3)).stats).not.toHaveProperty('recordingSeconds');
  });

  it('the mutant still never deadlocks', async () => {
    const result = await checkTwoPhase('mutant', 3);
    expect(verdicts(result)['DeadlockFree']).toBe('holds');
  });
});
