/**
 * What the breadth-first search (explorer/bfs.ts) hands back, asked of `breadthFirst` directly:
 * the graph's columns and level table, the hits per check, where a search stopped by a limit or an
 * asymmetry stands, what the `--max-memory` look-ahead counts, and the batches still in flight
 * when it stops. On the chain graphs of test/models/graphs.ts (levels worked out there) and the
 * purpose-built models of test/models/bfs-models.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { breadthFirst, type Recording } from '../explorer/bfs';
import { inlineExecutor, type Executor } from '../explorer/executor';
import { loadHasher } from '../explorer/fingerprint';
import { EXPANDED, QUIESCENT } from '../explorer/graph';
import type { Model } from '../explorer/model';
import type { ExploreOptions } from '../explorer/options';
import { SpecError } from '../explorer/spec-error';
import { spec as graphs } from './models/graphs';
import { contextOf } from './support/search-context';
import { asymmetricSecondBatch, asymmetricStart, fanOut, lossyFanOut, regionAtStart } from './models/bfs-models';

/** One worker in the calling thread, no symmetry unless asked; no `recording`: the default. */
async function search<S>(model: Model<S>, options: Partial<ExploreOptions> = {}, recording?: Recording) {
  const hash = await loadHasher();
  const symmetry = options.symmetry ?? false;
  const context = contextOf(model, hash, symmetry);
  const executor = inlineExecutor(context);
  const all = { workers: 1, ...options };
  return recording ? breadthFirst(context, executor, all, recording) : breadthFirst(context, executor, all);
}

