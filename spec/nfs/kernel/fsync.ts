/**
 * fsync, for close(2) (fs/nfs/file.c:139 nfs_file_flush → vfs_fsync) and for write(2)'s error
 * check (file.c:586 nfs_need_check_write → vfs_fsync): fs/nfs/file.c:240 nfs_file_fsync →
 * filemap_write_and_wait_range → write_cache_pages (one fsync_flush step per page index, dirty
 * pages only), filemap_fdatawait (fsync_wait), then the error report (fsync_report).
 */
import type { SourceLocation } from '../../../explorer/source-location';
import { NONE, anyInFlight, requestName, type FsyncPurpose, type NfsState } from '../state';
import type { DState, DWriter } from './functions';
import { step, type Env, type NfsTransition } from './env';
import { errnoName } from './primitives';
import { finishWrite } from './write-syscall';
import { writepage, writepageMayFault } from './writepage';

const SRC_FLUSH: SourceLocation = { file: 'fs/nfs/write.c', line: 711, function: 'nfs_writepages', via: [{ file: 'mm/page-writeback.c', function: 'write_cache_pages' }] };
const SRC_WAIT: SourceLocation = { file: 'mm/filemap.c', function: 'filemap_fdatawait_range', via: [{ file: 'fs/nfs/file.c', line: 240, function: 'nfs_file_fsync' }] };
const SRC_REPORT: SourceLocation = { file: 'fs/nfs/file.c', line: 240, function: 'nfs_file_fsync' };

/** fsync_flush(p): write back page `index` if dirty; an empty or clean index is a no-op step. */
export function fsyncFlush(env: Env, s: NfsState, w: number, purpose: FsyncPurpose, index: number, failed: boolean, out: NfsTransition[]): void {
  const me = env.names[w]!;
  const pg = s.pages[index];
  const last = index + 1 >= env.params.pages;
  const advance = (dw: DWriter, nowFailed: boolean) => {
    dw.pc = last ? { at: 'fsync_wait', purpose, failed: nowFailed } : { at: 'fsync_flush', purpose, index: index + 1, failed: nowFailed };
  };
  if (!pg || !pg.dirty) {
    step(env, s, w, `${me}.fsync_flush(p${index})`, SRC_FLUSH, (d) => {
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
  step(env, s, w, `${me}.fsync_flush(p${index})`, SRC_FLUSH, body(false), out);
  if (writepageMayFault(env, s, pg, true)) step(env, s, w, `${me}.fsync_flush(p${index},fault)`, SRC_FLUSH, body(true), out);
}

/** fsync_wait: filemap_fdatawait waits for every WRITE of the inode to complete. */
export function fsyncWait(env: Env, s: NfsState, w: number, purpose: FsyncPurpose, failed: boolean, out: NfsTransition[]): void {
  if (anyInFlight(s)) return; // D state in wait_on_page_writeback
  const me = env.names[w]!;
  step(env, s, w, `${me}.fsync_wait`, SRC_WAIT, (d) => {
    d.writers[w]!.pc = { at: 'fsync_report', purpose, failed };
    return { outcome: 'ok', label: `${me} filemap_fdatawait: no WRITE in flight` };
  }, out);
}

/** fsync_report: the variant's report; then write(2) or close(2) returns. */
export function fsyncReport(env: Env, s: NfsState, w: number, purpose: FsyncPurpose, failed: boolean, out: NfsTransition[]): void {
  const me = env.names[w]!;
  step(env, s, w, `${me}.fsync_report`, SRC_REPORT, (d) => {
    const ret = env.k.fsyncReport(d, w, failed, purpose);
    const dw = d.writers[w]!;
    if (purpose === 'write') {
      const next = finishWrite(d, w);
      const res = ret < 0 ? errnoName(ret) : '1';
      return { outcome: `write returns ${res}`, label: `${me} nfs_file_fsync returns ${errnoName(ret)}: write returns ${res}${next}` };
    }
    dw.pc = { at: 'closed' };
    dw.since = NONE;
    return { outcome: `close returns ${errnoName(ret)}`, label: `${me} nfs_file_fsync returns ${errnoName(ret)}: close returns ${errnoName(ret)}` };
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
