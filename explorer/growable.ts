/** Typed arrays that double when full: the engine's storage for per-state and per-edge columns. */

type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array;
type Ctor<T extends TypedArray> = {
  new (length: number): T;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
};

/**
 * ES2024's resizable ArrayBuffer (Node 20's V8 has it; the ES2022 lib this project compiles
 * against does not declare it).
 */
interface Resizable extends ArrayBuffer {
  readonly resizable: boolean;
  readonly maxByteLength: number;
  resize(byteLength: number): void;
}
const ResizableBuffer = ArrayBuffer as unknown as { new (byteLength: number, options: { maxByteLength: number }): Resizable };

/**
 * From this size on a column grows in place, in a resizable ArrayBuffer: no copy, and no moment
 * when the old and the new array both hold memory. That moment was the peak of a liveness run
 * (nfs 22876f54 N=3: the four edge columns growing together held ~200 MB twice over), and the old
 * array lived on until V8's next full collection. Pages of a resizable buffer are committed as
 * they are first written, so its reserve costs address space, not memory.
 */
const IN_PLACE_FROM = 1 << 20;
/** The largest resizable buffer V8 makes; a column past it grows by copying, as small ones do. */
const MAX_IN_PLACE = 2 ** 32;

/** An array of `capacity` elements holding the first `keep` of `old`: `old` itself resized, when it can be. */
function regrow<T extends TypedArray>(ctor: Ctor<T>, old: T, keep: number, capacity: number): T {
  const bytes = capacity * ctor.BYTES_PER_ELEMENT;
  const buffer = old.buffer as Resizable;
  if (buffer.resizable === true && bytes <= buffer.maxByteLength) {
    buffer.resize(bytes);
    return new ctor(buffer, 0, capacity);
  }
  const grown = bytes >= IN_PLACE_FROM && bytes <= MAX_IN_PLACE ? new ctor(new ResizableBuffer(bytes, { maxByteLength: MAX_IN_PLACE }), 0, capacity) : new ctor(capacity);
  grown.set(old.subarray(0, keep));
  return grown;
}

/** Whether growing `array` to `bytes` happens in place (no old copy alive beside the new one). */
function growsInPlace(array: TypedArray, bytes: number): boolean {
  const buffer = array.buffer as Resizable;
  return buffer.resizable === true && bytes <= buffer.maxByteLength;
}

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
    this.data = regrow(this.ctor, this.data, this.length, grownCapacity(this.data.length, size));
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
   * Bytes that growing to hold `items` more elements would allocate (a copy: the old array stays
   * alive while the new one is filled; in place: the added part): what `--max-memory` must leave
   * room for before it happens.
   */
  growthAhead(items: number): number {
    return growthBytes(this.data, this.length + items);
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
    if (end > this.bytes.length) this.bytes = regrow(Uint8Array, this.bytes, this.used, grownCapacity(this.bytes.length, end));
    this.bytes.set(record, this.used);
    this.used = end;
    this.offsets.push(end);
  }
  get count(): number {
    return this.offsets.length - 1;
  }
  /** As `Column.growthAhead`, for `records` more records of `bytes` bytes in all. */
  growthAhead(records: number, bytes: number): number {
    return growthBytes(this.bytes, this.used + bytes) + this.offsets.growthAhead(records);
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

/** What growing `array` to hold `needed` elements adds to memory: a new array, or in place the added part. */
function growthBytes(array: TypedArray, needed: number): number {
  const bytes = grownBytes(needed, array.length, array.BYTES_PER_ELEMENT);
  return bytes > 0 && growsInPlace(array, bytes) ? bytes - array.byteLength : bytes;
}
