/** Typed arrays that double when full: the engine's storage for per-state and per-edge columns. */

type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array;
export type Ctor<T extends TypedArray> = { new (length: number): T };

/** Past this many elements a column stops doubling and reserves `RESERVED` at once. */
const RESERVE_FROM = 1 << 20;
/**
 * What a big column reserves: 2^28 elements (256 MiB to 1 GiB), of which only the pages written
 * take memory (the kernel maps a page at its first write), so a column fills it with no copy. A
 * column grown by copies wrote itself again into fresh memory at each growth, and first writes
 * cost ~3.4 ms a MiB here: nfs N = 3 spent 0.65 s of its merge in growths (two threads), worker
 * threads starved meanwhile. 2^28 holds the edges of nfs N = 4 without symmetry (~2.5e8).
 * Beyond it, growth is by half again (a copy).
 */
const RESERVED = 1 << 28;

/** The most elements one typed array holds in V8 (Node 20): 2^32. */
const MAX_ELEMENTS = 2 ** 32;

/**
 * Doubling while small; then the reservation; by half beyond it, so that the moment old and new
 * copies coexist costs 2.5x the column's size rather than 3x; and at most the largest typed array
 * (by half from 2^28 the next step after 3.06e9 would be past it: `--exact`'s state bytes of a
 * very large run).
 */
function grownCapacity(current: number, needed: number): number {
  if (needed > MAX_ELEMENTS) throw new Error(`a column of ${needed} elements is more than one typed array holds (${MAX_ELEMENTS})`);
  let capacity = Math.max(1, current);
  while (capacity < needed) capacity = capacity < RESERVE_FROM ? capacity * 2 : capacity < RESERVED ? RESERVED : Math.ceil(capacity * 1.5);
  return Math.min(capacity, MAX_ELEMENTS);
}

/**
 * The bytes of `capacity` elements holding `length` that take memory: all of a small array, the
 * written pages of a reservation.
 */
function residentBytes(length: number, capacity: number, bytesPerElement: number): number {
  if (capacity <= RESERVE_FROM) return capacity * bytesPerElement;
  return Math.min(capacity * bytesPerElement, Math.ceil((length * bytesPerElement) / 4096) * 4096);
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
  /** Makes room for `items` more elements, to be written straight into `data` from `length` on. */
  reserve(items: number): void {
    if (this.length + items > this.data.length) this.grow(this.length + items);
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
  /** The bytes it holds in memory (`residentBytes`). */
  get bytes(): number {
    return residentBytes(this.length, this.data.length, this.data.BYTES_PER_ELEMENT);
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

/**
 * The bytes of memory a growth to hold `needed` elements takes (0 if they fit): the new array, or
 * the pages of a reservation its copy and the new elements write.
 */
export function grownBytes(needed: number, capacity: number, bytesPerElement: number): number {
  if (needed <= capacity) return 0;
  return residentBytes(needed, grownCapacity(capacity, needed), bytesPerElement);
}
