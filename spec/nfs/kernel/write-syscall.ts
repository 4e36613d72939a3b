/**
 * The writer's write(2) path on 4.19 (fs/nfs/file.c:597 nfs_file_write): nfs_start_io_write,
 * nfs_write_begin, nfs_updatepage (→ nfs_setup_write_request), the request creation, and
 * nfs_write_end with the end-of-write error check. MODEL.md §4 steps 1-5. The error check and
 * close(2) are the variant's: 4.19 calls vfs_fsync (nfs_file_fsync); mainline has no such call
 * there, it calls nfs_wb_all (v6.18.2 fs/nfs/file.c:696 nfs_file_write, file.c:141 nfs_file_flush).
 */
import type { SourceLocation } from '../../../explorer/source-location';
import { NONE, requestName, type NfsState, type Ret, type Request } from '../state';
import { SLOTS } from '../params';
import { step, type Env, type NfsTransition } from './env';
import type { DState, ErrorReporting } from './functions';
import { contextsMatch, derefMapping, errnoName } from './primitives';

const SRC_START: SourceLocation = { file: 'fs/nfs/io.c', line: 78, function: 'nfs_start_io_write', via: [{ file: 'fs/nfs/file.c', line: 597, function: 'nfs_file_write' }] };
const SRC_BEGIN: SourceLocation = { file: 'fs/nfs/file.c', line: 324, function: 'nfs_write_begin' };
const SRC_UPDATE: SourceLocation = { file: 'fs/nfs/write.c', line: 1330, function: 'nfs_updatepage' };
const SRC_ADD: SourceLocation = { file: 'fs/nfs/write.c', line: 1156, function: 'nfs_setup_write_request' };
const SRC_END: SourceLocation = { file: 'fs/nfs/file.c', line: 357, function: 'nfs_write_end' };
// Mainline's write(2) checks wb_err in nfs_file_write itself (v6.18.2 file.c:696, KERNEL-NOTES §4).
// Lines are 4.19.90's for every variant (source-location.ts, README), where both functions exist.
const SRC_END_MAINLINE: SourceLocation = { ...SRC_END, via: [{ file: 'fs/nfs/file.c', line: 597, function: 'nfs_file_write' }] };

/**
 * 1. start_io_write(p,s): `down_write(&inode->i_rwsem)` (io.c:78; not killable on 4.19), and the
 * write's nondeterministic target.
 */
export function startIoWrite(env: Env, s: NfsState, w: number, out: NfsTransition[]): void {
  if (s.rwsem !== NONE) return; // D state in call_rwsem_down_write_failed
  const me = env.names[w]!;
  for (let page = 0; page < env.params.pages; page++) {
    for (const slot of SLOTS) {
      step(env, s, w, `${me}.start_io_write(p${page},s${slot})`, SRC_START, (d) => {
        const wr = d.writers[w]!;
        d.rwsem = w;
        wr.target = { page, slot };
        wr.writesLeft--;
        wr.pc = { at: 'write_begin' };
        env.k.writeStart(d, w);
        return {
          outcome: 'ok',
          label: `${me} nfs_start_io_write: down_write(i_rwsem); write(2) of page ${page} slot ${slot} begins`,
        };
      }, out);
    }
  }
}

/**
 * 2. write_begin: grab_cache_page_write_begin locks the page (allocating a fresh instance if the
 * index is empty), then nfs_flush_incompatible (write.c:1189): with matching open contexts
 * (nfs_match_open_context, internal.h:269: same cred and state) it returns 0 at once.
 */
export function writeBegin(env: Env, s: NfsState, w: number, out: NfsTransition[]): void {
  const t = s.writers[w]!.target!;
  const cur = s.pages[t.page];
  if (cur && cur.lockedBy !== NONE) return; // D state in __lock_page
  const me = env.names[w]!;
  step(env, s, w, `${me}.write_begin`, SRC_BEGIN, (d) => {
    const fresh = !d.pages[t.page];
    if (fresh) d.pages[t.page] = { lockedBy: w, dirty: false, writeback: false, error: false, private: null };
    else d.pages[t.page]!.lockedBy = w;
    const how = fresh ? 'allocated and locked' : 'locked';
    const head = d.pages[t.page]!.private;
    if (head && !contextsMatch(head.ctx, w)) {
      d.writers[w]!.pc = { at: 'wb_page', caller: 'flush_incompatible' };
      return { outcome: 'flush incompatible', label: `${me} nfs_write_begin: page ${t.page} ${how}; nfs_flush_incompatible: ${requestName(head, env.names)} has another context, calls nfs_wb_page` };
    }
    d.writers[w]!.pc = { at: 'update_page' };
    return {
      outcome: fresh ? 'page allocated' : 'ok',
      label: `${me} nfs_write_begin: page ${t.page} ${how}; nfs_flush_incompatible returns 0${head ? ' (contexts match)' : ''}`,
    };
  }, out);
}

