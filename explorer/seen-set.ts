/**
 * The set of visited fingerprints, mapping each to its state index. Open addressing over a power-of-
 * two table of indices; the fingerprints themselves live in a per-state column, so the table costs
 * 4 bytes per slot and index -> fingerprint is free (trace rebuilding needs it). A state's two
 * halves sit side by side: a lookup that reaches an index reads one cache line, not two (the
 * lookups are the merge's main cost, and they land anywhere in tables of tens of MB).
 */
import { Column, grownBytes } from './growable';

export class SeenSet {
  private slots: Int32Array;
  private mask: number;
  /** State i's fingerprint: low half at 2i, high half at 2i + 1. */
  private readonly fps = new Column(Uint32Array, 2048);

  constructor(capacity = 1 << 16) {
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.fps.length >>> 1;
  }

  /** The low half of state `index`'s fingerprint. */
  lo(index: number): number {
    return this.fps.get(2 * index);
  }

  /** The high half of state `index`'s fingerprint. */
  hi(index: number): number {
    return this.fps.get(2 * index + 1);
  }

  /** The index of fingerprint (lo, hi), or -1. */
  find(lo: number, hi: number): number {
    const fps = this.fps.data;
    for (let slot = lo & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = this.slots[slot];
      if (index < 0) return -1;
      if (fps[2 * index] === lo && fps[2 * index + 1] === hi) return index;
    }
  }

  /** Adds an unseen fingerprint; returns its new index (indices are dense, in insertion order). */
  add(lo: number, hi: number): number {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const index = this.size;
    this.fps.push(lo);
    this.fps.push(hi);
    this.place(lo, index);
    return index;
  }

  private place(lo: number, index: number): void {
    let slot = lo & this.mask;
    while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = index;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    const fps = this.fps.data;
    for (let i = 0; i < this.size; i++) this.place(fps[2 * i], i);
  }

  /** As `Column.growthAhead`, for `added` more fingerprints (the slot table doubles at half full). */
  growthAhead(added: number): number {
    const slots = grownBytes((this.size + added) * 2, this.slots.length, this.slots.BYTES_PER_ELEMENT);
    return slots + this.fps.growthAhead(2 * added);
  }

  get byteLength(): number {
    return this.slots.byteLength + this.fps.bytes;
  }
}
