/**
 * Engine test models given as explicit graphs, each built to pin one promise of the engine with
 * an answer worked out by hand (test/engine-*.test.ts says which and why).
 *
 * A state is a node number; its encoding is 12 bytes whose first 10 are zero, so that any hashing
 * of a prefix (say, the first 8 bytes) would merge every state into one.
 */
import type { Check, Model, Property, Transition } from '../../explorer/model';
import type { SourceLocation } from '../../explorer/source-location';
import type { SpecArgs, SpecDefinition } from '../../explorer/spec';

/** An edge: from, acting process, action name, to; `violates` names a step property. */
interface Edge {
  readonly from: number;
  readonly process: number;
  readonly action: string;
  readonly to: number;
  readonly violates?: string;
  readonly outcome?: string;
  readonly source?: SourceLocation;
}

export interface GraphModel {
  readonly processes: readonly string[];
  readonly init: readonly number[];
  readonly edges: readonly Edge[];
  readonly properties: readonly Property<number>[];
  readonly quiescent?: readonly number[];
  /** Nodes whose view has an extra field (traces list fields that appear and disappear). */
  readonly flagged?: readonly number[];
}

export const e = (from: number, process: number, action: string, to: number, more: Partial<Edge> = {}): Edge => ({ from, process, action, to, ...more });

/** "Process p, once in the region, eventually leaves", the region given per process as nodes. */
export function leaves(name: string, regions: Record<number, readonly number[]>): Property<number> {
  const processes = Object.keys(regions).map(Number);
  return {
    name,
    description: `${name}: every listed process eventually leaves its region.`,
    checks: [{ kind: 'leaves', processes, inRegion: (s, p) => regions[p]?.includes(s) ?? false }],
  };
}

export function always(name: string, bad: readonly number[]): Property<number> {
  return { name, description: `${name}: never in ${bad.join(',')}.`, checks: [alwaysCheck(bad)] };
}

export function alwaysCheck(bad: readonly number[]): Check<number> {
  return { kind: 'always', holds: (s) => !bad.includes(s), explain: (s) => `node ${s} is bad` };
}

export function build(g: GraphModel): Model<number> {
  const out = new Map<number, Edge[]>();
  for (const edge of g.edges) {
    const list = out.get(edge.from);
    if (list) list.push(edge);
    else out.set(edge.from, [edge]);
  }
  const name = (edge: Edge) => edge.action.split('.')[1];
  return {
    processes: g.processes,
    init: () => [...g.init],
    next: (s) =>
      (out.get(s) ?? []).map(
        (edge): Transition<number> => ({
          process: edge.process,
          action: edge.action,
          label: `${g.processes[edge.process]} does ${name(edge)}: ${edge.from} -> ${edge.to}`,
          next: edge.to,
          ...(edge.outcome !== undefined ? { outcome: edge.outcome } : {}),
          ...(edge.source !== undefined ? { source: edge.source } : {}),
          ...(edge.violates !== undefined ? { violates: edge.violates } : {}),
        }),
      ),
    encode: (s) => Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, s >> 8, s & 0xff),
    decode: (b) => b[10] * 256 + b[11],
    properties: g.properties,
    quiescent: (s) => g.quiescent?.includes(s) ?? false,
    explainProcess: (s, p) => `${g.processes[p]} at node ${s}`,
    view: (s) => ({ node: String(s), ...(g.flagged?.includes(s) ? { flag: 'up' } : {}) }),
    itf: (s) => ({ node: s }),
  };
}

const PQ = ['P', 'Q'];

/**
 * Weak fairness where Q is enabled on only part of P's spin cycle 0 <-> 1 (at node `qAt`) and
 * never steps in it. Q is not continuously enabled, so the cycle is a fair behaviour: violated.
 * With Q enabled at both nodes it would have to step: the property holds.
 */