/** nfs_try_to_update_request (write.c:1101): `offset > rqend || end < req->wb_offset`. */
function contiguous(req: Request, slot: number): boolean {
  return !(slot > req.hi || slot + 1 < req.lo);
}

/**
 * 3. update_page: nfs_updatepage (write.c:1330) dereferences the mapping at entry; then
 * nfs_setup_write_request (write.c:1156) → nfs_try_to_update_request (write.c:1101):
 * nfs_lock_and_join_requests waits on a busy head (PG_BUSY, pagelist.c:447); a contiguous
 * write widens the head, a non-contiguous one takes out_flushme → nfs_wb_page.
 */
export function updatePage(env: Env, s: NfsState, w: number, out: NfsTransition[]): void {
  const wr = s.writers[w]!;
  const t = wr.target!;
  const cached = wr.orphan === null;
  const held = cached ? s.pages[t.page]! : wr.orphan!;
  const head = held.private;
  if (head && head.busy) return; // D state in nfs_wait_on_request
  const me = env.names[w]!;
  step(env, s, w, `${me}.update_page`, SRC_UPDATE, (d) => {
    derefMapping(cached, 'nfs_updatepage', '0x0 (mapping->host)');
    const dw = d.writers[w]!;
    const page = cached ? d.pages[t.page]! : dw.orphan!;
    const req = page.private;
    if (!req) {
      dw.pc = { at: 'add_request' };
      return { outcome: 'no request', label: `${me} nfs_try_to_update_request: no request on page ${t.page}, create one` };
    }
    const before = requestName(req, env.names);
    if (contiguous(req, t.slot)) {
      const { lo, hi } = req;
      req.lo = Math.min(req.lo, t.slot);
      req.hi = Math.max(req.hi, t.slot + 1);
      // With slots {0, 2} (MODEL.md §2) a contiguous write is always to the request's own slot,
      // so the range never widens; the widening words stay for slots that would be adjacent.
      const how = req.lo === lo && req.hi === hi
        ? `slot ${t.slot} is in ${before}: the request is updated in place`
        : `slot ${t.slot} extends ${before} to ${requestName(req, env.names)}`;
      // Rest of nfs_writepage_setup (write.c:1173): nfs_grow_file, nfs_mark_uptodate,
      // nfs_mark_request_dirty, nfs_unlock_and_release_request.
      derefMapping(cached, 'nfs_grow_file', '0x0 (page_file_mapping(page)->host)');
      derefMapping(cached, 'nfs_mark_uptodate', '0x0 (page_file_mapping(page)->host)');
      page.dirty = true;
      dw.pc = { at: 'write_end', status: 0 };
      return {
        outcome: 'contiguous',
        label: `${me} nfs_try_to_update_request: ${how}; page ${t.page} dirty`,
      };
    }
    // out_flushme (write.c:1140): nfs_mark_request_dirty, nfs_unlock_and_release_request,
    // nfs_wb_page(inode, page). The call only sets the pc: the first iteration is the next step.
    page.dirty = true;
    dw.pc = { at: 'wb_page', caller: 'try_to_update_request' };
    return {
      outcome: 'out_flushme',
      label: `${me} nfs_try_to_update_request: slot ${t.slot} is not contiguous with ${before}: out_flushme, page ${t.page} dirty, calls nfs_wb_page`,
    };
  }, out);
}

/**
 * 4. add_request: nfs_create_request (pagelist.c:311), nfs_inode_add_request (write.c:743, the
 * seed's oops site), then the rest of nfs_writepage_setup (write.c:1173): nfs_grow_file and
 * nfs_mark_uptodate (both read page_file_mapping(page)->host), nfs_mark_request_dirty,
 * nfs_unlock_and_release_request. A request left unattached (nullcheck's early return on a NULL
 * mapping, MODEL.md §5) means an orphan, so nfs_grow_file then oopses: the oops sentence says
 * that the check ran first.
 */