const graph = (variant: string) => graphs.build({ variant, params: {} }) as Model<number>;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('what a search keeps', () => {
  // chain-step: levels {0}, {1, 10}, {2, 11, 20}, {21, 30}, {31}: the step 1 -> 2 violates, so
  // node 2 (state 3) is a terminal, never expanded. States by index: 0 1 10 2 11 20 21 30 31.
  it('records every edge unless told not to: targets, processes, the CSR and which states were expanded', async () => {
    const outcome = await search(graph('chain-step'));
    const g = outcome.graph;
    expect(g.size).toBe(9);
    expect(g.levelStarts).toEqual([0, 1, 3, 6, 8, 9]);
    expect(Array.from(g.target.view())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(g.proc.view())).toEqual([0, 1, 0, 1, 1, 1, 1, 1]);
    expect(Array.from(g.edgeStart.view())).toEqual([0, 2, 4, 5, 5, 6, 7, 8, 8, 8]);
    // The chain's last two states (30, 31) are quiescent; no state check fails anywhere.
    expect(Array.from(g.flags.view())).toEqual([1, 1, 1, 0, 1, 1, 1, 1, 1].map((f, i) => f * EXPANDED | (i >= 7 ? QUIESCENT : 0)));
    // No symmetry: the only renaming is the identity.
    expect(g.perms).toEqual([[0, 1]]);
    expect(outcome.generated).toBe(9);
  });

  it('a safety-only search (no edges) keeps the seen set and the level table only', async () => {
    const outcome = await search(graph('chain-step'), {}, { edges: false });
    const g = outcome.graph;
    expect([g.size, g.flags.length, g.enabled.length, g.regions.length, g.target.length, g.edgeStart.length]).toEqual([9, 0, 0, 0, 0, 1]);
    expect(g.levelStarts).toEqual([0, 1, 3, 6, 8, 9]);
    // Edges are numbered all the same: P.next1, the violating step, is edge 2.
    expect(outcome.stepHits).toEqual([{ depth: 2, items: [2], targets: [3] }]);
  });

  it('a search stopped mid-search gives the states it never expanded empty edge lists (the CSR stays dense)', async () => {
    // Level 1 (states 1, 2) takes the count to 6, past 5: its successors 2, 11, 20 are a level of
    // their own, never expanded; 11 and 20 are the queue (2, the violating step's target, is not).
    const outcome = await search(graph('chain-step'), { maxStates: 5 });
    const g = outcome.graph;
    expect([outcome.stoppedBy, outcome.queue, g.size]).toEqual(['max-states', 2, 6]);
    expect(g.levelStarts).toEqual([0, 1, 3, 6]);
    expect(Array.from(g.edgeStart.view())).toEqual([0, 2, 4, 5, 5, 5, 5]);
    expect(Array.from(g.flags.view())).toEqual([1, 1, 1, 0, 0, 0].map((f) => f * EXPANDED));
    expect(g.recorded).toBe(g.size);
  });

  it('tells each new state, as it is numbered, its fingerprint and the encoded state it was found from', async () => {
    const seen: { state: number; lo: number; hi: number; from: number }[] = [];
    const model = graph('chain-state');
    const outcome = await search(model, {}, {
      edges: false,
      onNewState: (state, lo, hi, from) => seen.push({ state, lo, hi, from: from === undefined ? -1 : model.decode(from) }),
    });
    const fp = outcome.graph.seen;
    expect(seen.map(({ lo, hi }) => [lo, hi])).toEqual(seen.map(({ state }) => [fp.lo(state), fp.hi(state)]));
    // chain-state by index: 0 1 10 2 11 20 3 12 21 30 4 13 22 31 23 32 33, and their parents.
    expect(seen.map(({ state }) => state)).toEqual(Array.from({ length: 17 }, (_, i) => i));
    expect(seen.map(({ from }) => from)).toEqual([-1, 0, 0, 1, 1, 10, 2, 2, 11, 20, 3, 3, 12, 21, 13, 22, 23]);
  });

  it('notes each state check a state fails, and only those, at the shallowest depth', async () => {
    // several: state checks in plan order are [2], [6], [1], [1], [3] (node lists); node 1 fails
    // the third and fourth. By index: 0 1 4 5 6 2 3 (4 and 5 are violating steps' terminals).
    const several = await search(graph('several'));
    expect(several.stateHits).toEqual([
      { depth: 2, items: [5] },
      { depth: 1, items: [4] },
      { depth: 1, items: [1] },
      { depth: 1, items: [1] },
      { depth: 3, items: [6] },
    ]);
    expect(several.stepHits).toEqual([
      { depth: 1, items: [1], targets: [2] },
      { depth: 1, items: [2], targets: [3] },
    ]);
    expect(several.deadlocks).toBeUndefined();
    // checks-32: node n (state n) fails check n - 1 alone; the 32nd is the mask's top bit.
    const many = await search(graph('checks-32'));
    expect(many.stateHits).toEqual(Array.from({ length: 32 }, (_, c) => ({ depth: 1, items: [c + 1] })));
  });

  it('expands only the levels above expandBelow, and numbers the next one', async () => {
    // chain-state: levels 0 and 1 are expanded; level 2 ({2, 11, 20}) is found, not expanded, so
    // node 2's failure is not noted. 6 transitions: 1 initial, 2 from 0, 2 from 1, 1 from 10.
    const outcome = await search(graph('chain-state'), {}, { edges: true, expandBelow: 2 });
    expect([outcome.graph.size, outcome.generated, outcome.queue, outcome.stoppedBy]).toEqual([6, 6, 0, undefined]);
    expect(outcome.graph.levelStarts).toEqual([0, 1, 3, 6]);
    expect(Array.from(outcome.graph.flags.view())).toEqual([1, 1, 1, 0, 0, 0].map((f) => f * EXPANDED));
    expect(outcome.stateHits).toEqual([undefined]);
  });

  it('keeps a renaming per edge only when it reduces by symmetry (2 bytes an edge saved otherwise)', async () => {
    const plain = (await search(graph('chain-step'))).graph;
    expect([plain.renamings, plain.target.length, plain.perm.length]).toEqual([false, 8, 0]);
    // A model that could be reduced, searched without reduction.
    const unreduced = (await search(regionAtStart())).graph;
    expect([unreduced.renamings, unreduced.perm.length]).toEqual([false, 0]);
    expect(unreduced.target.length).toBeGreaterThan(0);
    // regionAtStart from [1, 0]: [0, 1] (renamed), then [1, 1] and [0, 2], then [1, 2], then [2, 2].
    const reduced = (await search(regionAtStart(), { symmetry: true })).graph;
    expect(reduced.renamings).toBe(true);
    expect(reduced.target.length).toBeGreaterThan(0);
    expect(reduced.perm.length).toBe(reduced.target.length);
  });

  it('reports the time it took, in seconds', async () => {
    // The start, then every later reading, 2.5 s on.
    vi.spyOn(Date, 'now').mockReturnValueOnce(10_000).mockReturnValue(12_500);
    expect((await search(graph('chain-step'))).seconds).toBe(2.5);
  });

  it('a search of no initial states has one level, empty', async () => {
    const outcome = await search({ ...fanOut(1, 2), init: () => [] });
    expect([outcome.graph.size, outcome.generated]).toEqual([0, 0]);
    expect(outcome.graph.levelStarts).toEqual([0, 0]);
  });
});

