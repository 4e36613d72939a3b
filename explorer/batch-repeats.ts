/**
 * The successors a worker has already listed in the batch it is expanding, by fingerprint, so
 * that it can leave out their repeats (`Batch.leaveOutRepeats`).
 *
 * One table per thread, reused batch after batch: a slot belongs to the current batch only when
 * its stamp is the batch's, so starting a batch clears nothing. A fresh seen set per batch (the
 * earlier way) allocated and filled a 128 KiB table 3,400 times on TwoPhase N = 8; those dead
 * ArrayBuffers are freed only by a full garbage collection and held 40-70 MB of the run's peak
 * memory.
 */
export class BatchRepeats {
  private stamp = new Int32Array(0);
  private lo = new Int32Array(0);
  private hi = new Int32Array(0);
  private mask = -1;
  private batch = 0;
  private count = 0;

  /** Starts a batch: the table keeps the size of the widest batch so far (it grows at half full). */
  start(): void {
    this.batch++;
    this.count = 0;
    if (this.stamp.length === 0) this.resize(1 << 12);
  }

  /** Whether (lo, hi) was already listed in this batch; if not, lists it. */
  seenElseAdd(lo: number, hi: number): boolean {
    if (2 * (this.count + 1) > this.stamp.length) this.grow();
    const stamp = this.stamp;
    for (let slot = lo & this.mask; ; slot = (slot + 1) & this.mask) {
      if (stamp[slot] !== this.batch) {
        stamp[slot] = this.batch;
        this.lo[slot] = lo;
        this.hi[slot] = hi;
        this.count++;
        return false;
      }
      if (this.lo[slot] === (lo | 0) && this.hi[slot] === (hi | 0)) return true;
    }
  }

  private resize(slots: number): void {
    this.stamp = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.hi = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** A batch wider than expected: rehash its entries into a table twice as large. */
  private grow(): void {
    const { stamp, lo, hi, batch } = this;
    this.resize(stamp.length * 2);
    this.count = 0;
    for (let slot = 0; slot < stamp.length; slot++) if (stamp[slot] === batch) this.seenElseAdd(lo[slot]!, hi[slot]!);
  }
}
