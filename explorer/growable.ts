/** Typed arrays that double when full: the engine's storage for per-state and per-edge columns. */

type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array;
export type Ctor<T extends TypedArray> = { new (length: number): T };

/**
 * Doubling while small; by half once large (4 Mi elements), so a big column's spare capacity and
 * the moment when old and new copies coexist cost 1.5x and 2.5x its size rather than 2x and 3x.
 */
function grownCapacity(current: number, needed: number): number {
  let capacity = Math.max(1, current);
  while (capacity < needed) capacity = capacity < 1 << 22 ? capacity * 2 : Math.ceil(capacity * 1.5);
  return capacity;
}

export class Column<T extends TypedArray> {
  data: T;
  length = 0;
  constructor(private readonly ctor: Ctor<T>, capacity = 1024) {
    this.data = new ctor(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }
  /** Reallocate to hold `size` elements, more than fit now. */
  private grow(size: number): void {
    const capacity = grownCapacity(this.data.length, size);
    const grown = new this.ctor(capacity);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
  get(index: number): number {
    return this.data[index];
  }
  set(index: number, value: number): void {
    this.data[index] = value;
  }
  /** A view of the filled part (shares memory until the next growth). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
  get bytes(): number {
    return this.data.byteLength;
  }
  /**
   * Bytes that growing to hold `items` more elements would allocate (the old array stays alive
   * while the new one is filled): what `--max-memory` must leave room for before it happens.
   */
  growthAhead(items: number): number {
    return grownBytes(this.length + items, this.data.length, this.data.BYTES_PER_ELEMENT);
  }
}

/** A growable byte buffer of variable-length records (encoded states of one BFS level). */
export class RecordBuffer {
  private bytes: Uint8Array;
  private used = 0;
  readonly offsets = new Column(Uint32Array);
  constructor(capacity = 4096) {
    this.bytes = new Uint8Array(capacity);
    this.offsets.push(0);
  }
  add(record: Uint8Array): void {
    const end = this.used + record.length;
    if (end > this.bytes.length) {
      const grown = new Uint8Array(grownCapacity(this.bytes.length, end));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.bytes.set(record, this.used);
    this.used = end;
    this.offsets.push(end);
  }
  get count(): number {
    return this.offsets.length - 1;
  }
  /** Empties the buffer and keeps its capacity (a thread's working buffer, reused batch after batch). */
  clear(): void {
    this.used = 0;
    this.offsets.length = 1;
  }
  /** As `Column.growthAhead`, for `records` more records of `bytes` bytes in all. */
  growthAhead(records: number, bytes: number): number {
    return grownBytes(this.used + bytes, this.bytes.length, 1) + this.offsets.growthAhead(records);
  }
  /** Every record, as views of this buffer (no copy): for handing the whole buffer over. */
  contents(): { data: Uint8Array; offsets: Uint32Array } {
    return { data: this.bytes.subarray(0, this.used), offsets: this.offsets.view() };
  }
  /** Record `index`, as a view of this buffer (valid until the next `add`). */
  record(index: number): Uint8Array {
    return this.bytes.subarray(this.offsets.get(index), this.offsets.get(index + 1));
  }
  /** Records [from, to) as one contiguous copy plus offsets relative to it, for a worker. */
  slice(from: number, to: number): { data: Uint8Array; offsets: Uint32Array } {
    const base = this.offsets.get(from);
    const data = this.bytes.slice(base, this.offsets.get(to));
    const offsets = new Uint32Array(to - from + 1);
    for (let i = from; i <= to; i++) offsets[i - from] = this.offsets.get(i) - base;
    return { data, offsets };
  }
}

/** The bytes of the array a doubling growth allocates to hold `needed` elements (0 if it fits). */
export function grownBytes(needed: number, capacity: number, bytesPerElement: number): number {
  if (needed <= capacity) return 0;
  return grownCapacity(capacity, needed) * bytesPerElement;
}
