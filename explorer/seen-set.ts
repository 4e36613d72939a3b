/**
 * The set of visited fingerprints, mapping each to its state index. Open addressing over a power-of-
 * two table of indices; the fingerprints themselves live in a per-state column, so the table costs
 * 4 bytes per slot and index -> fingerprint is free (trace rebuilding needs it). A state's two
 * halves sit side by side: a lookup that reaches an index reads one cache line, not two (the
 * lookups are the merge's main cost, and they land anywhere in tables of tens of MB).
 *
 * The table doubles before it is half full, and not all at once: from 31/64 full the next table is
 * filled a few states per added state, so that it is complete when it is needed. Rehashing a big
 * table at once stopped the merge for ~100 ms (a 32 MiB table: ~90 ms of it the first touch of
 * fresh memory on this machine), during which worker threads ran out of batches (nfs N = 3, two
 * threads: the worker idle 14 % of the search, in spikes of 100-330 ms at the growths).
 */
import type { FingerprintSet } from './fingerprint-set';
import { Column } from './growable';

/**
 * The load at which the next table starts filling, out of the 1/2 at which it must be complete.
 * Late, because a search that ends meanwhile holds both tables: one that ends between 31/64 and
 * 1/2 full (about 1 in 20 sizes) holds 8 more bytes a state than it would have. (At 15/32, nfs
 * N = 4 without symmetry, 63.9 M states in 2^27 slots, ended in the window: 0.4 GiB more.)
 */
const MIGRATE_FROM = 31 / 64;
/**
 * States moved to the next table per state added: from 31/64 to 1/2 full, 1/64 of the slots are
 * added while up to 1/2 of them are moved, 32 per added state; 34 leaves room (the move ends at
 * 49.9 % full) and spreads it over the whole window. With 64 it ended a quarter of the way, and
 * the merge, slowed by it, kept the worker thread waiting: nfs N = 3 with two threads, the
 * worker idle 189 and 201 ms during moves (330-366 ms in all), against 146 and 125 (223-262 ms in
 * all) with 34, in CPU profiles. A 2^27-slot table fills its successor over 2 M added states.
 */
const MIGRATE_PER_ADD = 34;
/** Below this many slots the table doubles at once: the rehash is quicker than a batch. */
const MIGRATE_ABOVE = 1 << 20;

export class SeenSet implements FingerprintSet {
  /** Index + 1 per slot, 0 for a free one: a fresh table is all free without writing it. */
  private slots: Int32Array;
  private mask: number;
  /** The next table while it is filled, and how many states (from index 0) are in it so far. */
  private next: Int32Array | undefined;
  private moved = 0;
  /** State i's fingerprint: low half at 2i, high half at 2i + 1. */
  private readonly fps = new Column(Uint32Array, 2048);

