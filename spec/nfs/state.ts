/**
 * The state of the NFS write-path model (MODEL.md §3): plain immutable data.
 *
 * Hygiene rules (MODEL.md §3), which make distinct-state counts meaningful:
 * - a dead field is reset (`target`, `orphan`, `since` outside a write/close, fsync progress lives
 *   inside the program counter so it disappears with it);
 * - requests and page instances are identified by their contents, never by allocation counters;
 * - syscall results live only in transition labels, never in the state; no history.
 */

/** `-EDQUOT`, the server-fatal error the model injects (fs/nfs/internal.h:755 nfs_error_is_fatal). */
export const EDQUOT = -122;
/** A kernel return value: 0 or the one errno of the model. */
export type Ret = 0 | typeof EDQUOT;

/** "No owner" for `i_rwsem`, `PG_locked` and the errseq sample. */
export const NONE = -1;

/**
 * A write request (`struct nfs_page`, fs/nfs/pagelist.c:311 nfs_create_request). It lives in its
 * page's `private` field (PG_private + page_private); a freed request simply disappears.
 */
export interface Request {
  /** The open context it was created under, by writer index. */
  readonly ctx: number;
  /** Byte range `[lo, hi)` in slots (a page has 4 slots). */
  readonly lo: number;
  readonly hi: number;
  /** PG_BUSY (nfs_lock_request): held while the WRITE is in flight. */
  readonly busy: boolean;
  /** A WRITE RPC for it is outstanding; rpciod will complete it. */
  readonly inFlight: boolean;
}

/**
 * A page instance. Whether it is cached is where it lives: in `NfsState.pages[i]` it is the page
 * cache entry (mapping non-NULL); in `Writer.orphan` it left the cache while that writer held it
 * locked (mapping == NULL). The next grab_cache_page of the index allocates a fresh instance.
 */
export interface Page {
  /** PG_locked owner (a writer index) or NONE. F and writers' fsync lock only within one step. */
  readonly lockedBy: number;
  readonly dirty: boolean;
  readonly writeback: boolean;
  /** PG_error: set by out_launder on 22876f54 and later 4.19 variants; never read, never cleared. */
  readonly error: boolean;
  /** PG_private / page_private: the attached request (at most one; no page groups). */
  readonly private: Request | null;
}

/** Where a writer's `nfs_wb_page` call returns to (its return label). */
export type WbPageCaller =
  /** nfs_flush_incompatible (fs/nfs/write.c:1189), from nfs_write_begin: loops while status == 0. */
  | 'flush_incompatible'
  /** nfs_try_to_update_request out_flushme (fs/nfs/write.c:1101): 0 → create a new request. */
  | 'try_to_update_request';

/** Why a writer runs fsync: the error check at the end of write(2), or close(2). */
export type FsyncPurpose = 'write' | 'close';

/** The places that dereference a page's mapping (MappingNonNull sites, MODEL.md §4). */
export type Site =
  | 'nfs_updatepage'
  | 'nfs_inode_add_request'
  | 'nfs_grow_file'
  | 'nfs_mark_uptodate'
  | 'nfs_lock_and_join_requests'
  | 'nfs_inode_remove_request';

export const SITES: readonly Site[] = [
  'nfs_updatepage',
  'nfs_inode_add_request',
  'nfs_grow_file',
  'nfs_mark_uptodate',
  'nfs_lock_and_join_requests',
  'nfs_inode_remove_request',
];

/**
 * A writer's program counter: the step it takes next (MODEL.md §4). Matched exhaustively with
 * ts-pattern, so a new step fails to compile wherever it is not handled.
 */
