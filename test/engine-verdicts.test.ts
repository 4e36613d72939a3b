/**
 * From a search to verdicts and rendered counterexamples (explorer/verdicts.ts, explore.ts,
 * checks.ts), on the explicit graphs of test/models/graphs-more.ts (and a symmetric model of
 * test/models/survivors-symmetric.ts): each answer worked out by hand.
 */
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { explore, type ExploreOptions, type Result } from '../explorer';
import { perSecond } from '../explorer/explore';
import { SpecError } from '../explorer/spec-error';
import { actions } from './support/engine-models';

const MODULE = path.join(__dirname, 'models', 'graphs-more');

function check(variant: string, options: Partial<ExploreOptions> = {}): Promise<Result> {
  return explore({ module: MODULE, args: { variant, params: {} } }, { spec: 'graphs-more', variant, params: {} }, { workers: 1, symmetry: false, ...options });
}

const property = (result: Result, name: string) => result.properties.find((p) => p.name === name)!;
const verdicts = (result: Result) => result.properties.map((p) => [p.name, p.verdict]);

describe('rendering counterexamples', () => {
  it("a lasso's processes: who spins, who steps, who is blocked, each described where the cycle starts (or where it is disabled)", async () => {
    const result = await check('lasso-status');
    expect(actions(result, 'PLeaves')).toEqual(['P.a', '|', 'Q.x', 'P.y']);
    const lasso = property(result, 'PLeaves').counterexample!;
    // Switches are counted on the prefix only (P.a): the cycle's Q.x, P.y are not a prefix.
    expect(lasso).toMatchObject({
      shape: 'lasso',
      check: 'leaves',
      loopStart: 1,
      contextSwitches: 0,
      summary: 'PLeaves: P never leaves the region under weak fairness (P at node 1)',
      processes: [
        { process: 'P', role: 'spinning', detail: 'P at node 1' },
        { process: 'Q', role: 'steps', detail: 'Q at node 1' },
        // R is enabled at node 1 and disabled at node 2: described at 2, the second cycle state.
        { process: 'R', role: 'blocked', detail: 'R at node 2' },
      ],
    });
    expect(result).not.toHaveProperty('warnings');
  });

  it('a property with an invariant and liveness reports its shorter counterexample: the 2-step trace, not the 1 + 2-step lasso', async () => {
    const result = await check('lasso-status');
    const trace = property(result, 'TraceOrLasso').counterexample!;
    expect(actions(result, 'TraceOrLasso')).toEqual(['Q.b', 'Q.c']);
    expect(trace).toMatchObject({ shape: 'trace', check: 'always', contextSwitches: 0, summary: 'TraceOrLasso fails: node 5 is bad' });
    expect(trace).not.toHaveProperty('loopStart');
    expect(trace).not.toHaveProperty('processes');
  });

  it('a process stuck in its region where nothing can step, and the deadlock there', async () => {
    const result = await check('lasso-status');
    const everyoneAtSix = ['P', 'Q', 'R'].map((p) => ({ process: p, role: 'blocked', detail: `${p} at node 6` }));
    expect(actions(result, 'Stuck')).toEqual(['P.s', '|']);
    expect(property(result, 'Stuck').counterexample).toMatchObject({
      shape: 'lasso',
      loopStart: 1,
      summary: 'Stuck: Q is in the region and the system can take no further step (Q at node 6)',
      processes: everyoneAtSix,
    });
    expect(property(result, 'DeadlockFree').counterexample).toMatchObject({
      shape: 'trace',
      check: 'deadlock',
      summary: 'deadlock: no process has an enabled step and the system is not quiescent',
      processes: everyoneAtSix,
    });
  });

  it("a leaves check that names its region is named in the spec's words, not as \"the region\"", async () => {
    const result = await check('lasso-status-named');
    expect(property(result, 'PLeaves').counterexample!.summary).toBe('PLeaves: P never leaves the loop of nodes 1 and 2 under weak fairness (P at node 1)');
    expect(property(result, 'Stuck').counterexample!.summary).toBe('Stuck: Q is in node 6 and the system can take no further step (Q at node 6)');
  });

  it('without explainProcess, summaries have no parenthesis and process details are empty', async () => {
    const result = await check('lasso-status-unexplained');
    const nobody = (roles: string[]) => ['P', 'Q', 'R'].map((process, i) => ({ process, role: roles[i], detail: '' }));
    expect(property(result, 'PLeaves').counterexample).toMatchObject({
      summary: 'PLeaves: P never leaves the region under weak fairness',
      processes: nobody(['spinning', 'steps', 'blocked']),
    });
    expect(property(result, 'Stuck').counterexample).toMatchObject({
      summary: 'Stuck: Q is in the region and the system can take no further step',
      processes: nobody(['blocked', 'blocked', 'blocked']),
    });
    expect(property(result, 'DeadlockFree').counterexample!.processes).toEqual(nobody(['blocked', 'blocked', 'blocked']));
  });

  it("a violating step's switches are counted from its own source: P.a, Q.b, P.bad (2), not through the next node in search order", async () => {
    const result = await check('switched-source');
    expect(actions(result, 'Stepped')).toEqual(['P.a', 'Q.b', 'P.bad']);
    expect(property(result, 'Stepped').counterexample).toMatchObject({ contextSwitches: 2, summary: 'Stepped: P does bad: 3 -> 5' });
  });
});