describe('symmetry: an asymmetry stops the search at once', () => {
  it('found in the initial states: nothing is expanded', async () => {
    const outcome = await search(asymmetricStart(), { symmetry: true });
    expect(outcome.asymmetry).toBe(
      'property P1NeverTwo is not symmetric: its always check fails on {P1=2, P2=0} and its representative {P1=0, P2=2}, where it holds',
    );
    expect([outcome.graph.size, outcome.generated, outcome.queue, outcome.stoppedBy]).toEqual([1, 1, 0, undefined]);
    expect(outcome.graph.levelStarts).toEqual([0, 1]);
  });

  it('none in a renamed initial state whose region holds P1: the region is asked of every process', async () => {
    // [1, 0] is represented by [0, 1]; its P1 is the representative's P2, in the region as well.
    // Representatives: [0,1]; [1,1], [0,2]; [1,2]; [2,2].
    const outcome = await search(regionAtStart(), { symmetry: true });
    expect(outcome.asymmetry).toBeUndefined();
    expect(outcome.graph.levelStarts).toEqual([0, 1, 3, 4, 5]);
  });

  it('found in a later batch of a level: it is the only reason the search stopped (no --stop-on-violation, no queue)', async () => {
    // Level 1 is [0, 1..600]: its first batch fails NoOne at [0, 1] (state 1) and finds the 512
    // states [1, y]; its second batch's first state, [0, 513], steps to the asymmetric [513, 0].
    const outcome = await search(asymmetricSecondBatch(), { symmetry: true, stopOnViolation: true });
    expect(outcome.asymmetry).toBe(
      'property P1Small is not symmetric: its always check fails on {P1=513, P2=0} and its representative {P1=0, P2=513}, where it holds',
    );
    expect([outcome.stoppedBy, outcome.queue, outcome.graph.size]).toEqual([undefined, 0, 1113]);
    expect(outcome.graph.levelStarts).toEqual([0, 1, 601, 1113]);
    expect(outcome.stateHits).toEqual([{ depth: 1, items: [1] }, undefined]);
  });
});

describe('--max-memory looks ahead at the next growth of the tables', () => {
  // A 256 MiB ceiling keeps a sixteenth (16 MiB, the slack of one thread too): with 15 bytes
  // short of the other 240 MiB resident, the search stops exactly when the growth it looks ahead
  // to reaches 15 bytes: any growth at all.
  const CEILING = 256 * 2 ** 20;
  const fifteenBytesBelowTheStop = () =>
    vi.spyOn(process, 'memoryUsage').mockReturnValue({ rss: CEILING - CEILING / 16 - 15, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 });

  it('the seen set and the columns, for twice the biggest batch of edges so far', async () => {
    fifteenBytesBelowTheStop();
    // 600 successors of 2 bytes: 1,200 more edges would outgrow the 1,024-entry fingerprint
    // columns; the 1,200 + 2,400 bytes of the next level still fit its first 4,096.
    const outcome = await search(fanOut(600, 2), { maxMemory: CEILING });
    expect([outcome.stoppedBy, outcome.graph.size, outcome.queue]).toEqual(['max-memory', 601, 600]);
  });

  it('the next level, for twice the biggest batch of bytes so far', async () => {
    fifteenBytesBelowTheStop();
    // 2 successors of 2,000 bytes: the next level holds 4,000 of its 4,096 bytes, and 8,000 more
    // would grow it; 4 more edges fit every column.
    const outcome = await search(fanOut(2, 2000), { maxMemory: CEILING });
    expect([outcome.stoppedBy, outcome.graph.size, outcome.queue]).toEqual(['max-memory', 3, 2]);
  });

  it('keeps SLACK_PER_THREAD for each thread the search expands in: 32 MiB for two workers', async () => {
    // Resident 24 MiB below the ceiling: above the stop of two threads (32 MiB kept), below that
    // of one (16). The worker count alone decides, with tables that never need to grow; limits
    // are looked at once a batch is merged, so two threads stop after the first level.
    vi.spyOn(process, 'memoryUsage').mockReturnValue({ rss: CEILING - 24 * 2 ** 20, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 });
    // 1.7 workers are one thread, as explore.ts rounds them down for the pool.
    for (const workers of [1, 1.7]) {
      const one = await search(fanOut(2, 2), { maxMemory: CEILING, workers });
      expect([one.stoppedBy, one.graph.size, one.queue]).toEqual([undefined, 3, 0]);
    }
    const two = await search(fanOut(2, 2), { maxMemory: CEILING, workers: 2 });
    expect([two.stoppedBy, two.graph.size, two.queue]).toEqual(['max-memory', 3, 2]);
  });

  it('a search whose tables never need to grow runs to the end under the same ceiling', async () => {
    fifteenBytesBelowTheStop();
    const outcome = await search(fanOut(2, 2), { maxMemory: CEILING });
    expect([outcome.stoppedBy, outcome.graph.size, outcome.queue]).toEqual([undefined, 3, 0]);
  });
});

