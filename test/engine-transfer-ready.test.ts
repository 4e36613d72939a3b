/**
 * A thread that takes part in a search with pool threads gives up V8's assumption that no
 * ArrayBuffer is ever detached before the search's code is compiled (explorer/transfer-ready.ts):
 * the calling thread as it starts its pool threads, each pool thread as it starts. Read from V8's
 * own trace in a child process, before any search (which would detach buffers anyway).
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { describe, expect, it } from 'vitest';

const THREADS = path.join(__dirname, '..', 'dist', 'explorer', 'search-threads.js');

/** How many isolates gave up the assumption while `count` pool threads started and stopped, and no search ran. */
function invalidations(count: number): number {
  // An unknown task settles once the thread has run its script (its methods are registered last).
  const script = `
    const threads = require(${JSON.stringify(THREADS)}).startSearchThreads(${count});
    Promise.all(Array.from({ length: ${count} }, () => threads.pool.exec('no-such-task').catch(() => undefined)))
      .then(() => threads.close());`;
  const out = execFileSync(process.execPath, ['--trace-protector-invalidation', '-e', script], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('Invalidating protector cell ArrayBufferDetaching')).length;
}

describe('threads ready for transfers', () => {
  it('the calling thread and every pool thread, as the threads start', () => {
    expect(invalidations(1)).toBe(2);
    expect(invalidations(2)).toBe(3);
  });
});
