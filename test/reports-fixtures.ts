/** Hand-built Results for the report and schema tests (shaped like the NFS spec's real ones). */
import type { Result } from '../explorer/result';

const stats = {
  generated: 1_234_567,
  distinct: 123_456,
  depth: 34,
  queue: 0,
  seconds: 2.5,
  searchSeconds: 2.0,
  distinctPerSecond: 49_382,
  bytesPerState: 48,
  collisionProbability: 8.3e-9,
};

/** 14bebe3c: the seed's oops, a `step` violation at nfs_inode_add_request. */
export const TRACE_RESULT: Result = {
  schema: 'mc-result/2',
  run: { spec: 'nfs', variant: '14bebe3c', params: { writers: 1, pages: 2, writes: 3, faults: 1 }, symmetry: true, workers: 4 },
  completion: { complete: true },
  stats,
  processes: ['W1', 'F', 'C'],
  properties: [
    {
      name: 'MappingNonNull',
      description: 'No write-path step dereferences the mapping of a page that left the page cache.',
      kinds: ['step'],
      verdict: 'violated',
      counterexample: {
        shape: 'trace',
        check: 'step',
        summary: 'W1 dereferences the NULL mapping of orphaned page 0 in nfs_inode_add_request.',
        initial: { 'page[0]': 'empty', 'page[1]': 'empty', rwsem: 'free', 'W1.pc': 'idle' },
        steps: [
          {
            process: 'W1',
            action: 'W1.start_io_write(p0,s0)',
            label: 'W1 nfs_start_io_write: takes i_rwsem, targets page 0 slot 0',
            source: { file: 'fs/nfs/io.c', line: 78, function: 'nfs_start_io_write', via: [{ file: 'fs/nfs/file.c', line: 597, function: 'nfs_file_write' }] },
            changes: [
              { field: 'rwsem', before: 'free', after: 'W1' },
              { field: 'W1.pc', before: 'idle', after: 'write_begin' },
            ],
          },
          {
            process: 'F',
            action: 'F.flush(p1)',
            outcome: 'pageio_add_request fails EDQUOT',
            label: 'F nfs_page_async_flush: pageio fails with -EDQUOT, ctx->error = EDQUOT',
            changes: [{ field: 'W1.ctx.error', before: '0', after: 'EDQUOT' }],
          },
          {
            process: 'W1',
            action: 'W1.wb_page_iter',
            outcome: 'writepage: launder(ctx->error)',
            label: 'W1 nfs_page_async_flush: out_launder, page 0 removed from the page cache, returns 0',
            source: { file: 'fs/nfs/write.c', line: 608, function: 'nfs_page_async_flush' },
            changes: [
              { field: 'page[0]', before: 'cached', after: 'orphan' },
              { field: 'W1.held', after: 'p0 (orphan)' },
            ],
          },
          {
            process: 'W1',
            action: 'W1.add_request',
            outcome: 'oops',
            label: 'W1 nfs_inode_add_request: NULL pointer dereference at NULL+0x80 (mapping->private_lock)',
            source: { file: 'fs/nfs/write.c', line: 754, function: 'nfs_inode_add_request' },
            changes: [{ field: 'W1.pc', before: 'add_request', after: 'oops(nfs_inode_add_request)' }],
            violates: 'MappingNonNull',
          },
        ],
        contextSwitches: 2,
      },
    },
    {
      name: 'WbPageTerminates',
      description: 'Every call of nfs_wb_page returns.',
      kinds: ['leaves'],
      verdict: 'holds',
    },
    {
      name: 'DeadlockFree',
      description: 'Every state that is not quiescent has a successor.',
      kinds: ['deadlock'],
      verdict: 'holds',
    },
  ],
};