function fairness(qAt: readonly number[]): GraphModel {
  return {
    processes: PQ,
    init: [0],
    edges: [e(0, 0, 'P.toggle', 1), e(1, 0, 'P.toggle', 0), ...qAt.map((n) => e(n, 1, 'Q.finish', 2)), e(2, 0, 'P.leave', 3)],
    properties: [leaves('PLeaves', { 0: [0, 1, 2] })],
    quiescent: [3],
  };
}

/**
 * Three fair cycles for P, entered at the same depth (1) with no context switch: 3 steps (A),
 * 1 step (B), 2 steps (C), found in that order. The shortest (B) is the one reported.
 */
const shortestCycle: GraphModel = {
  processes: PQ,
  init: [0],
  edges: [
    e(0, 0, 'P.a1', 1), e(0, 0, 'P.b1', 4), e(0, 0, 'P.c1', 5),
    e(1, 0, 'P.a2', 2), e(2, 0, 'P.a3', 3), e(3, 0, 'P.a4', 1),
    e(4, 0, 'P.b2', 4),
    e(5, 0, 'P.c2', 6), e(6, 0, 'P.c3', 5),
  ],
  properties: [leaves('PLeaves', { 0: [0, 1, 2, 3, 4, 5, 6] })],
};

/**
 * One component {1, 2, 3}: nodes 1 and 2 at depth 1 (1 found first), 3 at depth 2. The entry is
 * the shallowest node, the lowest index among those: 1; from there the shortest cycle is
 * 1 -> 2 -> 1 (2 steps), not 1 -> 2 -> 3 -> 1.
 */
const entry: GraphModel = {
  processes: PQ,
  init: [0],
  edges: [
    e(0, 0, 'P.go', 1), e(0, 0, 'P.jump', 2),
    e(1, 0, 'P.right', 2), e(2, 0, 'P.down', 3), e(3, 0, 'P.back', 1), e(2, 0, 'P.left', 1),
  ],
  properties: [leaves('PLeaves', { 0: [1, 2, 3] })],
};

/**
 * Lasso shapes, one property each, over one graph with two initial states (0 and 20):
 * - `EntryOrder`: P's fair component {2, 3} is first reached by the depth-first search through
 *   3 (from 1, a P-region node outside it, on the region's cycle 1 -> 3 -> 4 -> 1 through Q's
 *   node 4), yet the entry is 2, the shallower: P.b, then the cycle P.y, P.x.
 * - `InComponent`: from entry 10 the cycle must stay in P's region {10, 11, 12}: P.e, P.f, P.g
 *   (3 steps), not the shorter P.out, P.in through 13, where P has left its region (13 is in
 *   Q's, so it is among the region's states the cycle search walks).
 * - `TraceWins`: an invariant failing at 12 (3 steps) and the lasso above (1 + 3 steps): the
 *   shorter whole counterexample, the trace, is reported.
 * - `SecondStart`: Q spins forever at the second initial state 20: a lasso with no prefix that
 *   starts there.
 */
const lassoShapes: GraphModel = {
  processes: PQ,
  init: [0, 20],
  edges: [
    e(0, 0, 'P.a', 1), e(0, 0, 'P.b', 2), e(0, 0, 'P.d', 10),
    e(1, 0, 'P.c', 3), e(3, 0, 'P.x', 2), e(2, 0, 'P.y', 3), e(3, 1, 'Q.out', 4), e(4, 1, 'Q.back', 1),
    e(10, 0, 'P.e', 11), e(11, 0, 'P.f', 12), e(12, 0, 'P.g', 10), e(10, 0, 'P.out', 13), e(13, 0, 'P.in', 10),
    e(20, 1, 'Q.spin', 20),
  ],
  properties: [
    leaves('EntryOrder', { 0: [1, 2, 3], 1: [4] }),
    leaves('InComponent', { 0: [10, 11, 12], 1: [13] }),
    {
      name: 'TraceWins',
      description: 'An invariant and liveness; the invariant has the shorter counterexample.',
      checks: [alwaysCheck([12]), { kind: 'leaves', processes: [0], inRegion: (s, p) => p === 0 && [10, 11, 12].includes(s) }],
    },
    leaves('SecondStart', { 1: [20] }),
  ],
};

