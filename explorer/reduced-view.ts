/**
 * The explored graph as a `LayeredGraph` for shortest paths: with symmetry its nodes are
 * representatives and an edge names its process in its source's frame, so "the same process"
 * across an edge is followed through the edge's renaming.
 */
import type { ExploredGraph } from './graph';
import type { LayeredGraph } from './layered';

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
    renamed: graph.renamings
      ? // Stryker disable next-line ConditionalExpression: perms[0] is the identity, so the lookup gives p too; the test only skips it on the hot path
        (e, p) => (permOf[e] === 0 ? p : perms[permOf[e]][p])
      : (_e, p) => p,
    sourceOf: (e) => graph.sourceOf(e),
    roots: graph.roots.map((r) => r.state),
  };
}