/** 22876f54: the soft lockup, a lasso where W1 spins in nfs_wb_page and W2 waits on i_rwsem. */
export const LASSO_RESULT: Result = {
  schema: 'mc-result/2',
  run: { spec: 'nfs', variant: '22876f54', params: { writers: 2, pages: 2, writes: 2, faults: 1 }, symmetry: false, workers: 1 },
  completion: { complete: true },
  stats: { ...stats, collisionProbability: 0, memory: { peakBytes: 160 * 2 ** 20, startBytes: 63 * 2 ** 20, aboveStartBytes: 97 * 2 ** 20 } },
  processes: ['W1', 'W2', 'F', 'C'],
  properties: [
    {
      name: 'WbPageTerminates',
      description: 'Every call of nfs_wb_page returns.',
      kinds: ['leaves'],
      verdict: 'violated',
      counterexample: {
        shape: 'lasso',
        check: 'leaves',
        summary: 'W1 never returns from nfs_wb_page: the page is clean but still PagePrivate.',
        initial: { 'page[0]': 'empty', rwsem: 'free' },
        steps: [
          {
            process: 'W1',
            action: 'W1.start_io_write(p0,s0)',
            label: 'W1 nfs_start_io_write: takes i_rwsem',
            changes: [{ field: 'rwsem', before: 'free', after: 'W1' }],
          },
          {
            process: 'W1',
            action: 'W1.wb_page_iter',
            outcome: 'writepage: launder(ctx->error)',
            label: 'W1 nfs_page_async_flush: out_launder, SetPageError, request stays attached',
            changes: [
              { field: 'page[0].error', before: 'false', after: 'true' },
              { field: 'page[0].dirty', before: 'true', after: 'false' },
            ],
          },
          {
            process: 'W1',
            action: 'W1.wb_page_iter',
            outcome: 'commit: nothing to commit',
            label: 'W1 nfs_commit_inode: nothing on the commit list, returns 0; loop again',
            changes: [],
          },
        ],
        loopStart: 2,
        contextSwitches: 0,
        processes: [
          { process: 'W1', role: 'spinning', detail: 'spinning in nfs_wb_page(p0), holds i_rwsem and the page lock' },
          { process: 'W2', role: 'blocked', detail: 'blocked on i_rwsem held by W1' },
          { process: 'F', role: 'blocked', detail: 'nothing to flush: page 0 is clean' },
          { process: 'C', role: 'blocked', detail: 'no WRITE in flight' },
        ],
      },
    },
    {
      name: 'NoRequestLeak',
      description: 'Every live request is attached to a cached page; none is left at quiescence.',
      kinds: ['always', 'atQuiescence'],
      verdict: 'violated',
      counterexample: {
        shape: 'trace',
        check: 'atQuiescence',
        summary: 'A request is stranded on clean page 0 after every writer closed.',
        initial: {},
        steps: [
          {
            process: 'W1',
            action: 'W1.close',
            label: 'W1 close: fsync returns 0',
            changes: [{ field: 'nrequests', before: '1', after: '1' }],
          },
        ],
        contextSwitches: 0,
      },
    },
  ],
};

/** A run stopped by --max-seconds: nothing decided. */
export const INCOMPLETE_RESULT: Result = {
  schema: 'mc-result/2',
  run: { spec: 'two-phase', variant: 'correct', params: { rms: 7 }, symmetry: true, workers: 2 },
  completion: { complete: false, stoppedBy: 'max-seconds' },
  stats: { ...stats, queue: 4242, seconds: 60, searchSeconds: 60 },
  processes: ['TM', 'RM1', 'RM2'],
  properties: [
    { name: 'TCConsistent', description: 'No RM commits while another aborts.', kinds: ['always'], verdict: 'unknown' },
    { name: 'DeadlockFree', description: 'No deadlock.', kinds: ['deadlock'], verdict: 'unknown' },
  ],
};

/**
 * 14bebe3c with three writers, stopped by SIGTERM after the search found the oops and before its
 * counterexample was built (explorer/verdicts.ts): violated, without a counterexample.
 */
export const INTERRUPTED_RESULT: Result = {
  schema: 'mc-result/2',
  run: { spec: 'nfs', variant: '14bebe3c', params: { writers: 3, pages: 2, writes: 2, faults: 1 }, symmetry: false, workers: 1 },
  completion: { complete: false, stoppedBy: 'interrupted', signal: 'SIGTERM' },
  stats: { ...stats, distinct: 693_618, queue: 98_765 },
  processes: ['W1', 'W2', 'W3', 'F', 'C'],
  properties: [
    { name: 'MappingNonNull', description: 'No write-path step dereferences the mapping of a page that left the page cache.', kinds: ['step'], verdict: 'violated' },
    { name: 'WbPageTerminates', description: 'Every call of nfs_wb_page returns.', kinds: ['leaves'], verdict: 'unknown' },
    { name: 'DeadlockFree', description: 'No deadlock.', kinds: ['deadlock'], verdict: 'unknown' },
  ],
};

/** TRACE_RESULT's run as a variant with a caveat (`VariantInfo.notes`), written with Markdown's special characters. */
export const CAVEAT_RESULT: Result = {
  ...TRACE_RESULT,
  run: { ...TRACE_RESULT.run, variant: 'return-ret', caveats: ['WbPageTerminates holds only because no caller enters nfs_wb_page on a *clean* page.'] },
};
