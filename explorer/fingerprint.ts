/**
 * 64-bit state fingerprints: xxHash64 of a state's bytes (xxhash-wasm: a well-kept, dependency-free
 * WebAssembly build, several times faster than node:crypto for short inputs). A fingerprint is kept
 * as two 32-bit halves so that the hot paths never allocate a BigInt after hashing.
 */
import xxhash from 'xxhash-wasm';

export type Hasher = (bytes: Uint8Array, out: Uint32Array, at: number) => void;

let ready: Promise<Hasher> | undefined;

/** Resolves once the WebAssembly module is compiled; every thread calls it once. */
export function loadHasher(): Promise<Hasher> {
  ready ??= xxhash().then(({ h64Raw }) => {
    const scratch = new BigUint64Array(1);
    const halves = new Uint32Array(scratch.buffer);
    return (bytes, out, at) => {
      scratch[0] = h64Raw(bytes);
      out[at] = halves[0];
      out[at + 1] = halves[1];
    };
  });
  return ready;
}
