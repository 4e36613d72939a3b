/**
 * Among shortest paths, the one with the fewest context switches, computed exactly: a forward
 * pass over the BFS layers with (node, last acting process) as the key, keeping for each key its
 * cost. Ties go to the first predecessor in BFS order, then last process, then edge order, so the
 * chosen path is canonical and the same for any number of workers.
 *
 * Only costs are kept (a byte a key while paths are shorter than 255 steps, 2 bytes while shorter
 * than 65,535, else 4): a path is read back by finding, a level up, the first predecessor in that
 * same order whose cost accounts for the key's, which is the one a forward pass keeping
 * predecessors would have recorded (it records the first candidate to reach the final minimum).
 * Keeping the predecessor edge and slot cost 9 bytes a key, 54 a state on nfs N=3: the largest
 * allocation after the search (issue 11).
 */
import type { LayeredGraph } from './layered';

const UNREACHED = 0x7fffffff;

/**
 * The switch a step by process q adds after a path whose last step was by `last` (`none`: no step
 * yet). One rule for the forward pass and for reading a path back, which must agree exactly.
 */
function switchOf(last: number, q: number, none: number): number {
  return last !== none && last !== q ? 1 : 0;
}

export class FewestSwitches {
  private readonly slots: number;
  /** The cost of a key no path reaches: the largest value `cost` holds. */
  private readonly unreached: number;
  private readonly cost: Uint8Array | Uint16Array | Int32Array;
  /** The first node of each depth (and one past the last computed), for reading paths back. */
  private readonly levelStart: number[] = [];

  /** Only paths to nodes of depth at most `maxDepth` are computed (counterexamples are shallow). */
  constructor(
    private readonly graph: LayeredGraph,
    maxDepth = Infinity,
  ) {
    // Slot p: the last step was taken by process p (in the node's frame); the extra slot: no step yet.
    this.slots = graph.processCount + 1;
    let count = graph.nodeCount;
    // Stryker disable ConditionalExpression,EqualityOperator,BlockStatement: this only sizes the arrays to the nodes of depth at most maxDepth (memory); the pass below stops at that depth anyway, and a node past it is unreached with or without its slots
    if (maxDepth < Infinity) count = firstDeeper(graph, 0, maxDepth);
    // Stryker restore ConditionalExpression,EqualityOperator,BlockStatement
    const size = count * this.slots;
    // A path to a node of depth d has at most d - 1 switches, so the narrowest width whose largest
    // value no cost reaches: the table is the largest allocation after the search, made while the
    // whole graph is held (nfs 22876f54 N = 4, 63.9 M states of depth 54 with 7 keys each: 447 MB
    // a byte a key, 894 MB at two).
    const deepest = count === 0 ? 0 : graph.depthOf(count - 1);
    const width = deepest < 0xff ? Uint8Array : deepest < 0xffff ? Uint16Array : Int32Array;
    this.unreached = deepest < 0xff ? 0xff : deepest < 0xffff ? 0xffff : UNREACHED;
    this.cost = new width(size).fill(this.unreached);
    const none = graph.processCount;
    for (const root of graph.roots) this.cost[root * this.slots + none] = 0;
    const { edgeStart, target, proc } = graph;
    const { cost, slots, unreached } = this;
    // The first node of the next level: nodes are numbered level by level, and an edge of a
    // breadth-first graph goes at most one level down, so a target from there on is one level
    // down (a node's depth is read once a level, not once per edge: a bisection each).
    let nextFirst = 0;
    for (let u = 0; u < count; u++) {
      // Stryker disable next-line ConditionalExpression: reading the level at every node gives the same bounds, only slower
      if (u === nextFirst) {
        const depth = graph.depthOf(u);
        // u is its level's first node, and levels are numbered without gaps.
        this.levelStart.push(u);
        // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut: the edges of a node at maxDepth lead past the arrays' end, where typed-array reads give undefined and writes are dropped
        if (depth >= maxDepth) break;
        nextFirst = firstDeeper(graph, u, depth);
      }
      // A step by q after a path whose last step was by `last` costs a switch unless last is q or
      // none (switchOf), so the best path into a successor by q comes from (u, q), (u, none) or
      // the cheapest key of u plus one (that key is q's or none's only when it is cheaper anyway).
      // So each edge is read once, not once per reached key of u (nfs 22876f54 N = 3: 327-589 ms
      // -> 111-196 ms, the same costs; test/engine-switches-reference.test.ts).
      const base = u * slots;
      let cheapest = unreached;
      for (let last = 0; last < slots; last++) if (cost[base + last]! < cheapest) cheapest = cost[base + last]!;
      // Stryker disable next-line ConditionalExpression: a shortcut: from a node no path reaches, every candidate is at least `unreached` and none is stored
      if (cheapest === unreached) continue;
      const fromNone = cost[base + none]!;
      const switched = cheapest + 1;
      for (let e = edgeStart[u]!; e < edgeStart[u + 1]!; e++) {
        const v = target[e]!;
        if (v < nextFirst) continue;
        const q = proc[e]!;
        let best = cost[base + q]! < fromNone ? cost[base + q]! : fromNone;
        if (switched < best) best = switched;
        const key = v * slots + graph.renamed(e, q);
        if (best < cost[key]) cost[key] = best;
      }
    }
  }

