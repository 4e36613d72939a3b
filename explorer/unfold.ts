/**
 * Layered views of the explored graph.
 *
 * `reducedView`: the explored graph itself; with symmetry its nodes are representatives and an
 * edge's process is named in its source's frame, so "the same process" across an edge is followed
 * through the edge's permutation.
 *
 * `unfold`: for fairness, processes must keep their identity around a cycle. A node of the
 * unfolding is (representative, renaming from the real processes to the representative's frame);
 * it is a real state, and its edges name real processes. Without symmetry every renaming is the
 * identity and the unfolding is the explored graph itself, at no cost.
 */
import { EXPANDED, type ExploredGraph } from './graph';
import type { LayeredGraph } from './layered';
import { Column } from './growable';

export function reducedView(graph: ExploredGraph): LayeredGraph {
  const perms = graph.perms;
  const permOf = graph.perm.data;
  return {
    nodeCount: graph.size,
    processCount: graph.processCount,
    depthOf: (n) => graph.depthOf(n),
    edgeStart: graph.edgeStart.view(),
    target: graph.target.view(),
    proc: graph.proc.view(),
    renamed: (e, p) => (permOf[e] === 0 ? p : perms[permOf[e]][p]),
    sourceOf: (e) => graph.sourceOf(e),
    roots: graph.roots.map((r) => r.state),
  };
}

export interface Unfolding extends LayeredGraph {
  /** The explored state behind an unfolded node. */
  readonly state: Int32Array;
  /** Renaming (index into `graph.perms`): real process p is `perms[rename][p]` in the state's frame. */
  readonly rename: Uint16Array;
  /** The explored-graph edge behind an unfolded edge (its ordinal replays the step). */
  readonly via: Int32Array;
  /** Real processes enabled at a node. */
  enabledAt(node: number): number;
  /** Real processes inside liveness check j's region at a node. */
  regionAt(node: number, check: number): number;
  expanded(node: number): boolean;
}

export function unfold(graph: ExploredGraph): Unfolding {
  const flags = graph.flags.data;
  const enabled = graph.enabled.data;
  const regions = graph.regions.data;
  const R = graph.regionCount;
  if (graph.perms.length === 1) {
    const view = reducedView(graph);
    const identity = new Int32Array(graph.size).map((_, i) => i);
    return {
      ...view,
      state: identity,
      rename: new Uint16Array(graph.size),
      via: new Int32Array(view.target.length).map((_, i) => i),
      renamed: (_e, p) => p,
      enabledAt: (n) => enabled[n],
      regionAt: (n, j) => regions[n * R + j],
      expanded: (n) => (flags[n] & EXPANDED) !== 0,
    };
  }

  // Breadth-first over (state, renaming) from the roots, so node numbers are in BFS order.
  // Nodes of one state are few (at most the number of renamings): chain them per state.
  const firstNode = new Int32Array(graph.size).fill(-1);
  // At least one node per state and one edge per edge: start there rather than double up to it.
  const nodes = Math.max(1024, graph.size);
  const edges = Math.max(1024, graph.target.length);
  const sameState = new Column(Int32Array, nodes);
  const state = new Column(Int32Array, nodes);
  const rename = new Column(Uint16Array, nodes);
  const depth = new Column(Int32Array, nodes);
  const edgeStart = new Column(Int32Array, nodes + 1);
  const target = new Column(Int32Array, edges);
  const proc = new Column(Uint8Array, edges);
  const via = new Column(Int32Array, edges);
  const add = (s: number, r: number, d: number): number => {
    for (let n = firstNode[s]; n >= 0; n = sameState.data[n]) if (rename.data[n] === r) return n;
    const n = state.length;
    sameState.push(firstNode[s]);
    firstNode[s] = n;
    state.push(s);
    rename.push(r);
    depth.push(d);
    return n;
  };
  const roots = graph.roots.map((root) => add(root.state, root.perm, 0));
  const inverse = (r: number) => {
    const perm = graph.perms[r];
    const inv = new Array<number>(perm.length);
    perm.forEach((to, from) => (inv[to] = from));
    return inv;
  };
  const inverses = new Map<number, number[]>();
  edgeStart.push(0);
  for (let n = 0; n < state.length; n++) {
    const s = state.get(n);
    const r = rename.get(n);
    let inv = inverses.get(r);
    if (!inv) inverses.set(r, (inv = inverse(r)));
    for (let e = graph.edgeStart.get(s); e < graph.edgeStart.get(s + 1); e++) {
      const t = graph.target.get(e);
      const m = add(t, graph.composePerms(graph.perm.get(e), r), depth.get(n) + 1);
      target.push(m);
      proc.push(inv[graph.proc.get(e)]);
      via.push(e);
    }
    edgeStart.push(target.length);
  }
  const renameData = rename.view();
  const toFrame = (n: number, mask: number): number => {
    // A real process p is in the state's frame at perms[rename][p].
    const perm = graph.perms[renameData[n]];
    let real = 0;
    for (let p = 0; p < perm.length; p++) if (mask & (1 << perm[p])) real |= 1 << p;
    return real >>> 0;
  };
  const stateData = state.view();
  const edgeStartData = edgeStart.view();
  return {
    nodeCount: state.length,
    processCount: graph.processCount,
    depthOf: (n) => depth.get(n),
    edgeStart: edgeStartData,
    target: target.view(),
    proc: proc.view(),
    renamed: (_e, p) => p,
    sourceOf: (e) => {
      let lo = 0;
      let hi = state.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (edgeStartData[mid] <= e) lo = mid;
        else hi = mid - 1;
      }
      while (edgeStartData[lo + 1] <= e) lo++;
      return lo;
    },
    roots,
    state: stateData,
    rename: renameData,
    via: via.view(),
    enabledAt: (n) => toFrame(n, enabled[stateData[n]]),
    regionAt: (n, j) => toFrame(n, regions[stateData[n] * R + j]),
    expanded: (n) => (flags[stateData[n]] & EXPANDED) !== 0,
  };
}
