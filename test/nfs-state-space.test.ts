/**
 * Whole reachable spaces of the NFS model (two writers, defaults), explored by a small BFS inlined
 * here: the "facts to expect" of docs/MODEL.md §4 in every state, the state hygiene of §3, the
 * encoding round trip, symmetry (canonical idempotent, perm exact, symmetric states give equal
 * bytes), and the test-only mutant that violates NoRequestLeak part (i).
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore } from '../explorer';
import type { Model, Transition } from '../explorer/model';
import { formatSource } from '../explorer/source-location';
import { spec } from '../spec/nfs';
import { buildNfsModel } from '../spec/nfs/model';
import { actionNames } from '../spec/nfs/action-names';
import { parseParams } from '../spec/nfs/params';
import { NONE, type NfsState, type Page, type Request } from '../spec/nfs/state';
import { VARIANTS } from '../spec/nfs/variants';
import { MUTANT_PATCHES } from './data/nfs-leak-mutant';

type M = Model<NfsState>;

interface Space {
  states: NfsState[];
  violations: Transition<NfsState>[];
  generated: number;
  /** Every transition identity taken. */
  actions: Set<string>;
  /** Every step sentence written, as `action[outcome] label @ source`. */
  sentences: Set<string>;
}

/** Every reachable state (oops targets excluded: they are terminal and checked separately). */
function reachable(model: M): Space {
  const key = (s: NfsState) => Buffer.from(model.encode(s)).toString('latin1');
  const seen = new Set<string>();
  const states: NfsState[] = [];
  const violations: Transition<NfsState>[] = [];
  const actions = new Set<string>();
  const sentences = new Set<string>();
  let generated = 0;
  for (const s of model.init()) if (!seen.has(key(s))) (seen.add(key(s)), states.push(s));
  for (let i = 0; i < states.length; i++) {
    for (const t of model.next(states[i]!)) {
      generated++;
      actions.add(t.action);
      sentences.add(`${t.action}[${t.outcome}] ${t.label} @ ${t.source ? formatSource(t.source) : '-'}`);
      if (t.violates) {
        violations.push(t);
        continue;
      }
      const k = key(t.next);
      if (!seen.has(k)) (seen.add(k), states.push(t.next));
    }
  }
  return { states, violations, generated, actions, sentences };
}

const WRITING = new Set(['write_begin', 'update_page', 'add_request', 'write_end', 'wb_page']);
const HOLDING_PAGE = new Set(['update_page', 'add_request', 'write_end', 'wb_page']);

