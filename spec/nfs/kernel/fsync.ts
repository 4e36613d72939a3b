/**
 * fsync (MODEL.md §4's name for the flush that close(2) and write(2)'s error check run), in the
 * variant's own calls:
 * - 4.19: close(2) is fs/nfs/file.c:139 nfs_file_flush → vfs_fsync, write(2)'s check file.c:586
 *   nfs_need_check_write → vfs_fsync; both reach file.c:240 nfs_file_fsync →
 *   filemap_write_and_wait_range → write_cache_pages (one fsync_flush step per page index, dirty
 *   pages only), filemap_fdatawait (fsync_wait), then the error report (fsync_report).
 * - mainline (v6.18.2, KERNEL-NOTES §4): neither calls vfs_fsync. close(2) is file.c:141
 *   nfs_file_flush: sample wb_err, nfs_wb_all, return filemap_check_wb_err(mapping, since);
 *   write(2)'s check in file.c:696 nfs_file_write, on -EDQUOT: nfs_wb_all, then
 *   file_check_and_advance_wb_err. nfs_wb_all's filemap_write_and_wait writes the dirty pages
 *   (fsync_flush) and waits (fsync_wait); fsync_report is the errseq check.
 */
import type { SourceFrame, SourceLocation } from '../../../explorer/source-location';
import { NONE, anyInFlight, requestName, type FsyncPurpose, type NfsState } from '../state';
import type { DState, DWriter } from './functions';
import { step, type Env, type NfsTransition } from './env';
import { errnoName } from './primitives';
import { finishWrite } from './write-syscall';
import { writepage, writepageMayFault } from './writepage';

const SRC_FLUSH: SourceLocation = { file: 'fs/nfs/write.c', line: 711, function: 'nfs_writepages', via: [{ file: 'mm/page-writeback.c', function: 'write_cache_pages' }] };
const SRC_WAIT: SourceLocation = { file: 'mm/filemap.c', function: 'filemap_fdatawait_range', via: [{ file: 'fs/nfs/file.c', line: 240, function: 'nfs_file_fsync' }] };
const SRC_REPORT: SourceLocation = { file: 'fs/nfs/file.c', line: 240, function: 'nfs_file_fsync' };

/** The step sources, by purpose: on 4.19 one nfs_file_fsync serves both. */
interface FsyncSources {
  readonly flush: Readonly<Record<FsyncPurpose, SourceLocation>>;
  readonly wait: Readonly<Record<FsyncPurpose, SourceLocation>>;
  readonly report: Readonly<Record<FsyncPurpose, SourceLocation>>;
}

const SOURCES_4_19: FsyncSources = {
  flush: { write: SRC_FLUSH, close: SRC_FLUSH },
  wait: { write: SRC_WAIT, close: SRC_WAIT },
  report: { write: SRC_REPORT, close: SRC_REPORT },
};

// Mainline's callers (v6.18.2 file.c:696 and :141, KERNEL-NOTES §4), cited at their 4.19.90 lines
// as every variant's sources are (source-location.ts, README); nfs_wb_all's line is not pinned.
const MAINLINE_CALLER: Readonly<Record<FsyncPurpose, SourceFrame>> = {
  write: { file: 'fs/nfs/file.c', line: 597, function: 'nfs_file_write' },
  close: { file: 'fs/nfs/file.c', line: 139, function: 'nfs_file_flush' },
};
const WB_ALL: SourceFrame = { file: 'fs/nfs/write.c', function: 'nfs_wb_all' };
const byCaller = (at: (caller: SourceFrame) => SourceLocation): Record<FsyncPurpose, SourceLocation> => ({
  write: at(MAINLINE_CALLER.write),
  close: at(MAINLINE_CALLER.close),
});
const SOURCES_MAINLINE: FsyncSources = {
  flush: byCaller((caller) => ({ file: 'fs/nfs/write.c', function: 'nfs_writepages', via: [caller, WB_ALL] })),
  wait: byCaller((caller) => ({ file: 'mm/filemap.c', function: 'filemap_write_and_wait_range', via: [caller, WB_ALL] })),
  report: byCaller((caller) => caller),
};

function sourcesOf(env: Env): FsyncSources {
  return env.k.errorReporting === 'errseq' ? SOURCES_MAINLINE : SOURCES_4_19;
}

