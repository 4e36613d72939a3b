/**
 * The state as typed ITF variables (`Model.itf`), for `--itf`: the same data as `view`, but as
 * values a trace viewer or a script can read without parsing our sentences. Nullable fields are
 * Quint-style options (`{ tag: "Some", value }` / `{ tag: "None", value: {"#tup": []} }`), the
 * program counter a variant tagged by its step, and index-keyed arrays `#map`s (TLA+ functions).
 */
import type { ItfRecord, ItfState, ItfValue } from '../../explorer/itf-value';
import { NONE, type NfsState, type Page, type Pc, type Request } from './state';

const NONE_VALUE: ItfValue = { tag: 'None', value: { '#tup': [] } };
const some = (value: ItfValue): ItfValue => ({ tag: 'Some', value });
const option = <T>(x: T | null, f: (x: T) => ItfValue): ItfValue => (x === null ? NONE_VALUE : some(f(x)));
const owner = (who: number, names: readonly string[]): ItfValue => (who === NONE ? NONE_VALUE : some(names[who]!));

function request(r: Request, names: readonly string[]): ItfValue {
  return { ctx: names[r.ctx]!, lo: r.lo, hi: r.hi, busy: r.busy, inFlight: r.inFlight };
}

function page(pg: Page, names: readonly string[]): ItfValue {
  return {
    lockedBy: owner(pg.lockedBy, names),
    dirty: pg.dirty,
    writeback: pg.writeback,
    error: pg.error,
    private: option(pg.private, (r) => request(r, names)),
  };
}

/** `{ tag: "fsync_flush", value: { purpose: "close", index: 1, failed: false } }`. */
function pc(p: Pc): ItfValue {
  const { at, ...fields } = p;
  const value: ItfRecord = fields;
  return { tag: at, value: Object.keys(value).length > 0 ? value : { '#tup': [] } };
}

export function itf(s: NfsState, names: readonly string[]): ItfState {
  return {
    pages: { '#map': s.pages.map((pg, i) => [i, option(pg, (x) => page(x, names))] as const) },
    writers: {
      '#map': s.writers.map((w, i) => [
        names[i]!,
        {
          pc: pc(w.pc),
          writesLeft: w.writesLeft,
          target: option(w.target, (t) => ({ page: t.page, slot: t.slot })),
          orphan: option(w.orphan, (pg) => page(pg, names)),
          ctxError: w.ctxError,
          errorWrite: w.errorWrite,
          since: w.since === NONE ? NONE_VALUE : some(w.since),
        },
      ] as const),
    },
    i_rwsem: owner(s.rwsem, names),
    nrequests: s.nrequests,
    wb_err: s.wbErr,
    faultsLeft: s.faultsLeft,
  };
}
