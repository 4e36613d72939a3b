/**
 * Strongly connected components (Tarjan, iterative: state graphs are far deeper than the call
 * stack) of the subgraph induced by the nodes `include` accepts.
 */
import { Column } from './growable';

export interface Digraph {
  readonly nodeCount: number;
  readonly edgeStart: Int32Array;
  readonly target: Int32Array;
}

/**
 * The components, each a run of `memberList`: typed arrays rather than an array per component,
 * since a liveness region of millions of states is mostly one-state components (nfs 22876f54 N=3:
 * 2.9 M states, and arrays of arrays took 95 MB of heap where these take 8 bytes a node).
 */
export interface Components {
  /** Component id per node; -1 for nodes outside the subgraph. */
  readonly of: Int32Array;
  readonly count: number;
  /** Members of component `id`: `memberList[memberStart[id] .. memberStart[id + 1])`. */
  readonly memberStart: Int32Array;
  /** The included nodes, component by component, each in the order Tarjan pops them. */
  readonly memberList: Int32Array;
}

/** The members of component `id`, as a view of `memberList`. */
export function membersOf(c: Components, id: number): Int32Array {
  return c.memberList.subarray(c.memberStart[id], c.memberStart[id + 1]);
}

/** Marks in `mark`: a node the subgraph leaves out, and one not visited yet. */
const OUTSIDE = -2;
const UNVISITED = -1;
/** The mark of a node of component `id` is DONE - id. */
const DONE = -3;

export function stronglyConnected(g: Digraph, include: (node: number) => boolean): Components {
  const n = g.nodeCount;
  const { edgeStart, target } = g;
  // One word per node, and the only per-node array: OUTSIDE or UNVISITED, then its visiting order
  // while its component is open, then DONE - its component's id, which an edge into it ignores
  // (a finished component lowers no low link). One array read per edge where the filter, the
  // order and an on-stack flag were three; at the end it becomes `of`. The low links are kept by
  // visiting order, for the visited nodes only. On nfs 22876f54 N = 3 (a region of 480,372 of
  // 2.9 M states) that is 4 bytes a state and 4 a visited one, where `of`, the order, the low
  // link and the flag took 13 a state: this runs after the search, beside the whole graph.
  const mark = new Int32Array(n);
  for (let v = 0; v < n; v++) mark[v] = include(v) ? UNVISITED : OUTSIDE;
  const low = new Column(Int32Array);
  const stack = new Column(Int32Array);
  const callNode = new Column(Int32Array);
  const callEdge = new Column(Int32Array);
  const memberStart = new Column(Int32Array);
  const memberList = new Column(Int32Array);
  memberStart.push(0);
  const enter = (v: number) => {
    mark[v] = low.length;
    low.push(low.length);
    stack.push(v);
    callNode.push(v);
    callEdge.push(edgeStart[v]!);
  };
  for (let root = 0; root < n; root++) {
    if (mark[root] !== UNVISITED) continue;
    enter(root);
    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const v = callNode.get(top);
      const e = callEdge.get(top);
      const order = mark[v]!;
      if (e < edgeStart[v + 1]!) {
        callEdge.set(top, e + 1);
        const w = target[e]!;
        const seen = mark[w]!;
        if (seen === UNVISITED) enter(w);
        else if (seen >= 0 && seen < low.get(order)) low.set(order, seen);
        continue;
      }
      // The frame below inherits v's low. The root has none below: its own slot takes it, a no-op.
      const parent = mark[callNode.get(Math.max(top - 1, 0))]!;
      low.set(parent, Math.min(low.get(parent), low.get(order)));
      callNode.length--;
      callEdge.length--;
      if (low.get(order) !== order) continue;
      const id = memberStart.length - 1;
      let w: number;
      do {
        w = stack.get(--stack.length);
        mark[w] = DONE - id;
        memberList.push(w);
      } while (w !== v);
      memberStart.push(memberList.length);
    }
  }
  // Every included node is now in a component, DONE - id, which gives its id; and DONE - OUTSIDE
  // is -1, the `of` of a node left out.
  for (let v = 0; v < n; v++) mark[v] = DONE - mark[v]!;
  return { of: mark, count: memberStart.length - 1, memberStart: memberStart.view(), memberList: memberList.view() };
}
