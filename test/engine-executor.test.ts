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
    const executor = inlineExecutor(model, false, await loadHasher());
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
    const executor = inlineExecutor(model, false, await loadHasher());
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
    const executor = poolExecutor(model, source, false, await loadHasher(), startSearchThreads(1));
    try {
      const batch = (): Batch => ({ data: bytes.slice(), offsets: Uint32Array.of(0, bytes.length) });
      const expansions = await Promise.all([0, 1, 2].map(() => executor.expand(batch())));
      expect(expansions.map((e) => e.succCount[0])).toEqual([0, 0, 0]);
    } finally {
      await executor.close();
    }
  });
});
