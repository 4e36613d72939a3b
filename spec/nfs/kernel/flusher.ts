/**
 * The flusher F (background writeback, kupdate): wb_workfn → nfs_writepages (fs/nfs/write.c:711)
 * → write_cache_pages → nfs_writepages_callback → nfs_do_writepage (write.c:652). Page removal
 * here is harmless: the flusher holds the page lock and drops the page afterwards.
 */
import type { SourceLocation } from '../../../explorer/source-location';
import { NONE, type NfsState } from '../state';
import { step, type Env, type NfsTransition } from './env';
import type { DState } from './functions';
import { writepage, writepageMayFault } from './writepage';

const SRC: SourceLocation = { file: 'fs/nfs/write.c', line: 711, function: 'nfs_writepages' };

export function flusher(env: Env, s: NfsState, out: NfsTransition[]): void {
  const F = env.F;
  for (let index = 0; index < s.pages.length; index++) {
    const pg = s.pages[index];
    if (!pg || !pg.dirty || pg.lockedBy !== NONE || pg.writeback) continue;
    const body = (fault: boolean) => (d: DState) => {
      const page = d.pages[index]!;
      page.dirty = false; // clear_page_dirty_for_io
      const r = writepage(env, d, page, index, true, fault); // return value ignored by kupdate
      if (r.removed) d.pages[index] = null; // unlock_page; nobody holds the removed instance
      return { outcome: r.outcome, label: `F ${r.text}${r.ret < 0 ? ' (kupdate ignores it)' : ''}` };
    };
    step(env, s, F, `F.flush(p${index})`, SRC, body(false), out);
    if (writepageMayFault(env, s, pg, true)) step(env, s, F, `F.flush(p${index},fault)`, SRC, body(true), out);
  }
}

/** Whether F has an enabled step (explain). */
export function flusherEnabled(s: NfsState): number {
  for (let i = 0; i < s.pages.length; i++) {
    const pg = s.pages[i];
    if (pg && pg.dirty && pg.lockedBy === NONE && !pg.writeback) return i;
  }
  return -1;
}
