/**
 * More explicit-graph engine models (the DSL of graphs.ts), for what test/engine-verdicts.test.ts
 * pins: how a counterexample is rendered (lasso status, summaries without `explainProcess`), an
 * abort between the search and the verdicts, which names a step may violate, and which thread
 * expands the states.
 */
import { isMainThread, workerData } from 'worker_threads';
import type { Model } from '../../explorer/model';
import { SpecError } from '../../explorer/spec-error';
import { always, alwaysCheck, build, e, graphSpec, leaves, type GraphModel } from './graphs';

const PQR = ['P', 'Q', 'R'];

/**
 * P's fair cycle 1 -Q.x-> 2 -P.y-> 1, entered by P.a: Q steps in it, R is enabled at 1 only (R.r
 * to the quiescent node 3), so R is blocked and P spins. From 0, Q.b, Q.c reach node 5, bad for
 * `TraceOrLasso`, in 2 steps, fewer than the lasso's 1 + 2. P.s reaches node 6, where nothing is
 * enabled: a deadlock, and Q stuck inside its region for `Stuck`.
 */
const lassoStatus: GraphModel = {
  processes: PQR,
  init: [0],
  edges: [
    e(0, 0, 'P.a', 1), e(1, 1, 'Q.x', 2), e(2, 0, 'P.y', 1), e(1, 2, 'R.r', 3),
    e(0, 1, 'Q.b', 4), e(4, 1, 'Q.c', 5),
    e(0, 0, 'P.s', 6),
  ],
  properties: [
    leaves('PLeaves', { 0: [1, 2] }),
    { name: 'TraceOrLasso', description: 'A lasso of 3 steps, a trace of 2.', checks: [{ kind: 'leaves', processes: [0], inRegion: (s, p) => p === 0 && [1, 2].includes(s) }, alwaysCheck([5])] },
    leaves('Stuck', { 1: [6] }),
  ],
  quiescent: [3, 5],
};

/**
 * A complete search with nothing to fail but the invariant `Bad` (node 3, one step): `Live` and
 * `Mixed` (an invariant that holds and a liveness check that holds) hold, and there is no
 * deadlock. Node 2 is the deepest: its expansion is the search's last model call.
 */
const afterSearch: GraphModel = {
  processes: ['P'],
  init: [0],
  edges: [e(0, 0, 'P.a', 1), e(1, 0, 'P.b', 2), e(0, 0, 'P.c', 3)],
  properties: [
    leaves('Live', { 0: [1] }),
    { name: 'Mixed', description: 'An invariant and liveness, both holding.', checks: [alwaysCheck([]), { kind: 'leaves', processes: [0], inRegion: (s, p) => p === 0 && s === 1 }] },
    always('Bad', [3]),
    // One check of two fails: the property is violated whichever check an abort leaves unrendered.
    { name: 'OneOfTwo', description: 'Two invariants, the second failing at node 3.', checks: [alwaysCheck([]), alwaysCheck([3])] },
  ],
  quiescent: [2, 3],
};

/**
 * Safety only: node 1 is bad, and P's chain goes on to node 40, a level (and a batch) a node, so
 * that an abort at a later node is seen by the search itself, after the failure.
 */
const failThenChain: GraphModel = {
  processes: ['P'],
  init: [0],
  edges: Array.from({ length: 40 }, (_, n) => e(n, 0, 'P.on', n + 1)),
  properties: [always('NotOne', [1])],
  quiescent: [40],
};

/**
 * Safety only. P.a says it violates `Inv`, which has no step check (only an invariant that
 * holds): not a violation. Q.b violates `Stepped` at depth 2, after P.x (one switch).
 */
const stepNames: GraphModel = {
  processes: ['P', 'Q'],
  init: [0],
  edges: [e(0, 0, 'P.a', 1, { violates: 'Inv' }), e(0, 0, 'P.x', 2), e(2, 1, 'Q.b', 3, { violates: 'Stepped' })],
  properties: [always('Inv', []), { name: 'Stepped', description: 'No step violates Stepped.', checks: [{ kind: 'step' }] }],
  quiescent: [1, 3],
};

