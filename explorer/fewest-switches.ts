/**
 * Among shortest paths, the one with the fewest context switches, computed exactly: a forward
 * pass over the BFS layers with (node, last acting process) as the key, keeping for each key the
 * cheapest predecessor. Ties go to the first predecessor in BFS order, then edge order, so the
 * chosen path is canonical and the same for any number of workers.
 */
import type { LayeredGraph } from './layered';

const UNREACHED = 0x7fffffff;

export class FewestSwitches {
  private readonly slots: number;
  private readonly cost: Int32Array;
  private readonly predEdge: Int32Array;
  private readonly predSlot: Uint8Array;

  /** Only paths to nodes of depth at most `maxDepth` are computed (counterexamples are shallow). */
  constructor(
    private readonly graph: LayeredGraph,
    maxDepth = Infinity,
  ) {
    // Slot p: the last step was taken by process p (in the node's frame); the extra slot: no step yet.
    this.slots = graph.processCount + 1;
    let count = graph.nodeCount;
    // Stryker disable ConditionalExpression,EqualityOperator,BlockStatement: this only sizes the arrays to the nodes of depth at most maxDepth (memory); the pass below stops at that depth anyway, and a node past it is unreached with or without its slots
    if (maxDepth < Infinity) {
      let lo = 0;
      while (lo < count) {
        const mid = (lo + count) >> 1;
        if (graph.depthOf(mid) <= maxDepth) lo = mid + 1;
        else count = mid;
      }
    }
    // Stryker restore ConditionalExpression,EqualityOperator,BlockStatement
    const size = count * this.slots;
    this.cost = new Int32Array(size).fill(UNREACHED);
    this.predEdge = new Int32Array(size).fill(-1);
    this.predSlot = new Uint8Array(size);
    const none = graph.processCount;
    for (const root of graph.roots) this.cost[root * this.slots + none] = 0;
    const { edgeStart, target, proc } = graph;
    for (let u = 0; u < count; u++) {
      const depth = graph.depthOf(u);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut: the edges of a node at maxDepth lead past the arrays' end, where typed-array reads give undefined and writes are dropped
      if (depth >= maxDepth) break;
      for (let last = 0; last < this.slots; last++) {
        const c = this.cost[u * this.slots + last];
        if (c === UNREACHED) continue;
        for (let e = edgeStart[u]; e < edgeStart[u + 1]; e++) {
          const v = target[e];
          if (graph.depthOf(v) !== depth + 1) continue;
          const q = proc[e];
          const key = v * this.slots + graph.renamed(e, q);
          const candidate = c + (last !== none && last !== q ? 1 : 0);
          if (candidate < this.cost[key]) {
            this.cost[key] = candidate;
            this.predEdge[key] = e;
            this.predSlot[key] = last;
          }
        }
      }
    }
  }

  /** Fewest switches on a shortest path to `node`, and the slot achieving it. */
  toNode(node: number): { switches: number; slot: number } {
    let best = { switches: UNREACHED, slot: -1 };
    for (let s = 0; s < this.slots; s++) {
      const c = this.cost[node * this.slots + s];
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
      // An unreached slot's total is at least UNREACHED: never below the best so far.
      const c = this.cost[u * this.slots + s];
      const total = c + (s !== none && s !== q ? 1 : 0);
      if (total < best.switches) best = { switches: total, slot: s };
    }
    return best;
  }

  /** The edges of the chosen path from a root to `node`, arriving with last-process `slot`. */
  pathTo(node: number, slot: number): number[] {
    const edges: number[] = [];
    let key = node * this.slots + slot;
    while (this.predEdge[key] >= 0) {
      const e = this.predEdge[key];
      edges.push(e);
      key = this.graph.sourceOf(e) * this.slots + this.predSlot[key];
    }
    return edges.reverse();
  }
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