function facts(model: M, s: NfsState, errseq: boolean): string[] {
  const bad: string[] = [];
  const pages: [string, Page][] = [];
  s.pages.forEach((pg, i) => pg && pages.push([`page ${i}`, pg]));
  s.writers.forEach((w, i) => w.orphan && pages.push([`W${i + 1}'s orphan`, w.orphan]));
  let attached = 0;
  for (const [name, pg] of pages) {
    if (pg.dirty && pg.writeback) bad.push(`${name}: dirty under writeback`);
    const r: Request | null = pg.private;
    if (r) attached++;
    if (r && r.busy !== r.inFlight) bad.push(`${name}: PG_BUSY without a WRITE in flight or vice versa`);
    if (pg.writeback !== !!(r && r.inFlight)) bad.push(`${name}: PG_writeback without its WRITE in flight or vice versa`);
  }
  if (s.nrequests !== attached) bad.push(`nrequests ${s.nrequests} != ${attached} attached`);
  const orphans = s.writers.filter((w) => w.orphan);
  if (orphans.length > 1) bad.push('more than one orphan');
  s.writers.forEach((w, i) => {
    const n = `W${i + 1}`;
    if (w.orphan && w.orphan.private && w.orphan.private.inFlight) bad.push(`${n}: in-flight request on an orphan`);
    if (w.orphan && (s.rwsem !== i || w.orphan.lockedBy !== i)) bad.push(`${n}: orphan held without i_rwsem or its lock`);
    if (WRITING.has(w.pc.at) !== (s.rwsem === i)) bad.push(`${n}: i_rwsem ownership does not match pc ${w.pc.at}`);
    if (WRITING.has(w.pc.at) !== (w.target !== null)) bad.push(`${n}: target live outside a write (pc ${w.pc.at})`);
    if (w.orphan && !HOLDING_PAGE.has(w.pc.at)) bad.push(`${n}: orphan kept after write_end`);
    if (HOLDING_PAGE.has(w.pc.at) && !w.orphan && s.pages[w.target!.page]?.lockedBy !== i) bad.push(`${n}: does not hold its page at ${w.pc.at}`);
    if (w.pc.at === 'wb_page' && w.pc.caller === 'flush_incompatible') bad.push(`${n}: write_begin's recheck flushed with matching contexts`);
    if ((w.ctxError < 0) !== w.errorWrite) bad.push(`${n}: ctx->error and ERROR_WRITE disagree`);
    if (errseq) {
      if (w.ctxError !== 0) bad.push(`${n}: ctx error on an errseq kernel`);
      const sampling = WRITING.has(w.pc.at) || (w.pc.at !== 'closed' && 'purpose' in w.pc && w.pc.purpose === 'close' && !(w.pc.at === 'fsync_flush' && w.pc.index === 0));
      if (sampling !== (w.since !== NONE)) bad.push(`${n}: since ${w.since} at ${JSON.stringify(w.pc)}`);
    } else if (w.since !== NONE || s.wbErr !== 0) bad.push(`${n}: errseq fields on a 4.19 kernel`);
  });
  s.pages.forEach((pg, i) => {
    if (pg && pg.lockedBy !== NONE) {
      const owner = s.writers[pg.lockedBy]!;
      if (!HOLDING_PAGE.has(owner.pc.at) || owner.target?.page !== i || owner.orphan) bad.push(`page ${i}: locked by W${pg.lockedBy + 1} at ${owner.pc.at}`);
    }
  });
  if (model.next(s).length === 0 && !model.quiescent!(s)) bad.push('deadlock');
  return bad;
}

/** `s` with writers renamed: writer p of `s` becomes writer perm[p]. */
function permute(s: NfsState, perm: readonly number[]): NfsState {
  const r = (x: number) => (x === NONE ? NONE : perm[x]!);
  const page = (pg: Page | null): Page | null => pg && { ...pg, lockedBy: r(pg.lockedBy), private: pg.private && { ...pg.private, ctx: r(pg.private.ctx) } };
  const writers = new Array(s.writers.length);
  s.writers.forEach((w, p) => (writers[perm[p]!] = { ...w, orphan: page(w.orphan) }));
  return { ...s, pages: s.pages.map(page), writers, rwsem: r(s.rwsem) };
}

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

const DEFAULTS = { writers: 2, pages: 2, writes: 2, faults: 1 };
const build = (variant: string, params: Record<string, number> = {}) => spec.build({ variant, params: { ...DEFAULTS, ...params } }) as M;

