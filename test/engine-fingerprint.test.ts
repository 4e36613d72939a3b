/** State fingerprints are xxHash64 of the whole encoding (explorer/fingerprint.ts), as two 32-bit halves. */
import { describe, expect, it } from 'vitest';
import xxhash from 'xxhash-wasm';
import { loadHasher } from '../explorer/fingerprint';

describe('fingerprints', () => {
  it('are the 64-bit xxHash of the bytes, low half first, written at the given offset', async () => {
    const hash = await loadHasher();
    const out = new Uint32Array(4);
    hash(new Uint8Array(0), out, 2);
    // XXH64 of the empty input with seed 0 (the reference implementation's test vector).
    expect([out[2], out[3]]).toEqual([0x51d8e999, 0xef46db37]);
    expect([out[0], out[1]]).toEqual([0, 0]);
  });

  it('depend on every byte, not only the first eight', async () => {
    const hash = await loadHasher();
    const { h64Raw } = await xxhash();
    const a = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    const b = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 2);
    const fa = new Uint32Array(2);
    const fb = new Uint32Array(2);
    hash(a, fa, 0);
    hash(b, fb, 0);
    expect(Array.from(fa)).not.toEqual(Array.from(fb));
    const full = h64Raw(a);
    expect(Array.from(fa)).toEqual([Number(full & 0xffffffffn), Number(full >> 32n)]);
  });

  it('load once per thread', async () => {
    expect(loadHasher()).toBe(loadHasher());
  });
});
