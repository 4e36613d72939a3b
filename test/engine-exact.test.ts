/**
 * `--exact` (explorer/exact-states.ts): every state's bytes kept and compared whenever its
 * fingerprint is found again. By difference: a fingerprint function made to collide makes the
 * default search miss states, and a property hold that does not; `--exact` meets the collision,
 * starts again with the next seed, and gives the answer of a search that met none. On the real
 * specs it changes nothing but the statistics that say so.
 */
import * as path from 'path';
import { describe, expect, it, vi } from 'vitest';
import { explore, type ExploreOptions, type Result } from '../explorer';
import { ExactStates } from '../explorer/exact-states';
import { Column } from '../explorer/growable';
import { seededFingerprint, type Hasher } from '../explorer/fingerprint';
import { poolExecutor } from '../explorer/executor';
import { loadModel } from '../explorer/load';
import { withFingerprintSeed } from '../explorer/search-context';
import { startSearchThreads } from '../explorer/search-threads';
import { checkGraph } from './support/engine-models';
import { contextOf } from './support/search-context';
import { timeless, verdicts } from './support/results';

/**
 * The graph models encode node n as 12 bytes ending in n's two bytes (test/models/graphs.ts).
 * Seed 0 hashes node `from` as node `to`, every other node by its number; other seeds are
 * MurmurHash3's.
 */
function colliding(from: number, to: number): (seed: number) => Hasher {
  const weak: Hasher = (bytes, out, at) => {
    const node = bytes[10]! * 256 + bytes[11]!;
    out[at] = node === from ? to : node;
    out[at + 1] = 0;
  };
  return (seed) => (seed === 0 ? weak : seededFingerprint(seed));
}

/** The same fingerprints, counting how many states seed 0's (the ones a collision gives up) hashes. */
function countingSeedZero(family: (seed: number) => Hasher): { fingerprints: (seed: number) => Hasher; hashed: () => number } {
  let hashed = 0;
  const first = family(0);
  const counted: Hasher = (bytes, out, at) => {
    hashed++;
    first(bytes, out, at);
  };
  return { fingerprints: (seed) => (seed === 0 ? counted : family(seed)), hashed: () => hashed };
}

/** What a run is, without the statistics `--exact` changes and the warnings it gives. */
function answers(result: Result): unknown {
  const { exact: _e, fingerprintSeed: _f, collisionProbability: _c, bytesPerState: _b, ...stats } = (timeless(result) as Result).stats;
  const { warnings: _w, ...rest } = timeless(result) as Result;
  return { ...rest, stats };
}