describe('step checks', () => {
  it('a step naming a property without a step check violates nothing', async () => {
    const result = await check('step-names');
    expect(verdicts(result)).toEqual([
      ['Inv', 'holds'],
      ['Stepped', 'violated'],
      ['DeadlockFree', 'holds'],
    ]);
    expect(actions(result, 'Stepped')).toEqual(['P.x', 'Q.b']);
    expect(property(result, 'Stepped').counterexample).toMatchObject({ contextSwitches: 1, summary: 'Stepped: Q does b: 2 -> 3' });
  });

  it.each([1, 2])("a violating step's target is a terminal of its own: the same state reached otherwise is explored (%i workers)", async (workers) => {
    const result = await check('shared-target', { workers });
    expect(verdicts(result)).toEqual([
      ['NeverThree', 'violated'],
      ['NoBadStep', 'violated'],
      ['NoSpin', 'violated'],
      ['DeadlockFree', 'holds'],
    ]);
    expect(actions(result, 'NeverThree')).toEqual(['P.a', 'P.b', 'P.c']);
    expect(actions(result, 'NoBadStep')).toEqual(['P.bad']);
    expect(actions(result, 'NoSpin')).toEqual(['P.a', 'P.spin']);
    // 0, the bad step's terminal, 2, the spin's terminal, 1, 3.
    expect(result.stats.distinct).toBe(6);
  });
});

describe('the bytes a search reports', () => {
  it('a safety-only search keeps no edges: 1,101 states in 294,912 bytes of seen set and empty columns', async () => {
    const result = await check('wide-fan');
    expect(result.stats.distinct).toBe(1101);
    // Seen set: a 65,536-slot Int32 table (262,144) and the fingerprint column, two Uint32 halves a
    // state, grown from 2,048 halves to 4,096 (16,384). Graph columns at their first 1,024 slots,
    // never grown: flags, proc, enabled and regions 1,024 each (one process: a byte a mask),
    // edgeStart and target 4,096 each, ordinal and perm 2,048 each (16,384). 294,912 / 1,101 =
    // 267.9. Kept edges would grow the per-state and per-edge columns to 2,048 slots.
    expect(result.stats.bytesPerState).toBe(268);
  });

  it('every column counts: 4 states in 286,720 bytes (the seen set, 270,336, and 16,384 of columns)', async () => {
    const result = await check('step-names');
    expect(result.stats.distinct).toBe(4);
    expect(result.stats.bytesPerState).toBe(71680);
  });
});