/**
 * Which edges and nodes a fair component is judged by.
 * - `NextNodesEdge` (holds): P spins at node 1 while Q, enabled there, never steps on that cycle;
 *   Q.go leads to node 2, outside P's region but in the same region component, whose only edge
 *   Q.back returns to node 1. A fair cycle of P's region must not borrow node 2's edge (the next
 *   node's first edge) as a Q step at node 1.
 * - `EqualDepth`: a fair cycle 11 <-> 12, both at depth 1. Node 10 (depth 1, found first, in P's
 *   region but on no cycle of it) leads into the cycle at 12, through which Q leads back to 10
 *   (Q.out, Q.in), so the component lists 12 as its root; the lasso still enters at 11, found
 *   before 12.
 * - `ShallowFirst`: a fair cycle entered at depth 2 after a context switch (node 21), and one at
 *   depth 3 with none (node 24): only the shallowest entries compete on switches, so 21.
 * The first step from node 0 violates `NoBadStep`: its target (30) is the first state found and is
 * never expanded, and every state after it must still have its own region.
 */
const fairJudging: GraphModel = {
  processes: PQ,
  init: [0],
  edges: [
    e(0, 0, 'P.bad', 30, { violates: 'NoBadStep' }),
    e(0, 0, 'P.a', 1), e(1, 0, 'P.spin', 1), e(1, 1, 'Q.go', 2), e(2, 1, 'Q.back', 1),
    e(0, 0, 'P.a10', 10), e(0, 0, 'P.a11', 11), e(0, 0, 'P.a12', 12),
    e(10, 0, 'P.in', 12), e(11, 0, 'P.x', 12), e(12, 0, 'P.y', 11), e(12, 1, 'Q.out', 14), e(14, 1, 'Q.in', 10),
    e(0, 0, 'P.f', 20), e(20, 1, 'Q.g', 21), e(21, 0, 'P.loop', 21),
    e(0, 0, 'P.h', 22), e(22, 0, 'P.i', 23), e(23, 0, 'P.j', 24), e(24, 0, 'P.loop', 24),
  ],
  properties: [
    leaves('NextNodesEdge', { 0: [1], 1: [2] }),
    leaves('EqualDepth', { 0: [10, 11, 12], 1: [14] }),
    leaves('ShallowFirst', { 0: [21, 24] }),
    { name: 'NoBadStep', description: 'P.bad is never taken.', checks: [{ kind: 'step' }] },
  ],
};

/**
 * Two fair cycles entered at depth 2: E1 (node 2) after P then Q (one switch) with a 1-step cycle,
 * E2 (node 4) after P, P (no switch) with a 2-step cycle. The prefix's switches decide before the
 * cycle's length: E2.
 */
const entrySwitches: GraphModel = {
  processes: PQ,
  init: [0],
  edges: [
    e(0, 0, 'P.x', 1), e(0, 0, 'P.u', 3),
    e(1, 1, 'Q.y', 2), e(2, 0, 'P.loop', 2),
    e(3, 0, 'P.v', 4), e(4, 0, 'P.w1', 5), e(5, 0, 'P.w2', 4),
  ],
  properties: [leaves('PLeaves', { 0: [2, 4, 5] })],
};

/**
 * Counterexample tie-breaks. Bad states 3 and 4 at depth 2: 3 after P, Q (one switch), 4 after P,
 * P (none): fewest switches wins over the lower index. Bad states 5 and 6 at depth 1, both after
 * one P step: the lower index (5, found first) wins. Node 9 at depth 2 is reached by P from 7 and
 * from 8 (both depth 1, no switch): the first predecessor in BFS order (7) wins, and of the two
 * edges 7 -> 9 the first listed. Node 12 at depth 2 is reached by P.q1 then Q.q2 or by Q.r1 then
 * P.r2 (one switch each, different last processes): the lower-numbered last process, P, wins.
 * Node 20 (depth 2) is reached by P.s1, Q.s2 (one switch) and, one step longer, by P.t1, P.t2,
 * P.t3 (none): only shortest paths count. `Deep` (node 24, depth 3) makes the search for fewest
 * switches go past depth 2.
 */
