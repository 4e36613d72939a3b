/**
 * RPC completion C (rpciod): nfs_write_completion (fs/nfs/write.c:983) for a WRITE reply. WRITE
 * replies are stable (no COMMIT is modelled). On success: nfs_inode_remove_request,
 * nfs_end_page_writeback, release (R freed). On a server-fatal error (while the fault budget
 * lasts): the variant records it (4.19: nfs_context_set_write_error; mainline: mapping errseq),
 * then the same removal — the page stays in the page cache.
 */
import type { SourceLocation } from '../../../explorer/source-location';
import { requestName, type NfsState } from '../state';
import { step, type Env, type NfsTransition } from './env';
import { nfsEndPageWriteback, nfsInodeRemoveRequest } from './primitives';

const SRC: SourceLocation = { file: 'fs/nfs/write.c', line: 983, function: 'nfs_write_completion' };

export function completion(env: Env, s: NfsState, out: NfsTransition[]): void {
  const C = env.C;
  for (let index = 0; index < s.pages.length; index++) {
    const pg = s.pages[index];
    const req = pg && pg.private;
    if (!req || !req.inFlight) continue;
    const rid = `R@p${index}/${env.names[req.ctx]}`;
    const rname = requestName(req, env.names);
    for (const fault of s.faultsLeft > 0 ? [false, true] : [false]) {
      step(env, s, C, fault ? `C.complete(${rid},fault)` : `C.complete(${rid})`, SRC, (d) => {
        const page = d.pages[index]!;
        const r = page.private!;
        if (fault) {
          d.faultsLeft--;
          env.k.completionError(d, r);
        }
        nfsEndPageWriteback(page, r);
        nfsInodeRemoveRequest(d, page, true);
        const what = fault
          ? env.k.errorReporting === 'open context'
            ? `WRITE of ${rname} fails -EDQUOT: ctx ${env.names[req.ctx]} error set`
            : `WRITE of ${rname} fails -EDQUOT: mapping error recorded (wb_err ${d.wbErr})`
          : `WRITE of ${rname} done`;
        return { outcome: fault ? 'fatal EDQUOT' : 'ok', label: `C nfs_write_completion: ${what}; request removed and freed, page ${index} writeback ends` };
      }, out);
    }
  }
}

/** In-flight requests, for explain. */
export function inFlightNames(s: NfsState, names: readonly string[]): string[] {
  const out: string[] = [];
  s.pages.forEach((pg, i) => {
    if (pg && pg.private && pg.private.inFlight) out.push(`R@p${i}/${names[pg.private.ctx]}`);
  });
  return out;
}
