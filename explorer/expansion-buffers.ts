/**
 * The memory a batch's expansion is written into, recycled: each thread keeps a few spare
 * ArrayBuffers, an expansion is packed into one of them, and once the search has merged it the
 * buffer comes back (`Executor.recycle`: directly with one worker, with a later batch when a
 * worker thread expanded it, since a transferred buffer changes threads with its contents).
 *
 * Why: an expansion is some 170 KB of typed arrays on TwoPhase (512 states, ~4,000 listed
 * successors), made 3,400 times on N = 8. Batches in flight live long enough to reach V8's old
 * generation, and dead ArrayBuffers there wait for a full collection: each thread carried tens of
 * MB of them, a third of a safety-only run's peak memory above idle.
 */

/** Spare buffers kept per thread: enough for the batches in flight (bfs.ts) with room to spare. */
const MAX_SPARE = 16;
const spare: ArrayBuffer[] = [];

/** A buffer of at least `bytes` bytes: the smallest spare that fits, else a new one with headroom. */
export function takeBuffer(bytes: number): ArrayBuffer {
  let best = -1;
  for (let i = 0; i < spare.length; i++) {
    const size = spare[i]!.byteLength;
    if (size >= bytes && (best < 0 || size < spare[best]!.byteLength)) best = i;
  }
  if (best >= 0) return spare.splice(best, 1)[0]!;
  // A quarter more, so that the next batch, a little wider, fits the same buffer.
  return new ArrayBuffer(Math.ceil((bytes * 1.25) / 8) * 8);
}

/** A buffer no expansion uses any more; the smallest spare goes when there are too many. */
export function giveBack(buffer: ArrayBuffer): void {
  if (buffer.byteLength === 0) return; // detached: transferred elsewhere
  spare.push(buffer);
  if (spare.length > MAX_SPARE) {
    let smallest = 0;
    for (let i = 1; i < spare.length; i++) if (spare[i]!.byteLength < spare[smallest]!.byteLength) smallest = i;
    spare.splice(smallest, 1);
  }
}

/** The spare buffers of this thread (tests). */
export function spareCount(): number {
  return spare.length;
}

type Typed = Uint32Array | Uint16Array | Uint8Array;

/**
 * Packs `parts` into one buffer from `takeBuffer`, widest elements first so that every view is
 * aligned, and returns the views (same order as `parts`) and the buffer.
 */
export function pack<T extends readonly Typed[]>(parts: T): { views: { [K in keyof T]: T[K] }; buffer: ArrayBuffer } {
  // Loops, not callbacks: a callback made per batch loses its optimized code at every full garbage
  // collection (see `factsFor` in expand.ts; 4-7 compiles a run).
  const order: number[] = [];
  for (const width of [4, 2, 1]) for (let i = 0; i < parts.length; i++) if (parts[i]!.BYTES_PER_ELEMENT === width) order.push(i);
  let bytes = 0;
  for (const i of order) bytes += parts[i]!.byteLength;
  const buffer = takeBuffer(bytes);
  // Stryker disable next-line ArrayDeclaration: a length hint only: every index is set below
  const views: Typed[] = new Array(parts.length);
  let at = 0;
  for (const i of order) {
    const part = parts[i]!;
    const Ctor = part.constructor as { new (buffer: ArrayBuffer, offset: number, length: number): Typed };
    const view = new Ctor(buffer, at, part.length);
    view.set(part);
    views[i] = view;
    at += part.byteLength;
  }
  return { views: views as unknown as { [K in keyof T]: T[K] }, buffer };
}
