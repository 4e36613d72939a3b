/**
 * `Model.whyDisabled` for the nfs spec: which guard of MODEL.md §4 blocks a step, named by its
 * identity (`W1.start_io_write(p0,s2)`, `F.flush(p1,fault)`, `C.complete(R@p0/W1)`), in the
 * kernel's words. The guards are those the steps in kernel/ test; undefined when the step is
 * enabled or the identity is not one of this model's.
 */
import { match } from 'ts-pattern';
import { explainProcess } from './explain';
import { inFlightNames } from './kernel/completion';
import type { Env } from './kernel/env';
import { fsyncFlushBlocker } from './kernel/fsync';
import { SLOTS } from './params';
import { NONE, anyInFlight, heldPage, requestName, type NfsState, type Page } from './state';
import { WRITER_STEPS } from './action-names';
import { describePc } from './view';

const IDENTITY = /^([A-Za-z0-9]+)\.([a-z_]+)(?:\((.*)\))?$/;

export function whyDisabled(env: Env, s: NfsState, action: string): string | undefined {
  const m = IDENTITY.exec(action);
  if (!m) return undefined;
  const [, who, stepName, choice = ''] = m;
  const p = env.names.indexOf(who!);
  if (p < 0) return `there is no process ${who} (processes: ${env.names.join(' ')})`;
  const oopsed = s.writers.findIndex((w) => w.pc.at === 'oops');
  if (oopsed >= 0) return `${env.names[oopsed]} oopsed (${describePc(s.writers[oopsed]!.pc)}): no step follows an oops`;
  const choices = choice === '' ? [] : choice.split(',');
  const fault = choices.includes('fault');
  if (p === env.F) return stepName === 'flush' ? flushBlocked(env, s, pageChoice(choices[0]), fault) : undefined;
  if (p === env.C) return stepName === 'complete' ? completeBlocked(env, s, choices[0] ?? '', fault) : undefined;
  return writerBlocked(env, s, p, stepName!, choices, fault);
}

function pageChoice(text: string | undefined): number {
  const m = /^p(\d+)$/.exec(text ?? '');
  return m ? Number(m[1]) : -1;
}

function writerBlocked(env: Env, s: NfsState, w: number, stepName: string, choices: readonly string[], fault: boolean): string | undefined {
  const me = env.names[w]!;
  const wr = s.writers[w]!;
  const expected = WRITER_STEPS[stepName];
  if (expected === undefined) return `${stepName} is not a step of a writer (MODEL.md §4)`;
  if (wr.pc.at !== expected) return `${me} is at ${describePc(wr.pc)}, not ${stepName}: ${explainProcess(s, w, env.names)}`;
  return match(wr.pc)
    .with({ at: 'start_io_write' }, () => {
      if (s.rwsem !== NONE) return `i_rwsem is held by ${env.names[s.rwsem]}: ${me} blocks in down_write (nfs_start_io_write)`;
      const page = pageChoice(choices[0]);
      const slot = /^s(\d+)$/.exec(choices[1] ?? '');
      if (page < 0 || page >= env.params.pages || !slot || !SLOTS.includes(Number(slot[1]))) {
        return `no write targets ${choices.join(',')}: pages p0..p${env.params.pages - 1}, slots ${SLOTS.map((x) => `s${x}`).join(', ')}`;
      }
      return undefined;
    })
    .with({ at: 'write_begin' }, () => {
      const t = wr.target!;
      const pg = s.pages[t.page];
      return pg && pg.lockedBy !== NONE ? `page ${t.page} is locked by ${env.names[pg.lockedBy]}: ${me} blocks in grab_cache_page_write_begin` : undefined;
    })
    .with({ at: 'update_page' }, () => {
      const head = heldPage(s, w)?.private;
      return head?.busy ? `${requestName(head, env.names)} is PG_BUSY (its WRITE is in flight): nfs_lock_and_join_requests waits` : undefined;
    })
    .with({ at: 'wb_page' }, () => {
      const pg = heldPage(s, w)!;
      const index = wr.target!.page;
      if (pg.writeback) return `page ${index} is under writeback: nfs_wb_page waits in wait_on_page_writeback`;
      return fault ? faultBlocked(env, s, pg, index, wr.orphan === null) : undefined;
    })
    .with({ at: 'fsync_flush' }, (pc) => {
      const index = pageChoice(choices[0]);
      if (index !== pc.index) return `${me}'s write_cache_pages is at page ${pc.index}, not page ${index}`;
      const blocker = fsyncFlushBlocker(s, index, env.names);
      if (blocker) return `write_cache_pages waits on ${blocker}`;
      return fault ? faultBlocked(env, s, s.pages[index] ?? null, index, true) : undefined;
    })
    .with({ at: 'fsync_wait' }, () =>
      anyInFlight(s) ? `filemap_fdatawait waits for the WRITE of ${inFlightNames(s, env.names).join(', ')}` : undefined,
    )
    .otherwise(() => undefined);
}

/** Why writepage cannot take its pageio-failure branch here (kernel/writepage.ts writepageMayFault). */
function faultBlocked(env: Env, s: NfsState, pg: Page | null, index: number, cached: boolean): string | undefined {
  if (!pg || !pg.dirty) return `page ${index} is not dirty: no writepage runs, so nfs_pageio_add_request cannot fail`;
  if (s.faultsLeft === 0) return 'no server-fatal error is left to inject (the --faults budget is spent)';
  if (!cached) return `page ${index} left the page cache: nfs_lock_and_join_requests dereferences its mapping first`;
  if (!pg.private) return `page ${index} has no request: writepage returns 0 before nfs_pageio_add_request`;
  if (env.k.fatalCheck(s, pg.private) !== 0) {
    return `ctx ${env.names[pg.private.ctx]} holds a fatal error: nfs_page_async_flush launders before nfs_pageio_add_request`;
  }
  return undefined;
}

function flushBlocked(env: Env, s: NfsState, index: number, fault: boolean): string | undefined {
  if (index < 0 || index >= env.params.pages) return `there is no page ${index} (pages 0..${env.params.pages - 1})`;
  const pg = s.pages[index];
  if (!pg) return `page ${index} is not in the page cache: the flusher has nothing to write`;
  if (!pg.dirty) return `page ${index} is clean: the flusher has nothing to write`;
  if (pg.lockedBy !== NONE) return `page ${index} is locked by ${env.names[pg.lockedBy]}: write_cache_pages skips it`;
  if (pg.writeback) return `page ${index} is under writeback`;
  return fault ? faultBlocked(env, s, pg, index, true) : undefined;
}

function completeBlocked(env: Env, s: NfsState, rid: string, fault: boolean): string | undefined {
  const m = /^R@p(\d+)\/(.+)$/.exec(rid);
  if (!m) return `${rid} does not name a request (R@p<page>/<writer>)`;
  const index = Number(m[1]);
  const req = s.pages[index]?.private;
  if (!req) return `no request is attached to page ${index}`;
  if (!req.inFlight) return `${requestName(req, env.names)} on page ${index} has no WRITE in flight`;
  if (env.names[req.ctx] !== m[2]) return `the WRITE in flight on page ${index} is ${requestName(req, env.names)}'s, not ${m[2]}'s`;
  if (fault && s.faultsLeft === 0) return 'no server-fatal error is left to inject (the --faults budget is spent)';
  return undefined;
}