describe('--exact', () => {
  // chain-state: P's chain 0 -> 1 -> 2 -> 3 -> 4 and Q's side branches n -> 10+n -> 20+n -> 30+n,
  // 17 states; node 2 is bad.
  it('meets a collision with a state numbered earlier that the default search takes for it, and a property no longer holds wrongly', async () => {
    const truth = await checkGraph('chain-state');
    expect(truth.stats.distinct).toBe(17);
    expect(verdicts(truth)).toMatchObject({ Chain: 'violated' });

    // Node 1 hashed as node 0: the default search takes 1 for 0, and never reaches bad node 2.
    const fooled = await checkGraph('chain-state', { fingerprints: colliding(1, 0) });
    expect(verdicts(fooled)).toMatchObject({ Chain: 'holds' });
    expect(fooled.stats.distinct).toBeLessThan(17);
    expect(fooled.stats.exact).toBe(false);

    const exact = await checkGraph('chain-state', { fingerprints: colliding(1, 0), exact: true });
    expect(exact.warnings).toEqual([
      'fingerprint collision: a state found at depth 1 has the fingerprint of state 0 but other bytes (--exact compared them); the search was started again with fingerprint seed 1',
    ]);
    expect(exact.stats).toMatchObject({ distinct: 17, exact: true, fingerprintSeed: 1, collisionProbability: 0 });
    expect(answers(exact)).toEqual(answers(truth));
  });

  it('meets two successors of one batch with one fingerprint, which the thread that expands would have taken for a repeat', async () => {
    // Node 10 hashed as node 1, its sibling in level 1: the expanding thread leaves it out as a
    // repeat of 1 (a safety-only search lists no repeats), with Q's branch 10 -> 20 -> 30 behind it.
    const fooled = await checkGraph('chain-state', { fingerprints: colliding(10, 1) });
    expect(fooled.stats.distinct).toBe(14);
    const exact = await checkGraph('chain-state', { fingerprints: colliding(10, 1), exact: true });
    expect(exact.warnings).toEqual([expect.stringMatching(/^fingerprint collision: a state found at depth 1 has the fingerprint of state 1 but other bytes/)]);
    expect(exact.stats).toMatchObject({ distinct: 17, fingerprintSeed: 1 });
    expect(answers(exact)).toEqual(answers(await checkGraph('chain-state')));
  });

  it("finds a violating step's target again as that state: two violating steps into one node are no collision", async () => {
    // step-repeat: Q.c and P.d both violate Stepped into node 3, a violation target of its own
    // (kept apart from node 3 reached by a step that violates nothing); the second finds the first's.
    const exact = await checkGraph('step-repeat', { exact: true });
    expect(exact).not.toHaveProperty('warnings');
    expect(answers(exact)).toEqual(answers(await checkGraph('step-repeat')));
  });

  it('meets a collision among the initial states', async () => {
    // bad-start's initial states are nodes 2, 0, 2 (numbered 0 and 1): node 0 hashed as node 2,
    // the default search would start from node 2 alone, where the bad node 0 is never reached.
    const truth = await checkGraph('bad-start');
    expect(verdicts(await checkGraph('bad-start', { fingerprints: colliding(0, 2) }))).toMatchObject({ NotZero: 'holds' });
    const seedZero = countingSeedZero(colliding(0, 2));
    const exact = await checkGraph('bad-start', { fingerprints: seedZero.fingerprints, exact: true });
    expect(exact.warnings).toEqual([expect.stringMatching(/^fingerprint collision: a state found at depth 0 has the fingerprint of state 0 but other bytes/)]);
    // The three initial states hashed, and no state expanded with the fingerprints given up.
    expect(seedZero.hashed()).toBe(3);
    expect(answers(exact)).toEqual(answers(truth));
  });

  it('starts again at once after a collision that follows a failure: no second search records the failure\'s edges with the fingerprints given up', async () => {
    // Node 31 hashed as node 3: bad node 2 is found at depth 2, the collision at depth 4. The first
    // search hashes the 14 states it generates (1 + 2 + 3 + 4 + 4, levels 0 to 4); recording the
    // edges above node 2 with seed 0 would hash levels 0 to 2 again (6), only to be thrown away.
    const seedZero = countingSeedZero(colliding(31, 3));
    const exact = await checkGraph('chain-state', { fingerprints: seedZero.fingerprints, exact: true });
    // Node 3 is state 6: levels {0}, {1, 10}, {2, 11, 20}, {3, ...} are numbered in that order.
    expect(exact.warnings).toEqual([
      'fingerprint collision: a state found at depth 4 has the fingerprint of state 6 but other bytes (--exact compared them); the search was started again with fingerprint seed 1',
    ]);
    expect(seedZero.hashed()).toBe(14);
    expect(answers(exact)).toEqual(answers(await checkGraph('chain-state')));
  });

  it('meets a collision in the search that records a stopped run\'s edges, past where the first search stopped', async () => {
    // Node 10999 hashed as node 5: the first search, stopped at 2,100 states, never numbers it;
    // the second numbers all of level 2 to record the edges above the bad step, and meets it.
    const options = { maxStates: 2100, fingerprints: colliding(10999, 5), exact: true };
    const exact = await checkGraph('wide-step', options);
    expect(exact.completion).toMatchObject({ complete: false, stoppedBy: 'max-states' });
    expect(exact.warnings).toEqual([expect.stringMatching(/^fingerprint collision: a state found at depth 2 has the fingerprint of state 5 but other bytes/)]);
    expect(exact.stats.fingerprintSeed).toBe(1);
    expect(answers(exact)).toEqual(answers(await checkGraph('wide-step', { maxStates: 2100 })));
  });

  it("keeps each state's bytes once in a run that ended: the search that records a failure's edges finds the same states again, which the first search compared", async () => {
    const add = vi.spyOn(ExactStates.prototype, 'add');
    try {
      const exact = await checkGraph('chain-state', { exact: true });
      expect(verdicts(exact)).toMatchObject({ Chain: 'violated' });
      expect(exact.properties.find((p) => p.name === 'Chain')?.counterexample?.steps.length).toBeGreaterThan(0);
      // One record per state numbered, by the first search alone (a violating step's target is a state too).
      expect(add).toHaveBeenCalledTimes(exact.stats.distinct);
      // Stopped by a limit, the recording search numbers states past the first and keeps their bytes.
      add.mockClear();
      const stopped = await checkGraph('wide-step', { maxStates: 2100, exact: true });
      expect(stopped.completion).toMatchObject({ complete: false });
      expect(add.mock.calls.length).toBeGreaterThan(stopped.stats.distinct);
    } finally {
      add.mockRestore();
    }
  });

  it('gives up with an internal error when every seed collides (a fingerprint function that does not spread the states)', async () => {
    const always = colliding(1, 0)(0);
    await expect(checkGraph('chain-state', { fingerprints: () => always, exact: true })).rejects.toThrow(
      'fingerprint collisions under 9 seeds in a row: the fingerprint function does not spread this model\'s states',
    );
  });

  it('refuses another fingerprint function with worker threads, which hash with MurmurHash3', async () => {
    await expect(checkGraph('chain-state', { fingerprints: colliding(1, 0), workers: 2 })).rejects.toThrow(/needs one worker/);
  });

  it('has a worker thread hash with the seed the search moved to', async () => {
    const source = { module: path.join(__dirname, 'models', 'graphs'), args: { variant: 'chain-state', params: {} } };
    const model = await loadModel(source);
    const context = withFingerprintSeed(contextOf(model, seededFingerprint(0)), 3, seededFingerprint(3));
    const executor = poolExecutor(context, source, startSearchThreads(1));
    try {
      const bytes = model.encode(0);
      // Once the pool thread has built the model it takes the last batches waiting, and this
      // thread the first (executor.ts): of three, one at least is expanded there.
      await executor.built();
      const expansions = await Promise.all([0, 1, 2].map(() => executor.expand({ data: bytes.slice(), offsets: Uint32Array.of(0, bytes.length) })));
      const expected = new Uint32Array(4);
      seededFingerprint(3)(model.encode(1), expected, 0);
      seededFingerprint(3)(model.encode(10), expected, 2);
      for (const e of expansions) expect(Array.from(e.fingerprints)).toEqual(Array.from(expected));
    } finally {
      await executor.close();
    }
  });

  it('compares the kind of state too: a violating step\'s target is not the state of the same bytes', () => {
    const states = new ExactStates();
    const all = (bytes: Uint8Array) => [bytes, 0, bytes.length] as const;
    states.add(...all(Uint8Array.of(1, 2, 3)), false);
    states.add(...all(Uint8Array.of(1, 2, 3)), true);
    expect(states.same(0, ...all(Uint8Array.of(1, 2, 3)), false)).toBe(true);
    expect(states.same(0, ...all(Uint8Array.of(1, 2, 3)), true)).toBe(false);
    expect(states.same(1, ...all(Uint8Array.of(1, 2, 3)), true)).toBe(true);
    expect(states.same(1, ...all(Uint8Array.of(1, 2, 3)), false)).toBe(false);
  });

  it('keeps no offsets while every state has one width: its bytes are the records alone', () => {
    const states = new ExactStates();
    const records = new Column(Uint8Array);
    for (const n of [1, 2, 3]) {
      states.add(Uint8Array.of(n, n, n), 0, 3, false);
      for (const byte of [0, n, n, n]) records.push(byte);
    }
    expect(states.byteLength).toBe(records.bytes);
    states.add(Uint8Array.of(4, 4), 0, 2, false);
    expect(states.byteLength).toBeGreaterThan(records.bytes + 3);
  });

  it('looks ahead for its records (a kind byte and the bytes, per state) and, once kept, its offsets', () => {
    // A fresh store holds 1,024 bytes: one state of 1,023 bytes fits (1 + 1,023), one of 1,024 does not.
    expect(new ExactStates().growthAhead(1, 1023)).toBe(0);
    expect(new ExactStates().growthAhead(1, 1024)).toBeGreaterThan(0);
    // With offsets (two widths so far) the offsets' growth comes on top of the records'.
    const sameWidth = new ExactStates();
    const twoWidths = new ExactStates();
    sameWidth.add(Uint8Array.of(1, 2), 0, 2, false);
    twoWidths.add(Uint8Array.of(1, 2), 0, 2, false);
    twoWidths.add(Uint8Array.of(1), 0, 1, false);
    expect(twoWidths.growthAhead(2000, 0)).toBeGreaterThan(sameWidth.growthAhead(2000, 0));
  });

  it('finds a state of a batch by its range, all widths alike or not (offsets kept once two differ)', () => {
    const states = new ExactStates();
    // A batch's successors are ranges of one buffer.
    const batch = Uint8Array.of(9, 1, 2, 3, 4, 5, 6, 7, 8);
    states.add(batch, 1, 4, false); // 1 2 3
    states.add(batch, 4, 7, false); // 4 5 6
    expect(states.same(1, batch, 4, 7, false)).toBe(true);
    expect(states.same(0, batch, 1, 4, false)).toBe(true);
    expect(states.same(0, batch, 2, 5, false)).toBe(false);
    expect(states.same(0, batch, 1, 3, false)).toBe(false); // a prefix
    expect(states.same(0, batch, 1, 5, false)).toBe(false); // longer
    const before = states.byteLength;
    // Another width: the records so far are still found, and the new one too.
    states.add(batch, 0, 9, false);
    states.add(batch, 8, 8, false); // empty
    states.add(batch, 6, 8, true); // 7 8
    expect(states.byteLength).toBeGreaterThan(before);
    expect([states.same(0, batch, 1, 4, false), states.same(1, batch, 4, 7, false), states.same(2, batch, 0, 9, false)]).toEqual([true, true, true]);
    expect([states.same(3, batch, 0, 0, false), states.same(4, batch, 6, 8, true)]).toEqual([true, true]);
    expect([states.same(2, batch, 0, 8, false), states.same(3, batch, 0, 1, false), states.same(4, batch, 6, 8, false), states.same(4, batch, 5, 7, true)]).toEqual([false, false, false, false]);
  });
});

