/**
 * Worker threads started before the search (explorer/search-threads.ts): they load what they are
 * told to as they start, a search takes them only when they are as many as it needs, and
 * `explore` closes them whether it took them or not, so that no thread outlives the call.
 */
import * as path from 'path';
import { BroadcastChannel } from 'worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { explore } from '../explorer';
import { startSearchThreads, type SearchThreads } from '../explorer/search-threads';
import { PRELOAD_PROBE_CHANNEL } from './models/preload-probe';

const MODULE = path.join(__dirname, 'models', 'graphs-more');
const search = (workers: number, threads?: SearchThreads, variant = 'wide-fan') =>
  explore({ module: MODULE, args: { variant, params: {} } }, { spec: 'graphs-more', variant, params: {} }, {
    workers,
    symmetry: false,
    ...(threads ? { threads } : {}),
  });

/** Threads started ahead, watched: which tasks their pool ran, and whether they were closed. */
function watched(count: number) {
  const threads = startSearchThreads(count, [MODULE]);
  const exec = vi.spyOn(threads.pool, 'exec');
  const close = vi.spyOn(threads, 'close');
  return { threads, exec, close };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('threads started ahead of the search', () => {
  it('load their preload modules as they start, before any search', async () => {
    const channel = new BroadcastChannel(PRELOAD_PROBE_CHANNEL);
    const heard = new Promise<{ isMainThread: boolean }>((resolve) => {
      channel.onmessage = (event) => resolve((event as MessageEvent).data as { isMainThread: boolean });
    });
    const threads = startSearchThreads(1, [path.join(__dirname, 'models', 'preload-probe')]);
    try {
      expect(await heard).toEqual(expect.objectContaining({ isMainThread: false }));
    } finally {
      channel.close();
      await threads.close();
    }
  });

  it('serve the search when they are as many as it needs, which closes them', async () => {
    const { threads, exec, close } = watched(1);
    const result = await search(2, threads);
    expect(exec.mock.calls.map((call) => call[0])).toEqual(['serve']);
    expect(close).toHaveBeenCalled();
    expect(threads.pool.stats().totalWorkers).toBe(0);
    const alone = await search(1);
    expect([result.stats.distinct, result.stats.generated]).toEqual([alone.stats.distinct, alone.stats.generated]);
  });

  it('are closed unused when the search needs another number of threads, or none', async () => {
    for (const workers of [3, 1]) {
      const { threads, exec, close } = watched(1);
      const result = await search(workers, threads);
      expect(result.completion.complete).toBe(true);
      expect(exec).not.toHaveBeenCalled();
      expect(close).toHaveBeenCalled();
      expect(threads.pool.stats().totalWorkers).toBe(0);
    }
  });

  it('are closed when the model is refused before any search', async () => {
    const { threads, exec, close } = watched(1);
    await expect(search(2, threads, 'no-such-variant')).rejects.toThrow();
    expect(exec).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalled();
  });

  it('close once, however often asked', async () => {
    const threads = startSearchThreads(1);
    const terminate = vi.spyOn(threads.pool, 'terminate');
    await Promise.all([threads.close(), threads.close()]);
    await threads.close();
    expect(terminate).toHaveBeenCalledTimes(1);
  });
});