/** fsync_flush(p): write back page `index` if dirty; an empty or clean index is a no-op step. */
export function fsyncFlush(env: Env, s: NfsState, w: number, purpose: FsyncPurpose, index: number, failed: boolean, out: NfsTransition[]): void {
  const me = env.names[w]!;
  const pg = s.pages[index];
  const last = index + 1 >= env.params.pages;
  const advance = (dw: DWriter, nowFailed: boolean) => {
    dw.pc = last ? { at: 'fsync_wait', purpose, failed: nowFailed } : { at: 'fsync_flush', purpose, index: index + 1, failed: nowFailed };
  };
  const src = sourcesOf(env).flush[purpose];
  if (!pg || !pg.dirty) {
    step(env, s, w, `${me}.fsync_flush(p${index})`, src, (d) => {
      if (purpose === 'close' && index === 0) env.k.closeSample(d, w);
      advance(d.writers[w]!, failed);
      return { outcome: 'clean', label: `${me} write_cache_pages: page ${index} ${pg ? 'clean' : 'not cached'}, nothing to write` };
    }, out);
    return;
  }
  // write_cache_pages: lock_page (D state while another task holds it), wait_on_page_writeback.
  if (pg.lockedBy !== NONE || pg.writeback) return;
  const body = (fault: boolean) => (d: DState) => {
    if (purpose === 'close' && index === 0) env.k.closeSample(d, w);
    const page = d.pages[index]!;
    page.dirty = false; // clear_page_dirty_for_io
    const r = writepage(env, d, page, index, true, fault);
    if (r.removed) d.pages[index] = null; // unlock_page: nobody holds the removed instance
    advance(d.writers[w]!, failed || r.ret < 0);
    return { outcome: r.outcome, label: `${me} nfs_writepages(page ${index}): ${r.text}` };
  };
  step(env, s, w, `${me}.fsync_flush(p${index})`, src, body(false), out);
  if (writepageMayFault(env, s, pg, true)) step(env, s, w, `${me}.fsync_flush(p${index},fault)`, src, body(true), out);
}

/**
 * fsync_wait: filemap_fdatawait waits for every WRITE of the inode to complete (mainline: in
 * nfs_wb_all's filemap_write_and_wait).
 */
export function fsyncWait(env: Env, s: NfsState, w: number, purpose: FsyncPurpose, failed: boolean, out: NfsTransition[]): void {
  if (anyInFlight(s)) return; // D state in wait_on_page_writeback
  const me = env.names[w]!;
  const label = env.k.errorReporting === 'errseq' ? `${me} nfs_wb_all: filemap_write_and_wait: no WRITE in flight` : `${me} filemap_fdatawait: no WRITE in flight`;
  step(env, s, w, `${me}.fsync_wait`, sourcesOf(env).wait[purpose], (d) => {
    d.writers[w]!.pc = { at: 'fsync_report', purpose, failed };
    return { outcome: 'ok', label };
  }, out);
}

/**
 * fsync_report: the variant's report; then write(2) or close(2) returns. 4.19: what
 * nfs_file_fsync returns. Mainline: nfs_file_write's file_check_and_advance_wb_err, or
 * nfs_file_flush's filemap_check_wb_err(mapping, since).
 */
export function fsyncReport(env: Env, s: NfsState, w: number, purpose: FsyncPurpose, failed: boolean, out: NfsTransition[]): void {
  const me = env.names[w]!;
  const errseq = env.k.errorReporting === 'errseq';
  step(env, s, w, `${me}.fsync_report`, sourcesOf(env).report[purpose], (d) => {
    const ret = env.k.fsyncReport(d, w, failed, purpose);
    const dw = d.writers[w]!;
    if (purpose === 'write') {
      const next = finishWrite(env.k.errorReporting, d, w);
      const res = ret < 0 ? errnoName(ret) : '1';
      const why = errseq ? `nfs_file_write: file_check_and_advance_wb_err returns ${errnoName(ret)}` : `nfs_file_fsync returns ${errnoName(ret)}`;
      return { outcome: `write returns ${res}`, label: `${me} ${why}: write returns ${res}${next}` };
    }
    dw.pc = { at: 'closed' };
    dw.since = NONE;
    const why = errseq ? `nfs_file_flush: filemap_check_wb_err returns ${errnoName(ret)}` : `nfs_file_fsync returns ${errnoName(ret)}`;
    return { outcome: `close returns ${errnoName(ret)}`, label: `${me} ${why}: close returns ${errnoName(ret)}` };
  }, out);
}

/** Used by explain: who blocks this fsync_flush. */
export function fsyncFlushBlocker(s: NfsState, index: number, names: readonly string[]): string | null {
  const pg = s.pages[index];
  if (!pg || !pg.dirty) return null;
  if (pg.lockedBy !== NONE) return `the page lock of page ${index} held by ${names[pg.lockedBy]}`;
  if (pg.writeback) return `PG_writeback of page ${index}${pg.private ? ` (${requestName(pg.private, names)} in flight)` : ''}`;
  return null;
}
