/**
 * Threads share each BFS level in batches (explorer/bfs.ts: 512 states a batch): the calling
 * thread and K - 1 worker threads. The batches are merged in frontier order whatever order they
 * finish in, so the result does not depend on the number of workers. test/models/wide.ts has
 * levels of 4096 states (8 batches) and a first batch made slow on purpose, so that with two
 * workers (the calling thread keeps the first batch, a worker thread takes the rest) later
 * batches finish first. Worker threads load the compiled model: `npm run build` first (`npm test`
 * does it).
 */
import { describe, expect, it } from 'vitest';
import { actions, checkModel } from './support/engine-models';
import { timeless } from './support/results';

describe('worker merge order', () => {
  it('1 and 2 workers give the same result with many batches per level', async () => {
    const one = await checkModel('wide', undefined, { width: 4096 }, { workers: 1 });
    const two = await checkModel('wide', undefined, { width: 4096 }, { workers: 2 });
    expect(one.stats).toMatchObject({ distinct: 1 + 3 * 4096, generated: 1 + 3 * 4096, depth: 3 });
    // Every state of level 3 fails alike: the lowest index, the first value's, is reported.
    expect(actions(one, 'CountBelowTwo')).toEqual(['P.pick(0)', 'Q.count', 'Q.count']);
    expect(two.run.workers).toBe(2);
    expect(timeless(two)).toEqual(timeless(one));
  });
});