const ties: GraphModel = {
  processes: PQ,
  init: [0, 10],
  edges: [
    e(0, 0, 'P.a', 1), e(0, 0, 'P.b', 2), e(1, 1, 'Q.c', 3), e(2, 0, 'P.d', 4),
    e(0, 0, 'P.e', 5), e(0, 0, 'P.f', 6),
    e(0, 0, 'P.g', 7), e(0, 0, 'P.h', 8), e(8, 0, 'P.j', 9), e(7, 0, 'P.k', 9), e(7, 0, 'P.k2', 9),
    e(10, 1, 'Q.r1', 11), e(10, 0, 'P.q1', 13), e(11, 0, 'P.r2', 12), e(13, 1, 'Q.q2', 12),
    e(0, 0, 'P.s1', 21), e(21, 1, 'Q.s2', 20), e(0, 0, 'P.t1', 22), e(22, 0, 'P.t2', 23), e(23, 0, 'P.t3', 20), e(23, 0, 'P.t4', 24),
  ],
  properties: [
    always('TwoDeep', [3, 4]), always('OneDeep', [5, 6]), always('ViaNine', [9]), always('Twelve', [12]),
    always('Shortest', [20]), always('Deep', [24]),
  ],
  quiescent: [3, 4, 5, 6, 9, 12, 20, 24],
};

/**
 * Step checks and their tie-breaks: violating steps Q.c (after P.a: one switch) and P.d (after
 * P.b: none) both at depth 2; P.d wins. `Direct` is violated by the very first step. `Deeper`:
 * Q.m at depth 2 (one switch) wins over P.n at depth 3 (none): shortest first. `StepTie`: P.bad
 * leaves node 30, reached by Q.q1, Q.q2 (no switch, then one to P) or by Q.r1, P.r2 (one switch,
 * then none): equal totals, the path whose last process is lower-numbered (P) wins.
 */
const steps: GraphModel = {
  processes: PQ,
  init: [0],
  edges: [
    e(0, 0, 'P.a', 1), e(0, 0, 'P.b', 2),
    e(1, 1, 'Q.c', 3, { violates: 'Stepped' }), e(2, 0, 'P.d', 4, { violates: 'Stepped' }),
    e(0, 1, 'Q.direct', 5, { violates: 'Direct' }), e(0, 1, 'Q.ignored', 6, { violates: 'NotAProperty' }),
    e(1, 1, 'Q.m', 7, { violates: 'Deeper' }), e(2, 0, 'P.o', 8), e(8, 0, 'P.n', 9, { violates: 'Deeper' }),
    e(0, 1, 'Q.q1', 31), e(31, 1, 'Q.q2', 30), e(0, 1, 'Q.r1', 32), e(32, 0, 'P.r2', 30), e(30, 0, 'P.bad', 33, { violates: 'StepTie' }),
  ],
  properties: [
    { name: 'Stepped', description: 'No step violates Stepped.', checks: [{ kind: 'step' }] },
    { name: 'Direct', description: 'No step violates Direct.', checks: [{ kind: 'step' }] },
    { name: 'Deeper', description: 'No step violates Deeper.', checks: [{ kind: 'step' }] },
    { name: 'StepTie', description: 'No step violates StepTie.', checks: [{ kind: 'step' }] },
  ],
  quiescent: [1, 2, 6],
};

/**
 * Two violating steps into the same node 3 at depth 2, from nodes expanded in one batch: Q.c
 * (after P.a: one switch) comes first, P.d (after P.b: none) repeats its target and wins. A
 * search that keeps no edges must still count the repeat as a hit, and the violating self-loop
 * Q.stay at node 2 (`Looped`).
 */