describe('batches in flight', () => {
  it('any worker count gives the same merge of whole batches (a fractional count dispatched batches at fractional positions, a crash)', async () => {
    // Level 1 holds 5,000 states: 10 batches, more than are ever in flight at once.
    for (const workers of [1, 1.7, 2, 3]) {
      const outcome = await search(fanOut(5000, 2), { workers });
      expect([outcome.graph.size, outcome.generated, outcome.stoppedBy]).toEqual([5001, 5001, undefined]);
      expect(outcome.graph.levelStarts).toEqual([0, 1, 5001]);
    }
  });

  /** `fanOut(2000, 2, true)` searched over an executor that logs what it is handed and given back. */
  async function logged(recording: Recording) {
    const model = fanOut(2000, 2, true);
    const hash = await loadHasher();
    const context = contextOf(model, hash);
    const inner = inlineExecutor(context);
    const log: { readonly event: 'expand' | 'recycle'; readonly states: number }[] = [];
    const executor: Executor = {
      ...inner,
      expand: (batch) => {
        log.push({ event: 'expand', states: batch.offsets.length - 1 });
        return inner.expand(batch);
      },
      recycle: (e) => {
        log.push({ event: 'recycle', states: e.succCount.length });
        inner.recycle(e);
      },
    };
    const outcome = await breadthFirst(context, executor, { workers: 1 }, recording);
    const dispatched = log.filter((l) => l.event === 'expand').map((l) => l.states);
    return { outcome, log, dispatched };
  }

  it('hands out each state once, in whole batches, and the next level\'s first batch as soon as it is full', async () => {
    // Levels: {0}, then 1..2000 (four batches), then 2001..4000 (four more).
    const { outcome, log, dispatched } = await logged({ edges: false });
    expect(outcome.graph.levelStarts).toEqual([0, 1, 2001, 4001]);
    expect(dispatched).toEqual([1, 512, 512, 512, 464, 512, 512, 512, 464]);
    // No barrier between levels: level 2's first batch (the sixth) goes out once level 1's first
    // batch is merged (512 new states), before that batch is even given back: by then only level
    // 0's batch has been.
    const sixthExpand = log.findIndex((l, i) => l.event === 'expand' && log.slice(0, i).filter((x) => x.event === 'expand').length === 5);
    expect(log.slice(0, sixthExpand).filter((l) => l.event === 'recycle')).toEqual([{ event: 'recycle', states: 1 }]);
  });

  it('a recording search hands out no state of the level it stops above', async () => {
    const { outcome, dispatched } = await logged({ edges: true, expandBelow: 2 });
    expect(outcome.graph.levelStarts).toEqual([0, 1, 2001, 4001]);
    expect(dispatched).toEqual([1, 512, 512, 512, 464]);
  });

  it('a batch still in flight when the search stops or fails leaves no unhandled rejection behind', async () => {
    // lossyFanOut: level 1 (2,000 states, 4 batches) is dispatched whole; its third and fourth
    // batches fail the spec check. Unhandled rejections end a plain node process (exit 1).
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      // Stopped after level 1's first batch (2,001 + 512 states, past 2,100): the failing batches
      // are never merged.
      const stopped = await search(lossyFanOut(), { maxStates: 2100 });
      expect([stopped.stoppedBy, stopped.graph.size, stopped.queue]).toEqual(['max-states', 2513, 2000]);
      // Failing at the third batch: the fourth was in flight.
      const failed = search(lossyFanOut());
      await expect(failed).rejects.toThrow(SpecError);
      await expect(failed).rejects.toMatchObject({ rule: 'encode/decode round trip', state: 'node=1000 (as decoded from the bytes 0401)' });
      // Every batch dispatched waits one turn of the event loop (executor.ts): two more turns see
      // them all settled, and node's check for unhandled rejections run after each.
      for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
