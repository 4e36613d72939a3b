/** The fingerprint set (explorer/seen-set.ts) compares all 64 bits and keeps every entry across growth. */
import { describe, expect, it } from 'vitest';
import { SeenSet } from '../explorer/seen-set';

describe('the fingerprint set', () => {
  it('tells apart fingerprints that share their low 32 bits', () => {
    const set = new SeenSet(4);
    expect(set.add(5, 1)).toBe(0);
    expect(set.find(5, 2)).toBe(-1);
    expect(set.add(5, 2)).toBe(1);
    expect(set.find(5, 1)).toBe(0);
    expect(set.find(5, 2)).toBe(1);
    expect(set.find(6, 1)).toBe(-1);
    expect(set.size).toBe(2);
    expect([set.fpLo.get(1), set.fpHi.get(1)]).toEqual([5, 2]);
  });

  it('tells apart fingerprints that share their high 32 bits and fall in the same slot', () => {
    const set = new SeenSet(4);
    expect(set.add(1, 9)).toBe(0);
    // 5 & 3 === 1 & 3: the probe starts at the same slot and meets entry 0 first.
    expect(set.find(5, 9)).toBe(-1);
    expect(set.add(5, 9)).toBe(1);
    expect(set.find(5, 9)).toBe(1);
    expect(set.find(1, 9)).toBe(0);
  });

  it('finds every fingerprint at its insertion index after growing many times', () => {
    const set = new SeenSet(4);
    // Low halves that collide in the low bits of the table, high halves that tell them apart.
    const fingerprints = Array.from({ length: 1000 }, (_, i) => [(i % 7) * 1024, i] as const);
    const indices = fingerprints.map(([lo, hi]) => set.add(lo, hi));
    expect(indices).toEqual(fingerprints.map((_, i) => i));
    expect(fingerprints.map(([lo, hi]) => set.find(lo, hi))).toEqual(indices);
    expect(set.find(0, 1000)).toBe(-1);
    expect(set.size).toBe(1000);
  });

  it('starts empty, with room for many states by default', () => {
    const set = new SeenSet();
    expect(set.size).toBe(0);
    expect(set.find(0, 0)).toBe(-1);
    for (let i = 0; i < 40_000; i++) set.add(i, 0);
    expect(set.find(39_999, 0)).toBe(39_999);
  });
});
