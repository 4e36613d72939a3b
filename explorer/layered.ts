/**
 * The view of a graph that shortest-path and fairness code need: nodes in BFS order with their
 * depth, CSR edges with the acting process, and how an edge renames processes (symmetry).
 * The explored (symmetry-reduced) graph provides it (reduced-view.ts).
 */
export interface LayeredGraph {
  readonly nodeCount: number;
  readonly processCount: number;
  depthOf(node: number): number;
  /** Edges of node n: [edgeStart[n], edgeStart[n+1]). */
  readonly edgeStart: Int32Array;
  readonly target: Int32Array;
  /** Acting process, in the frame of the edge's source node. */
  readonly proc: Uint8Array;
  /** Where process p of the source's frame is in the target's frame (identity without symmetry). */
  renamed(edge: number, process: number): number;
  sourceOf(edge: number): number;
  readonly roots: readonly number[];
}
