/** Tarjan's strongly connected components (explorer/scc.ts) on graphs small enough to check by hand. */
import { describe, expect, it } from 'vitest';
import { membersOf, stronglyConnected, type Components, type Digraph } from '../explorer/scc';

/** A digraph from adjacency lists. */
function digraph(adjacency: number[][]): Digraph {
  const edgeStart = [0];
  const target: number[] = [];
  for (const out of adjacency) {
    target.push(...out);
    edgeStart.push(target.length);
  }
  return { nodeCount: adjacency.length, edgeStart: Int32Array.from(edgeStart), target: Int32Array.from(target) };
}

/** Each component's members, as plain arrays. */
function members(c: Components): number[][] {
  return Array.from({ length: c.count }, (_, id) => Array.from(membersOf(c, id)));
}

describe('strongly connected components', () => {
  it('does not merge a node with an earlier, finished component it points to', async () => {
    // 0 -> 1, 0 -> 2, 2 -> 1: no cycle, three components. When 2 is visited, 1 is finished (off
    // the stack): its lower number must not pull 2 into 0's component.
    const c = stronglyConnected(digraph([[1, 2], [], [1]]), () => true);
    expect(members(c)).toEqual([[1], [2], [0]]);
    expect(Array.from(c.of)).toEqual([2, 0, 1]);
  });

  it('finds cycles, and leaves out the nodes the filter rejects', async () => {
    // 0 -> 1 -> 2 -> 0 is a cycle; 2 -> 3 -> 3 a self-loop; 3 -> 4 -> 0 would join everything, but 4 is excluded.
    const c = stronglyConnected(digraph([[1], [2], [0, 3], [3, 4], [0]]), (n) => n !== 4);
    expect(members(c)).toEqual([[3], [2, 1, 0]]);
    expect(Array.from(c.of)).toEqual([1, 1, 1, 0, -1]);
  });

  it('handles a path far deeper than the call stack', async () => {
    const n = 50_000;
    const chain = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : [0]));
    const c = stronglyConnected(digraph(chain), () => true);
    expect(c.count).toBe(1);
    expect(membersOf(c, 0)).toHaveLength(n);
  });
});