/**
 * A violating step's target also reached by steps that violate nothing: P.bad leads to node 1 at
 * depth 1, and so does P.a, P.b at depth 2, from where P.c reaches node 3. The bad step's target
 * is a terminal of its own; node 1 reached the other way is still explored, so `NeverThree`
 * fails in 3 steps (5 states: 0, the terminal, 2, 1, 3). P.spin at node 2 violates
 * `NoSpin` and hands back node 2 itself: its target is a terminal too, not node 2, which must
 * still be expanded.
 */
const sharedTarget: GraphModel = {
  processes: ['P'],
  init: [0],
  edges: [e(0, 0, 'P.bad', 1, { violates: 'NoBadStep' }), e(0, 0, 'P.a', 2), e(2, 0, 'P.spin', 2, { violates: 'NoSpin' }), e(2, 0, 'P.b', 1), e(1, 0, 'P.c', 3)],
  properties: [
    always('NeverThree', [3]),
    { name: 'NoBadStep', description: 'P.bad is never taken.', checks: [{ kind: 'step' }] },
    { name: 'NoSpin', description: 'P.spin is never taken.', checks: [{ kind: 'step' }] },
  ],
  quiescent: [3],
};

/**
 * A violating step whose source is reached only after a switch (P.a, Q.b to node 3), while the
 * next node in search order (4, by P.x, P.c) is reached with none: the step's fewest switches
 * must be counted from its own source.
 */
const switchedSource: GraphModel = {
  processes: ['P', 'Q'],
  init: [0],
  edges: [e(0, 0, 'P.a', 1), e(0, 0, 'P.x', 2), e(1, 1, 'Q.b', 3), e(2, 0, 'P.c', 4), e(3, 0, 'P.bad', 5, { violates: 'Stepped' })],
  properties: [{ name: 'Stepped', description: 'No step violates Stepped.', checks: [{ kind: 'step' }] }],
  quiescent: [4, 5],
};

/**
 * Safety only (an invariant that holds), 1,101 states: node 0 and its 1,100 successors, more edges than a column's first
 * 1,024 slots. A safety-only search keeps no edges, so the graph's bytes are the seen set's.
 */
const wideFan: GraphModel = {
  processes: ['P'],
  init: [0],
  edges: Array.from({ length: 1100 }, (_, i) => e(0, 0, `P.to${i + 1}`, i + 1)),
  properties: [always('Inv', [])],
  quiescent: Array.from({ length: 1100 }, (_, i) => i + 1),
};

/**
 * Node 0 fans out to nodes 1..1100, a level of three batches (512 states each: explorer/bfs.ts).
 * Nodes 1 and 1100 have one more successor each (1101, 1102) when expanded in one of the engine's
 * worker threads than in the calling thread, so the state count shows which thread expanded the
 * first and the last batch. Every node is quiescent. An engine worker is told by its `workerData`
 * (explorer/search-threads.ts: `{ preload }`), not by `isMainThread`: test runners (Stryker's
 * vitest runner) may run the calling thread itself in a worker.
 *
 * Node 0 comes after a chain of 300 nodes from 2000, slow in the calling thread: pool threads
 * take batches only once they have built the model (explorer/executor.ts), and they are started
 * with the search, so the fan-out comes 1.2 s and 300 turns of the calling thread's event loop
 * later, by when they have. (A single wait in one node would not do: a thread's start needs
 * turns of the calling thread's event loop, for workerpool's handshake.)
 */
