/**
 * The second search of a safety-only run (explorer/record-edges.ts) records the edges above the
 * first failure, and must repeat the first search exactly: each way it can fail to is a spec
 * error naming what differed, never a counterexample that leads elsewhere. The model here changes
 * its answers between the two searches on purpose (`second` is set once the first is done).
 */
import { describe, expect, it } from 'vitest';
import { breadthFirst } from '../explorer/bfs';
import { inlineExecutor } from '../explorer/executor';
import { loadHasher, type Hasher } from '../explorer/fingerprint';
import type { Model } from '../explorer/model';
import { recordEdgesAboveHits } from '../explorer/record-edges';
import { SpecError } from '../explorer/spec-error';
import { checkGraph } from './support/engine-models';
import { contextOf } from './support/search-context';

/**
 * 0 -> 1, 0 -> 2, 1 -> 3, 3 -> 4; node 4 is bad (found at depth 3). `change` says how the graph
 * differs in the second search; for `below` the first search also has 2 -> 5 -> 6 (6 at depth 3,
 * after 4), and the second has no 5 -> 6; for `extra` the second also has 3 -> 9, one state more
 * on the failure's own level than the whole first search had.
 */
type Change = 'none' | 'shortcut' | 'cut' | 'other-node' | 'below' | 'init' | 'extra';
function graphModel(change: Change, phase: { second: boolean }): Model<number> {
  const edges = (s: number): number[] => {
    const now = phase.second ? change : 'none';
    if (s === 0) return [1, 2];
    if (s === 1) return [now === 'other-node' ? 7 : 3];
    if (s === 2) return now === 'shortcut' ? [4] : change === 'below' ? [5] : [];
    if (s === 3) return now === 'cut' ? [] : now === 'extra' ? [4, 9] : [4];
    if (s === 5) return now === 'below' ? [] : [6];
    return [];
  };
  return {
    processes: ['P'],
    init: () => [phase.second && change === 'init' ? 8 : 0],
    next: (s) => edges(s).map((t) => ({ process: 0, action: `P.to${t}`, label: `${s} -> ${t}`, next: t })),
    encode: (s) => Uint8Array.of(s),
    decode: (b) => b[0],
    properties: [{ name: 'NeverFour', description: 'Node 4 is never reached.', checks: [{ kind: 'always', holds: (s) => s !== 4 }] }],
    quiescent: () => true,
    view: (s) => ({ node: String(s) }),
  };
}

async function recordAgain(change: Change, hasher?: Hasher) {
  const phase = { second: false };
  const model = graphModel(change, phase);
  const hash = hasher ?? (await loadHasher());
  const context = contextOf(model, hash);
  const first = await breadthFirst(context, inlineExecutor(context), { workers: 1 }, { edges: false });
  phase.second = true;
  return { first, second: recordEdgesAboveHits(context, inlineExecutor(context), first) };
}

const PREFIX = 'next is not deterministic: the search that records the steps above the first failure did not repeat the first search (';
const SUFFIX =
  '); the same state must give the same transitions in the same order, and encode/decode must not lose information, or the counterexample would lead elsewhere';

