/**
 * The search itself: initial states, where a stopped search stops, limits of the state and check
 * encodings, hashing of whole states, several checks per property, traces' fields, statistics.
 * On explicit graphs (test/models/graphs.ts) whose answers are worked out by hand there.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryCeilingReached, SLACK_PER_THREAD } from '../explorer/memory-ceiling';
import { RESULT_SCHEMA, type Progress } from '../explorer';
import { actions, checkGraph, checkModel } from './support/engine-models';
import { verdicts } from './support/results';

const realUsage = process.resourceUsage.bind(process);
const realMemory = process.memoryUsage.bind(process);

describe('initial states', () => {
  it('an initial state that violates an invariant gives a 0-step trace from it', async () => {
    const result = await checkGraph('bad-start');
    expect(verdicts(result)).toEqual({ NotZero: 'violated', QuietNotZero: 'violated', QuietNotTwo: 'holds', DeadlockFree: 'holds' });
    // 0 is the second initial state: the trace starts from it.
    expect(result.properties[0].counterexample).toEqual({
      shape: 'trace',
      check: 'always',
      summary: 'NotZero fails: node 0 is bad',
      initial: { node: '0' },
      steps: [],
      states: [{ node: 0 }],
      contextSwitches: 0,
    });
    expect(result.properties[1].counterexample).toMatchObject({ check: 'atQuiescence', summary: 'QuietNotZero fails at quiescence', steps: [] });
    expect(result.properties[1].kinds).toEqual(['atQuiescence']);
    // Three initial states, two of them equal, and one step.
    expect(result.stats).toMatchObject({ distinct: 3, generated: 4, depth: 1, queue: 0 });
  });

  it('an initial state with no step that is not quiescent is a deadlock', async () => {
    const result = await checkGraph('dead-start');
    expect(result.properties).toEqual([
      {
        name: 'DeadlockFree',
        description: 'Every reachable state has an enabled step, unless it is quiescent (every actor done) or a step that violates a property led to it (such a state is final). A state where some process keeps stepping while the others wait is not a deadlock: a liveness property decides it.',
        kinds: ['deadlock'],
        verdict: 'violated',
        counterexample: {
          shape: 'trace',
          check: 'deadlock',
          summary: 'deadlock: no process has an enabled step and the system is not quiescent',
          initial: { node: '0' },
          steps: [],
          states: [{ node: 0 }],
          contextSwitches: 0,
          processes: [
            { process: 'P', role: 'blocked', detail: 'P at node 0' },
            { process: 'Q', role: 'blocked', detail: 'Q at node 0' },
          ],
        },
      },
    ]);
    expect(result.stats).toMatchObject({ distinct: 1, generated: 1, depth: 0 });
  });
});

describe('where a stopped search stops', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // chain: levels {0}, {1,10}, {2,11,20}, {3,12,21,30}, {4,13,22,31}, {23,32}, {33}.
  it('--stop-on-violation: a bad state found expanding level 2 stops once level 3 is discovered', async () => {
    const full = await checkGraph('chain-state');
    expect(full.stats).toMatchObject({ distinct: 17, generated: 17, depth: 6, queue: 0 });
    const stopped = await checkGraph('chain-state', { stopOnViolation: true });
    expect(stopped.completion).toEqual({ complete: false, stoppedBy: 'stop-on-violation' });
    expect(stopped.stats).toMatchObject({ distinct: 10, generated: 10, depth: 3, queue: 4 });
    expect(verdicts(stopped)).toEqual({ Chain: 'violated', DeadlockFree: 'unknown' });
    expect(actions(stopped, 'Chain')).toEqual(['P.next0', 'P.next1']);
  });

  it('--stop-on-violation: a bad step found expanding level 1 stops once level 2 is discovered', async () => {
    const full = await checkGraph('chain-step');
    expect(full.stats).toMatchObject({ distinct: 9, depth: 4 });
    const stopped = await checkGraph('chain-step', { stopOnViolation: true });
    expect(stopped.completion).toEqual({ complete: false, stoppedBy: 'stop-on-violation' });
    // Level 2 is {2, 11, 20}; 2, the bad step's target, is never queued.
    expect(stopped.stats).toMatchObject({ distinct: 6, generated: 6, depth: 2, queue: 2 });
    expect(verdicts(stopped)).toEqual({ Chain: 'violated', DeadlockFree: 'unknown' });
  });

  it('--stop-on-violation: a deadlock found expanding level 2 stops once level 3 is discovered', async () => {
    const full = await checkGraph('chain-deadlock');
    expect(full.stats).toMatchObject({ distinct: 9, depth: 4 });
    const stopped = await checkGraph('chain-deadlock', { stopOnViolation: true });
    expect(stopped.completion).toEqual({ complete: false, stoppedBy: 'stop-on-violation' });
    expect(stopped.stats).toMatchObject({ distinct: 8, depth: 3, queue: 2 });
    expect(verdicts(stopped)).toEqual({ DeadlockFree: 'violated' });
    expect(actions(stopped, 'DeadlockFree')).toEqual(['P.next0', 'P.next1']);
  });

  it('--stop-on-violation: a violation on the last level leaves nothing to stop', async () => {
    const result = await checkGraph('fields', { stopOnViolation: true });
    expect(result.completion).toEqual({ complete: true });
    expect(verdicts(result)).toEqual({ NeverTwo: 'violated', DeadlockFree: 'holds' });
  });

  it('--max-states: stops after the first batch that takes the count past the limit', async () => {
    // 6 states after expanding level 1 is not past 6; 10 after level 2 is.
    const result = await checkGraph('chain-state', { maxStates: 6 });
    expect(result.completion).toEqual({ complete: false, stoppedBy: 'max-states' });
    // The 4 states found expanding level 2 are level 3, never expanded: the depth reached.
    expect(result.stats).toMatchObject({ distinct: 10, queue: 4, depth: 3 });
    // The violation found on the way stands.
    expect(verdicts(result)).toEqual({ Chain: 'violated', DeadlockFree: 'unknown' });
  });

  it('--max-states with --stop-on-violation: the limit that stopped the search mid-level stays the reason', async () => {
    // As above: the batch that finds node 2 bad also takes the count past 6. The level is not
    // finished, so --stop-on-violation (which stops at the end of one) never comes into it.
    const result = await checkGraph('chain-state', { maxStates: 6, stopOnViolation: true });
    expect(result.completion).toEqual({ complete: false, stoppedBy: 'max-states' });
    expect(result.stats).toMatchObject({ distinct: 10, queue: 4, depth: 3 });
    expect(verdicts(result)).toEqual({ Chain: 'violated', DeadlockFree: 'unknown' });
  });

  it('--max-seconds 0 and a tiny --max-memory stop after the first batch', async () => {
    // The clock stands still: exactly 0 s have passed at every look, which reaches a limit of 0 s.
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    for (const [limit, reason] of [[{ maxSeconds: 0 }, 'max-seconds'], [{ maxMemory: 1 }, 'max-memory']] as const) {
      const result = await checkGraph('chain-state', limit);
      expect(result.completion).toEqual({ complete: false, stoppedBy: reason });
      // Level 0 expanded; its successors 1 and 10 are level 1, the queue.
      expect(result.stats).toMatchObject({ distinct: 3, queue: 2, depth: 1 });
      expect(verdicts(result)).toEqual({ Chain: 'unknown', DeadlockFree: 'unknown' });
    }
  });

  it('generous --max-seconds and --max-memory change nothing: the run completes with the same result', async () => {
    const free = await checkGraph('chain-state');
    // Seconds are compared as seconds (not milliseconds), and memory against what the process has.
    const limited = await checkGraph('chain-state', { maxSeconds: 600, maxMemory: process.memoryUsage().rss + 2 ** 34 });
    expect(limited.completion).toEqual({ complete: true });
    expect(limited.stats).toMatchObject({ distinct: free.stats.distinct, generated: free.stats.generated, queue: 0 });
    expect(verdicts(limited)).toEqual(verdicts(free));
  });

  it('--max-memory is a ceiling: the next growth counts before it happens, with a sixteenth kept for the heaps', () => {
    // A ceiling of 1,600 MiB (one thread) stops at 1,500 MiB resident-plus-growth, not before and not after.
    const MiB = 2 ** 20;
    expect(memoryCeilingReached(1_000 * MiB, 499 * MiB, 1_600 * MiB, 1)).toBe(false);
    expect(memoryCeilingReached(1_000 * MiB, 500 * MiB, 1_600 * MiB, 1)).toBe(true);
    expect(memoryCeilingReached(1_499 * MiB, 0, 1_600 * MiB, 1)).toBe(false);
    expect(memoryCeilingReached(1_500 * MiB, 0, 1_600 * MiB, 1)).toBe(true);
  });

  it('--max-memory keeps at least SLACK_PER_THREAD for each thread when that is more than a sixteenth', () => {
    const MiB = 2 ** 20;
    expect(SLACK_PER_THREAD).toBe(16 * MiB);
    // 150 MiB, 2 threads: 32 MiB kept (a sixteenth would be 9.4), so the stop is at 118 MiB.
    expect(memoryCeilingReached(118 * MiB - 1, 0, 150 * MiB, 2)).toBe(false);
    expect(memoryCeilingReached(117 * MiB, MiB, 150 * MiB, 2)).toBe(true);
    // One thread: 16 MiB kept, the stop at 134 MiB.
    expect(memoryCeilingReached(134 * MiB - 1, 0, 150 * MiB, 1)).toBe(false);
    expect(memoryCeilingReached(134 * MiB, 0, 150 * MiB, 1)).toBe(true);
  });

  it('reports progress after the first batch', async () => {
    const seen: Progress[] = [];
    await checkGraph('chain-state', { onProgress: (p) => seen.push(p) });
    expect(seen[0]).toMatchObject({ generated: 3, distinct: 3, queue: 2, depth: 0 });
    expect(seen[0].seconds).toBeGreaterThanOrEqual(0);
    expect(seen[0].seconds).toBeLessThan(600);
  });

  it('reports progress at most every 200 ms', async () => {
    const seen: Progress[] = [];
    await checkModel('wide', undefined, { width: 4096 }, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i].seconds - seen[i - 1].seconds).toBeGreaterThanOrEqual(0.2 - 1e-9);
  });

  it('stops when interrupted during the search: a batch in the calling thread yields to the event loop', async () => {
    // The abort comes from a timer, which can only run if the search gives the event loop a turn.
    const controller = new AbortController();
    let armed = false;
    const result = await checkModel('wide', undefined, { width: 4096 }, {
      signal: controller.signal,
      onProgress: () => {
        if (!armed) setTimeout(() => controller.abort(), 0);
        armed = true;
      },
    });
    expect(result.completion).toEqual({ complete: false, stoppedBy: 'interrupted' });
    expect(result.stats.distinct).toBeLessThan(1 + 3 * 4096);
  });
});

describe('encodings and limits', () => {
  it('hashes whole states: states that differ only after their 8th byte stay apart', async () => {
    // graphs: 12 bytes, the node in the last two; ring: 9 bytes, the holder last.
    expect((await checkGraph('chain-state')).stats.distinct).toBe(17);
    expect((await checkModel('ring', undefined, { n: 5 })).stats.distinct).toBe(5);
  });

  it('accepts 32 state checks (the 32nd uses the top bit of the mask) and refuses 33', async () => {
    const result = await checkGraph('checks-32');
    expect(result.properties.filter((p) => p.verdict === 'violated')).toHaveLength(32);
    expect(actions(result, 'Not32')).toEqual(['P.to32']);
    expect(actions(result, 'Not1')).toEqual(['P.to1']);
    await expect(checkGraph('checks-33')).rejects.toThrow('a model may have at most 32 state checks');
  });
});

describe('a property with several checks', () => {
  it('reports the shortest counterexample among its checks, the earliest-listed on a tie', async () => {
    const result = await checkGraph('several');
    const by = (name: string) => result.properties.find((p) => p.name === name)!;
    expect(actions(result, 'ShortestWins')).toEqual(['Q.s']);
    expect(by('ShortestWins').counterexample!.check).toBe('step');
    expect(by('ShortestWins').kinds).toEqual(['always', 'step']);
    expect(actions(result, 'TieAlwaysFirst')).toEqual(['Q.u']);
    expect(by('TieAlwaysFirst').kinds).toEqual(['always']);
    expect(actions(result, 'TieStepFirst')).toEqual(['Q.t']);
    expect(by('TieStepFirst').counterexample!.check).toBe('step');
    // A lasso counts its prefix and its cycle: 2 steps against the invariant's 3.
    expect(actions(result, 'LassoWins')).toEqual(['P.a', '|', 'P.spin']);
    expect(by('LassoWins').counterexample!.check).toBe('leaves');
    expect(by('LassoWins').kinds).toEqual(['always', 'leaves']);
  });
});

describe('traces', () => {
  it('list each step with the fields it changed, including fields that appear and disappear', async () => {
    const result = await checkGraph('fields');
    expect(result.properties[0].counterexample).toEqual({
      shape: 'trace',
      check: 'always',
      summary: 'NeverTwo fails: node 2 is bad',
      initial: { node: '0' },
      steps: [
        {
          process: 'P',
          action: 'P.raise',
          outcome: 'raised',
          label: 'P does raise: 0 -> 1',
          source: { file: 'fs/x.c', line: 1, function: 'f' },
          changes: [
            { field: 'node', before: '0', after: '1' },
            { field: 'flag', after: 'up' },
          ],
        },
        {
          process: 'Q',
          action: 'Q.lower',
          label: 'Q does lower: 1 -> 2',
          changes: [
            { field: 'node', before: '1', after: '2' },
            { field: 'flag', before: 'up' },
          ],
        },
      ],
      states: [{ node: 0 }, { node: 1 }, { node: 2 }],
      contextSwitches: 1,
    });
  });
});

describe('the result', () => {
  it('echoes the run, names its schema, and derives its statistics as documented', async () => {
    const result = await checkGraph('shortest-cycle', { symmetry: true, workers: 1.7 });
    expect(result.schema).toBe(RESULT_SCHEMA);
    expect(RESULT_SCHEMA).toBe('mc-result/2');
    // The graphs have no symmetry to use; a fractional worker count is rounded down.
    expect(result.run).toEqual({ spec: 'graphs', variant: 'shortest-cycle', params: {}, symmetry: false, workers: 1 });
    expect(result.completion).toEqual({ complete: true });
    expect(result.processes).toEqual(['P', 'Q']);
    const { stats } = result;
    expect(stats).toMatchObject({ distinct: 7, generated: 10, depth: 3, queue: 0 });
    expect(stats.collisionProbability).toBe((7 * 3) / 2 ** 64);
    expect(stats.distinctPerSecond).toBe(stats.searchSeconds > 0 ? Math.round(7 / stats.searchSeconds) : 7);
    expect(stats.seconds).toBeGreaterThanOrEqual(stats.searchSeconds);
    expect(stats.seconds).toBeLessThan(600);
    // At least a 64-bit fingerprint per state; far from a megabyte.
    expect(stats.bytesPerState).toBeGreaterThanOrEqual(8);
    expect(stats.bytesPerState).toBeLessThan(1_000_000);
  });

  it("measures the process's resident memory: the peak, the start, and what the search took above it when it set the peak", async () => {
    // The kernel's figures, mocked: maxRSS in KiB (the peak so far), rss in bytes (now).
    const kib = (mib: number) => mib * 1024;
    const peaks = [kib(300), kib(420)];
    const usage = vi.spyOn(process, 'resourceUsage').mockImplementation(() => ({ ...realUsage(), maxRSS: peaks.shift() ?? kib(420) }));
    const now = vi.spyOn(process, 'memoryUsage').mockImplementation(() => ({ ...realMemory(), rss: 200 * 2 ** 20 }));
    try {
      const result = await checkGraph('shortest-cycle', { workers: 1 });
      expect(result.stats.memory).toEqual({ peakBytes: 420 * 2 ** 20, startBytes: 200 * 2 ** 20, aboveStartBytes: 220 * 2 ** 20 });
      // A peak set before the search (an earlier run in the process) is not this search's: no figure above the start.
      peaks.push(kib(420), kib(420));
      const again = await checkGraph('shortest-cycle', { workers: 1 });
      expect(again.stats.memory).toEqual({ peakBytes: 420 * 2 ** 20, startBytes: 200 * 2 ** 20 });
    } finally {
      usage.mockRestore();
      now.mockRestore();
    }
    // Unmocked, the figures are the process's own.
    const real = (await checkGraph('shortest-cycle', { workers: 1 })).stats.memory!;
    expect(real.peakBytes).toBe(process.resourceUsage().maxRSS * 1024);
    expect(real.startBytes).toBeGreaterThan(0);
    expect(real.startBytes).toBeLessThanOrEqual(real.peakBytes);
  });

  it('runs in the calling thread for fewer than one worker', async () => {
    const result = await checkGraph('shortest-cycle', { workers: 0.5 });
    expect(result.run.workers).toBe(1);
  });

  it('searches a level of many batches with a fractional worker count as with the whole count below it', async () => {
    // Level 1 holds 4,700 states, 10 batches: 1.7 workers once put 8.8 batches in flight, and the
    // batches dispatched after the first were cut at fractional positions (a crash).
    const result = await checkModel('wide', undefined, { width: 4700 }, { workers: 1.7 });
    expect(result.run.workers).toBe(1);
    expect(result.completion).toEqual({ complete: true });
    expect(result.stats).toMatchObject({ distinct: 1 + 3 * 4700, depth: 3 });
  });
});