describe('--exact on the real specs changes no answer', () => {
  const specs = path.join(__dirname, '..', 'spec');
  const run = (module: string, args: { variant?: string; params: Record<string, number> }, spec: string, options: Partial<ExploreOptions>) =>
    explore({ module: path.join(specs, module, 'index'), args }, { spec, ...args }, { workers: 1, symmetry: false, ...options });

  it.each([
    ['two-phase, safety only, no symmetry', 'two-phase', { variant: 'correct', params: { rms: 5 } }, { symmetry: false }],
    ['nfs 22876f54, liveness kept, symmetry', 'nfs', { variant: '22876f54', params: { writers: 2, pages: 2, writes: 2, faults: 1 } }, { symmetry: true }],
  ] as const)('%s, one and two workers', async (_name, spec, args, options) => {
    const plain = await run(spec, args, spec, options);
    for (const workers of [1, 2]) {
      const exact = await run(spec, args, spec, { ...options, workers, exact: true });
      expect(exact.stats).toMatchObject({ exact: true, collisionProbability: 0 });
      expect(exact.stats.fingerprintSeed).toBeUndefined();
      expect(exact.warnings).toEqual(plain.warnings);
      expect(answers(exact)).toEqual(answers(plain));
      // The states' bytes are counted with the graph.
      expect(exact.stats.bytesPerState).toBeGreaterThan(plain.stats.bytesPerState);
    }
    expect(plain.stats.collisionProbability).toBeGreaterThan(0);
  });
});