const stepRepeat: GraphModel = {
  processes: PQ,
  init: [0],
  edges: [e(0, 0, 'P.a', 1), e(0, 0, 'P.b', 2), e(1, 1, 'Q.c', 3, { violates: 'Stepped' }), e(2, 0, 'P.d', 3, { violates: 'Stepped' }), e(2, 1, 'Q.stay', 2, { violates: 'Looped' })],
  properties: [
    { name: 'Stepped', description: 'No step violates Stepped.', checks: [{ kind: 'step' }] },
    { name: 'Looped', description: 'No step violates Looped.', checks: [{ kind: 'step' }] },
  ],
  quiescent: [3],
};

/**
 * The initial state 0 is already bad, and is a dead end: every check fails with no step at all.
 * The other initial state (2, listed twice: one state) has a successor, 3, that violates nothing.
 */
const badStart: GraphModel = {
  processes: PQ,
  init: [2, 0, 2],
  edges: [e(2, 0, 'P.go', 3)],
  properties: [
    always('NotZero', [0]),
    { name: 'QuietNotZero', description: 'Quiescent states are not 0.', checks: [{ kind: 'atQuiescence', holds: (s) => s !== 0 }] },
    { name: 'QuietNotTwo', description: 'Quiescent states are not 2 (2 is not quiescent).', checks: [{ kind: 'atQuiescence', holds: (s) => s !== 2 }] },
  ],
  quiescent: [0, 3],
};

/** A deadlock in the initial state: nothing can step and the state is not quiescent. */
const deadStart: GraphModel = { processes: PQ, init: [0], edges: [], properties: [] };

/**
 * A property with several checks reports its shortest counterexample, the earliest-listed check
 * on a tie. From 0: P.a -> 1 -> P.b -> 2 -> P.c -> 3, a spin loop of P at 1, and Q's steps from
 * 0: Q.s and Q.t (step violations), Q.u to node 6.
 */
const several: GraphModel = {
  processes: PQ,
  init: [0],
  edges: [
    e(0, 0, 'P.a', 1), e(1, 0, 'P.b', 2), e(2, 0, 'P.c', 3), e(1, 0, 'P.spin', 1),
    e(0, 1, 'Q.s', 4, { violates: 'ShortestWins' }),
    e(0, 1, 'Q.t', 5, { violates: 'TieStepFirst' }),
    e(0, 1, 'Q.u', 6),
  ],
  properties: [
    // The invariant fails at depth 2, the step at depth 1: the step (listed second) wins.
    { name: 'ShortestWins', description: 'Two checks, the second shorter.', checks: [alwaysCheck([2]), { kind: 'step' }] },
    // Both fail at depth 1, the first one at the later-found state (6): the earliest listed wins.
    { name: 'TieAlwaysFirst', description: 'Two checks, equally short.', checks: [alwaysCheck([6]), alwaysCheck([1])] },
    // Both one step long: the step check, listed first.
    { name: 'TieStepFirst', description: 'A step check, then an invariant.', checks: [{ kind: 'step' }, alwaysCheck([1])] },
    // A lasso of 2 steps (P.a, then P.spin forever) against a 3-step trace: the lasso.
    {
      name: 'LassoWins',
      description: 'An invariant, then liveness.',
      checks: [alwaysCheck([3]), { kind: 'leaves', processes: [0], inRegion: (s, p) => p === 0 && s === 1 }],
    },
  ],
  quiescent: [3, 4, 5, 6],
};

/**
 * Fields that appear and disappear in a trace (node 1 has a `flag` field), and steps with and
 * without an outcome and a source.
 */
const fields: GraphModel = {
  processes: PQ,
  init: [0],
  edges: [
    e(0, 0, 'P.raise', 1, { outcome: 'raised', source: { file: 'fs/x.c', line: 1, function: 'f' } }),
    e(1, 1, 'Q.lower', 2),
    e(2, 0, 'P.stay', 2, { source: { file: 'fs/x.c', function: 'g' } }),
  ],
  properties: [always('NeverTwo', [2])],
  quiescent: [2],
  flagged: [1],
};

