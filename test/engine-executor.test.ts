/**
 * The calling thread's share of the expansion (explorer/executor.ts): one batch per turn of the
 * event loop, and nothing expanded once the executor is closed (a stopped search awaits none of
 * the batches it had dispatched ahead). And a pool thread's: none before it has built its model.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { inlineExecutor, poolExecutor } from '../explorer/executor';
import { startSearchThreads } from '../explorer/search-threads';
import { loadHasher } from '../explorer/fingerprint';
import { loadModel } from '../explorer/load';
import type { Batch } from '../explorer/expand';
import { contextOf } from './support/search-context';

async function counted() {
  const loaded = await loadModel({ module: path.join(__dirname, 'models', 'graphs-more'), args: { variant: 'wide-fan', params: {} } });
  const expanded: unknown[] = [];
  const model = { ...loaded, next: (s: unknown) => (expanded.push(s), loaded.next(s)) };
  const bytes = model.encode(model.init()[0]);
  const batch = (): Batch => ({ data: bytes.slice(), offsets: Uint32Array.of(0, bytes.length) });
  return { model, expanded, batch };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the calling thread as an executor', () => {
  it('expands one batch a turn, in the order they came', async () => {
    const { model, expanded, batch } = await counted();
    const executor = inlineExecutor(contextOf(model, await loadHasher()));
    const done: number[] = [];
    [0, 1, 2].forEach((i) => void executor.expand(batch()).then(() => done.push(i)));
    expect(expanded).toHaveLength(0);
    await turn();
    expect(done).toEqual([0]);
    await turn();
    await turn();
    expect(done).toEqual([0, 1, 2]);
    await executor.close();
  });

  it('expands nothing that was still waiting when it was closed', async () => {
    const { model, expanded, batch } = await counted();
    const executor = inlineExecutor(contextOf(model, await loadHasher()));
    const settled: number[] = [];
    [0, 1, 2].forEach((i) => void executor.expand(batch()).then(() => settled.push(i), () => settled.push(i)));
    await executor.close();
    for (let i = 0; i < 4; i++) await turn();
    expect([expanded.length, settled.length]).toEqual([0, 0]);
  });
});

describe('pool threads as an executor', () => {
  it('sends no batch to a pool thread still building its model: the calling thread expands them all meanwhile', async () => {
    // Node 1100 of worker-edge has one successor in a worker thread and none in the calling
    // thread; this variant's worker threads take 1.5 s to build the model (npm run build first).
    const source = { module: path.join(__dirname, 'models', 'graphs-more'), args: { variant: 'worker-edge-slow-start', params: {} } };
    const model = await loadModel(source);
    const bytes = model.encode(1100);
    const executor = poolExecutor(contextOf(model, await loadHasher()), source, startSearchThreads(1));
    try {
      const batch = (): Batch => ({ data: bytes.slice(), offsets: Uint32Array.of(0, bytes.length) });
      const expansions = await Promise.all([0, 1, 2].map(() => executor.expand(batch())));
      expect(expansions.map((e) => e.succCount[0])).toEqual([0, 0, 0]);
    } finally {
      await executor.close();
    }
  });

  /** An executor over threads that fail to build `variant`'s model (the calling thread builds it). */
  async function failingPool(variant: string) {
    const source = { module: path.join(__dirname, 'models', 'graphs-more'), args: { variant, params: {} } };
    const model = await loadModel(source);
    const bytes = model.encode(0);
    const threads = startSearchThreads(1);
    const executor = poolExecutor(contextOf(model, await loadHasher()), source, threads);
    const batch = (): Batch => ({ data: bytes.slice(), offsets: Uint32Array.of(0, bytes.length) });
    return { threads, executor, batch };
  }

  it('fails every batch asked for after a pool thread failed, rather than expanding it here', async () => {
    const { threads, executor, batch } = await failingPool('worker-build-fails');
    try {
      // workerpool runs a thread's tasks in order: once this one answers, `serve` has failed.
      await threads.pool.exec('methods');
      await expect(executor.expand(batch())).rejects.toThrow('this model is not built in worker threads');
    } finally {
      await executor.close();
    }
  });

  it('fails the batches still waiting in the calling thread when a pool thread fails', async () => {
    // Forty batches of 0.1 s each here (room for a slow thread start on a busy machine); the pool
    // thread fails 0.3 s into building the model, between two of them.
    const { executor, batch } = await failingPool('worker-build-fails-late');
    try {
      const settled = await Promise.allSettled(Array.from({ length: 40 }, () => executor.expand(batch())));
      const outcomes = settled.map((s) => s.status);
      expect(outcomes[0]).toBe('fulfilled');
      expect(outcomes.at(-1)).toBe('rejected');
      // Expanded in order until the failure, failed from then on.
      expect(outcomes.indexOf('rejected')).toBe(outcomes.lastIndexOf('fulfilled') + 1);
    } finally {
      await executor.close();
    }
  });
});