const inEngineWorker = !isMainThread && typeof workerData === 'object' && workerData !== null && 'preload' in workerData;
const CHAIN = 300;
const workerEdge: GraphModel = {
  processes: ['P'],
  init: [2000],
  edges: [
    ...Array.from({ length: CHAIN - 1 }, (_, i) => e(2000 + i, 0, 'P.wait', 2001 + i)),
    e(2000 + CHAIN - 1, 0, 'P.go', 0),
    ...Array.from({ length: 1100 }, (_, i) => e(0, 0, `P.to${i + 1}`, i + 1)),
    e(1, 0, 'P.inWorker', 1101),
    e(1100, 0, 'P.inWorker', 1102),
  ],
  properties: [always('Inv', [])],
  quiescent: [...Array.from({ length: 1103 }, (_, i) => i), ...Array.from({ length: CHAIN }, (_, i) => 2000 + i)],
};

/**
 * worker-edge's graph, its chain's nodes taking 3 ms each in the calling thread until 1.2 s after
 * the model was built (the search samples some expansions twice or more: spec-check.ts).
 */
function workerEdgeOnceReady(): Model<number> {
  const model = build(workerEdge);
  const waitUntil = Date.now() + 1200;
  return {
    ...model,
    next: (s) => {
      if (s >= 2000 && !inEngineWorker && Date.now() < waitUntil) for (const until = Date.now() + 3; Date.now() < until; );
      return model.next(s);
    },
  };
}

/** Node 0 -> node 1 -> nodes 2..1101: a level of three batches after two of one state. */
const lateFan: GraphModel = {
  processes: ['P'],
  init: [0],
  edges: [e(0, 0, 'P.start', 1), ...Array.from({ length: 1100 }, (_, i) => e(1, 0, `P.to${i + 2}`, i + 2))],
  properties: [always('Inv', [])],
  quiescent: Array.from({ length: 1102 }, (_, i) => i),
};

/** worker-edge without its worker-only edges, where node 1100's expansion throws in a worker thread. */
function throwingInWorkers(error: () => Error): Model<number> {
  const model = workerEdgeOnceReady();
  return {
    ...model,
    next: (s) => {
      if (inEngineWorker && s === 1100) throw error();
      return model.next(s).filter((t) => t.action !== 'P.inWorker');
    },
  };
}

/**
 * late-fan, which a worker thread fails to build after `failAfterMs` with `message`, and whose
 * node 0 takes `nodeZeroMs` to expand in the calling thread.
 */
function lateFanFailingInWorkers(failAfterMs: number, nodeZeroMs: number, message: string): Model<number> {
  if (inEngineWorker) {
    for (const until = Date.now() + failAfterMs; Date.now() < until; );
    throw new Error(message);
  }
  const model = build(lateFan);
  return {
    ...model,
    next: (s) => {
      if (s === 0) for (const until = Date.now() + nodeZeroMs; Date.now() < until; );
      return model.next(s);
    },
  };
}

/**
 * Coverage over a step check (test/engine-coverage.test.ts), with a step vocabulary. P.crash
 * violates NoCrash each time it is taken (from 0 and from 1), so its target 2 is reachable but
 * never expanded: P.after, enabled only there, is never counted. Q.stop is taken both ways (from
 * 1, and violating from 4). P.never is in the vocabulary and enabled nowhere.
 */
const coverageOverStepCheck: GraphModel = {
  processes: ['P', 'Q'],
  init: [0],
  edges: [
    e(0, 0, 'P.go', 1),
    e(0, 0, 'P.crash(a)', 2, { violates: 'NoCrash', outcome: 'oops' }),
    e(1, 0, 'P.crash(b)', 2, { violates: 'NoCrash', outcome: 'oops' }),
    e(2, 0, 'P.after', 3),
    e(1, 1, 'Q.stop', 3),
    e(1, 1, 'Q.slip', 4, { outcome: 'slipped' }),
    e(4, 1, 'Q.stop', 5, { violates: 'NoCrash', outcome: 'late' }),
  ],
  properties: [{ name: 'NoCrash', description: 'No step violates NoCrash.', checks: [{ kind: 'step' }] }],
  quiescent: [3, 5],
};

