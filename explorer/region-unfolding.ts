/**
 * Where fairness is decided: the explored states that could lie on a cycle inside a liveness
 * region, with processes given back their identity.
 *
 * With symmetry the explored graph holds representatives, and an edge names its process in its
 * source's frame; going round a cycle of representatives may rename processes, so "P1 never
 * steps" cannot be read off it. A node here is (representative, renaming): a real state, whose
 * edges name real processes. Renamings range over the group the model's renamings generate; a
 * symmetric model reaches every renaming of a reachable state (its initial states are closed
 * under the symmetry, as TLC's symmetry sets assume). Without symmetry the group is the identity
 * and a node is just an explored state.
 *
 * Only the states of the region's nontrivial components are unfolded, not the whole graph: a fair
 * cycle of the unfolding projects onto a cycle of representatives, inside one such component.
 */
import type { ExploredGraph } from './graph';
import type { Digraph } from './scc';
import { Column } from './growable';
import { lastAtMost } from './sorted';

export interface CycleGraph extends Digraph {
  readonly processCount: number;
  /** Real acting process per edge. */
  readonly proc: Uint8Array;
  /** The explored-graph edge behind each edge (its ordinal replays the step). */
  readonly via: Int32Array;
  stateOf(node: number): number;
  /** The node for (state, renaming id), or -1. */
  nodeOf(state: number, renaming: number): number;
  /** Real processes enabled at a node. */
  enabledAt(node: number): number;
  /** Real processes inside liveness check j's region at a node. */
  regionAt(node: number, check: number): number;
  /** No step at all is enabled: the system stutters here forever (every node's state was expanded). */
  stuck(node: number): boolean;
  /** The renaming id of a node. */
  renamingOf(node: number): number;
}

/** Every renaming the model's renamings generate (ids into `graph.perms`), identity first. */
export function renamingGroup(graph: ExploredGraph): number[] {
  const group = [0];
  const seen = new Set(group);
  const generators = graph.perms.map((_, id) => id);
  for (let i = 0; i < group.length; i++) {
    for (const g of generators) {
      const c = graph.composePerms(g, group[i]);
      if (!seen.has(c)) {
        seen.add(c);
        group.push(c);
      }
    }
  }
  return group;
}

/**
 * The unfolding over `states`, expanded states in increasing order (each with its component id in
 * `component`); only edges that stay inside a component are kept, since only they can lie on a cycle.
 */
export function unfoldRegion(graph: ExploredGraph, states: Int32Array, component: Int32Array): CycleGraph {
  const group = renamingGroup(graph);
  const G = group.length;
  const groupIndex = new Map(group.map((id, i) => [id, i]));
  // A state's position in `states`, found by bisection: no map of every unfolded state.
  const localIndex = (state: number): number | undefined => {
    const i = lastAtMost(states, states.length, state);
    // Stryker disable next-line ConditionalExpression: unreachable: liveness asks only for states it unfolded (nodeOf's caller) and this file only for targets inside a kept component
    return states[i] === state ? i : undefined;
  };
  // inverses[g][to] is the index that perm g sends to `to`.
  const inverses = group.map((id) => graph.perms[id].map((_, to) => graph.perms[id].indexOf(to)));
  // Stryker disable next-line ArithmeticOperator: a capacity hint (one offset per node and one past the end); a Column grows past any other size to the same contents
  const edgeStart = new Column(Int32Array, states.length * G + 1);
  const target = new Column(Int32Array);
  const proc = new Column(Uint8Array);
  const via = new Column(Int32Array);
  edgeStart.push(0);
  for (const s of states) {
    for (let gi = 0; gi < G; gi++) {
      for (let e = graph.edgeStart.get(s); e < graph.edgeStart.get(s + 1); e++) {
        const t = graph.target.get(e);
        // Stryker disable next-line ConditionalExpression: an edge to another kept component lies on no cycle (its components are the region's strongly connected ones), so fairComponents finds the same fair components with it; a target outside the kept states is dropped below either way
        if (component[t] !== component[s]) continue;
        const j = localIndex(t);
        // Stryker disable next-line ConditionalExpression: `states` lists whole components (liveness.ts), so a target in s's component has a local index; the test is for the type
        if (j === undefined) continue;
        const renamed = groupIndex.get(graph.composePerms(graph.renamingOf(e), group[gi]))!;
        target.push(j * G + renamed);
        proc.push(inverses[gi][graph.proc.get(e)]);
        via.push(e);
      }
      edgeStart.push(target.length);
    }
  }
  const toReal = (node: number, frameMask: number): number => {
    const perm = graph.perms[group[node % G]];
    let real = 0;
    for (let p = 0; p < perm.length; p++) if (frameMask & (1 << perm[p])) real |= 1 << p;
    return real >>> 0;
  };
  const stateOf = (node: number) => states[Math.floor(node / G)];
  const R = graph.regionCount;
  return {
    nodeCount: states.length * G,
    processCount: graph.processCount,
    edgeStart: edgeStart.view(),
    target: target.view(),
    proc: proc.view(),
    via: via.view(),
    stateOf,
    nodeOf: (state, renaming) => {
      const i = localIndex(state);
      const gi = groupIndex.get(renaming);
      // Stryker disable next-line UnaryOperator: unreachable: liveness asks only for a state of the region with a renaming composed from the graph's, which the group holds
      return i === undefined || gi === undefined ? -1 : i * G + gi;
    },
    enabledAt: (node) => toReal(node, graph.enabled.get(stateOf(node))),
    regionAt: (node, j) => toReal(node, graph.regions.get(stateOf(node) * R + j)),
    // `states` were all expanded (liveness unfolds states inside a region, which the search
    // records at expansion): no edge means no enabled step, not a state left unexpanded.
    stuck: (node) => graph.edgeStart.get(stateOf(node)) === graph.edgeStart.get(stateOf(node) + 1),
    renamingOf: (node) => group[node % G],
  };
}
