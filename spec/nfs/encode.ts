/**
 * Compact binary encoding of a state: 2 header bytes, 2 bytes per page, 5 bytes per writer
 * (16 bytes at the defaults). Every field the state holds is encoded, nothing else, so equal
 * states give equal bytes and decode(encode(s)) equals s.
 *
 *   header: [rwsem+1 | nrequests<<3] [wbErr | faultsLeft<<4]
 *   page:   [present | dirty<<1 | writeback<<2 | error<<3 | private<<4 | (lockedBy+1)<<5]
 *           [ctx | lo<<2 | (hi-1)<<4 | busy<<6 | inFlight<<7]
 *   writer: [pc code | pc detail<<4] [writesLeft | ctxError<<3 | errorWrite<<4 | target<<5 | slot<<6]
 *           [target page | (since+1)<<2] [orphan page: 2 bytes]
 */
import { EDQUOT, SITES, type NfsState, type Page, type Pc, type Request, type Writer } from './state';

const PC_CODES = ['start_io_write', 'write_begin', 'update_page', 'add_request', 'write_end', 'wb_page', 'fsync_flush', 'fsync_wait', 'fsync_report', 'closed', 'oops'] as const;

export function encodedSize(writers: number, pages: number): number {
  return 2 + 2 * pages + 5 * writers;
}

/**
 * The pc as one byte. A plain `switch` rather than ts-pattern: this runs for every writer of every
 * successor (encode, symmetry keys), and `assertNever` keeps it exhaustive at compile time.
 */
export function encodePc(pc: Pc): number {
  switch (pc.at) {
    case 'start_io_write': return 0;
    case 'write_begin': return 1;
    case 'update_page': return 2;
    case 'add_request': return 3;
    case 'write_end': return 4 | ((pc.status < 0 ? 1 : 0) << 4);
    case 'wb_page': return 5 | ((pc.caller === 'flush_incompatible' ? 1 : 0) << 4);
    case 'fsync_flush': return 6 | ((pc.purpose === 'close' ? 1 : 0) << 4) | ((pc.failed ? 1 : 0) << 5) | (pc.index << 6);
    case 'fsync_wait': return 7 | ((pc.purpose === 'close' ? 1 : 0) << 4) | ((pc.failed ? 1 : 0) << 5);
    case 'fsync_report': return 8 | ((pc.purpose === 'close' ? 1 : 0) << 4) | ((pc.failed ? 1 : 0) << 5);
    case 'closed': return 9;
    case 'oops': return 10 | (SITES.indexOf(pc.site) << 4);
    default: return assertNever(pc);
  }
}

function assertNever(x: never): never {
  throw new Error(`nfs: unhandled pc ${JSON.stringify(x)}`);
}

export function decodePc(b: number): Pc {
  const code = PC_CODES[b & 15];
  const purpose = (b >> 4) & 1 ? 'close' : 'write';
  const failed = ((b >> 5) & 1) === 1;
  switch (code) {
    case 'start_io_write':
    case 'write_begin':
    case 'update_page':
    case 'add_request':
    case 'closed':
      return { at: code };
    case 'write_end':
      return { at: 'write_end', status: (b >> 4) & 1 ? EDQUOT : 0 };
    case 'wb_page':
      return { at: 'wb_page', caller: (b >> 4) & 1 ? 'flush_incompatible' : 'try_to_update_request' };
    case 'fsync_flush':
      return { at: 'fsync_flush', purpose, failed, index: b >> 6 };
    case 'fsync_wait':
    case 'fsync_report':
      return { at: code, purpose, failed };
    case 'oops':
      return { at: 'oops', site: SITES[b >> 4]! };
    default:
      throw new Error(`nfs decode: bad pc byte ${b}`);
  }
}

function putPage(out: Uint8Array, o: number, pg: Page | null): void {
  if (!pg) {
    out[o] = 0;
    out[o + 1] = 0;
    return;
  }
  const r = pg.private;
  out[o] = 1 | (+pg.dirty << 1) | (+pg.writeback << 2) | (+pg.error << 3) | (+(r !== null) << 4) | ((pg.lockedBy + 1) << 5);
  out[o + 1] = r ? r.ctx | (r.lo << 2) | ((r.hi - 1) << 4) | (+r.busy << 6) | (+r.inFlight << 7) : 0;
}

function getPage(b: Uint8Array, o: number): Page | null {
  const f = b[o]!;
  if (!(f & 1)) return null;
  const rb = b[o + 1]!;
  const req: Request | null = f & 16
    ? { ctx: rb & 3, lo: (rb >> 2) & 3, hi: ((rb >> 4) & 3) + 1, busy: ((rb >> 6) & 1) === 1, inFlight: ((rb >> 7) & 1) === 1 }
    : null;
  return { lockedBy: (f >> 5) - 1, dirty: ((f >> 1) & 1) === 1, writeback: ((f >> 2) & 1) === 1, error: ((f >> 3) & 1) === 1, private: req };
}

export function encode(s: NfsState): Uint8Array {
  const P = s.pages.length;
  const out = new Uint8Array(encodedSize(s.writers.length, P));
  out[0] = (s.rwsem + 1) | (s.nrequests << 3);
  out[1] = s.wbErr | (s.faultsLeft << 4);
  for (let i = 0; i < P; i++) putPage(out, 2 + 2 * i, s.pages[i]!);
  let o = 2 + 2 * P;
  for (const w of s.writers) {
    out[o] = encodePc(w.pc);
    out[o + 1] = w.writesLeft | (+(w.ctxError < 0) << 3) | (+w.errorWrite << 4) | (+(w.target !== null) << 5) | ((w.target ? w.target.slot : 0) << 6);
    out[o + 2] = (w.target ? w.target.page : 0) | ((w.since + 1) << 2);
    putPage(out, o + 3, w.orphan);
    o += 5;
  }
  return out;
}

export function decode(b: Uint8Array, writers: number, pages: number): NfsState {
  const ps: (Page | null)[] = [];
  for (let i = 0; i < pages; i++) ps.push(getPage(b, 2 + 2 * i));
  const ws: Writer[] = [];
  let o = 2 + 2 * pages;
  for (let i = 0; i < writers; i++) {
    const b1 = b[o + 1]!;
    const b2 = b[o + 2]!;
    ws.push({
      pc: decodePc(b[o]!),
      writesLeft: b1 & 7,
      ctxError: (b1 >> 3) & 1 ? EDQUOT : 0,
      errorWrite: ((b1 >> 4) & 1) === 1,
      target: (b1 >> 5) & 1 ? { page: b2 & 3, slot: b1 >> 6 } : null,
      orphan: getPage(b, o + 3),
      since: (b2 >> 2) - 1,
    });
    o += 5;
  }
  return {
    pages: ps,
    writers: ws,
    rwsem: (b[0]! & 7) - 1,
    nrequests: b[0]! >> 3,
    wbErr: b[1]! & 15,
    faultsLeft: b[1]! >> 4,
  };
}

