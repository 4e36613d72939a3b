/**
 * What the search asks of its seen set: the fingerprints of the states found so far, numbered
 * densely in the order they were added (the state indices the whole graph is keyed by). The search
 * uses nothing else, so another store (one on disk for a state space larger than RAM, as TLC's
 * DiskFPSet is; one shared between threads) can replace the in-memory table of seen-set.ts
 * through the search context (search-context.ts), with the search unchanged.
 */
export interface FingerprintSet {
  /** States added so far. */
  readonly size: number;
  /** The low half of state `index`'s fingerprint. */
  lo(index: number): number;
  /** The high half of state `index`'s fingerprint. */
  hi(index: number): number;
  /** The index of fingerprint (lo, hi), or -1. */
  find(lo: number, hi: number): number;
  /** Adds a fingerprint not in the set; returns its index, which is the size before. */
  add(lo: number, hi: number): number;
  /**
   * A hint, before the merge looks up `count` fingerprints (lo, hi pairs): the set may fetch what
   * those lookups will read. Returns a number made of what it read (see seen-set.ts), or 0.
   */
  warm(fingerprints: Uint32Array, count: number): number;
  /** Bytes of memory the next `added` additions may take at once (`--max-memory` looks ahead). */
  growthAhead(added: number): number;
  /** Bytes of memory it holds now. */
  readonly byteLength: number;
}
