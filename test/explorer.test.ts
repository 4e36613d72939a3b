import { describe, expect, it } from 'vitest';
import { checkToy } from './support/toy';
import { timeless, verdicts } from './support/results';

describe('the explorer on hand-built models', () => {
  it('finds the shortest counterexample', async () => {
    const result = await checkToy('counters', { n: 2, limit: 2 });
    expect(result.stats.distinct).toBe(9);
    expect(result.stats.depth).toBe(4);
    const property = result.properties.find((p) => p.name === 'NotAllAtLimit')!;
    expect(property.verdict).toBe('violated');
    expect(property.counterexample!.steps).toHaveLength(4);
  });

  it('breaks ties between shortest traces by fewest context switches', async () => {
    // BFS first reaches (2,2) along P1,P2,P1,P2 (3 switches); P2,P2,P1,P1 has 1.
    const result = await checkToy('zigzag', { n: 2, limit: 2 });
    const trace = result.properties[0].counterexample!;
    expect(trace.steps).toHaveLength(4);
    expect(trace.contextSwitches).toBe(1);
    const processes = trace.steps.map((s) => s.process);
    const switches = processes.slice(1).filter((p, i) => p !== processes[i]).length;
    expect(switches).toBe(1);
  });

  it('reports a fair livelock as a lasso', async () => {
    const result = await checkToy('livelock');
    const property = result.properties.find((p) => p.name === 'PLeaves')!;
    expect(property.verdict).toBe('violated');
    const lasso = property.counterexample!;
    expect(lasso.shape).toBe('lasso');
    expect(lasso.steps.map((s) => s.action)).toEqual(['Q.giveUp', 'P.spin']);
    expect(lasso.loopStart).toBe(1);
    expect(lasso.processes).toEqual([
      { process: 'P', role: 'spinning', detail: 'P spinning on the flag' },
      { process: 'Q', role: 'blocked', detail: 'Q done' },
    ]);
  });

  it('reports a process left in its region when nothing can step any more', async () => {
    const result = await checkToy('stuck');
    expect(verdicts(result)).toEqual({ PLeaves: 'violated', DeadlockFree: 'holds' });
    const lasso = result.properties[0].counterexample!;
    expect(lasso.shape).toBe('lasso');
    expect(lasso.steps.map((s) => s.action)).toEqual(['Q.giveUp']);
    expect(lasso.loopStart).toBe(1);
    expect(lasso.summary).toBe('PLeaves: P is in the region and the system can take no further step (P spinning on the flag)');
  });

  it('does not report an unfair cycle (a process enabled throughout that never steps)', async () => {
    // P may spin forever while Q, always enabled, never sets the flag: weak fairness excludes it.
    const result = await checkToy('handoff');
    expect(verdicts(result)).toEqual({ PLeaves: 'holds', DeadlockFree: 'holds' });
  });

  it('reports a deadlock with the shortest trace and who waits for what', async () => {
    const result = await checkToy('deadlock');
    const deadlock = result.properties.find((p) => p.name === 'DeadlockFree')!;
    expect(deadlock.verdict).toBe('violated');
    expect(deadlock.counterexample!.steps).toHaveLength(2);
    expect(deadlock.counterexample!.processes!.map((p) => p.detail).sort()).toEqual(['waiting for lock 0', 'waiting for lock 1']);
  });

  it('symmetry keeps verdicts and trace lengths and explores fewer states', async () => {
    const plain = await checkToy('counters', { n: 3, limit: 2 });
    const reduced = await checkToy('counters', { n: 3, limit: 2 }, { symmetry: true });
    expect(plain.stats.distinct).toBe(27);
    expect(reduced.stats.distinct).toBe(10);
    expect(verdicts(reduced)).toEqual(verdicts(plain));
    expect(reduced.properties[0].counterexample!.steps).toHaveLength(6);
    expect(reduced.properties[0].counterexample!.contextSwitches).toBe(2);
  });

  it('finds the same fair livelock with and without symmetry', async () => {
    for (const n of [2, 3]) {
      const plain = await checkToy('spinners', { n });
      const reduced = await checkToy('spinners', { n }, { symmetry: true });
      expect(reduced.stats.distinct).toBeLessThan(plain.stats.distinct);
      expect(verdicts(reduced)).toEqual(verdicts(plain));
      const a = plain.properties[0].counterexample!;
      const b = reduced.properties[0].counterexample!;
      expect(b.steps.length).toBe(a.steps.length);
      expect(b.loopStart).toBe(a.loopStart);
      // Every process enters the loop, then all of them spin in the cycle.
      expect(a.loopStart).toBe(n);
      expect(new Set(b.steps.slice(b.loopStart).map((s) => s.process)).size).toBe(n);
    }
  });

  it('stops at a limit without claiming that anything holds', async () => {
    const result = await checkToy('counters', { n: 4, limit: 5 }, { maxStates: 20 });
    expect(result.completion).toEqual({ complete: false, stoppedBy: 'max-states' });
    expect(result.properties.map((p) => p.verdict)).toEqual(['unknown', 'unknown']);
    expect(result.stats.queue).toBeGreaterThan(0);
  });

  it('stops when interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await checkToy('counters', { n: 4, limit: 5 }, { signal: controller.signal });
    expect(result.completion).toEqual({ complete: false, stoppedBy: 'interrupted' });
  });

  it.each([
    ['counters', { n: 3, limit: 2 }, false],
    ['counters', { n: 3, limit: 2 }, true],
    ['zigzag', { n: 2, limit: 2 }, false],
    ['handoff', {}, false],
    ['livelock', {}, false],
    ['deadlock', {}, false],
    ['spinners', { n: 3 }, true],
  ] as const)('gives the same result with 1 and 2 workers (%s %j symmetry=%s)', async (variant, params, symmetry) => {
    const one = await checkToy(variant, params, { workers: 1, symmetry });
    const two = await checkToy(variant, params, { workers: 2, symmetry });
    expect(timeless(two)).toEqual(timeless(one));
  });
});
