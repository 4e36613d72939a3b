/**
 * Small kernel helpers shared by every variant (fs/nfs/write.c, 4.19.90 line numbers).
 */
import { EDQUOT } from '../state';
import type { SourceFrame, SourceLocation } from '../../../explorer/source-location';
import type { Site } from '../state';
import { Oops, type DPage, type DRequest, type DState } from './functions';

/**
 * `page_file_mapping(page)->...` at a MappingNonNull site: an orphan's mapping is NULL, so the
 * step oopses there (the rest of the step is not applied). `before`: what the step did first
 * that its sentence must tell (see `Oops`).
 */
export function derefMapping(cached: boolean, site: Site, offset: string, before = ''): void {
  if (!cached) throw new Oops(site, `oops at NULL+${offset}`, before);
}

const WRITEPAGE_SETUP: SourceFrame = { file: 'fs/nfs/write.c', line: 1173, function: 'nfs_writepage_setup' };

/** Where each MappingNonNull site is (4.19.90 line numbers), for the oops transition's `source`. */
export const SITE_SOURCES: Readonly<Record<Site, SourceLocation>> = {
  nfs_updatepage: { file: 'fs/nfs/write.c', line: 1330, function: 'nfs_updatepage' },
  nfs_inode_add_request: { file: 'fs/nfs/write.c', line: 743, function: 'nfs_inode_add_request' },
  // Called from nfs_writepage_setup (write.c:1173); the helpers' own lines are not pinned.
  nfs_grow_file: { file: 'fs/nfs/write.c', function: 'nfs_grow_file', via: [WRITEPAGE_SETUP] },
  nfs_mark_uptodate: { file: 'fs/nfs/write.c', function: 'nfs_mark_uptodate', via: [WRITEPAGE_SETUP] },
  nfs_lock_and_join_requests: { file: 'fs/nfs/write.c', line: 458, function: 'nfs_lock_and_join_requests' },
  nfs_inode_remove_request: { file: 'fs/nfs/write.c', line: 779, function: 'nfs_inode_remove_request' },
};

/**
 * nfs_inode_remove_request (fs/nfs/write.c:779): clear PG_private/page_private, drop the
 * PG_INODE_REF reference, nrequests--. Dereferences the mapping first.
 */
export function nfsInodeRemoveRequest(d: DState, page: DPage, cached: boolean): void {
  derefMapping(cached, 'nfs_inode_remove_request', '0x0 (mapping->host)');
  page.private = null;
  d.nrequests--;
}

/**
 * nfs_end_page_writeback (fs/nfs/write.c:241-358): nfs_unlock_request (PG_BUSY off) and
 * end_page_writeback (PG_writeback off).
 */
export function nfsEndPageWriteback(page: DPage, req: DRequest | null): void {
  if (req) {
    req.busy = false;
    req.inFlight = false;
  }
  page.writeback = false;
}

/**
 * nfs_context_set_write_error (fs/nfs/internal.h:773): ctx->error = err, set
 * NFS_CONTEXT_ERROR_WRITE. The error is sticky on the open context until fsync's xchg.
 */
export function nfsContextSetWriteError(d: DState, ctx: number): void {
  const c = d.writers[ctx]!;
  c.ctxError = EDQUOT;
  c.errorWrite = true;
}

export function errnoName(ret: number): string {
  return ret === 0 ? '0' : ret === EDQUOT ? '-EDQUOT' : String(ret);
}

/**
 * nfs_match_open_context (fs/nfs/internal.h:269): every modelled writer is the same user with the
 * same state, so any two contexts match (non-matching contexts are not modelled, MODEL.md §9).
 */
export function contextsMatch(_a: number, _b: number): boolean {
  return true;
}
