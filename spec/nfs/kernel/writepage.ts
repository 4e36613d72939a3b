/**
 * writepage(page): nfs_writepage_locked (fs/nfs/write.c:669) / nfs_writepages_callback →
 * nfs_do_writepage (write.c:652) → nfs_page_async_flush (write.c:608), and its out_launder
 * (nfs_write_error_remove_page, write.c:584). Part of the step that calls it (wb_page_iter,
 * fsync_flush, flush): the caller holds the page lock and has cleared PG_dirty.
 */
import { EDQUOT, requestName, type NfsState, type Page, type Ret } from '../state';
import type { Env } from './env';
import type { DPage, DState } from './functions';
import { derefMapping, errnoName, nfsEndPageWriteback, nfsInodeRemoveRequest } from './primitives';

export interface WritepageResult {
  /** nfs_writepage_locked's (or nfs_writepages') return value. */
  readonly ret: Ret;
  /** The page left the page cache (the caller unhooks it from `pages`). */
  readonly removed: boolean;
  /** The bracket: `send WRITE`, `launder(ctx->error)`, `pageio_add_request fails EDQUOT`, `no request`. */
  readonly outcome: string;
  /** The sentence, starting with the kernel function. */
  readonly text: string;
}

/**
 * Whether the pageio-failure branch exists for this call: a request would reach
 * nfs_pageio_add_request (no launder on the fatal check) and the fault budget lasts.
 */
export function writepageMayFault(env: Env, s: NfsState, page: Page, cached: boolean): boolean {
  return s.faultsLeft > 0 && cached && page.private !== null && env.k.fatalCheck(s, page.private) === 0;
}

export function writepage(env: Env, d: DState, page: DPage, index: number, cached: boolean, fault: boolean): WritepageResult {
  const { k, names } = env;
  // write.c:458 nfs_lock_and_join_requests: `inode = page_file_mapping(page)->host` first.
  derefMapping(cached, 'nfs_lock_and_join_requests', '0x0 (page_file_mapping(page)->host)');
  const req = page.private;
  if (!req) {
    return { ret: 0, removed: false, outcome: 'no request', text: `nfs_page_async_flush: no request on page ${index}, returns 0` };
  }
  // The callers wait for !PG_writeback, and a request is PG_BUSY only while its WRITE is in
  // flight (which implies PG_writeback), so nfs_lock_and_join_requests never waits here.
  if (req.busy) throw new Error(`nfs model bug: writepage found busy ${requestName(req, names)} on page ${index}`);
  const rname = requestName(req, names);
  // write.c:618 nfs_set_page_writeback.
  page.writeback = true;

  const fatal = k.fatalCheck(d as NfsState, req);
  if (fatal !== 0) {
    const launder = outLaunder(env, d, page, index);
    const ret = k.writepageLockedReturn(k.launderReturn(fatal), 0);
    return {
      ret,
      removed: launder.removed,
      outcome: 'launder(ctx->error)',
      text: `nfs_page_async_flush: ctx ${names[req.ctx]} error ${errnoName(fatal)}: out_launder, ${launder.text}, returns ${errnoName(ret)}`,
    };
  }
  if (fault) {
    // write.c:620: nfs_pageio_add_request fails, pg_error = -EDQUOT (the server's quota).
    d.faultsLeft--;
    k.pageioFailure(d, req);
    const launder = outLaunder(env, d, page, index);
    const ret = k.writepageLockedReturn(k.launderReturn(EDQUOT), EDQUOT);
    const ctxNote = k.errorReporting === 'open context' ? ` (ctx ${names[req.ctx]} error set)` : '';
    return {
      ret,
      removed: launder.removed,
      outcome: 'pageio_add_request fails EDQUOT',
      text: `nfs_pageio_add_request fails -EDQUOT${ctxNote}: out_launder, ${launder.text}, returns ${errnoName(ret)}`,
    };
  }
  // write.c:633 nfs_pageio_add_request succeeds: the request is sent (stays PG_BUSY).
  req.busy = true;
  req.inFlight = true;
  return { ret: 0, removed: false, outcome: 'send WRITE', text: `nfs_page_async_flush: ${rname} sent in a WRITE (page ${index} under writeback)` };
}

/**
 * out_launder: nfs_write_error_remove_page (4.19, write.c:584) / nfs_write_error (mainline,
 * write.c:569), as the variant's kernel functions make it.
 */
function outLaunder(env: Env, d: DState, page: DPage, index: number): { removed: boolean; text: string } {
  const { k, names } = env;
  const req = page.private!;
  const rname = requestName(req, names);
  const parts: string[] = [];
  const mark = k.writeErrorMark(d, page, req);
  if (mark) parts.push(mark);
  let requestGone = false;
  if (k.writeErrorRemovesRequest()) {
    nfsInodeRemoveRequest(d, page, true);
    requestGone = true;
  }
  nfsEndPageWriteback(page, requestGone ? null : req);
  const hadRequest = page.private !== null;
  const removed = k.writeErrorRemovePage(d, page);
  if (removed) {
    parts.push(`page ${index} removed from the page cache`);
    if (hadRequest && page.private === null) requestGone = true;
  }
  if (requestGone) parts.push(`${rname} removed and freed`);
  else parts.push(`${rname} stays attached to ${removed ? 'the orphaned' : 'clean'} page ${index}`);
  return { removed, text: parts.join(', ') };
}