export type Pc =
  /** Between writes: next is write(2) → nfs_start_io_write. */
  | { readonly at: 'start_io_write' }
  | { readonly at: 'write_begin' }
  | { readonly at: 'update_page' }
  | { readonly at: 'add_request' }
  /** The page is unlocked and i_rwsem released next; `status` is generic_perform_write's. */
  | { readonly at: 'write_end'; readonly status: Ret }
  /** Inside nfs_wb_page (the caller holds the page lock). */
  | { readonly at: 'wb_page'; readonly caller: WbPageCaller }
  /**
   * The flush of close(2) or write(2)'s error check (4.19 vfs_fsync, mainline nfs_wb_all) →
   * write_cache_pages: visiting page `index`; `failed`: a writepage returned < 0.
   */
  | { readonly at: 'fsync_flush'; readonly purpose: FsyncPurpose; readonly index: number; readonly failed: boolean }
  | { readonly at: 'fsync_wait'; readonly purpose: FsyncPurpose; readonly failed: boolean }
  | { readonly at: 'fsync_report'; readonly purpose: FsyncPurpose; readonly failed: boolean }
  | { readonly at: 'closed' }
  /** Terminal: the step that would have run dereferenced a NULL mapping at `site`. */
  | { readonly at: 'oops'; readonly site: Site };

export type PcName = Pc['at'];

/** What one write(2) is about: its page and slot, chosen at nfs_start_io_write. */
export interface Target {
  readonly page: number;
  readonly slot: number;
}

export interface Writer {
  readonly pc: Pc;
  /** write(2) calls not yet started. */
  readonly writesLeft: number;
  /** The current write's target; null outside write_begin..write_end. */
  readonly target: Target | null;
  /** The page instance this writer holds after it left the page cache; null otherwise. */
  readonly orphan: Page | null;
  /** 4.19 open context: ctx->error (0 or -EDQUOT) and NFS_CONTEXT_ERROR_WRITE. Kept after close. */
  readonly ctxError: Ret;
  readonly errorWrite: boolean;
  /** Mainline errseq sample (filemap_sample_wb_err) while a write or close needs it, else NONE. */
  readonly since: number;
}

/**
 * Copies with some fields replaced, built as object literals with the fields in the order
 * `decode` (encode.ts) gives them, so that every object of a type shares one hidden class and
 * encode and canonical see one shape (issue 11 profile). The order is written here once, for the
 * drafts (kernel/env.ts) and the renamings (symmetry.ts).
 */
export function requestWith(r: Request, ctx: number): Request {
  return { ctx, lo: r.lo, hi: r.hi, busy: r.busy, inFlight: r.inFlight };
}

export function pageWith(p: Page, lockedBy: number, request: Request | null): Page {
  return { lockedBy, dirty: p.dirty, writeback: p.writeback, error: p.error, private: request };
}

export function writerWith(w: Writer, orphan: Page | null): Writer {
  return { pc: w.pc, writesLeft: w.writesLeft, ctxError: w.ctxError, errorWrite: w.errorWrite, target: w.target, orphan, since: w.since };
}

export interface NfsState {
  /** The page cache, by page index: the cached instance or null (empty). */
  readonly pages: readonly (Page | null)[];
  readonly writers: readonly Writer[];
  /** i_rwsem owner (down_write in nfs_start_io_write) or NONE. */
  readonly rwsem: number;
  /** nfsi->nrequests. */
  readonly nrequests: number;
  /** Mainline: the mapping's errseq, as a count of errors recorded (0 on 4.19 variants). */
  readonly wbErr: number;
  /** Server-fatal errors the environment may still inject. */
  readonly faultsLeft: number;
}

/** The page a writer holds locked between write_begin and write_end: its orphan, or the cached one. */
export function heldPage(s: NfsState, w: number): Page | null {
  const wr = s.writers[w]!;
  if (wr.orphan) return wr.orphan;
  if (!wr.target) return null;
  const pg = s.pages[wr.target.page];
  return pg && pg.lockedBy === w ? pg : null;
}

/** Whether any WRITE RPC of the inode is outstanding. */
export function anyInFlight(s: NfsState): boolean {
  for (const pg of s.pages) if (pg && pg.private && pg.private.inFlight) return true;
  return false;
}

/** Requests are identified by contents: `R(W1,[0,1))`. */
export function requestName(r: Request, names: readonly string[]): string {
  return `R(${names[r.ctx]},[${r.lo},${r.hi}))`;
}
