/**
 * Symmetry reduction over writers: they run the same code with matching open contexts, so a
 * state and its renaming of writers behave alike. The representative sorts writers by a key that
 * renaming does not change: the writer's own fields (its orphan's request ctx only as "mine" or
 * "another's") plus how the shared state refers to it (i_rwsem owner, page lock owner and request
 * ctx per page, the orphan's request). Writers with equal keys have equal fields and nothing refers
 * to them — at most one writer holds an orphan (it holds i_rwsem), so the one it refers to is
 * unique — hence the order among them does not matter and the result is a canonical form.
 */
import type { Canonical } from '../../explorer/model';
import { NONE, pageWith, requestWith, writerWith, type NfsState, type Page, type Request, type Writer } from './state';
import { encodePc } from './encode';

function pageBits(pg: Page | null, self: number): number {
  if (!pg) return 0;
  const r = pg.private;
  const lock = pg.lockedBy === NONE ? 0 : pg.lockedBy === self ? 1 : 2;
  const req = r ? 1 | ((r.ctx === self ? 1 : 0) << 1) | (r.lo << 2) | ((r.hi - 1) << 4) | (+r.busy << 6) | (+r.inFlight << 7) : 0;
  return 1 | (+pg.dirty << 1) | (+pg.writeback << 2) | (+pg.error << 3) | (lock << 4) | (req << 6);
}

/** The renaming-invariant key of writer `w` (a number below 2^53). */
function writerKey(s: NfsState, w: number): number {
  const wr = s.writers[w]!;
  let local = encodePc(wr.pc);
  local = local * 8 + wr.writesLeft;
  local = local * 4 + (wr.ctxError < 0 ? 2 : 0) + (wr.errorWrite ? 1 : 0);
  local = local * 16 + (wr.target ? 8 + wr.target.page * 2 + (wr.target.slot >> 1) : 0);
  local = local * 8 + (wr.since + 1);
  local = local * 16384 + pageBits(wr.orphan, w);
  // References to w from shared state: i_rwsem, then per page: lock owner, request ctx, then an
  // orphan's request held by another writer.
  let refs = s.rwsem === w ? 1 : 0;
  for (const pg of s.pages) {
    refs = refs * 4 + (pg && pg.lockedBy === w ? 2 : 0) + (pg && pg.private && pg.private.ctx === w ? 1 : 0);
  }
  let orphanRef = 0;
  for (let v = 0; v < s.writers.length; v++) {
    const o = s.writers[v]!.orphan;
    if (v !== w && o && o.private && o.private.ctx === w) orphanRef = 1;
  }
  refs = refs * 2 + orphanRef;
  return local * 256 + refs;
}

const IDENTITY: number[][] = [];
function identity(n: number): number[] {
  return (IDENTITY[n] ??= Array.from({ length: n }, (_, i) => i));
}

// The renamed copies come from state.ts's `...With`: one hidden class per type (issue 11).
function renameRequest(r: Request | null, perm: readonly number[]): Request | null {
  return r ? requestWith(r, perm[r.ctx]!) : null;
}

function renamePage(pg: Page | null, perm: readonly number[]): Page | null {
  if (!pg) return null;
  return pageWith(pg, pg.lockedBy === NONE ? NONE : perm[pg.lockedBy]!, renameRequest(pg.private, perm));
}

/**
 * The representative of `s` and `perm[p]` = the index in it of the process that is `p` in `s`
 * (F and C, after the writers, map to themselves).
 */
export function canonical(s: NfsState, processes: number): Canonical<NfsState> {
  const n = s.writers.length;
  const keys = new Array<number>(n);
  let sorted = true;
  for (let w = 0; w < n; w++) {
    keys[w] = writerKey(s, w);
    if (w > 0 && keys[w - 1]! > keys[w]!) sorted = false;
  }
  if (sorted) return { state: s, perm: identity(processes) };
  const order = identity(n).slice().sort((a, b) => keys[a]! - keys[b]! || a - b);
  const perm = identity(processes).slice();
  order.forEach((old, pos) => (perm[old] = pos));
  const writers: Writer[] = order.map((old) => {
    const wr = s.writers[old]!;
    return wr.orphan ? writerWith(wr, renamePage(wr.orphan, perm)) : wr;
  });
  return {
    state: {
      pages: s.pages.map((pg) => renamePage(pg, perm)),
      writers,
      rwsem: s.rwsem === NONE ? NONE : perm[s.rwsem]!,
      nrequests: s.nrequests,
      wbErr: s.wbErr,
      faultsLeft: s.faultsLeft,
    },
    perm,
  };
}
