/**
 * nfs_wb_page (fs/nfs/write.c:2036), one loop iteration per step. The caller holds the page lock:
 *
 *     for (;;) {
 *             wait_on_page_writeback(page);
 *             if (clear_page_dirty_for_io(page)) {
 *                     ret = nfs_writepage_locked(page, &wbc);
 *                     if (ret < 0) goto out_error;
 *                     continue;
 *             }
 *             ret = 0;
 *             if (!PagePrivate(page)) break;
 *             ret = nfs_commit_inode(inode, FLUSH_SYNC);
 *             if (ret < 0) goto out_error;
 *     }
 *
 * With no COMMIT in flight nfs_commit_inode(FLUSH_SYNC) returns 0 (write.c:1889
 * __nfs_commit_inode: nfs_scan_commit finds ncommit == 0), so a clean page that is still
 * PagePrivate spins here forever: the 22876f54 soft lockup.
 */
import type { SourceLocation } from '../../../explorer/source-location';
import { heldPage, requestName, type NfsState, type Ret, type WbPageCaller } from '../state';
import { step, stutter, type Env, type NfsTransition } from './env';
import type { DState } from './functions';
import { contextsMatch, errnoName } from './primitives';
import { writepage, writepageMayFault } from './writepage';

const SRC: SourceLocation = { file: 'fs/nfs/write.c', line: 2036, function: 'nfs_wb_page' };

export function wbPageIter(env: Env, s: NfsState, w: number, caller: WbPageCaller, out: NfsTransition[]): void {
  const wr = s.writers[w]!;
  const pg = heldPage(s, w)!;
  if (pg.writeback) return; // wait_on_page_writeback: D state until rpciod completes the WRITE
  const me = env.names[w]!;
  const index = wr.target!.page;
  const cached = wr.orphan === null;
  if (!pg.dirty && pg.private) {
    // Clean but PagePrivate: nfs_commit_inode(FLUSH_SYNC) returns 0 and the loop goes round again.
    // Nothing changes: a self-loop that still counts as a step of this writer.
    stutter(w, `${me}.wb_page_iter`, SRC, {
      outcome: 'nfs_commit_inode returns 0',
      label: `${me} nfs_wb_page: page ${index} clean but PagePrivate (${requestName(pg.private, env.names)}), nfs_commit_inode(FLUSH_SYNC) returns 0: loops`,
    }, s, out);
    return;
  }
  const iter = (fault: boolean) => (d: DState) => {
    const dw = d.writers[w]!;
    const page = cached ? d.pages[index]! : dw.orphan!;
    if (page.dirty) {
      // clear_page_dirty_for_io (mm/page-writeback.c:2650): safe on an orphan (NULL mapping).
      page.dirty = false;
      const r = writepage(env, d, page, index, cached, fault);
      if (r.removed) {
        // The writer keeps the instance it holds locked: an orphan (mapping == NULL).
        dw.orphan = { lockedBy: page.lockedBy, dirty: page.dirty, writeback: page.writeback, error: page.error, private: page.private ? { ...page.private } : null };
        d.pages[index] = null;
      }
      if (r.ret < 0) {
        const cont = wbPageReturn(d, w, caller, r.ret);
        return { outcome: `writepage: ${r.outcome}`, label: `${me} ${r.text}; nfs_wb_page returns ${errnoName(r.ret)}${cont}` };
      }
      return { outcome: `writepage: ${r.outcome}`, label: `${me} ${r.text}` };
    }
    // Clean and not PagePrivate (the spin case is handled above): nfs_wb_page breaks out.
    const cont = wbPageReturn(d, w, caller, 0);
    return { outcome: 'returns 0', label: `${me} nfs_wb_page: page ${index} clean and not PagePrivate: returns 0${cont}` };
  };
  step(env, s, w, `${me}.wb_page_iter`, SRC, iter(false), out);
  if (pg.dirty && writepageMayFault(env, s, pg, cached)) step(env, s, w, `${me}.wb_page_iter(fault)`, SRC, iter(true), out);
}

/** nfs_wb_page returned `status` to its caller: the writer's next step is the caller's continuation. */
function wbPageReturn(d: DState, w: number, caller: WbPageCaller, status: Ret): string {
  const dw = d.writers[w]!;
  switch (caller) {
    case 'try_to_update_request':
      // write.c:1147: `return (error < 0) ? ERR_PTR(error) : NULL;` NULL → create a request;
      // an error fails nfs_writepage_setup and nfs_updatepage (nfs_set_pageerror).
      if (status < 0) {
        dw.pc = { at: 'write_end', status };
        return '; nfs_updatepage fails';
      }
      dw.pc = { at: 'add_request' };
      return '; nfs_try_to_update_request returns NULL: create a request';
    case 'flush_incompatible':
      // write.c:1219: `} while (status == 0);` then nfs_write_begin unlocks the page on error.
      if (status < 0) {
        dw.pc = { at: 'write_end', status };
        return '; nfs_write_begin fails';
      }
      {
        const head = heldPage(d as NfsState, w)!.private;
        if (head && !contextsMatch(head.ctx, w)) return '; nfs_flush_incompatible: still incompatible, flushes again';
        dw.pc = { at: 'update_page' };
        return '; nfs_flush_incompatible returns 0';
      }
  }
}