/**
 * 32 processes, the most a model may have (process masks use all 32 bits). At node 1 P32 spins
 * forever with nobody else enabled: a fair cycle. At node 2 P31 spins while P32, enabled there,
 * never steps: not fair, so P31 leaves.
 */
function thirtyTwo(): GraphModel {
  const processes = Array.from({ length: 32 }, (_, i) => `P${i + 1}`);
  return {
    processes,
    init: [0],
    edges: [e(0, 0, 'P1.start', 1), e(1, 31, 'P32.spin', 1), e(0, 0, 'P1.other', 2), e(2, 30, 'P31.spin', 2), e(2, 31, 'P32.exit', 3)],
    properties: [leaves('P32Leaves', { 31: [1] }), leaves('P31Leaves', { 30: [2] })],
    quiescent: [3],
  };
}

/** One process too many. */
function thirtyThree(): GraphModel {
  return { processes: Array.from({ length: 33 }, (_, i) => `P${i + 1}`), init: [0], edges: [], properties: [] };
}

/** 32 invariants, the most a model may have, each failing at its own node (check i at node i + 1). */
function manyChecks(count: number): GraphModel {
  const nodes = Array.from({ length: count }, (_, i) => i + 1);
  return {
    processes: PQ,
    init: [0],
    edges: nodes.map((n) => e(0, 0, `P.to${n}`, n)),
    properties: nodes.map((n) => always(`Not${n}`, [n])),
    quiescent: nodes,
  };
}

/** `fan`: one state with `n` transitions, all to the same successor (a transition's ordinal is 16 bits). */
function fan(n: number): GraphModel {
  return {
    processes: PQ,
    init: [0],
    edges: Array.from({ length: n }, () => e(0, 0, 'P.go', 1)),
    properties: [],
    quiescent: [1],
  };
}

/**
 * A path of 40 P steps through P's region that ends in a P spin (`PLeaves` violated at depth 40),
 * for a search stopped early: the states it found but did not expand have no successors on
 * record, and must not pass for states where the system is stuck.
 */
function longPath(): GraphModel {
  const edges = Array.from({ length: 40 }, (_, n) => e(n, 0, `P.step${n}`, n + 1));
  edges.push(e(40, 0, 'P.spin', 40));
  return { processes: PQ, init: [0], edges, properties: [leaves('PLeaves', { 0: Array.from({ length: 40 }, (_, n) => n + 1) })] };
}

/**
 * Where a search stops. A chain 0 -> 1 -> 2 -> 3 -> 4 of P with, at each node n, a side branch
 * of Q: n -> 10+n -> 20+n -> 30+n. Levels: {0}, {1,10}, {2,11,20}, {3,12,21,30}, {4,13,22,31},
 * {23,32}, {33}: 17 states. `state`: node 2 is bad (found expanding level 2); `step`: the step
 * 1 -> 2 is bad (found expanding level 1; its target is never expanded); `deadlock`: node 2 has no
 * step; `none`: nothing is bad.
 */
function chain(bad: 'state' | 'step' | 'deadlock' | 'none'): GraphModel {
  const edges: Edge[] = [];
  for (let n = 0; n < 4; n++) {
    if (!(bad === 'deadlock' && n === 2)) edges.push(e(n, 0, `P.next${n}`, n + 1, bad === 'step' && n === 1 ? { violates: 'Chain' } : {}));
    if (!(bad === 'deadlock' && n === 2)) edges.push(e(n, 1, `Q.side${n}`, 10 + n));
    edges.push(e(10 + n, 1, `Q.on${n}`, 20 + n), e(20 + n, 1, `Q.end${n}`, 30 + n));
  }
  const properties: Property<number>[] =
    bad === 'state' ? [always('Chain', [2])] : bad === 'step' ? [{ name: 'Chain', description: 'No bad step.', checks: [{ kind: 'step' }] }] : [];
  return { processes: PQ, init: [0], edges, properties, quiescent: [4, 30, 31, 32, 33] };
}

