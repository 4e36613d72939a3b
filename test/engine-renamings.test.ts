/** Process renamings of the explored graph (explorer/graph.ts): interned, composed, limited to 16-bit ids. */
import { describe, expect, it } from 'vitest';
import { ExploredGraph } from '../explorer/graph';

/** The i-th permutation of n elements in lexicographic order (i < n!). */
function permutation(n: number, i: number): number[] {
  const pool = Array.from({ length: n }, (_, p) => p);
  const out: number[] = [];
  for (let k = n; k >= 1; k--) {
    let f = 1;
    for (let j = 2; j < k; j++) f *= j;
    out.push(pool.splice(Math.floor(i / f), 1)[0]);
    i %= f;
  }
  return out;
}

describe('renamings', () => {
  it('intern the identity as 0 and each distinct renaming once', () => {
    const graph = new ExploredGraph(3, 0);
    expect(graph.perms).toEqual([[0, 1, 2]]);
    expect(graph.internPerm([1, 2, 0])).toBe(1);
    expect(graph.internPerm([0, 1, 2])).toBe(0);
    expect(graph.internPerm([1, 2, 0])).toBe(1);
    expect(graph.internPerm([2, 0, 1])).toBe(2);
  });

  it('compose right to left: compose(a, b) renames by b, then by a', () => {
    const graph = new ExploredGraph(3, 0);
    const a = graph.internPerm([1, 2, 0]);
    const b = graph.internPerm([0, 2, 1]);
    const ab = graph.composePerms(a, b);
    expect(graph.perms[ab]).toEqual([1, 0, 2]);
    expect(graph.perms[graph.composePerms(b, a)]).toEqual([2, 1, 0]);
    expect(graph.composePerms(a, b)).toBe(ab);
    expect(graph.composePerms(0, b)).toBe(b);
    expect(graph.composePerms(a, 0)).toBe(a);
    expect(graph.perms[graph.composePerms(a, a)]).toEqual([2, 0, 1]);
  });

  it('allow 65536 renamings (16-bit ids) and refuse one more', () => {
    const graph = new ExploredGraph(9, 0);
    let last = 0;
    for (let i = 1; i < 65536; i++) last = graph.internPerm(permutation(9, i));
    expect(last).toBe(65535);
    expect(() => graph.internPerm(permutation(9, 65536))).toThrow('more than 65536 process renamings');
  });
});
