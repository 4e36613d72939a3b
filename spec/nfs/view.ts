/**
 * The state as flat named fields for traces (like TLC's variable listing):
 * `page[0]` → `cached locked=W1 dirty private=R(W1,[0,1))`, `W1.pc`, `i_rwsem`, `nrequests`, ...
 */
import { match } from 'ts-pattern';
import type { ErrorReporting } from './kernel/functions';
import { errnoName } from './kernel/primitives';
import { NONE, requestName, type NfsState, type Page, type Pc } from './state';

export function describePage(pg: Page | null, names: readonly string[], cached: boolean): string {
  if (!pg) return 'empty';
  const parts = [cached ? 'cached' : 'orphan (mapping NULL)'];
  if (pg.lockedBy !== NONE) parts.push(`locked=${names[pg.lockedBy]}`);
  if (pg.dirty) parts.push('dirty');
  if (pg.writeback) parts.push('writeback');
  if (pg.error) parts.push('error');
  if (pg.private) {
    const r = pg.private;
    const flags = [r.busy ? 'busy' : '', r.inFlight ? 'in-flight' : ''].filter(Boolean).join(' ');
    parts.push(`private=${requestName(r, names)}${flags ? ` ${flags}` : ''}`);
  }
  if (!pg.dirty && !pg.writeback && !pg.private && pg.lockedBy === NONE && !pg.error) parts.push('clean');
  return parts.join(' ');
}

export function describePc(pc: Pc): string {
  return match(pc)
    .with({ at: 'start_io_write' }, () => 'start_io_write')
    .with({ at: 'write_begin' }, () => 'write_begin')
    .with({ at: 'update_page' }, () => 'update_page')
    .with({ at: 'add_request' }, () => 'add_request')
    .with({ at: 'write_end' }, (p) => `write_end(${p.status < 0 ? errnoName(p.status) : 'ok'})`)
    .with({ at: 'wb_page' }, (p) => `wb_page(from nfs_${p.caller})`)
    .with({ at: 'fsync_flush' }, (p) => `fsync_flush(p${p.index}, ${p.purpose}${p.failed ? ', failed' : ''})`)
    .with({ at: 'fsync_wait' }, (p) => `fsync_wait(${p.purpose}${p.failed ? ', failed' : ''})`)
    .with({ at: 'fsync_report' }, (p) => `fsync_report(${p.purpose}${p.failed ? ', failed' : ''})`)
    .with({ at: 'closed' }, () => 'closed')
    .with({ at: 'oops' }, (p) => `oops(${p.site})`)
    .exhaustive();
}

export function view(s: NfsState, names: readonly string[], reporting: ErrorReporting): Record<string, string> {
  const v: Record<string, string> = {};
  s.pages.forEach((pg, i) => (v[`page[${i}]`] = describePage(pg, names, true)));
  v['i_rwsem'] = s.rwsem === NONE ? 'free' : names[s.rwsem]!;
  v['nrequests'] = String(s.nrequests);
  v['faultsLeft'] = String(s.faultsLeft);
  if (reporting === 'errseq') v['wb_err'] = String(s.wbErr);
  s.writers.forEach((w, i) => {
    const n = names[i]!;
    v[`${n}.pc`] = describePc(w.pc);
    v[`${n}.writesLeft`] = String(w.writesLeft);
    v[`${n}.target`] = w.target ? `p${w.target.page},s${w.target.slot}` : '-';
    v[`${n}.orphan`] = w.orphan ? describePage(w.orphan, names, false) : '-';
    if (reporting === 'open context') v[`${n}.ctx`] = `error=${errnoName(w.ctxError)}${w.errorWrite ? ' ERROR_WRITE' : ''}`;
    else v[`${n}.since`] = w.since === NONE ? '-' : String(w.since);
  });
  return v;
}
