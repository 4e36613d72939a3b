/**
 * Liveness under weak fairness, and which lasso is reported: on explicit graphs
 * (test/models/graphs.ts) whose answers are worked out by hand there, and on symmetric models of
 * test/models/survivors-symmetric.ts.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore, type Model } from '../explorer';
import { recordedViolation, replaySchedule } from '../explorer/schedule';
import { spec as survivorsSymmetric } from './models/survivors-symmetric';
import { actions, checkGraph, checkModel } from './support/engine-models';
import { verdicts } from './support/results';

describe('weak fairness per process', () => {
  it.each(['fairness-first', 'fairness-second'])(
    'a process enabled on only part of a cycle need not step: the cycle is fair (%s)',
    async (variant) => {
      const result = await checkGraph(variant);
      expect(verdicts(result)).toEqual({ PLeaves: 'violated', DeadlockFree: 'holds' });
      expect(actions(result, 'PLeaves')).toEqual(['|', 'P.toggle', 'P.toggle']);
      const lasso = result.properties[0].counterexample!;
      expect(lasso).toMatchObject({ shape: 'lasso', check: 'leaves', loopStart: 0, contextSwitches: 0 });
      expect(lasso.summary).toBe('PLeaves: P never leaves the region under weak fairness (P at node 0)');
      expect(lasso.processes).toEqual([
        { process: 'P', role: 'spinning', detail: 'P at node 0' },
        // Q is blocked where the cycle shows it disabled: the cycle's other node.
        { process: 'Q', role: 'blocked', detail: variant === 'fairness-first' ? 'Q at node 1' : 'Q at node 0' },
      ]);
    },
  );

  it('a process enabled all around a cycle must step: a cycle without its step is not fair', async () => {
    const result = await checkGraph('fairness-everywhere');
    expect(verdicts(result)).toEqual({ PLeaves: 'holds', DeadlockFree: 'holds' });
  });

  it('uses all 32 process bits: the 32nd process spinning alone, and enabled where the 31st spins', async () => {
    const result = await checkGraph('thirty-two');
    expect(verdicts(result)).toEqual({ P32Leaves: 'violated', P31Leaves: 'holds', DeadlockFree: 'holds' });
    expect(actions(result, 'P32Leaves')).toEqual(['P1.start', '|', 'P32.spin']);
    expect(result.properties[0].counterexample!.summary).toBe('P32Leaves: P32 never leaves the region under weak fairness (P32 at node 1)');
  });

  it('refuses a model with more than 32 processes', async () => {
    await expect(checkGraph('thirty-three')).rejects.toThrow('a model may have at most 32 processes');
  });
});

describe('the lasso reported', () => {
  it('is the shortest fair cycle among several entered at the same depth', async () => {
    // Cycles of 3, 1 and 2 steps, found in that order.
    const result = await checkGraph('shortest-cycle');
    expect(actions(result, 'PLeaves')).toEqual(['P.b1', '|', 'P.b2']);
    expect(result.properties[0].counterexample!.loopStart).toBe(1);
  });

  it('enters its cycle at the shallowest state (lowest index on a tie), by the shortest cycle from there', async () => {
    const result = await checkGraph('entry');
    expect(actions(result, 'PLeaves')).toEqual(['P.go', '|', 'P.right', 'P.left']);
  });

  it('enters at the shallowest state even when the depth-first search meets the component through a deeper one', async () => {
    const result = await checkGraph('lasso-shapes');
    expect(actions(result, 'EntryOrder')).toEqual(['P.b', '|', 'P.y', 'P.x']);
  });

  it('closes the cycle inside the region, not by a shorter way through a state outside it', async () => {
    const result = await checkGraph('lasso-shapes');
    expect(actions(result, 'InComponent')).toEqual(['P.d', '|', 'P.e', 'P.f', 'P.g']);
    expect(result.properties[1].counterexample!.loopStart).toBe(1);
  });

  it('a property with an invariant and a liveness check reports the shorter whole counterexample: a 3-step trace over a 1 + 3-step lasso', async () => {
    const result = await checkGraph('lasso-shapes');
    const traceWins = result.properties.find((p) => p.name === 'TraceWins')!.counterexample!;
    expect(traceWins).toMatchObject({ shape: 'trace', check: 'always' });
    expect(actions(result, 'TraceWins')).toEqual(['P.d', 'P.e', 'P.f']);
  });

  it('a lasso from the second initial state starts there', async () => {
    const result = await checkGraph('lasso-shapes');
    const second = result.properties.find((p) => p.name === 'SecondStart')!.counterexample!;
    expect(second).toMatchObject({ shape: 'lasso', loopStart: 0, initial: { node: '20' } });
    expect(actions(result, 'SecondStart')).toEqual(['|', 'Q.spin']);
  });

  it('judges a component by its own edges only, not the next node\'s first edge', async () => {
    const result = await checkGraph('fair-judging');
    expect(verdicts(result)).toEqual({ NextNodesEdge: 'holds', EqualDepth: 'violated', ShallowFirst: 'violated', NoBadStep: 'violated', DeadlockFree: 'holds' });
  });

  it('of several entries at the same depth, enters at the one found first', async () => {
    const result = await checkGraph('fair-judging');
    expect(actions(result, 'EqualDepth')).toEqual(['P.a11', '|', 'P.x', 'P.y']);
  });

  it('only the shallowest entries compete on context switches: one switch at depth 2 beats none at depth 3', async () => {
    const result = await checkGraph('fair-judging');
    expect(actions(result, 'ShallowFirst')).toEqual(['P.f', 'Q.g', '|', 'P.loop']);
    expect(result.properties.find((p) => p.name === 'ShallowFirst')!.counterexample!).toMatchObject({ loopStart: 2, contextSwitches: 1 });
  });

  it('a search stopped early does not take the states it did not expand for stuck ones', async () => {
    const stopped = await checkGraph('long-path', { maxStates: 10 });
    expect(stopped.completion).toEqual({ complete: false, stoppedBy: 'max-states' });
    expect(verdicts(stopped).PLeaves).toBe('unknown');
    const full = await checkGraph('long-path');
    expect(verdicts(full).PLeaves).toBe('violated');
    expect(actions(full, 'PLeaves')).toEqual([...Array.from({ length: 40 }, (_, n) => `P.step${n}`), '|', 'P.spin']);
  });

  it('prefers the prefix with fewer context switches to a shorter cycle', async () => {
    const result = await checkGraph('entry-switches');
    expect(actions(result, 'PLeaves')).toEqual(['P.u', 'P.v', '|', 'P.w1', 'P.w2']);
    expect(result.properties[0].counterexample!.contextSwitches).toBe(0);
  });
});

describe('regions larger than an argument list (more than 200,000 states)', () => {
  it('one strongly connected component of 202,951 states: the lasso is a spin at the start', async () => {
    const result = await checkModel('big-region', 'cycle');
    expect(result.stats.distinct).toBe(1 + 450 + 202_500);
    expect(verdicts(result)).toEqual({ PStays: 'violated', DeadlockFree: 'holds' });
    expect(actions(result, 'PStays')).toEqual(['|', 'P.spin']);
  });

  it('202,500 dead ends in the region: the lasso stops at the first', async () => {
    const result = await checkModel('big-region', 'fan');
    expect(result.stats.distinct).toBe(1 + 450 + 202_500);
    expect(verdicts(result)).toEqual({ PStays: 'violated', DeadlockFree: 'violated' });
    expect(actions(result, 'PStays')).toEqual(['P.pick', 'P.pick', '|']);
    expect(result.properties[0].counterexample!.steps.map((s) => s.label)).toEqual(['P picks 0.-1', 'P picks 0.0']);
  });
});

describe('fairness under symmetry with 32 processes', () => {
  const ring = (symmetry: boolean) =>
    explore(
      { module: path.join(__dirname, 'models', 'survivors-symmetric'), args: { variant: 'ring32', params: {} } },
      { spec: 'survivors-symmetric', variant: 'ring32', params: {} },
      { workers: 1, symmetry },
    );

  it.each([false, true])('a token passed round a ring of 32 leaves every holder: P1 passes it (symmetry %s)', async (symmetry) => {
    // Reduced, one representative (the holder at P1) and 32 rotations: the renamings use all 32
    // bits of the region and enabled masks, and only the real holder is in the region at a node.
    const result = await ring(symmetry);
    expect(result.run.symmetry).toBe(symmetry);
    expect(result.stats.distinct).toBe(symmetry ? 1 : 32);
    expect(verdicts(result)).toEqual({ P1Passes: 'holds', DeadlockFree: 'holds' });
  });
});

describe('a renamed lasso under symmetry starts from an initial state of its own orbit', () => {
  it.each([false, true])('where tied processes leave the renamed initial state undetermined, it starts from one that leads to it (symmetry %s)', async (symmetry) => {
    const result = await explore(
      { module: path.join(__dirname, 'models', 'survivors-symmetric'), args: { variant: 'tied-orbit', params: {} } },
      { spec: 'survivors-symmetric', variant: 'tied-orbit', params: {} },
      { workers: 1, symmetry },
    );
    expect(result.run.symmetry).toBe(symmetry);
    expect(result.stats.distinct).toBe(symmetry ? 3 : 7);
    expect(verdicts(result)).toEqual({ P1LeavesOne: 'violated', DeadlockFree: 'holds' });
    const lasso = result.properties[0].counterexample!;
    // Two steps to [1, 1, 1], where nothing is enabled and P1 is at 1: stuck, no cycle.
    expect(lasso).toMatchObject({ shape: 'lasso', loopStart: 2 });
    expect(lasso.steps).toHaveLength(2);
    const replayed = replaySchedule(survivorsSymmetric.build({ variant: 'tied-orbit', params: {} }) as Model<readonly number[]>, recordedViolation(result.properties[0]));
    expect(replayed.reproduction.reproduces).toBe(true);
  });

  it.each([
    [1, { P1: 'idle', P2: 'idle', P3: 'critical', lock: 'held by P3' }, 'P1.try P2.try P1.spin P3.release P3.try P2.acquire P2.release P3.acquire'],
    [2, { P1: 'critical', P2: 'idle', P3: 'idle', lock: 'held by P1' }, 'P2.try P3.try P2.spin P1.release P1.try P3.acquire P3.release P1.acquire'],
    [3, { P1: 'critical', P2: 'idle', P3: 'idle', lock: 'held by P1' }, 'P3.try P2.try P3.spin P1.release P1.try P2.acquire P2.release P1.acquire'],
  ] as const)('watching P%i, after a first initial state of another orbit', async (watch, initial, steps) => {
    // The first initial state (parked, P1 marked) is not its own representative: its renaming
    // must not be taken for the orbit's, nor the parked state for the renamed root.
    const variant = `orbit-after-other-${watch}`;
    const result = await explore(
      { module: path.join(__dirname, 'models', 'survivors-symmetric'), args: { variant, params: {} } },
      { spec: 'survivors-symmetric', variant, params: {} },
      { workers: 1, symmetry: true },
    );
    expect(result.run.symmetry).toBe(true);
    expect(verdicts(result)).toEqual({ WatchedLeavesTry: 'violated', DeadlockFree: 'holds' });
    const lasso = result.properties[0].counterexample!;
    expect(lasso.initial).toEqual(initial);
    expect(lasso.steps.map((s) => s.action).join(' ')).toBe(steps);
    expect(lasso.loopStart).toBe(1);
    // Replayed on the real model, it starts where it says and its 7-step cycle closes.
    const replayed = replaySchedule(survivorsSymmetric.build({ variant, params: {} }), recordedViolation(result.properties[0]));
    expect(replayed.initialDiffers).toBe(false);
    expect(replayed.reproduction).toEqual({
      reproduces: true,
      at: 8,
      how: `the 7-step cycle closes again and is fair: P${watch} never leaves the region (WatchedLeavesTry)`,
    });
  });
});
