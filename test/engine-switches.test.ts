/**
 * Counterexamples are shortest paths with the fewest context switches, and the choice among equal
 * ones is canonical: the first predecessor in BFS order, then in edge order, and the lowest state
 * index among failing states (explorer/fewest-switches.ts, explorer/verdicts.ts).
 */
import { describe, expect, it } from 'vitest';
import { actions, checkGraph } from './support/engine-models';
import { checkToy } from './support/toy';
import { checkTwoPhase } from './two-phase-support';

describe('fewest context switches among shortest counterexamples', () => {
  it('picks the failing state with fewer switches over a lower-numbered one', async () => {
    const result = await checkGraph('ties');
    // State 3 (after P.a, Q.c) is found before state 4 (after P.b, P.d), but costs a switch.
    expect(actions(result, 'TwoDeep')).toEqual(['P.b', 'P.d']);
    expect(result.properties[0].counterexample!.contextSwitches).toBe(0);
  });

  it('picks the lowest-numbered failing state among equally good ones', async () => {
    const result = await checkGraph('ties');
    expect(actions(result, 'OneDeep')).toEqual(['P.e']);
  });

  it('reaches a state through its first predecessor in BFS order, by its first edge', async () => {
    const result = await checkGraph('ties');
    expect(actions(result, 'ViaNine')).toEqual(['P.g', 'P.k']);
  });

  it('counts only shortest paths, even when a longer one has fewer switches', async () => {
    const result = await checkGraph('ties');
    expect(actions(result, 'Shortest')).toEqual(['P.s1', 'Q.s2']);
    expect(actions(result, 'Deep')).toEqual(['P.t1', 'P.t2', 'P.t4']);
  });

  it('between equal paths ending with different processes, takes the lower-numbered last process', async () => {
    const result = await checkGraph('ties');
    const twelve = result.properties.find((p) => p.name === 'Twelve')!.counterexample!;
    expect(twelve.steps.map((s) => s.action)).toEqual(['Q.r1', 'P.r2']);
    expect(twelve.contextSwitches).toBe(1);
    // It starts from the second initial state.
    expect(twelve.initial).toEqual({ node: '10' });
  });

  it('applies the same rule to violating steps', async () => {
    const result = await checkGraph('steps');
    expect(actions(result, 'Stepped')).toEqual(['P.b', 'P.d']);
    expect(actions(result, 'Direct')).toEqual(['Q.direct']);
    // The first step from an initial state switches from nobody: no context switch.
    expect(result.properties.find((p) => p.name === 'Direct')!.counterexample!.contextSwitches).toBe(0);
    const stepped = result.properties[0].counterexample!;
    expect(stepped).toMatchObject({ shape: 'trace', check: 'step', contextSwitches: 0, summary: 'Stepped: P does d: 2 -> 4' });
    expect(stepped.steps.map((s) => s.violates)).toEqual([undefined, 'Stepped']);
    // A step naming no property of the model violates nothing: its target is expanded like any other.
    expect(result.stats.distinct).toBe(14);
    expect(actions(result, 'Deeper')).toEqual(['P.a', 'Q.m']);
    const tie = result.properties.find((p) => p.name === 'StepTie')!.counterexample!;
    expect(tie.steps.map((s) => s.action)).toEqual(['Q.r1', 'P.r2', 'P.bad']);
    expect(tie.contextSwitches).toBe(1);
  });

  it('counts a violating step into a node an earlier violating step reached, and a violating self-loop (the worker never leaves them out)', async () => {
    const result = await checkGraph('step-repeat');
    expect(actions(result, 'Stepped')).toEqual(['P.b', 'P.d']);
    expect(result.properties[0].counterexample!.contextSwitches).toBe(0);
    expect(actions(result, 'Looped')).toEqual(['P.b', 'Q.stay']);
  });

  it.each([
    [2, 3, 'RM2.RMPrepare RM1.RMPrepare RM1.RMChooseToAbort TM.TMRcvPrepared(RM1) TM.TMRcvPrepared(RM2) TM.TMCommit RM2.RMRcvCommitMsg'],
    [3, 4, 'RM3.RMPrepare RM2.RMPrepare RM1.RMPrepare RM1.RMChooseToAbort TM.TMRcvPrepared(RM1) TM.TMRcvPrepared(RM2) TM.TMRcvPrepared(RM3) TM.TMCommit RM2.RMRcvCommitMsg'],
    [4, 5, 'RM4.RMPrepare RM3.RMPrepare RM2.RMPrepare RM1.RMPrepare RM1.RMChooseToAbort TM.TMRcvPrepared(RM1) TM.TMRcvPrepared(RM2) TM.TMRcvPrepared(RM3) TM.TMRcvPrepared(RM4) TM.TMCommit RM2.RMRcvCommitMsg'],
  ] as const)('two-phase mutant, %i RMs: one switch per RM preparing, then TM, then an RM (%i switches)', async (rms, switches, trace) => {
    // Each RM prepares in its own block, TM decides in one block, an RM receives the commit: rms + 1.
    const result = await checkTwoPhase('mutant', rms);
    const counterexample = result.properties.find((p) => p.name === 'TCConsistent')!.counterexample!;
    expect(counterexample.contextSwitches).toBe(switches);
    expect(counterexample.steps.map((s) => s.action).join(' ')).toBe(trace);
  });

  it.each([2, 3])('two-phase mutant, %i RMs: symmetry keeps the number of switches', async (rms) => {
    const plain = await checkTwoPhase('mutant', rms);
    const reduced = await checkTwoPhase('mutant', rms, { symmetry: true });
    const switches = (r: typeof plain) => r.properties.find((p) => p.name === 'TCConsistent')!.counterexample!.contextSwitches;
    expect(switches(reduced)).toBe(rms + 1);
    expect(switches(plain)).toBe(rms + 1);
  });

  it.each([
    [false, 'P3.inc P3.inc P2.inc P2.inc P1.inc P1.inc'],
    [true, 'P1.inc P1.inc P2.inc P2.inc P3.inc P3.inc'],
  ] as const)('counters, 3 processes, symmetry %s: each process counts in one block', async (symmetry, trace) => {
    for (const variant of ['counters', 'zigzag']) {
      const result = await checkToy(variant, { n: 3, limit: 2 }, { symmetry });
      const counterexample = result.properties[0].counterexample!;
      expect(counterexample.steps.map((s) => s.action).join(' ')).toBe(trace);
      expect(counterexample.contextSwitches).toBe(2);
    }
  });
});
