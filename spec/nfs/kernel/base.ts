/**
 * The base kernel: Linux 4.19.90 `fs/nfs/write.c` (blob 117ffd90419e2, identical in these
 * functions to 4.19.40). Variants patch this object (../variants/).
 */
import { EDQUOT } from '../state';
import type { KernelFunctions } from './functions';
import { derefMapping, nfsContextSetWriteError, nfsInodeRemoveRequest } from './primitives';

export const BASE_4_19_90: KernelFunctions = {
  errorReporting: 'open context',

  // fs/nfs/write.c:613 nfs_page_async_flush: `ret = req->wb_context->error;
  // if (nfs_error_is_fatal_on_server(ret)) goto out_launder;`
  fatalCheck: (s, req) => s.writers[req.ctx]!.ctxError,

  // fs/nfs/write.c:620 nfs_page_async_flush: a fatal pg_error sets the ctx error, and a
  // server-fatal one goes to out_launder.
  pageioFailure: (d, req) => nfsContextSetWriteError(d, req.ctx),

  // fs/nfs/write.c:669 nfs_writepage_locked: `if (err < 0) return err; if (pgio.pg_error < 0)
  // return pgio.pg_error;`
  writepageLockedReturn: (err, pgError) => (err < 0 ? err : pgError),

  // fs/nfs/write.c:646 out_launder: `nfs_write_error_remove_page(req); return ret;`
  launderReturn: (ret) => ret,

  // fs/nfs/write.c:584 nfs_write_error_remove_page records nothing itself.
  writeErrorMark: () => '',

  // The request goes only through generic_error_remove_page's invalidation.
  writeErrorRemovesRequest: () => false,

  // fs/nfs/write.c:587 generic_error_remove_page (mm/truncate.c:237) → truncate_inode_page →
  // truncate_cleanup_page → do_invalidatepage → nfs_invalidate_page (fs/nfs/file.c:413) →
  // nfs_wb_page_cancel (fs/nfs/write.c:2008) → nfs_inode_remove_request; cancel_dirty_page;
  // delete_from_page_cache (mm/filemap.c:294) sets page->mapping = NULL.
  writeErrorRemovePage: (d, page) => {
    if (page.private) nfsInodeRemoveRequest(d, page, true);
    page.dirty = false;
    return true;
  },

  // fs/nfs/write.c:743 nfs_inode_add_request: `mapping = page_file_mapping(req->wb_page); ...
  // nfs_lock_request(req); spin_lock(&mapping->private_lock);` — NULL+0x80 on an orphan (the
  // seed's oops), then SetPagePrivate, set_page_private, nrequests++ (write.c:770).
  inodeAddRequest: (d, page, cached, req) => {
    derefMapping(cached, 'nfs_inode_add_request', '0x80 (spin_lock(&mapping->private_lock))');
    page.private = { ...req };
    d.nrequests++;
    return true;
  },

  // fs/nfs/write.c:983 nfs_write_completion: nfs_context_set_write_error(req->wb_context, err).
  completionError: (d, req) => nfsContextSetWriteError(d, req.ctx),

  // fs/nfs/file.c:597 nfs_file_write samples nothing on 4.19.
  writeStart: () => {},

  // fs/nfs/file.c:586 nfs_need_check_write: NFS_CONTEXT_ERROR_WRITE on this file's ctx.
  writeEndErrorCheck: (s, w) => s.writers[w]!.errorWrite,

  closeSample: () => {},

  // fs/nfs/file.c:240 nfs_file_fsync: a writeback error breaks out early (ctx untouched);
  // otherwise `if (test_and_clear_bit(NFS_CONTEXT_ERROR_WRITE)) ret = xchg(&ctx->error, 0)`.
  fsyncReport: (d, w, failed) => {
    if (failed) return EDQUOT;
    const c = d.writers[w]!;
    if (!c.errorWrite) return 0;
    c.errorWrite = false;
    const ret = c.ctxError;
    c.ctxError = 0;
    return ret;
  },
};
