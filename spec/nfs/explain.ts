/**
 * One line per process on what it is doing or waiting for (lassos, deadlock reports), e.g.
 * `W1: spinning in nfs_wb_page(page 0): page clean but PagePrivate, nfs_commit_inode returns 0;
 * holds i_rwsem and the page lock`, `W2: D state: blocked in nfs_start_io_write on i_rwsem held by W1`.
 */
import { match } from 'ts-pattern';
import { inFlightNames } from './kernel/completion';
import { flusherEnabled } from './kernel/flusher';
import { fsyncFlushBlocker } from './kernel/fsync';
import { NONE, anyInFlight, heldPage, requestName, type NfsState } from './state';

function holds(s: NfsState, w: number): string {
  const locks: string[] = [];
  if (s.rwsem === w) locks.push('i_rwsem');
  const wr = s.writers[w]!;
  if (wr.orphan) locks.push(`the lock of orphaned page ${wr.target ? wr.target.page : '?'}`);
  else if (heldPage(s, w)) locks.push('the page lock');
  return locks.length ? `; holds ${locks.join(' and ')}` : '';
}

export function explainProcess(s: NfsState, p: number, names: readonly string[]): string {
  const N = s.writers.length;
  const me = names[p]!;
  if (p === N) {
    const i = flusherEnabled(s);
    if (i >= 0) return `F: can flush dirty page ${i}`;
    const dirtyLocked = s.pages.findIndex((pg) => pg && pg.dirty);
    return dirtyLocked >= 0 ? `F: no flushable page (page ${dirtyLocked} is dirty but locked)` : 'F: no dirty unlocked page to flush';
  }
  if (p === N + 1) {
    const f = inFlightNames(s, names);
    return f.length ? `C: can complete the WRITE of ${f.join(', ')}` : 'C: no WRITE in flight';
  }
  const wr = s.writers[p]!;
  const t = wr.target;
  return `${me}: ` + match(wr.pc)
    .with({ at: 'start_io_write' }, () =>
      s.rwsem !== NONE
        ? `D state: blocked in nfs_start_io_write on i_rwsem held by ${names[s.rwsem]}`
        : `about to write(2) (${wr.writesLeft} left)`)
    .with({ at: 'write_begin' }, () => {
      const pg = s.pages[t!.page];
      return pg && pg.lockedBy !== NONE
        ? `D state: blocked in grab_cache_page_write_begin on the lock of page ${t!.page} held by ${names[pg.lockedBy]}${holds(s, p)}`
        : `in nfs_write_begin(page ${t!.page})${holds(s, p)}`;
    })
    .with({ at: 'update_page' }, () => {
      const pg = heldPage(s, p);
      const head = pg && pg.private;
      return head && head.busy
        ? `D state: blocked in nfs_lock_and_join_requests on PG_BUSY of ${requestName(head, names)} (WRITE in flight)${holds(s, p)}`
        : `in nfs_updatepage(page ${t!.page})${holds(s, p)}`;
    })
    .with({ at: 'add_request' }, () => `creating a request in nfs_setup_write_request(page ${t!.page})${holds(s, p)}`)
    .with({ at: 'write_end' }, () => `in nfs_write_end(page ${t!.page})${holds(s, p)}`)
    .with({ at: 'wb_page' }, () => {
      const pg = heldPage(s, p)!;
      const where = `nfs_wb_page(page ${t!.page})`;
      if (pg.writeback) return `D state: waiting in ${where} on PG_writeback (WRITE in flight)${holds(s, p)}`;
      if (pg.dirty) return `in ${where}: page dirty, writing it back${holds(s, p)}`;
      if (pg.private) return `spinning in ${where}: page clean but PagePrivate, nfs_commit_inode returns 0${holds(s, p)}`;
      return `in ${where}: page clean and not private, about to return 0${holds(s, p)}`;
    })
    .with({ at: 'fsync_flush' }, (pc) => {
      const b = fsyncFlushBlocker(s, pc.index, names);
      return b ? `D state: ${pc.purpose === 'close' ? 'close' : 'write'}'s fsync blocked in write_cache_pages on ${b}` : `in fsync (${pc.purpose}): write_cache_pages at page ${pc.index}`;
    })
    .with({ at: 'fsync_wait' }, (pc) =>
      anyInFlight(s)
        ? `D state: ${pc.purpose}'s fsync waiting in filemap_fdatawait for ${inFlightNames(s, names).join(', ')}`
        : `in fsync (${pc.purpose}): no WRITE in flight`)
    .with({ at: 'fsync_report' }, (pc) => `in fsync (${pc.purpose}): about to report`)
    .with({ at: 'closed' }, () => 'closed')
    .with({ at: 'oops', }, (pc) => `oopsed in ${pc.site} (NULL mapping)${holds(s, p)}`)
    .exhaustive();
}
