/**
 * The nfs spec through the whole engine: distinct-state counts pinned (with --no-symmetry, as
 * MODEL.md §3 asks, so that a change to the model that alters the state space is noticed), and
 * results independent of the number of worker threads.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore, type Result } from '../explorer';
import { timeless } from './support/results';

const NFS_MODULE = path.join(__dirname, '..', 'spec', 'nfs', 'index');

function check(variant: string, writers: number, options: { workers?: number; symmetry?: boolean; writes?: number } = {}): Promise<Result> {
  const params = { writers, pages: 2, writes: options.writes ?? 2, faults: 1 };
  return explore({ module: NFS_MODULE, args: { variant, params } }, { spec: 'nfs', variant, params }, {
    workers: options.workers ?? 1,
    symmetry: options.symmetry ?? false,
  });
}


// Distinct states and depth with --no-symmetry, --pages 2 --writes 2 --faults 1.
const PINNED: Record<string, { w1: [number, number]; w2: [number, number] }> = {
  'v4.19.90': { w1: [412, 20], w2: [36921, 31] },
  '14bebe3c': { w1: [404, 19], w2: [36615, 30] },
  '22876f54': { w1: [667, 19], w2: [80163, 36] },
  'revert-14bebe3c': { w1: [412, 20], w2: [36921, 31] },
  'return-ret': { w1: [695, 20], w2: [85167, 37] },
  '06c9fdf3': { w1: [488, 19], w2: [63345, 31] },
  mainline: { w1: [434, 16], w2: [39606, 28] },
  nullcheck: { w1: [404, 19], w2: [36615, 30] },
};

describe('nfs: pinned state-space sizes (no symmetry)', () => {
  for (const [variant, pinned] of Object.entries(PINNED)) {
    it(variant, async () => {
      for (const [writers, [distinct, depth]] of [
        [1, pinned.w1],
        [2, pinned.w2],
      ] as const) {
        const result = await check(variant, writers);
        expect(result.completion).toEqual({ complete: true });
        expect([result.stats.distinct, result.stats.depth], `${variant} writers=${writers}`).toEqual([distinct, depth]);
      }
    });
  }
});

describe('nfs: 1 and 2 worker threads give identical results', () => {
  it.each([
    ['22876f54', false],
    ['22876f54', true],
    ['14bebe3c', false],
    ['return-ret', true],
  ] as const)('%s symmetry=%s, two writers', async (variant, symmetry) => {
    const one = await check(variant, 2, { workers: 1, symmetry });
    const two = await check(variant, 2, { workers: 2, symmetry });
    expect(timeless(two)).toEqual(timeless(one));
  });
});
