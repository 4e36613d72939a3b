/**
 * State fingerprints are the first 64 bits of MurmurHash3_x86_128 of the whole encoding
 * (explorer/fingerprint.ts), as two 32-bit halves, checked against an independent port of the
 * reference implementation.
 */
import { describe, expect, it } from 'vitest';
import murmur from 'murmurhash3js-revisited';
import { fingerprint, loadHasher, seededFingerprint } from '../explorer/fingerprint';

/** h1 and h2 of the reference's 128-bit result (its hex lists h1, h2, h3, h4). */
function reference(bytes: Uint8Array, seed = 0): [number, number] {
  const hex = murmur.x86.hash128(bytes, seed);
  return [parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8, 16), 16)];
}

/** Deterministic pseudo-random bytes (a fixed LCG), so a failure names a reproducible input. */
function bytesOf(length: number, seed: number): Uint8Array {
  const b = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    b[i] = x >>> 24;
  }
  return b;
}

describe('fingerprints', () => {
  it('are h1, h2 of MurmurHash3_x86_128 (seed 0), written at the given offset', async () => {
    const hash = await loadHasher();
    const out = new Uint32Array(4);
    hash(Uint8Array.of(0x61, 0x62, 0x63), out, 2);
    // "abc": the reference implementation's x86_128 words h1, h2.
    expect([out[2], out[3]]).toEqual([0x75cdc6d1, 0xa2b006a5]);
    expect([out[2], out[3]]).toEqual(reference(Uint8Array.of(0x61, 0x62, 0x63)));
    expect([out[0], out[1]]).toEqual([0, 0]);
    hash(new Uint8Array(0), out, 0);
    expect([out[0], out[1]]).toEqual([0, 0]); // the empty input with seed 0 hashes to zero
  });

  it('agree with the reference on every length from 0 to 300 bytes (every tail and block path)', () => {
    const out = new Uint32Array(2);
    for (let length = 0; length <= 300; length++) {
      for (const input of [bytesOf(length, length), new Uint8Array(length).fill(0xff)]) {
        fingerprint(input, out, 0);
        expect([out[0], out[1]], `length ${length}`).toEqual(reference(input));
      }
    }
  });

  it('of another seed (--exact after a collision) agree with the reference of that seed, and differ from seed 0', () => {
    expect(seededFingerprint(0)).toBe(fingerprint);
    const out = new Uint32Array(2);
    const zero = new Uint32Array(2);
    for (const seed of [1, 2, 0x7fffffff]) {
      const hash = seededFingerprint(seed);
      for (const length of [0, 3, 16, 21, 40]) {
        const input = bytesOf(length, seed + length);
        hash(input, out, 0);
        expect([out[0], out[1]], `seed ${seed}, length ${length}`).toEqual(reference(input, seed));
        fingerprint(input, zero, 0);
        expect([out[0], out[1]]).not.toEqual([zero[0], zero[1]]);
      }
    }
  });

  it('read a view through its own offset (a state is a subarray of a batch)', () => {
    const batch = bytesOf(64, 7);
    const view = batch.subarray(5, 29);
    const a = new Uint32Array(2);
    const b = new Uint32Array(2);
    fingerprint(view, a, 0);
    fingerprint(Uint8Array.from(view), b, 0);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('depend on every byte, not only the first eight', () => {
    const a = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    const b = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 2);
    const fa = new Uint32Array(2);
    const fb = new Uint32Array(2);
    fingerprint(a, fa, 0);
    fingerprint(b, fb, 0);
    expect(Array.from(fa)).not.toEqual(Array.from(fb));
  });

  it('load once per thread', async () => {
    expect(loadHasher()).toBe(loadHasher());
  });
});