export function addRequest(env: Env, s: NfsState, w: number, out: NfsTransition[]): void {
  const me = env.names[w]!;
  step(env, s, w, `${me}.add_request`, SRC_ADD, (d) => {
    const dw = d.writers[w]!;
    const t = dw.target!;
    const cached = dw.orphan === null;
    const page = cached ? d.pages[t.page]! : dw.orphan!;
    const req: Request = { ctx: w, lo: t.slot, hi: t.slot + 1, busy: false, inFlight: false };
    const rname = requestName(req, env.names);
    const attached = env.k.inodeAddRequest(d, page, cached, req);
    const skipped = attached ? '' : `nfs_inode_add_request: NULL-mapping check returns without attaching ${rname}`;
    derefMapping(cached, 'nfs_grow_file', '0x0 (page_file_mapping(page)->host)', skipped);
    derefMapping(cached, 'nfs_mark_uptodate', '0x0 (page_file_mapping(page)->host)', skipped);
    if (!attached) throw new Error(`nfs model bug: ${rname} not attached to cached page ${t.page}`);
    page.dirty = true;
    dw.pc = { at: 'write_end', status: 0 };
    return {
      outcome: 'ok',
      label: `${me} nfs_setup_write_request: ${rname} created and added to page ${t.page} (nrequests ${d.nrequests}); page dirty`,
    };
  }, out);
}

/**
 * 5. write_end: nfs_write_end (file.c:357) unlocks the page (put_page frees an orphan),
 * nfs_end_io_write releases i_rwsem, then nfs_file_write's error check: on 4.19 file.c:586
 * nfs_need_check_write → vfs_fsync (→ nfs_file_fsync); on mainline (file.c:696)
 * filemap_check_wb_err(mapping, since), and for -EDQUOT nfs_wb_all then
 * file_check_and_advance_wb_err, no vfs_fsync. The fsync_* steps model either flush.
 */
export function writeEnd(env: Env, s: NfsState, w: number, status: Ret, out: NfsTransition[]): void {
  const me = env.names[w]!;
  const errseq = env.k.errorReporting === 'errseq';
  step(env, s, w, `${me}.write_end`, errseq ? SRC_END_MAINLINE : SRC_END, (d) => {
    const dw = d.writers[w]!;
    const t = dw.target!;
    const wasOrphan = dw.orphan !== null;
    if (wasOrphan) dw.orphan = null;
    else d.pages[t.page]!.lockedBy = NONE;
    d.rwsem = NONE;
    dw.target = null;
    const unlocked = wasOrphan ? `orphaned page ${t.page} unlocked and freed` : `page ${t.page} unlocked`;
    if (status < 0) {
      const next = finishWrite(env.k.errorReporting, d, w);
      return { outcome: `write returns ${errnoName(status)}`, label: `${me} nfs_file_write: ${unlocked}, i_rwsem released; write returns ${errnoName(status)}${next}` };
    }
    if (env.k.writeEndErrorCheck(d as NfsState, w)) {
      dw.since = NONE;
      dw.pc = { at: 'fsync_flush', purpose: 'write', index: 0, failed: false };
      if (errseq) {
        return {
          outcome: 'check write: nfs_wb_all',
          label: `${me} nfs_file_write: ${unlocked}, i_rwsem released; filemap_check_wb_err returns -EDQUOT (wb_err moved since the write sampled it): nfs_wb_all`,
        };
      }
      return { outcome: 'check write: vfs_fsync', label: `${me} nfs_file_write: ${unlocked}, i_rwsem released; NFS_CONTEXT_ERROR_WRITE set: vfs_fsync` };
    }
    const next = finishWrite(env.k.errorReporting, d, w);
    return { outcome: 'write returns 1', label: `${me} nfs_file_write: ${unlocked}, i_rwsem released; write returns 1 (one slot)${next}` };
  }, out);
}

/**
 * A write(2) returned: reset its dead fields; the next call is another write or close. close(2)
 * is nfs_file_flush, which calls vfs_fsync on 4.19 (file.c:139) and nfs_wb_all on mainline
 * (file.c:141).
 */
export function finishWrite(reporting: ErrorReporting, d: DState, w: number): string {
  const dw = d.writers[w]!;
  dw.since = NONE;
  if (dw.writesLeft > 0) {
    dw.pc = { at: 'start_io_write' };
    return '';
  }
  dw.pc = { at: 'fsync_flush', purpose: 'close', index: 0, failed: false };
  return reporting === 'errseq' ? '; close(2) → nfs_file_flush → nfs_wb_all' : '; close(2) → nfs_file_flush → vfs_fsync';
}
