/** A batch's renaming table (explorer/batch-perms.ts): numbers in first-met order, identity first, cleared per batch. */
import { describe, expect, it } from 'vitest';
import { BatchPerms } from '../explorer/batch-perms';

describe("a batch's renaming table", () => {
  it('numbers the identity 0, then each new permutation in the order met, and lists them in that order', () => {
    const perms = new BatchPerms();
    perms.start(3);
    expect(perms.intern([0, 1, 2])).toBe(0);
    expect(perms.intern([1, 0, 2])).toBe(1);
    expect(perms.intern([2, 1, 0])).toBe(2);
    expect(perms.intern([1, 0, 2])).toBe(1);
    expect(perms.entries).toEqual([0, 1, 2, 1, 0, 2, 2, 1, 0]);
  });

  it('starts each batch afresh, with the new batch’s process count', () => {
    const perms = new BatchPerms();
    perms.start(3);
    perms.intern([2, 0, 1]);
    perms.start(2);
    expect(perms.entries).toEqual([0, 1]);
    expect(perms.intern([1, 0])).toBe(1);
    expect(perms.entries).toEqual([0, 1, 1, 0]);
  });

  it('tells apart every permutation of 4 processes, and of 12, past the 10 that pack into a number', () => {
    const all = (n: number): number[][] => (n === 0 ? [[]] : all(n - 1).flatMap((p) => Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)])));
    const perms = new BatchPerms();
    perms.start(4);
    const four = all(4);
    const ids = four.map((p) => perms.intern(p));
    expect(new Set(ids).size).toBe(24);
    expect(four.map((p) => perms.intern(p))).toEqual(ids);

    perms.start(12);
    const identity = Array.from({ length: 12 }, (_, p) => p);
    // Swaps of two processes: 66 of them, each its own number after the identity's 0.
    const swaps: number[][] = [];
    for (let a = 0; a < 12; a++) {
      for (let b = a + 1; b < 12; b++) {
        const p = [...identity];
        [p[a], p[b]] = [p[b]!, p[a]!];
        swaps.push(p);
      }
    }
    expect(swaps.map((p) => perms.intern(p))).toEqual(swaps.map((_, i) => i + 1));
    expect(perms.intern(identity)).toBe(0);
    expect(perms.entries.length).toBe(12 * 67);
  });
});
