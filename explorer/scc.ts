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

/** `order` of a node the subgraph leaves out, of one not visited yet, and of one already in a component. */
const OUTSIDE = -2;
const UNVISITED = -1;
const DONE = 0x7fffffff;

export function stronglyConnected(g: Digraph, include: (node: number) => boolean): Components {
  const n = g.nodeCount;
  const { edgeStart, target } = g;
  const of = new Int32Array(n).fill(-1);
  // Per node its visiting order, or OUTSIDE, UNVISITED or DONE: one array read per edge where the
  // filter, the order and an on-stack flag were three, and a byte a node less (nfs 22876f54 N = 3,
  // its liveness region: 124-256 ms -> 113-206 ms, six runs each). A node is DONE once its
  // component is complete: an edge to it can lower no low link, and DONE lowers none.
  const order = new Int32Array(n);
  for (let v = 0; v < n; v++) order[v] = include(v) ? UNVISITED : OUTSIDE;
  const low = new Int32Array(n);
  const stack = new Column(Int32Array);
  const callNode = new Column(Int32Array);
  const callEdge = new Column(Int32Array);
  const memberStart = new Column(Int32Array);
  const memberList = new Column(Int32Array);
  memberStart.push(0);
  let counter = 0;
  const enter = (v: number) => {
    order[v] = low[v] = counter++;
    stack.push(v);
    callNode.push(v);
    callEdge.push(edgeStart[v]!);
  };
  for (let root = 0; root < n; root++) {
    if (order[root] !== UNVISITED) continue;
    enter(root);
    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const v = callNode.get(top);
      const e = callEdge.get(top);
      if (e < edgeStart[v + 1]!) {
        callEdge.set(top, e + 1);
        const w = target[e]!;
        const seen = order[w]!;
        if (seen === UNVISITED) enter(w);
        else if (seen !== OUTSIDE && seen < low[v]!) low[v] = seen;
        continue;
      }
      // The frame below inherits v's low. The root has none below: its own slot takes it, a no-op.
      const parent = callNode.get(Math.max(top - 1, 0));
      low[parent] = Math.min(low[parent]!, low[v]!);
      callNode.length--;
      callEdge.length--;
      if (low[v] !== order[v]) continue;
      const id = memberStart.length - 1;
      let w: number;
      do {
        w = stack.get(--stack.length);
        order[w] = DONE;
        of[w] = id;
        memberList.push(w);
      } while (w !== v);
      memberStart.push(memberList.length);
    }
  }
  return { of, count: memberStart.length - 1, memberStart: memberStart.view(), memberList: memberList.view() };
}