/**
 * A wide level below a bad step, for a search stopped by a limit inside it: 0 -> 1..2000 (P), each
 * k -> 10000+k (Q), and the step 1 -> 10001 violates NoBadStep. A safety-only run stopped inside
 * level 2 records the edges of the levels above the violation in a second search, which numbers
 * all of level 2 where the first stopped.
 */
function wideStep(): GraphModel {
  const edges: Edge[] = [];
  for (let k = 1; k <= 2000; k++) edges.push(e(0, 0, `P.fan${k}`, k), e(k, 1, `Q.down${k}`, 10000 + k, k === 1 ? { violates: 'NoBadStep' } : {}));
  return {
    processes: PQ,
    init: [0],
    edges,
    properties: [{ name: 'NoBadStep', description: 'No bad step.', checks: [{ kind: 'step' }] }],
    quiescent: Array.from({ length: 2000 }, (_, k) => 10001 + k),
  };
}

/**
 * A quiescence failure that becomes certain mid-path (explorer/inevitable.ts). P goes 0 -> 2 -> 3
 * -> 6, quiescent with node 6 bad; 0 -> 1 -> 5 and 2 -> 7 -> 5 reach quiescent node 5, good. So 2
 * can still end well and 3 cannot: certain after 2 steps. A `leaves` property that holds keeps
 * every edge. `from`: 'start' has only the bad path (certain from the initial state); 'never' lets
 * bad node 6 step on to good node 5 (the last state can still end well: nothing certain).
 */
function quiescenceDoom(from: 'middle' | 'start' | 'never' | 'no-edges'): GraphModel {
  const good = from === 'start' ? [] : [e(0, 0, 'P.fine', 1), e(1, 0, 'P.settle', 5), e(2, 0, 'P.recover', 7), e(7, 0, 'P.settle', 5)];
  const rescue = from === 'never' ? [e(6, 1, 'Q.rescue', 5)] : [];
  // Q's walk 1 -> 8 -> 9 -> 10 -> 5 outlasts the bad node, so that a limit can stop the search after it.
  const walk = from === 'middle' ? [e(1, 1, 'Q.walk', 8), e(8, 1, 'Q.walk', 9), e(9, 1, 'Q.walk', 10), e(10, 1, 'Q.walk', 5)] : [];
  return {
    processes: PQ,
    init: [0],
    edges: [e(0, 0, 'P.risk', 2), e(2, 0, 'P.strand', 3), e(3, 0, 'P.close', 6), ...good, ...rescue, ...walk],
    properties: [
      { name: 'Clean', description: 'Clean: node 6 is never where the run settles.', checks: [{ kind: 'atQuiescence', holds: (s) => s !== 6, explain: () => 'settled on node 6' }] },
      ...(from === 'no-edges' ? [] : [leaves('PLeaves', { 0: [] })]),
    ],
    quiescent: [5, 6],
  };
}

/**
 * As doom-middle, but node 2's only way to a good end is through 10,000 nodes at one depth
 * (2 -> 9 -> 1000+k -> 6, the last of them -> 5), so that the probe from 2 queues them all before
 * it finds good node 5: more than the probe's first queue holds (4,096).
 */
function wideDoom(): GraphModel {
  const fan = 10_000;
  const edges = [e(0, 0, 'P.risk', 2), e(2, 0, 'P.strand', 3), e(3, 0, 'P.close', 6), e(2, 1, 'Q.fan', 9)];
  for (let k = 0; k < fan; k++) edges.push(e(9, 1, 'Q.spread', 1000 + k), e(1000 + k, 1, k === fan - 1 ? 'Q.settle' : 'Q.close', k === fan - 1 ? 5 : 6));
  return {
    processes: PQ,
    init: [0],
    edges,
    properties: [
      { name: 'Clean', description: 'Clean: node 6 is never where the run settles.', checks: [{ kind: 'atQuiescence', holds: (s) => s !== 6, explain: () => 'settled on node 6' }] },
      leaves('PLeaves', { 0: [] }),
    ],
    quiescent: [5, 6],
  };
}

