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

  it('agrees with reachability on 500 random digraphs: a partition of the included nodes, sinks first', async () => {
    // A small deterministic generator (mulberry32), so that a failure names its seed.
    let a = 7;
    const pick = (k: number) => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * k);
    };
    for (let seed = 0; seed < 500; seed++) {
      const n = 1 + pick(12);
      const adjacency = Array.from({ length: n }, () => Array.from({ length: pick(4) }, () => pick(n)));
      const included = Array.from({ length: n }, () => pick(5) > 0);
      const c = stronglyConnected(digraph(adjacency), (v) => included[v]!);
      // Reachability inside the included subgraph, by closure.
      const reach = Array.from({ length: n }, (_, v) => Array.from({ length: n }, (_, w) => v === w));
      for (let changed = true; changed; ) {
        changed = false;
        for (let v = 0; v < n; v++) {
          for (let w = 0; w < n; w++) {
            if (!reach[v]![w] || !included[w]) continue;
            for (const x of adjacency[w]!) {
              if (included[x] && !reach[v]![x]) reach[v]![x] = changed = true;
            }
          }
        }
      }
      for (let v = 0; v < n; v++) {
        if (!included[v]) {
          expect(c.of[v], `seed ${seed}: node ${v} is left out`).toBe(-1);
          continue;
        }
        expect(Array.from(membersOf(c, c.of[v]!)), `seed ${seed}: node ${v} is in its own component`).toContain(v);
        for (let w = 0; w < n; w++) {
          if (!included[w]) continue;
          expect(c.of[v] === c.of[w], `seed ${seed}: ${v} and ${w}`).toBe(reach[v]![w]! && reach[w]![v]!);
          // Tarjan completes a component after every component it reaches.
          if (reach[v]![w] && c.of[v] !== c.of[w]) expect(c.of[v]!, `seed ${seed}: ${v} reaches ${w}`).toBeGreaterThan(c.of[w]!);
        }
      }
      expect(c.memberList.length).toBe(included.filter(Boolean).length);
    }
  });
});
