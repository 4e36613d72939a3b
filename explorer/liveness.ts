/**
 * Liveness under weak fairness per process: "process p, once in the region, eventually leaves".
 *
 * A violation is a reachable cycle that stays in the region on which every process either takes a
 * step or is disabled somewhere (a process enabled all around the cycle but never stepping would,
 * by weak fairness, eventually step, so such a cycle is not a real behaviour). A step that changes
 * nothing (a spin-loop iteration) is an edge like any other, so spinning counts as stepping.
 *
 * Found exactly, not by sampling: strongly connected components (Tarjan) of the region's subgraph;
 * a component admits a fair cycle iff every process enabled in all its nodes has an edge inside it
 * (walking the whole component is then such a cycle). A node with no successor at all while inside
 * the region stutters there forever and violates too.
 */
import type { Unfolding } from './unfold';
import { Column } from './growable';

export interface FairCycle {
  /** Index of the `leaves` check, and the real process that never leaves its region. */
  readonly check: number;
  readonly process: number;
  /** Node where the cycle is entered (the shallowest of its component). */
  readonly entry: number;
  /** The component's nodes are those with this id in `component`; -1 for a stuck node. */
  readonly componentId: number;
}

/** Fair cycles (and stuck nodes) inside the region of `leaves` check `check`, per process. */
export function findFairCycles(
  u: Unfolding,
  check: number,
  processes: readonly number[],
): { cycles: FairCycle[]; components: Map<number, Int32Array> } {
  const cycles: FairCycle[] = [];
  const components = new Map<number, Int32Array>();
  const n = u.nodeCount;
  const all = processCountMask(u.processCount);
  for (const p of processes) {
    const bit = 1 << p;
    const inRegion = (node: number) => (u.regionAt(node, check) & bit) !== 0;
    const component = new Int32Array(n).fill(-1);
    const order = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const stack = new Column(Int32Array);
    const callNode = new Column(Int32Array);
    const callEdge = new Column(Int32Array);
    let counter = 0;
    let components_ = 0;

    for (let root = 0; root < n; root++) {
      if (order[root] >= 0 || !inRegion(root)) continue;
      // Iterative Tarjan.
      const enter = (v: number) => {
        order[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
        callNode.push(v);
        callEdge.push(u.edgeStart[v]);
      };
      enter(root);
      while (callNode.length > 0) {
        const top = callNode.length - 1;
        const v = callNode.get(top);
        const e = callEdge.get(top);
        if (e < u.edgeStart[v + 1]) {
          callEdge.set(top, e + 1);
          const w = u.target[e];
          if (!inRegion(w)) continue;
          if (order[w] < 0) enter(w);
          else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
          continue;
        }
        callNode.length--;
        callEdge.length--;
        if (callNode.length > 0) {
          const parent = callNode.get(callNode.length - 1);
          low[parent] = Math.min(low[parent], low[v]);
        }
        if (low[v] !== order[v]) continue;
        // v roots a component: pop it.
        const id = components_++;
        const members: number[] = [];
        let w: number;
        do {
          w = stack.get(--stack.length);
          onStack[w] = 0;
          component[w] = id;
          members.push(w);
        } while (w !== v);
        let enabledEverywhere = all;
        let taken = 0;
        let internalEdges = 0;
        for (const m of members) {
          enabledEverywhere &= u.enabledAt(m);
          for (let f = u.edgeStart[m]; f < u.edgeStart[m + 1]; f++) {
            if (component[u.target[f]] === id) {
              internalEdges++;
              taken |= 1 << u.proc[f];
            }
          }
        }
        const stuck = members.length === 1 && u.expanded(v) && u.edgeStart[v] === u.edgeStart[v + 1];
        const fair = internalEdges > 0 && (enabledEverywhere & ~taken & all) === 0;
        if (!fair && !stuck) continue;
        let entry = members[0];
        for (const m of members) if (u.depthOf(m) < u.depthOf(entry) || (u.depthOf(m) === u.depthOf(entry) && m < entry)) entry = m;
        cycles.push({ check, process: p, entry, componentId: stuck ? -1 : id });
      }
    }
    components.set(p, component);
  }
  return { cycles, components };
}

/**
 * The shortest closed walk from `entry` inside its component that is fair: every process steps on
 * it or is disabled somewhere on it. Breadth-first over (node, processes satisfied so far).
 */
export function shortestFairCycle(u: Unfolding, component: Int32Array, id: number, entry: number): number[] {
  const all = processCountMask(u.processCount);
  const start = (~u.enabledAt(entry) & all) >>> 0;
  const key = (node: number, mask: number) => node * 2 ** u.processCount + mask;
  const parent = new Map<number, { prev: number; edge: number }>();
  let frontier: number[] = [key(entry, start)];
  parent.set(key(entry, start), { prev: -1, edge: -1 });
  const width = 2 ** u.processCount;
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const k of frontier) {
      const node = Math.floor(k / width);
      const mask = k % width;
      for (let e = u.edgeStart[node]; e < u.edgeStart[node + 1]; e++) {
        const w = u.target[e];
        if (component[w] !== id) continue;
        const m = (mask | (1 << u.proc[e]) | (~u.enabledAt(w) & all)) >>> 0;
        const k2 = key(w, m);
        if (w === entry && m === all) {
          const edges = [e];
          for (let step = parent.get(k)!; step.edge >= 0; step = parent.get(step.prev)!) edges.push(step.edge);
          return edges.reverse();
        }
        if (parent.has(k2)) continue;
        parent.set(k2, { prev: k, edge: e });
        next.push(k2);
      }
    }
    frontier = next;
  }
  throw new Error('internal: a fair component without a fair cycle');
}

function processCountMask(count: number): number {
  return count >= 32 ? 0xffffffff : ((1 << count) - 1) >>> 0;
}