/**
 * Certain only at the end: 0 -> 1 -> 2 -> 6 (bad), where 1 and 2 can each still settle on good node
 * 5. The last step did the damage, so inevitableAfter is the trace's length.
 */
function lastDoom(): GraphModel {
  const base = quiescenceDoom('middle');
  return {
    ...base,
    edges: [e(0, 0, 'P.go', 1), e(1, 0, 'P.go', 2), e(2, 0, 'P.close', 6), e(1, 1, 'Q.settle', 5), e(2, 1, 'Q.settle', 5)],
  };
}

/**
 * doom-middle with six `always` checks before Clean: a state's flags record the first six state
 * checks' failures, so Clean, the seventh, cannot be answered.
 */
function seventhDoom(): GraphModel {
  const base = quiescenceDoom('middle');
  const others = Array.from({ length: 6 }, (_, i) => always(`Fine${i}`, []));
  return { ...base, properties: [...others, ...base.properties] };
}

/**
 * doom-middle with an invariant that fails on node 6 as well: its counterexample is the same path,
 * from whose third state no run settles where the invariant holds, but "certain" is said of
 * failures at quiescence only (an invariant fails on the state itself, quiescent or not).
 */
function alwaysDoom(): GraphModel {
  const base = quiescenceDoom('middle');
  return { ...base, properties: [always('NeverSix', [6]), ...base.properties] };
}

const GRAPHS: Record<string, () => GraphModel> = {
  'doom-always': alwaysDoom,
  'doom-last': lastDoom,
  'doom-seventh': seventhDoom,
  'doom-wide': wideDoom,
  'doom-middle': () => quiescenceDoom('middle'),
  'doom-start': () => quiescenceDoom('start'),
  'doom-never': () => quiescenceDoom('never'),
  'doom-no-edges': () => quiescenceDoom('no-edges'),
  'fairness-first': () => fairness([0]),
  'fairness-second': () => fairness([1]),
  'fairness-everywhere': () => fairness([0, 1]),
  'shortest-cycle': () => shortestCycle,
  entry: () => entry,
  'entry-switches': () => entrySwitches,
  'fair-judging': () => fairJudging,
  'long-path': longPath,
  'lasso-shapes': () => lassoShapes,
  ties: () => ties,
  steps: () => steps,
  'step-repeat': () => stepRepeat,
  'bad-start': () => badStart,
  'dead-start': () => deadStart,
  several: () => several,
  fields: () => fields,
  'thirty-two': thirtyTwo,
  'thirty-three': thirtyThree,
  'checks-32': () => manyChecks(32),
  'checks-33': () => manyChecks(33),
  'fan-65535': () => fan(65535),
  'fan-65536': () => fan(65536),
  'chain-state': () => chain('state'),
  'chain-step': () => chain('step'),
  'chain-deadlock': () => chain('deadlock'),
  // The same 17 states with nothing bad: no property but DeadlockFree, which holds.
  'chain-fine': () => chain('none'),
  'wide-step': wideStep,
};

/** A spec whose variants are named models (graphs.ts, graphs-more.ts): one variant per model. */
export function graphSpec(name: string, summary: string, models: Readonly<Record<string, () => Model<number>>>): SpecDefinition {
  return {
    name,
    summary,
    parameters: [],
    variants: Object.keys(models).map((id) => ({ id, version: '-', summary: id })),
    symmetry: false,
    propertyNames: [],
    build(args: SpecArgs) {
      const model = models[args.variant ?? ''];
      if (!model) throw new Error(`unknown graph ${args.variant}`);
      return model();
    },
  };
}

export const spec = graphSpec(
  'graphs',
  'Explicit graphs built to pin the engine’s promises.',
  Object.fromEntries(Object.entries(GRAPHS).map(([id, graph]) => [id, () => build(graph())])),
);
