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
    expect([set.lo(1), set.hi(1)]).toEqual([5, 2]);
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

  it('doubles a small slot table at once when an add fills more than 31/64 of it, as its look-ahead says', () => {
    const set = new SeenSet(4);
    // The fingerprint column (1,024 states of two 4-byte halves) does not grow here.
    const columns = 1024 * 8;
    expect(set.byteLength).toBe(4 * 4 + columns);
    set.add(1, 0);
    // One entry of 4 slots; a second would pass 31/64 (1.9375 entries): the table doubles to 8.
    expect(set.growthAhead(0)).toBe(0);
    expect(set.growthAhead(1)).toBe(8 * 4);
    set.add(2, 0);
    expect(set.byteLength - columns).toBe(8 * 4);
    // 8 slots: a third entry stays under 3.875, a fourth passes it (16 slots).
    expect(set.growthAhead(1)).toBe(0);
    expect(set.growthAhead(2)).toBe(16 * 4);
    set.add(3, 0);
    expect(set.byteLength - columns).toBe(8 * 4);
    expect([set.find(1, 0), set.find(2, 0), set.find(3, 0), set.find(4, 0)]).toEqual([0, 1, 2, -1]);
  });

  it('a table below 2^20 slots doubles at once, exactly when an add passes 31/64 full, as its look-ahead says', () => {
    // 1,024 slots: 31/64 of them is 496 entries. The 496th add stays at it; the 497th passes it,
    // and the table is 2,048 slots at once, the old one dropped (not held while a next one fills).
    const set = new SeenSet(1024);
    const columns = set.byteLength - 1024 * 4;
    for (let i = 0; i < 495; i++) set.add(i * 7919, i);
    expect(set.growthAhead(1)).toBe(0);
    expect(set.growthAhead(2)).toBe(2048 * 4);
    set.add(495 * 7919, 495);
    expect(set.byteLength - columns).toBe(1024 * 4);
    set.add(496 * 7919, 496);
    expect(set.byteLength - columns).toBe(2048 * 4);
    expect(set.growthAhead(1)).toBe(0);
    expect([set.find(0, 0), set.find(496 * 7919, 496), set.find(497 * 7919, 497)]).toEqual([0, 496, -1]);
  });

  it("fills a big table's successor a few entries per add, finding every entry meanwhile, and swaps before half full", () => {
    // 2^20 slots: the next table starts with the entry that passes 31/64 full (the 507,905th)
    // and takes 34 entries per add after it, so it holds them all (and replaces the old one)
    // 15,392 adds later, the first a with 34 a >= 507,905 + a: at 523,297 entries, before 1/2
    // full (524,288). Both tables are held meanwhile.
    const slots = 2 ** 20;
    const set = new SeenSet(slots);
    const lo = (i: number) => Math.imul(i, 2654435761) >>> 0;
    let i = 0;
    for (; i < 507_904; i++) set.add(lo(i), i);
    // The fingerprint column (2^20 halves) does not grow meanwhile: byte counts move by tables only.
    const before = set.byteLength;
    set.add(lo(i), i++);
    expect(set.byteLength - before).toBe(8 * slots);
    // While it fills, the look-ahead counts no further table (only the fingerprint column, which
    // has room).
    expect(set.growthAhead(1)).toBe(0);
    const probe = (count: number) => Array.from({ length: count }, (_, k) => Math.floor((k * (i - 1)) / (count - 1)));
    expect(probe(1000).every((k) => set.find(lo(k), k) === k)).toBe(true);
    expect(set.find(lo(i), i)).toBe(-1);
    for (; i < 507_905 + 15_391; i++) set.add(lo(i), i);
    expect(set.byteLength - before).toBe(8 * slots);
    set.add(lo(i), i++);
    expect(set.byteLength - before).toBe(4 * slots);
    // Every entry, those added while the next table filled included, is in the new table.
    const lost = Array.from({ length: i }, (_, k) => k).filter((k) => set.find(lo(k), k) !== k);
    expect(lost).toEqual([]);
    expect([set.find(lo(i), i), set.find(lo(7), 8)]).toEqual([-1, -1]);
  });

  it('a table of one slot grows before its first entry fills it: a missing fingerprint is still missing', () => {
    // Growing re-places the entries there are, and only those: a table with no free slot would
    // probe for a missing fingerprint forever.
    const set = new SeenSet(1);
    expect(set.add(7, 7)).toBe(0);
    expect(set.find(8, 8)).toBe(-1);
    expect(set.find(7, 7)).toBe(0);
    expect(set.add(8, 8)).toBe(1);
    expect([set.find(7, 7), set.find(8, 8), set.find(0, 0)]).toEqual([0, 1, -1]);
  });

  it('starts empty, with room for many states by default', () => {
    const set = new SeenSet();
    expect(set.size).toBe(0);
    expect(set.find(0, 0)).toBe(-1);
    for (let i = 0; i < 40_000; i++) set.add(i, 0);
    expect(set.find(39_999, 0)).toBe(39_999);
  });
});