  /** Fewest switches on a shortest path to `node`, and the slot achieving it. */
  toNode(node: number): { switches: number; slot: number } {
    let best = { switches: UNREACHED, slot: -1 };
    for (let s = 0; s < this.slots; s++) {
      const c = this.costAt(node, s);
      if (c < best.switches) best = { switches: c, slot: s };
    }
    return best;
  }

  /** Fewest switches on a shortest path that ends with `edge`. */
  toEdge(edge: number): { switches: number; slot: number } {
    const u = this.graph.sourceOf(edge);
    const q = this.graph.proc[edge];
    const none = this.graph.processCount;
    let best = { switches: UNREACHED, slot: -1 };
    for (let s = 0; s < this.slots; s++) {
      const c = this.costAt(u, s);
      if (c === UNREACHED) continue;
      const total = c + switchOf(s, q, none);
      if (total < best.switches) best = { switches: total, slot: s };
    }
    return best;
  }

  /** The edges of the chosen path from a root to `node`, arriving with last-process `slot`. */
  pathTo(node: number, slot: number): number[] {
    const edges: number[] = [];
    const none = this.graph.processCount;
    let v = node;
    let sv = slot;
    // Only roots have the no-step slot; an unreached key has no path.
    while (sv !== none && this.costAt(v, sv) !== UNREACHED) {
      const step = this.predecessor(v, sv);
      edges.push(step.edge);
      v = this.graph.sourceOf(step.edge);
      sv = step.last;
    }
    return edges.reverse();
  }

  /** A key's cost, UNREACHED when no computed path reaches it. */
  private costAt(node: number, slot: number): number {
    const c = this.cost[node * this.slots + slot];
    return c === undefined || c === this.unreached ? UNREACHED : c;
  }

  /**
   * The step the forward pass took into (v, sv): the first (u, last, edge) one level up, in the
   * pass's own order, whose cost plus the edge's switch is the key's cost.
   */
  private predecessor(v: number, sv: number): { edge: number; last: number } {
    const { edgeStart, target, proc } = this.graph;
    const none = this.graph.processCount;
    const want = this.costAt(v, sv);
    const depth = this.graph.depthOf(v);
    for (let u = this.levelStart[depth - 1]; u < this.levelStart[depth]; u++) {
      // A skip to u's first edge into v, or past u when it has none: the loop below tests each
      // edge's target itself.
      let first = edgeStart[u];
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: a skip; the loop below tests each edge's target itself
      while (first < edgeStart[u + 1] && target[first] !== v) first++;
      // Stryker disable next-line ConditionalExpression: a skip; the loop below tests each edge's target itself
      if (first === edgeStart[u + 1]) continue;
      for (let last = 0; last < this.slots; last++) {
        const c = this.costAt(u, last);
        if (c === UNREACHED) continue;
        for (let e = first; e < edgeStart[u + 1]; e++) {
          if (target[e] !== v) continue;
          const q = proc[e];
          if (this.graph.renamed(e, q) !== sv) continue;
          if (c + switchOf(last, q, none) === want) return { edge: e, last };
        }
      }
    }
    // Stryker disable next-line StringLiteral: an internal invariant: a reached key has a predecessor that accounts for its cost
    throw new Error('internal: a reached key without a predecessor');
  }
}

/** The first node from `from` on whose depth is greater than `depth` (nodeCount if none): nodes are in BFS order. */
function firstDeeper(graph: LayeredGraph, from: number, depth: number): number {
  let lo = from;
  let hi = graph.nodeCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (graph.depthOf(mid) <= depth) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Pick, among candidates, the one with the smallest (depth, switches, index). */
export function bestTarget<T>(candidates: readonly T[], rank: (c: T) => readonly number[]): T | undefined {
  let best: T | undefined;
  let bestRank: readonly number[] | undefined;
  for (const c of candidates) {
    const r = rank(c);
    if (!bestRank || lexLess(r, bestRank)) {
      best = c;
      bestRank = r;
    }
  }
  return best;
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i];
  return a.length < b.length;
}