  constructor(capacity = 1 << 16) {
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    // Written a second time here, as `slots` and `mask` just were: V8 takes a field written only
    // where the object is made for a constant, and compiles the code that reads it so
    // (`growthAhead`, and the search's limit check it is compiled into, once per batch). The first
    // growth, tens of thousands of states in, then deoptimized that code
    // (`--trace-generalization`: "next: const -> mutable").
    this.next = undefined;
    this.moved = 0;
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
      const index = this.slots[slot] - 1;
      if (index < 0) return -1;
      if (fps[2 * index] === lo && fps[2 * index + 1] === hi) return index;
    }
  }

  /**
   * Reads the home slot of each of `count` fingerprints (lo, hi pairs), then the fingerprint of
   * the state it holds, so that the `find`s that follow meet them in cache. Each of these reads is
   * independent of the others, so the processor overlaps their cache misses, where one `find`
   * after another waits for each in turn: nfs N = 3 spent 1.5 s of its 2.8 s of merging on those
   * two reads. Returns a number made of what it read, for the caller to keep, so that no compiler
   * can drop the reads.
   */
  // Stryker disable all: the reads change only how soon later reads are served; what they read is never used
  warm(fingerprints: Uint32Array, count: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const fps = this.fps.data;
    let sink = 0;
    for (let i = 0; i < count; i++) sink ^= slots[fingerprints[2 * i] & mask];
    for (let i = 0; i < count; i++) {
      const index = slots[fingerprints[2 * i] & mask] - 1;
      if (index >= 0) sink ^= fps[2 * index];
    }
    return sink;
  }
  // Stryker restore all

  /** Adds an unseen fingerprint; returns its new index (indices are dense, in insertion order). */
  add(lo: number, hi: number): number {
    const index = this.size;
    this.fps.push(lo);
    this.fps.push(hi);
    place(this.slots, this.mask, lo, index);
    // Past 31/64 full until the next table replaces this one (which takes it below again).
    if (this.size > this.slots.length * MIGRATE_FROM) this.grow();
    return index;
  }

  /**
   * Starts the next table, or moves more states into it. A method of its own, called from one
   * site that every growth takes, the first of them while the table is still small: V8 compiles
   * `add` into the merge, and each branch of growing that was first taken after that, millions of
   * states into a search (a growth, the first table filled a few states at a time, the safety net
   * below), deoptimized the whole merge, which was then compiled again, 36-50 ms each time on a
   * core the search wants (`--trace-deopt`, TwoPhase N = 8). A call this rare is not inlined
   * there, so such a branch now deoptimizes this method alone.
   */
  private grow(): void {
    if (this.next !== undefined) this.migrate(MIGRATE_PER_ADD);
    else {
      this.next = new Int32Array(this.slots.length * 2);
      this.moved = 0;
      // A small table is rehashed at once; so is any table that reached half full unfinished.
      if (this.slots.length < MIGRATE_ABOVE) this.migrate(this.size);
    }
    // A safety net that these constants never reach (34 states moved per add where 32 suffice):
    // a table that filled up would probe for a missing fingerprint forever.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: unreachable with MIGRATE_FROM and MIGRATE_PER_ADD as they are
    if (this.next !== undefined && this.size * 2 >= this.slots.length) this.migrate(this.size);
  }

  /** Moves up to `count` more states into the next table; once all are in, it replaces this one. */
  private migrate(count: number): void {
    const next = this.next!;
    const mask = next.length - 1;
    const end = Math.min(this.size, this.moved + count);
    placeAll(next, mask, this.fps.data, this.moved, end);
    this.moved = end;
    if (end === this.size) {
      this.slots = next;
      this.mask = mask;
      this.next = undefined;
    }
  }

  /** As `Column.growthAhead`, for `added` more fingerprints (the next table, once started). */
  growthAhead(added: number): number {
    const starts = this.next === undefined && this.size + added > this.slots.length * MIGRATE_FROM;
    return (starts ? this.slots.byteLength * 2 : 0) + this.fps.growthAhead(2 * added);
  }

  get byteLength(): number {
    return this.slots.byteLength + (this.next?.byteLength ?? 0) + this.fps.bytes;
  }
}

/**
 * Places states `from` (inclusive) to `to` in `slots` by their fingerprints `fps`. A loop with
 * nothing after it, outside `migrate`: a long move (a small table rehashed at once, up to half a
 * million states) had V8 compile `migrate` while its loop ran (on-stack replacement), without
 * feedback for the branch after the loop, and in about a third of the runs that code was then
 * entered and deoptimized again at every later move, 1,300-1,450 times a run (`--trace-deopt`,
 * TwoPhase N = 8).
 */
function placeAll(slots: Int32Array, mask: number, fps: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) place(slots, mask, fps[2 * i], i);
}

function place(slots: Int32Array, mask: number, lo: number, index: number): void {
  let slot = lo & mask;
  while (slots[slot] !== 0) slot = (slot + 1) & mask;
  slots[slot] = index + 1;
}
