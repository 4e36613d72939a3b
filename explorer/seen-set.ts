/**
 * The set of visited fingerprints, mapping each to its state index. Open addressing over a power-of-
 * two table of indices; the fingerprints themselves live in per-state columns (`fpLo`, `fpHi`), so
 * the table costs 4 bytes per slot and index -> fingerprint is free (trace rebuilding needs it).
 */
import { Column, grownBytes } from './growable';

export class SeenSet {
  private slots: Int32Array;
  private mask: number;
  readonly fpLo = new Column(Uint32Array);
  readonly fpHi = new Column(Uint32Array);

  constructor(capacity = 1 << 16) {
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.fpLo.length;
  }

  /** The index of fingerprint (lo, hi), or -1. */
  find(lo: number, hi: number): number {
    const fpLo = this.fpLo.data;
    const fpHi = this.fpHi.data;
    for (let slot = lo & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = this.slots[slot];
      if (index < 0) return -1;
      if (fpLo[index] === lo && fpHi[index] === hi) return index;
    }
  }

  /** Adds an unseen fingerprint; returns its new index (indices are dense, in insertion order). */
  add(lo: number, hi: number): number {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const index = this.size;
    this.fpLo.push(lo);
    this.fpHi.push(hi);
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
    const fpLo = this.fpLo.data;
    for (let i = 0; i < this.size; i++) this.place(fpLo[i], i);
  }

  /** As `Column.growthAhead`, for `added` more fingerprints (the slot table doubles at half full). */
  growthAhead(added: number): number {
    const slots = grownBytes((this.size + added) * 2, this.slots.length, this.slots.BYTES_PER_ELEMENT);
    return slots + this.fpLo.growthAhead(added) + this.fpHi.growthAhead(added);
  }

  get byteLength(): number {
    return this.slots.byteLength + this.fpLo.bytes + this.fpHi.bytes;
  }
}
