/**
 * 64-bit state fingerprints: the first two 32-bit words (h1, h2) of MurmurHash3_x86_128 with seed
 * 0, computed in plain 32-bit JavaScript arithmetic and written straight into two halves.
 *
 * Why hand-written: fingerprinting runs once per generated state, and on the 5-60-byte encodings
 * of this engine's specs a library call cost more than the hash itself. xxhash-wasm's `h64Raw`
 * (used until issue 11) returns a BigInt that must be made and split per call; js-xxhash was no
 * faster; murmurhash3js-revisited returns a hex string. MurmurHash3_x86_128 needs only `Math.imul`
 * and shifts on int32s, so V8 keeps everything in registers. The output is checked bit for bit
 * against murmurhash3js-revisited (the reference's port) on every length from 0 to 300 bytes
 * (test/engine-fingerprint.test.ts). Any 64 well-mixed bits serve as a fingerprint; the collision
 * probability the result reports assumes exactly that.
 */
export type Hasher = (bytes: Uint8Array, out: Uint32Array, at: number) => void;

const C1 = 0x239b961b;
const C2 = 0xab0e9789 | 0;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93 | 0;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** A 32-bit input word scrambled for its lane: multiply, rotate, multiply (the block and the tail alike). */
function scramble(k: number, ca: number, r: number, cb: number): number {
  return Math.imul(rotl(Math.imul(k, ca), r), cb);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b | 0);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35 | 0);
  return h ^ (h >>> 16);
}

/** The little-endian 32-bit word at `i` (a state's bytes are a view at any offset: no DataView alignment). */
function word(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
}

/** The `n` (1..4) bytes at `i` as a little-endian word, the rest zero (MurmurHash3's tail). */
function partial(b: Uint8Array, i: number, n: number): number {
  let k = 0;
  for (let j = n - 1; j >= 0; j--) k = (k << 8) | b[i + j]!;
  return k;
}

/** MurmurHash3_x86_128(bytes, seed): h1 at `out[at]`, h2 at `out[at + 1]`. The search's is seed 0. */
export function fingerprint(bytes: Uint8Array, out: Uint32Array, at: number, seed = 0): void {
  const len = bytes.length;
  let h1 = seed, h2 = seed, h3 = seed, h4 = seed;
  let i = 0;
  for (; i + 16 <= len; i += 16) {
    h1 ^= scramble(word(bytes, i), C1, 15, C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= scramble(word(bytes, i + 4), C2, 16, C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= scramble(word(bytes, i + 8), C3, 17, C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= scramble(word(bytes, i + 12), C4, 18, C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  // The tail: up to 15 bytes, in four words of which the last may be partial.
  const rest = len - i;
  if (rest > 12) h4 ^= scramble(partial(bytes, i + 12, rest - 12), C4, 18, C1);
  if (rest > 8) h3 ^= scramble(partial(bytes, i + 8, Math.min(4, rest - 8)), C3, 17, C4);
  if (rest > 4) h2 ^= scramble(partial(bytes, i + 4, Math.min(4, rest - 4)), C2, 16, C3);
  if (rest > 0) h1 ^= scramble(partial(bytes, i, Math.min(4, rest)), C1, 15, C2);

  h1 ^= len; h2 ^= len; h3 ^= len; h4 ^= len;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
  h1 = fmix(h1); h2 = fmix(h2); h3 = fmix(h3); h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  out[at] = h1;
  out[at + 1] = h2;
}

const ready: Promise<Hasher> = Promise.resolve(fingerprint);

/** The hasher (kept a promise: the search's seam for a hasher that needs loading, as WebAssembly did). */
export function loadHasher(): Promise<Hasher> {
  return ready;
}

/**
 * The fingerprint function of seed `seed`: MurmurHash3_x86_128 with that seed, an independent
 * 64-bit hash of the same bytes. Seed 0 is the search's own; `--exact` moves to the next seed when
 * two different states share a fingerprint (explore.ts), so that a search that ends has met none.
 */
export function seededFingerprint(seed: number): Hasher {
  if (seed === 0) return fingerprint;
  return (bytes, out, at) => fingerprint(bytes, out, at, seed);
}

/**
 * A violating step's target is a state of its own, a terminal that is never expanded: the same
 * bytes reached by a step that violates nothing must still be explored, or every state beyond
 * them would be missed and a property could wrongly hold (init 0, 0 -bad-> 1, 0 -> 2 -> 1 -> 3:
 * 3 was never reached when 1 was first numbered as the bad step's terminal). So its fingerprint
 * is the state's with both halves flipped by a fixed mask: as unlikely to meet another state's
 * fingerprint as any two fingerprints are, and the same in every thread.
 */
export function asViolationTarget(fp: Uint32Array, at = 0): void {
  fp[at] ^= 0x5bd1e995;
  fp[at + 1] ^= 0xc2b2ae35;
}
