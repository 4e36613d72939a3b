/**
 * Symmetry reduction must never change a verdict. Properties that name particular processes are
 * where it goes wrong: a `leaves` check on a subset of interchangeable processes, or an invariant
 * or quiescence check about one process. The spinlock toy has each shape; the differential test
 * then runs every model the project has, reduced and not, and compares every verdict.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore, type Result } from '../explorer';
import { verdicts } from './support/results';
import { TOY_MODULE } from './support/toy';
import { renderTerminal } from '../reports/terminal';
import { renderMarkdown } from '../reports/markdown';
import { recordedViolation, replaySchedule } from '../explorer/schedule';
import { spec as spinlockSpec } from './models/spinlock';

const SPINLOCK = path.join(__dirname, 'models', 'spinlock');
const NFS = path.join(__dirname, '..', 'spec', 'nfs');
const TWO_PHASE = path.join(__dirname, '..', 'spec', 'two-phase');

function check(module: string, spec: string, variant: string, params: Record<string, number>, symmetry: boolean): Promise<Result> {
  return explore({ module, args: { variant, params } }, { spec, variant, params }, { workers: 1, symmetry });
}

const spinlock = (variant: string, symmetry: boolean, params: Record<string, number> = {}) =>
  check(SPINLOCK, 'spinlock', variant, { n: 3, watch: 1, ...params }, symmetry);

describe('symmetry with properties that name some processes', () => {
  it('finds the starvation of the one watched process (a leaves check on a subset)', async () => {
    for (const watch of [1, 2, 3]) {
      const off = await spinlock('starvation', false, { watch });
      const on = await spinlock('starvation', true, { watch });
      expect(verdicts(off)).toEqual({ WatchedLeavesTry: 'violated', DeadlockFree: 'holds' });
      expect(verdicts(on)).toEqual(verdicts(off));
      // Still reduced (the check is symmetric as a family), and the lasso is about the watched one.
      expect(on.run.symmetry).toBe(true);
      expect(on.stats.distinct).toBeLessThan(off.stats.distinct);
      expect(on.warnings).toBeUndefined();
      const lasso = on.properties[0].counterexample!;
      expect(lasso.shape).toBe('lasso');
      expect(lasso.summary).toMatch(new RegExp(`^WatchedLeavesTry: P${watch} never leaves the region`));
      const watched = `P${watch}`;
      expect(lasso.processes!.find((p) => p.role === 'spinning')!.process).toBe(watched);
      // The watched process spins through the cycle while it is in try: the trace is about it.
      const cycle = lasso.steps.slice(lasso.loopStart);
      expect(cycle.some((s) => s.action === `${watched}.spin`)).toBe(true);
      expect(cycle.every((s) => s.action !== `${watched}.acquire`)).toBe(true);
      // Same length as the unreduced search's counterexample: renaming keeps it shortest.
      const plain = off.properties[0].counterexample!;
      expect([lasso.loopStart, lasso.steps.length]).toEqual([plain.loopStart, plain.steps.length]);
    }
  });

  it('starts the lasso of a renamed prefix from the initial state the renaming maps it to (an orbit of initial states)', async () => {
    // One initial state per lock holder: three initial states, one representative. With symmetry
    // the lasso's prefix is lifted, and renamed when the fair cycle was found for another
    // process's frame; it must then start from the renamed initial state, or it does not replay.
    // orbit 2: the free-lock initial state comes last, in an orbit of its own.
    for (const [watch, orbit] of [[1, 1], [2, 1], [3, 1], [1, 2], [2, 2], [3, 2]]) {
      const on = await spinlock('starvation', true, { watch, orbit });
      const off = await spinlock('starvation', false, { watch, orbit });
      expect(verdicts(on)).toEqual({ WatchedLeavesTry: 'violated', DeadlockFree: 'holds' });
      expect(verdicts(off)).toEqual(verdicts(on));
      const lasso = on.properties[0].counterexample!;
      expect(lasso.summary).toMatch(new RegExp(`^WatchedLeavesTry: P${watch} never leaves the region`));
      expect([lasso.loopStart, lasso.steps.length]).toEqual([off.properties[0].counterexample!.loopStart, off.properties[0].counterexample!.steps.length]);
      // Replayed step by step on the real (unreduced) model of the watched process, it closes.
      const watched = spinlockSpec.build({ variant: 'starvation', params: { n: 3, watch, orbit } });
      const replay = replaySchedule(watched, recordedViolation(on.properties[0]));
      expect(replay.initialDiffers).toBe(false);
      expect(replay.steps.every((s) => s.kind === 'same')).toBe(true);
      expect(replay.reproduction).toMatchObject({ reproduces: true, at: lasso.steps.length });
    }
  });

  it('turns symmetry off, and says why, for an invariant declared to name one process', async () => {
    const on = await spinlock('asym-always', true, { watch: 2 });
    const off = await spinlock('asym-always', false, { watch: 2 });
    expect(verdicts(on)).toEqual({ MutualExclusion: 'holds', WatchedNeverCritical: 'violated', DeadlockFree: 'holds' });
    expect(verdicts(on)).toEqual(verdicts(off));
    expect(on.run.symmetry).toBe(false);
    expect(on.stats.distinct).toBe(off.stats.distinct);
    expect(on.warnings).toEqual(['symmetry reduction turned off: property WatchedNeverCritical is not symmetric: its always check names P2']);
    expect(on.properties[1].counterexample!.steps.map((s) => s.action)).toEqual(['P2.try', 'P2.acquire']);
  });

  it('notices an undeclared invariant about one process on a renamed state, and redoes the run unreduced', async () => {
    for (const watch of [1, 2, 3]) {
      const on = await spinlock('asym-undeclared', true, { watch });
      const off = await spinlock('asym-undeclared', false, { watch });
      expect(verdicts(on)).toEqual({ MutualExclusion: 'holds', WatchedNeverCritical: 'violated', DeadlockFree: 'holds' });
      expect(on.run.symmetry).toBe(false);
      expect(on.stats.distinct).toBe(off.stats.distinct);
      expect(on.warnings![0]).toMatch(
        /^symmetry reduction turned off: property WatchedNeverCritical is not symmetric: its always check (holds|fails) on \{P1=.*\} and its representative \{P1=/,
      );
    }
  });

  it('notices the difference on an initial state that is not its own representative, before any step', async () => {
    const on = await spinlock('asym-undeclared', true, { holder: 1 });
    const off = await spinlock('asym-undeclared', false, { holder: 1 });
    expect(verdicts(on)).toEqual({ MutualExclusion: 'holds', WatchedNeverCritical: 'violated', DeadlockFree: 'holds' });
    expect(on.properties[1].counterexample!.steps).toEqual([]);
    expect(on.stats.distinct).toBe(off.stats.distinct);
    // Named on the initial state itself, not on a successor found later.
    expect(on.warnings).toEqual([
      'symmetry reduction turned off: property WatchedNeverCritical is not symmetric: its always check fails on ' +
        '{P1=critical, P2=idle, P3=idle, lock=held by P1} and its representative {P1=idle, P2=idle, P3=critical, lock=held by P3}, where it holds',
    ]);
  });

  it('turns symmetry off for a quiescence check about one process', async () => {
    const on = await spinlock('asym-quiescence', true, { watch: 3 });
    const off = await spinlock('asym-quiescence', false, { watch: 3 });
    expect(verdicts(on)).toEqual({ MutualExclusion: 'holds', WatchedFinishesLast: 'violated', DeadlockFree: 'holds' });
    expect(verdicts(on)).toEqual(verdicts(off));
    expect(on.run.symmetry).toBe(false);
    expect(on.warnings).toEqual(['symmetry reduction turned off: property WatchedFinishesLast is not symmetric: its atQuiescence check names P3']);
  });

  it('shows the warning in the terminal and Markdown reports', async () => {
    const on = await spinlock('asym-always', true, { watch: 2 });
    const warning = 'symmetry reduction turned off: property WatchedNeverCritical is not symmetric: its always check names P2';
    expect(renderTerminal(on)).toContain(`  symmetry   off\n  workers    1\n  processes  P1 P2 P3\n\nwarning: ${warning}\n`);
    expect(renderMarkdown(on)).toContain(`> **warning:** ${warning}`);
  });

  it('keeps symmetry for symmetric properties', async () => {
    const on = await spinlock('mutex', true);
    expect(on.run.symmetry).toBe(true);
    expect(on.warnings).toBeUndefined();
    expect(verdicts(on)).toEqual({ MutualExclusion: 'holds', DeadlockFree: 'holds' });
  });
});

/** Every model the project has, at sizes small enough to run twice. */
const DIFFERENTIAL: { module: string; spec: string; variant: string; params: Record<string, number> }[] = [
  ...['counters', 'zigzag', 'handoff', 'livelock', 'deadlock', 'spinners', 'stuck'].map((variant) => ({
    module: TOY_MODULE,
    spec: 'toy',
    variant,
    params: { n: 3, limit: 2 },
  })),
  ...['starvation', 'everyone', 'mutex', 'asym-always', 'asym-undeclared', 'asym-quiescence'].flatMap((variant) =>
    [1, 2, 3].map((watch) => ({ module: SPINLOCK, spec: 'spinlock', variant, params: { n: 3, watch } })),
  ),
  ...['correct', 'mutant'].map((variant) => ({ module: TWO_PHASE, spec: 'two-phase', variant, params: { rms: 3 } })),
  ...['v4.19.90', '14bebe3c', '22876f54', 'revert-14bebe3c', 'return-ret', '06c9fdf3', 'mainline', 'nullcheck'].map((variant) => ({
    module: NFS,
    spec: 'nfs',
    variant,
    params: { writers: 2, pages: 1, writes: 2, faults: 1 },
  })),
];

describe('symmetry on and off give the same verdict for every property', () => {
  for (const c of DIFFERENTIAL) {
    it(`${c.spec} ${c.variant} ${JSON.stringify(c.params)}`, async () => {
      const on = await check(c.module, c.spec, c.variant, c.params, true);
      const off = await check(c.module, c.spec, c.variant, c.params, false);
      expect(verdicts(on)).toEqual(verdicts(off));
      // Only the properties about one process cost the run its reduction.
      expect(on.warnings === undefined).toBe(!c.variant.startsWith('asym'));
      // Shortest counterexamples have the same length either way.
      const lengths = (r: Result) => r.properties.map((p) => p.counterexample?.steps.length);
      expect(lengths(on)).toEqual(lengths(off));
    });
  }
});