/** Lets a test act at a node's expansion (`next`): the abort tests. */
const hook = globalThis as { mcOnNext?: (node: number) => void };

function hooked(model: Model<number>): Model<number> {
  return {
    ...model,
    next: (s) => {
      hook.mcOnNext?.(s);
      return model.next(s);
    },
  };
}

const GRAPHS: Record<string, () => Model<number>> = {
  'lasso-status': () => build(lassoStatus),
  'lasso-status-unexplained': () => ({ ...build(lassoStatus), explainProcess: undefined }),
  // The same, each leaves check's region named as a spec names it (`region`).
  'lasso-status-named': () => {
    const model = build(lassoStatus);
    const names: Record<string, string> = { PLeaves: 'the loop of nodes 1 and 2', TraceOrLasso: 'the loop of nodes 1 and 2', Stuck: 'node 6' };
    return {
      ...model,
      properties: model.properties.map((p) => ({ ...p, checks: p.checks.map((c) => (c.kind === 'leaves' ? { ...c, region: names[p.name] } : c)) })),
    };
  },
  'after-search': () => hooked(build(afterSearch)),
  'fail-then-chain': () => hooked(build(failThenChain)),
  // The same chain with nothing bad: NotFifty holds.
  'fine-chain': () => hooked(build({ ...failThenChain, properties: [always('NotFifty', [50])] })),
  'step-names': () => build(stepNames),
  'coverage-step-check': () => ({
    ...build(coverageOverStepCheck),
    actions: () => new Set(['P.go', 'P.crash(a)', 'P.crash(b)', 'P.after', 'P.never', 'Q.stop', 'Q.slip']),
  }),
  'shared-target': () => build(sharedTarget),
  'switched-source': () => build(switchedSource),
  'wide-fan': () => build(wideFan),
  'worker-edge': () => {
    const model = workerEdgeOnceReady();
    return { ...model, next: (s) => model.next(s).filter((t) => inEngineWorker || t.action !== 'P.inWorker') };
  },
  // worker-edge, but a worker thread takes 1.5 s to build it: the executor sends it no batch
  // meanwhile (test/engine-executor.test.ts).
  'worker-edge-slow-start': () => {
    if (inEngineWorker) for (const until = Date.now() + 1500; Date.now() < until; );
    return GRAPHS['worker-edge']();
  },
  // A worker thread cannot build this model: the search must fail with its error rather than
  // wait for an answer. Node 0 takes half a second in the calling thread, node 1's level is one
  // batch, and node 1's 1,100 successors are a level of three batches.
  'worker-build-fails': () => lateFanFailingInWorkers(0, 500, 'this model is not built in worker threads'),
  // A worker thread takes 0.3 s to fail to build it, while the calling thread expands node 0 in
  // 0.1 s (test/engine-executor.test.ts: batches still waiting there when the failure is learnt).
  'worker-build-fails-late': () => lateFanFailingInWorkers(300, 100, 'this model is not built in worker threads either'),
  // A worker thread fails to build it 0.3 s after it starts, by when the search (1,102 states, no
  // wait) has ended in the calling thread; a worker thread busy for 60 s building the second.
  'worker-build-fails-after-search': () => lateFanFailingInWorkers(300, 0, 'this model is not built in worker threads, late'),
  'worker-build-busy': () => lateFanFailingInWorkers(60_000, 0, 'this model took a minute to fail in a worker thread'),
  // As worker-edge, but node 1100's expansion throws in a worker thread: what crosses back to the
  // calling thread, a SpecError or a plain Error, and whether the search stops there.
  'worker-throws': () => throwingInWorkers(() => new SpecError('next', 'thrown in a worker thread', 'node=1100')),
  'worker-throws-plain': () => throwingInWorkers(() => new Error('plain error in a worker thread')),
};

export const spec = graphSpec('graphs-more', 'More explicit graphs built to pin the engine’s promises.', GRAPHS);