describe('an abort between the search and the verdicts', () => {
  const hook = globalThis as { mcOnNext?: (node: number) => void };
  afterEach(() => {
    delete hook.mcOnNext;
  });
  /** A signal aborted once the turn of the event loop that expands `node` is over. */
  const abortAfterExpanding = (node: number): AbortSignal => {
    const controller = new AbortController();
    hook.mcOnNext = (n) => {
      if (n !== node) return;
      delete hook.mcOnNext;
      setImmediate(() => controller.abort());
    };
    return controller.signal;
  };

  it('the search is complete, but nothing is decided after it: liveness unsearched is unknown, the violation the search found stands unrendered', async () => {
    // The abort lands after the search's last expansion (node 2), before the verdicts' first look.
    const signal = abortAfterExpanding(2);
    const result = await check('after-search', { signal });
    expect(result.completion).toEqual({ complete: false, stoppedBy: 'interrupted' });
    expect(result.stats.distinct).toBe(4);
    expect(verdicts(result)).toEqual([
      ['Live', 'unknown'],
      // Its invariant holds, but its liveness check was never searched.
      ['Mixed', 'unknown'],
      // Found by the search: it stands, without the counterexample the abort left unbuilt.
      ['Bad', 'violated'],
      // The same when only one of the property's checks failed: not "holds" for the other.
      ['OneOfTwo', 'violated'],
      // Decided by the complete search alone.
      ['DeadlockFree', 'holds'],
    ]);
    expect(property(result, 'Bad').counterexample).toBeUndefined();
    expect(property(result, 'OneOfTwo').counterexample).toBeUndefined();
  });

  it('an abort the search itself sees, after a failure, runs no second search to record its edges: the run answers at once', async () => {
    const signal = abortAfterExpanding(5);
    const result = await check('fail-then-chain', { signal });
    expect(result.completion).toEqual({ complete: false, stoppedBy: 'interrupted' });
    expect(result.stats.distinct).toBeLessThan(41);
    expect(verdicts(result)).toEqual([
      ['NotOne', 'violated'],
      ['DeadlockFree', 'unknown'],
    ]);
    expect(result.stats).not.toHaveProperty('recordingSeconds');
  });

  it('an abort asked for during the last expansion, where nothing failed and nothing is left to judge, skips nothing: the run is complete', async () => {
    const signal = abortAfterExpanding(40);
    const result = await check('fine-chain', { signal });
    // Judging had nothing to do, so it did not stop to look at the signal: the run was over first.
    expect(result.completion).toEqual({ complete: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(signal.aborted).toBe(true);
    expect(verdicts(result)).toEqual([
      ['NotFifty', 'holds'],
      ['DeadlockFree', 'holds'],
    ]);
  });

  it('without an abort the same run decides everything', async () => {
    const result = await check('after-search');
    expect(result.completion).toEqual({ complete: true });
    expect(verdicts(result)).toEqual([
      ['Live', 'holds'],
      ['Mixed', 'holds'],
      ['Bad', 'violated'],
      ['OneOfTwo', 'violated'],
      ['DeadlockFree', 'holds'],
    ]);
    expect(actions(result, 'OneOfTwo')).toEqual(['P.c']);
  });
});

describe('worker threads', () => {
  it('a run on two workers leaves no thread behind (their message ports close with the pool)', async () => {
    const threads = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;
    const before = threads();
    const result = await check('step-names', { workers: 2 });
    expect(verdicts(result)).toEqual([
      ['Inv', 'holds'],
      ['Stepped', 'violated'],
      ['DeadlockFree', 'holds'],
    ]);
    expect(threads()).toBe(before);
  });

  it('two workers share a level: the calling thread keeps its first batch, a worker thread takes the last (worker-edge)', async () => {
    // Worker threads load the compiled model (npm run build first). One worker: no successor
    // only a worker thread sees. Two: the level's first batch (node 1) stays in the calling
    // thread, which the merge needs first, and its last (node 1100) goes to the pool thread,
    // which takes the batches the merge needs last (explorer/executor.ts). 1,401 states: the
    // chain of 300 before node 0, nodes 0..1100; 1,402 with node 1102.
    const one = await check('worker-edge', { workers: 1 });
    const two = await check('worker-edge', { workers: 2 });
    expect([one.run.workers, one.stats.distinct]).toEqual([1, 1401]);
    expect([two.run.workers, two.stats.distinct]).toEqual([2, 1402]);
  });

  it('a worker thread that cannot build the model fails the search with its error, not a wait (worker-build-fails)', async () => {
    expect((await check('worker-build-fails', { workers: 1 })).stats.distinct).toBe(1102);
    await expect(check('worker-build-fails', { workers: 2 })).rejects.toThrow('this model is not built in worker threads');
  });

  it('fails a search that ended before a worker thread failed to build the model: every time, not only when the thread was needed (worker-build-fails-after-search)', async () => {
    expect((await check('worker-build-fails-after-search', { workers: 1 })).stats.distinct).toBe(1102);
    await expect(check('worker-build-fails-after-search', { workers: 2 })).rejects.toThrow('this model is not built in worker threads, late');
  });

  it('an interrupted search answers without waiting for a worker thread still building the model (worker-build-busy)', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await check('worker-build-busy', { workers: 2, signal: controller.signal });
    expect(result.completion).toEqual({ complete: false, stoppedBy: 'interrupted' });
  });

  it('any other error thrown in a worker thread reaches the caller with its message, not as a SpecError (worker-throws-plain)', async () => {
    const thrown = await check('worker-throws-plain', { workers: 2 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(SpecError);
    expect((thrown as Error).message).toBe('plain error in a worker thread');
  });

  it('a spec error thrown in a worker thread reaches the caller as the SpecError it was (worker-throws)', async () => {
    expect((await check('worker-throws', { workers: 1 })).stats.distinct).toBe(1401);
    const thrown = await check('worker-throws', { workers: 2 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(SpecError);
    expect(thrown).toMatchObject({ rule: 'next', detail: 'thrown in a worker thread', state: 'node=1100' });
  });
});

describe('the stats of a run', () => {
  it('a rate over a search too quick for the clock (0 s) is the count itself, else the count per second, rounded', () => {
    expect(perSecond(5, 0)).toBe(5);
    expect(perSecond(7, 2)).toBe(4);
    expect(perSecond(9, 0.5)).toBe(18);
  });
});

describe('symmetry reduction turned off by a property that names a process', () => {
  const counted = globalThis as { mcInitCalls?: number };
  afterEach(() => {
    delete counted.mcInitCalls;
  });
  const run = (symmetry: boolean) =>
    explore(
      { module: path.join(__dirname, 'models', 'survivors-symmetric'), args: { variant: 'late-asymmetry', params: {} } },
      { spec: 'survivors-symmetric', variant: 'late-asymmetry', params: {} },
      { workers: 1, symmetry },
    );

  it('records no edges for the reduced search it throws away, although that search had found a failure', async () => {
    // Safety only. The reduced search finds NoOne failing at depth 1, then stops on the renamed
    // [3,2] (depth 5). Its edges would be recorded for nothing: the run is redone unreduced. init()
    // is asked by the shape check, each search, the unreduced run's recording search, and the
    // replay of each of the 2 counterexamples: 5 without symmetry, one more (the reduced search)
    // with it, and no second recording search.
    counted.mcInitCalls = 0;
    const plain = await run(false);
    expect(counted.mcInitCalls).toBe(5);
    counted.mcInitCalls = 0;
    const reduced = await run(true);
    expect(reduced.run.symmetry).toBe(false);
    expect(reduced.warnings).toEqual([
      'symmetry reduction turned off: property P1BelowThree is not symmetric: its always check fails on {P1=3, P2=2} and its representative {P1=2, P2=3}, where it holds',
    ]);
    expect(counted.mcInitCalls).toBe(6);
    expect(verdicts(reduced)).toEqual(verdicts(plain));
    expect(actions(reduced, 'NoOne')).toEqual(['P1.inc']);
    expect(actions(reduced, 'P1BelowThree')).toEqual(['P1.inc', 'P1.inc', 'P1.inc']);
  });
});
