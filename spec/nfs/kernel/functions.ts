/**
 * The kernel functions a variant may patch (MODEL.md §5). The writer, flusher and completion code
 * is shared by every variant and calls these; a variant is the 4.19.90 base plus ordered patches,
 * each overriding only the functions its upstream commit changes (see ../variants/).
 */
import type { NfsState, Page, Request, Ret, FsyncPurpose, Writer } from '../state';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A step's working copy of the state (env.ts `step` makes one per step): every field writable,
 * except the small immutable values a step replaces whole (a program counter, a write's target),
 * which the copy shares with the pre-state; the types keep them read-only so no step can edit
 * one in place.
 */
export type DRequest = Mutable<Request>;
export type DPage = Omit<Mutable<Page>, 'private'> & { private: DRequest | null };
export type DWriter = Omit<Mutable<Writer>, 'orphan'> & { orphan: DPage | null };
export type DState = Omit<Mutable<NfsState>, 'pages' | 'writers'> & { pages: (DPage | null)[]; writers: DWriter[] };

/** How a variant reports write errors to user space (decides which fields the trace shows). */
export type ErrorReporting = 'open context' | 'errseq';

export interface KernelFunctions {
  readonly errorReporting: ErrorReporting;

  /**
   * nfs_page_async_flush's check before sending (fs/nfs/write.c:608): the errno that sends the
   * request to out_launder at once, or 0. 4.19: `req->wb_context->error` if server-fatal.
   */
  fatalCheck(s: NfsState, req: Request): Ret;

  /**
   * nfs_page_async_flush when nfs_pageio_add_request fails with -EDQUOT: bookkeeping before
   * out_launder. 4.19: nfs_context_set_write_error(req->wb_context) (fs/nfs/internal.h:773).
   */
  pageioFailure(d: DState, req: DRequest): void;

  /**
   * nfs_writepage_locked's return value (fs/nfs/write.c:669) from nfs_do_writepage's `err` and
   * `pgio.pg_error`. 4.19: `err < 0 ? err : pg_error`.
   */
  writepageLockedReturn(err: Ret, pgError: Ret): Ret;

  /** out_launder's return value (fs/nfs/write.c:646): `ret` before 14bebe3c, 0 after. */
  launderReturn(ret: Ret): Ret;

  /**
   * What the write-error path records on the page or mapping before disposing of the request:
   * nothing (4.19.90), SetPageError (22876f54), mapping_set_error (mainline). Returns a phrase
   * for the label, or ''.
   */
  writeErrorMark(d: DState, page: DPage, req: DRequest): string;

  /** Whether the write-error path calls nfs_inode_remove_request itself (06c9fdf3). */
  writeErrorRemovesRequest(): boolean;

  /**
   * The write-error path's page removal: generic_error_remove_page (mm/truncate.c:237) on
   * 4.19.40-297, nothing since 22876f54. Returns whether the page left the page cache (the caller
   * then unhooks it from `pages`).
   */
  writeErrorRemovePage(d: DState, page: DPage): boolean;

  /**
   * nfs_inode_add_request (fs/nfs/write.c:743) on the writer's held page, `cached` or not.
   * Returns whether the request was attached; throws Oops at a NULL mapping.
   */
  inodeAddRequest(d: DState, page: DPage, cached: boolean, req: Request): boolean;

  /**
   * nfs_write_completion on a failed WRITE (fs/nfs/write.c:983): 4.19 sets the request's ctx
   * error; mainline records it in the mapping's errseq.
   */
  completionError(d: DState, req: DRequest): void;

  /** At nfs_file_write's start (mainline samples `since`; 4.19 nothing). */
  writeStart(d: DState, w: number): void;

  /**
   * At the end of a successful write(2): whether to flush and report the error (the fsync_*
   * steps). 4.19: nfs_need_check_write (fs/nfs/file.c:586) tests NFS_CONTEXT_ERROR_WRITE, then
   * vfs_fsync; mainline: filemap_check_wb_err (file.c:696), then nfs_wb_all.
   */
  writeEndErrorCheck(s: NfsState, w: number): boolean;

  /** close's first fsync_flush, before its writepage (mainline samples `since`). */
  closeSample(d: DState, w: number): void;

  /**
   * fsync's report: the errno write(2) or close(2) gets, updating what it consumes. 4.19:
   * fs/nfs/file.c:240 nfs_file_fsync; mainline: nfs_file_write's file_check_and_advance_wb_err
   * or nfs_file_flush's filemap_check_wb_err. `failed`: a writepage during this fsync returned
   * an error.
   */
  fsyncReport(d: DState, w: number, failed: boolean, purpose: FsyncPurpose): Ret;
}

/**
 * A mapping dereference on a page that left the page cache: the step is a MappingNonNull violation.
 * `before`: what the step did first that the sentence must tell, as a clause (e.g. nullcheck's
 * early return from nfs_inode_add_request), or ''.
 */
export class Oops extends Error {
  constructor(readonly site: import('../state').Site, readonly detail: string, readonly before = '') {
    super(`oops in ${site}: ${detail}`);
  }
}
