/**
 * The recycled memory of batch expansions (explorer/expansion-buffers.ts) and the reusable table
 * of a batch's listed successors (explorer/batch-repeats.ts): exact policies, since a mistake in
 * either shows only as a wrong successor list much later.
 */
import { describe, expect, it } from 'vitest';
import { giveBack, pack, spareCount, takeBuffer } from '../explorer/expansion-buffers';
import { BatchRepeats } from '../explorer/batch-repeats';

describe('expansion buffers', () => {
  it('hand out the smallest spare that fits, else a new buffer a quarter larger (rounded to 8 bytes)', () => {
    while (spareCount() > 0) takeBuffer(0);
    const small = new ArrayBuffer(100);
    const middle = new ArrayBuffer(200);
    const large = new ArrayBuffer(400);
    for (const b of [large, small, middle]) giveBack(b);
    expect(takeBuffer(150)).toBe(middle);
    expect(takeBuffer(50)).toBe(small);
    expect(takeBuffer(401).byteLength).toBe(504); // none fits: ceil(401 * 1.25 / 8) * 8
    expect(takeBuffer(400)).toBe(large);
    expect(spareCount()).toBe(0);
  });

  it('keep at most 16 spares, dropping the smallest, and ignore a detached buffer', () => {
    while (spareCount() > 0) takeBuffer(0);
    // Largest first, so that the smallest is the last one given back, not the first kept.
    for (let i = 17; i >= 1; i--) giveBack(new ArrayBuffer(8 * i));
    expect(spareCount()).toBe(16);
    const sizes: number[] = [];
    while (spareCount() > 0) sizes.push(takeBuffer(0).byteLength);
    expect(sizes).toEqual(Array.from({ length: 16 }, (_, i) => 16 + 8 * i)); // the 8-byte one went
    const detached = new ArrayBuffer(64);
    structuredClone(detached, { transfer: [detached] });
    giveBack(detached);
    expect(spareCount()).toBe(0);
  });

  it('pack arrays widest first, each aligned, with their contents, views in the order given', () => {
    while (spareCount() > 0) takeBuffer(0);
    const bytes = Uint8Array.of(1, 2, 3);
    const halves = Uint16Array.of(0x1234, 0x5678, 0x9abc);
    const words = Uint32Array.of(0xdeadbeef);
    const { views, buffer } = pack([bytes, halves, words] as const);
    expect(buffer.byteLength).toBe(24); // 13 bytes: ceil(13 * 1.25 / 8) * 8
    expect([views[2].byteOffset, views[1].byteOffset, views[0].byteOffset]).toEqual([0, 4, 10]);
    expect(Array.from(views[0])).toEqual([1, 2, 3]);
    expect(Array.from(views[1])).toEqual([0x1234, 0x5678, 0x9abc]);
    expect(Array.from(views[2])).toEqual([0xdeadbeef]);
    for (const v of views) expect(v.buffer).toBe(buffer);
  });

  it('pack arrays of the same width in the order given', () => {
    while (spareCount() > 0) takeBuffer(0);
    const { views } = pack([Uint8Array.of(1), Uint8Array.of(2, 2), Uint8Array.of(3)] as const);
    expect(views.map((v) => v.byteOffset)).toEqual([0, 1, 3]);
  });
});

describe("a batch's listed successors", () => {
  it('answer seen only within the batch that listed them, and only for the exact fingerprint', () => {
    const r = new BatchRepeats();
    r.start();
    expect(r.seenElseAdd(5, 1)).toBe(false);
    expect(r.seenElseAdd(5, 1)).toBe(true);
    expect(r.seenElseAdd(5, 2)).toBe(false); // same low half, same slot: told apart by the high half
    expect(r.seenElseAdd(5 + (1 << 20), 1)).toBe(false); // same slot, other low half
    expect(r.seenElseAdd(0xffffffff, 0xffffffff)).toBe(false); // uint32 halves above 2^31
    expect(r.seenElseAdd(0xffffffff, 0xffffffff)).toBe(true);
    r.start();
    expect(r.seenElseAdd(5, 1)).toBe(false); // a new batch has seen nothing
    expect(r.seenElseAdd(5, 1)).toBe(true);
  });

  it("forget an earlier batch's entries even when the table grows (the rehash keeps this batch's only)", () => {
    const r = new BatchRepeats();
    r.start();
    expect(r.seenElseAdd(7, 7)).toBe(false);
    r.start();
    const fresh = Array.from({ length: 5000 }, (_, i) => r.seenElseAdd(1000 + i * 7919, i)); // grows the 4,096-slot table
    expect(fresh.every((seen) => !seen)).toBe(true);
    expect([r.seenElseAdd(7, 7), r.seenElseAdd(0, 0)]).toEqual([false, false]);
  });

  it('grow past their first table and still know every entry of the batch', () => {
    const r = new BatchRepeats();
    r.start();
    const answers = (): boolean[] => Array.from({ length: 20000 }, (_, i) => r.seenElseAdd(i * 7919, i));
    expect(answers().every((seen) => !seen)).toBe(true);
    expect(answers().every((seen) => seen)).toBe(true);
    r.start();
    expect(answers().every((seen) => !seen)).toBe(true);
  });
});