describe('nfs: every reachable state at the defaults (two writers)', () => {
  for (const v of VARIANTS) {
    it(`${v.id}: MODEL.md §4's facts and §3's hygiene hold; only the expected oops sites are reached; every listed step identity is taken`, () => {
      const model = build(v.id);
      const { states, violations, actions, sentences } = reachable(model);
      const errseq = v.id === 'mainline';
      for (const s of states) {
        const bad = facts(model, s, errseq);
        if (bad.length) throw new Error(`${bad.join('; ')} in ${JSON.stringify(model.view(s))}`);
      }
      const sites = new Set(violations.map((t) => t.outcome));
      const expected = v.id === '14bebe3c' ? ['oops in nfs_inode_add_request'] : v.id === 'nullcheck' ? ['oops in nfs_grow_file'] : [];
      expect([...sites]).toEqual(expected);
      // An oops target is the pre-state with only the writer's pc changed.
      for (const t of violations) {
        expect(t.next.writers[t.process]!.pc.at).toBe('oops');
        // nullcheck's oops comes after its check returned without attaching the request.
        if (v.id === 'nullcheck') expect(t.label).toMatch(/^W\d nfs_inode_add_request: NULL-mapping check returns without attaching R\(W\d,\[\d,\d\)\); nfs_grow_file: /);
        else expect(t.label).not.toContain('NULL-mapping check');
      }
      // Model.actions() is exactly what the steps produce here (replay refuses the rest).
      expect([...actions].sort()).toEqual([...actionNames(parseParams(DEFAULTS), model.processes)].sort());
      expect([...model.actions!()].sort()).toEqual([...actions].sort());
      // Step sentences: a contiguous update never widens a request here (slots {0, 2}, MODEL.md
      // §2), so none reads as an extension of a range to itself.
      expect([...sentences].filter((x) => /extends (R\(W\d,\[\d,\d\)\)) to \1/.test(x))).toEqual([]);
      expect([...sentences].some((x) => x.includes('[contiguous]') && x.includes(': the request is updated in place;'))).toBe(true);
      // Mainline's write(2) check and close(2) call nfs_wb_all, not vfs_fsync → nfs_file_fsync
      // (KERNEL-NOTES §4): no sentence or source of it names those; 4.19's keep them.
      const fsyncCalls = [...sentences].filter((x) => /vfs_fsync|nfs_file_fsync/.test(x));
      const reports = [...sentences].filter((x) => /\.fsync_report\[/.test(x));
      // Not vacuous: every variant reports fsync errors in some reachable state.
      expect(reports.length).toBeGreaterThan(0);
      if (errseq) {
        expect(fsyncCalls).toEqual([]);
        expect(reports.every((x) => / @ fs\/nfs\/file\.c:(139 nfs_file_flush|597 nfs_file_write)$/.test(x))).toBe(true);
      } else {
        expect(reports.every((x) => x.endsWith(' @ fs/nfs/file.c:240 nfs_file_fsync'))).toBe(true);
        expect(fsyncCalls.some((x) => x.includes('[check write: vfs_fsync]'))).toBe(true);
      }
    }, 120_000);
  }

  it('encode/decode round-trips every reachable state', () => {
    for (const variant of ['22876f54', 'mainline']) {
      const model = build(variant);
      for (const s of reachable(model).states) {
        const bytes = model.encode(s);
        expect(model.decode(bytes)).toEqual(s);
      }
    }
  }, 120_000);
});

describe('nfs: Model.actions', () => {
  it('names no other step: a misspelt step, a process, page, slot or request owner the parameters lack, a fault with no fault to inject', () => {
    const model = build('22876f54');
    for (const a of ['W1.bogus', 'W3.write_end', 'W1.write_end(p0)', 'W1.start_io_write(p0,s1)', 'W1.start_io_write(p2,s0)', 'W1.fsync_flush(p2)', 'F.flush(p2)', 'F.write_end', 'C.complete(R@p0/F)', 'C.complete(R@p0/W3)', 'X.flush(p0)', '']) {
      expect([a, model.actions!().has(a)]).toEqual([a, false]);
    }
    for (const a of ['W2.wb_page_iter(fault)', 'F.flush(p1,fault)', 'C.complete(R@p1/W2,fault)', 'W1.start_io_write(p1,s2)']) expect([a, model.actions!().has(a)]).toEqual([a, true]);
    const faultless = build('22876f54', { faults: 0 });
    for (const a of ['W1.wb_page_iter(fault)', 'W1.fsync_flush(p0,fault)', 'F.flush(p0,fault)', 'C.complete(R@p0/W1,fault)']) expect([a, faultless.actions!().has(a)]).toEqual([a, false]);
    expect([...reachable(build('mainline', { writers: 1, faults: 0 })).actions].sort()).toEqual([...actionNames(parseParams({ writers: 1, faults: 0 }), ['W1', 'F', 'C'])].sort());
  });
});

describe('nfs: symmetry over writers', () => {
  for (const [variant, params] of [['22876f54', {}], ['mainline', {}], ['14bebe3c', { writers: 3, writes: 1, pages: 1 }]] as const) {
    it(`${variant} ${JSON.stringify(params)}: canonical is idempotent, its perm exact, and symmetric states share its bytes`, () => {
      const model = build(variant, params);
      const n = model.processes.length - 2;
      const perms = permutations(n);
      const enc = (x: NfsState) => Buffer.from(model.encode(x));
      const identity = model.processes.map((_, i) => i);
      let checked = 0;
      for (const s of reachable(model).states) {
        const c = model.canonical!(s);
        const bytes = enc(c.state);
        const fail = (why: string) => {
          throw new Error(`${why} for ${JSON.stringify(model.view(s))}`);
        };
        // perm[p] = index in the representative of the process p of s; F and C stay.
        if (!enc(permute(s, c.perm.slice(0, n))).equals(bytes)) fail('perm does not rename s into its representative');
        if (c.perm[n] !== n || c.perm[n + 1] !== n + 1) fail('F or C renamed');
        const again = model.canonical!(c.state);
        if (!enc(again.state).equals(bytes) || again.perm.some((x, i) => x !== identity[i])) fail('canonical is not idempotent');
        for (const p of perms) if (!enc(model.canonical!(permute(s, p)).state).equals(bytes)) fail(`renaming ${p} gives another representative`);
        checked++;
      }
      expect(checked).toBeGreaterThan(1000);
    }, 120_000);
  }
});

describe('nfs: NoRequestLeak part (i) can fail (test-only mutant)', () => {
  it('a page removed with its request still attached is reported', async () => {
    const model = buildNfsModel(MUTANT_PATCHES, parseParams({ writers: 1, pages: 2, writes: 3, faults: 1 }));
    const leak = model.properties.find((p) => p.name === 'NoRequestLeak')!.checks[0]!;
    let s = model.init()[0]!;
    for (const a of [
      'W1.start_io_write(p0,s0)', 'W1.write_begin', 'W1.update_page', 'W1.add_request', 'W1.write_end',
      'W1.start_io_write(p1,s0)', 'W1.write_begin', 'W1.update_page', 'W1.add_request', 'W1.write_end',
      'F.flush(p1,fault)', 'W1.start_io_write(p0,s2)', 'W1.write_begin', 'W1.update_page', 'W1.wb_page_iter',
    ]) s = model.next(s).find((t) => t.action === a)!.next;
    expect(leak.kind === 'always' && leak.holds(s)).toBe(false);
    expect(leak.kind === 'always' && leak.explain!(s)).toBe('R(W1,[0,1)) is attached to page 0, which left the page cache while W1 held it');

    const module = path.join(__dirname, 'data', 'nfs-leak-mutant');
    const params = { writers: 1, pages: 2, writes: 2, faults: 1 };
    const result = await explore({ module, args: { params } }, { spec: 'nfs-leak-mutant', params }, { workers: 1, symmetry: false });
    const prop = result.properties.find((p) => p.name === 'NoRequestLeak')!;
    expect(prop.verdict).toBe('violated');
    expect(prop.counterexample!.check).toBe('always');
  }, 60_000);
});

describe('nfs: the largest parameters (random walks)', () => {
  it('encoding and symmetry stay exact at writers 4, pages 3, writes 4, faults 3', () => {
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (const variant of ['14bebe3c', '22876f54', 'mainline']) {
      const model = build(variant, { writers: 4, pages: 3, writes: 4, faults: 3 });
      const enc = (x: NfsState) => Buffer.from(model.encode(x));
      const perms = permutations(4);
      for (let walk = 0; walk < 40; walk++) {
        let s = model.init()[0]!;
        for (let i = 0; i < 120; i++) {
          const ts = model.next(s);
          if (ts.length === 0) break;
          const t = ts[rand(ts.length)]!;
          s = t.next;
          expect(model.decode(model.encode(s))).toEqual(s);
          const bytes = enc(model.canonical!(s).state);
          const p = perms[rand(perms.length)]!;
          expect(enc(model.canonical!(permute(s, p)).state).equals(bytes)).toBe(true);
          if (t.violates) break;
        }
      }
    }
  }, 120_000);
});