describe('the search that records the edges above the first failure', () => {
  it('is not run when nothing failed: the first search is the answer', async () => {
    // No state, step or deadlock to explain: no second search (init() is not asked again).
    let inits = 0;
    const model: Model<number> = {
      processes: ['P'],
      init: () => (inits++, [0]),
      next: (s) => (s === 0 ? [{ process: 0, action: 'P.go', label: '0 -> 1', next: 1 }] : []),
      encode: (s) => Uint8Array.of(s),
      decode: (b) => b[0],
      properties: [{ name: 'Inv', description: 'Holds.', checks: [{ kind: 'always', holds: () => true }] }],
      quiescent: () => true,
      view: (s) => ({ node: String(s) }),
    };
    const hash = await loadHasher();
    const context = contextOf(model, hash);
    const first = await breadthFirst(context, inlineExecutor(context), { workers: 1 }, { edges: false });
    expect(inits).toBe(1);
    expect(await recordEdgesAboveHits(context, inlineExecutor(context), first)).toBe(first);
    expect(inits).toBe(1);
  });


  it('repeats a deterministic first search and records its edges down to the failure', async () => {
    const { first, second } = await recordAgain('none');
    const recorded = await second;
    expect(first.graph.target.length).toBe(0);
    expect(recorded.graph.levelStarts).toEqual(first.graph.levelStarts);
    expect(Array.from(recorded.graph.target.view())).toEqual([1, 2, 3, 4]);
  });

  it('ignores a difference past the deepest failure, which no counterexample reaches', async () => {
    // 5 -> 6 is gone: the last level holds one state fewer, after the failing one.
    const { first, second } = await recordAgain('below');
    const recorded = await second;
    expect(first.graph.levelStarts).toEqual([0, 1, 3, 5, 7]);
    expect(recorded.graph.levelStarts).toEqual([0, 1, 3, 5, 6]);
  });

  it('names a state found at another depth, although every state keeps its number', async () => {
    // 2 -> 4 makes node 4 one level shallower: states 0..4 keep their numbers and fingerprints.
    await expect(recordAgain('shortcut').then((r) => r.second)).rejects.toThrow(`${PREFIX}depth 3 starts at state 5 instead of 4 (another number of states above it)${SUFFIX}`);
  });

  it('names a failing state the second search does not reach', async () => {
    await expect(recordAgain('cut').then((r) => r.second)).rejects.toThrow(`${PREFIX}state 4, where a check failed, was not reached${SUFFIX}`);
  });

  it('names another initial state', async () => {
    await expect(recordAgain('init').then((r) => r.second)).rejects.toThrow(`${PREFIX}init() gave another initial state 0 than in the first search${SUFFIX}`);
  });

  it('compares both halves of each fingerprint', async () => {
    // 1 -> 7 instead of 1 -> 3: state 3 is another state. A hasher that makes one half the same
    // for every state leaves only the other half to tell them apart.
    const real = await loadHasher();
    const half = (keep: 0 | 1): Hasher => (bytes, out, at) => {
      real(bytes, out, at);
      out[at + keep] = 7;
    };
    for (const hasher of [real, half(0), half(1)]) {
      const error = await recordAgain('other-node', hasher).then((r) => r.second).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).detail).toBe(`${PREFIX}state 3 is another state than in the first search, a successor of the state named here${SUFFIX}`);
      expect((error as SpecError).state).toBe('node=1');
    }
  });

  it('names a state past all of the first search’s, on the failure’s level, when the first search was complete', async () => {
    // 3 -> 9 is new: the second search numbers it 5, past the 5 states the complete first search
    // had, and levels 0..3 still start where they did.
    const error = await recordAgain('extra').then((r) => r.second).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).detail).toBe(`${PREFIX}state 5 is another state than in the first search, a successor of the state named here${SUFFIX}`);
    expect((error as SpecError).state).toBe('node=3');
  });

  it('names a violating step that now leads to another known state', async () => {
    // 0 -> 1, 0 -> 2; P.bad from 1 and from 2 violates Stepped, to the terminals 10 and 20 in the
    // first search (numbered 3 and 4), and both to 10 in the second. A violating step's target is
    // a terminal of its own, so the only known state it can lead to is another such terminal:
    // same numbers, same levels, same edge; only the target differs.
    const phase = { second: false };
    const model: Model<number> = {
      processes: ['P'],
      init: () => [0],
      next: (s) =>
        s === 0
          ? [1, 2].map((t) => ({ process: 0, action: `P.to${t}`, label: `0 -> ${t}`, next: t }))
          : s === 1 || s === 2
            ? [{ process: 0, action: 'P.bad', label: 'bad', next: s === 2 && !phase.second ? 20 : 10, violates: 'Stepped' }]
            : [],
      encode: (s) => Uint8Array.of(s),
      decode: (b) => b[0],
      properties: [{ name: 'Stepped', description: 'No step violates Stepped.', checks: [{ kind: 'step' }] }],
      quiescent: () => true,
      view: (s) => ({ node: String(s) }),
    };
    const hash = await loadHasher();
    const context = contextOf(model, hash);
    const first = await breadthFirst(context, inlineExecutor(context), { workers: 1 }, { edges: false });
    expect(first.stepHits[0]).toEqual({ depth: 2, items: [2, 3], targets: [3, 4] });
    phase.second = true;
    await expect(recordEdgesAboveHits(context, inlineExecutor(context), first)).rejects.toThrow(
      `${PREFIX}step 3, which violated a step property, is not the same violating step to state 4${SUFFIX}`,
    );
  });

  it('numbers the states past a first search that a limit stopped mid-level, down to the level of a violating step', async () => {
    // 0 -> 1..600 (level 1, two batches of 512 and 88), each i -> i + 600 (level 2); 1 -> 601
    // violates Stepped (a hit at depth 2). At most 1,000 states: the first search stops after
    // level 1's first batch, with 1 + 600 + 512 states. The second expands all of level 1 and
    // numbers its 600 successors, 88 of them past the first search's states: no spec error.
    const model: Model<number> = {
      processes: ['P'],
      init: () => [0],
      next: (s) =>
        s === 0
          ? Array.from({ length: 600 }, (_, i) => ({ process: 0, action: `P.to${i + 1}`, label: `0 -> ${i + 1}`, next: i + 1 }))
          : s <= 600
            ? [{ process: 0, action: 'P.on', label: `${s} -> ${s + 600}`, next: s + 600, ...(s === 1 ? { violates: 'Stepped' } : {}) }]
            : [],
      encode: (s) => Uint8Array.of(s >> 8, s & 0xff),
      decode: (b) => b[0] * 256 + b[1],
      properties: [{ name: 'Stepped', description: 'No step violates Stepped.', checks: [{ kind: 'step' }] }],
      quiescent: () => true,
      view: (s) => ({ node: String(s) }),
    };
    const hash = await loadHasher();
    const context = contextOf(model, hash);
    const first = await breadthFirst(context, inlineExecutor(context), { workers: 1, maxStates: 1000 }, { edges: false });
    expect(first.stoppedBy).toBe('max-states');
    expect(first.graph.size).toBe(1 + 600 + 512);
    expect(first.stepHits[0]).toMatchObject({ depth: 2, targets: [601] });
    const recorded = await recordEdgesAboveHits(context, inlineExecutor(context), first);
    expect(recorded.graph.size).toBe(1 + 600 + 600);
    expect(recorded.graph.levelStarts).toEqual([0, 1, 601, 1201]);
  });

  it("is timed in the run's statistics when it ran, and only then", async () => {
    // wide-step: safety only, its bad step at depth 2 under a level of 2,000 states, so the
    // second search numbers 4,001 states again (milliseconds, not nothing).
    const failing = await checkGraph('wide-step');
    expect(failing.properties.find((p) => p.name === 'NoBadStep')!.verdict).toBe('violated');
    const { seconds, searchSeconds, recordingSeconds } = failing.stats;
    expect(recordingSeconds).toBeGreaterThanOrEqual(0);
    expect(seconds).toBeGreaterThanOrEqual(searchSeconds + recordingSeconds!);
    // Nothing failed: no second search. A liveness property keeps every edge: none either.
    const fine = await checkGraph('chain-fine');
    expect(fine.properties.map((p) => p.verdict)).toEqual(['holds']);
    expect(fine.stats).not.toHaveProperty('recordingSeconds');
    const keepsEdges = await checkGraph('doom-middle');
    expect(keepsEdges.properties.find((p) => p.name === 'Clean')!.verdict).toBe('violated');
    expect(keepsEdges.stats).not.toHaveProperty('recordingSeconds');
  });
});
