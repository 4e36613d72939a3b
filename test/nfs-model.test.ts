/**
 * The NFS model step by step: schedules replayed by transition identity (`action`), as a saved
 * counterexample replays on another variant (MODEL.md §4), and the encoding.
 */
import { describe, expect, it } from 'vitest';
import type { Model, Transition } from '../explorer/model';
import { spec } from '../spec/nfs';
import type { NfsState } from '../spec/nfs/state';

type M = Model<NfsState>;

function build(variant: string, params: Record<string, number> = {}): M {
  return spec.build({ variant, params: { writers: 1, pages: 2, writes: 3, faults: 1, ...params } }) as M;
}

/** From init, takes the transition whose `action` is each given string; returns every step taken. */
function replay(model: M, actions: readonly string[]): { state: NfsState; steps: Transition<NfsState>[] } {
  let state = model.init()[0]!;
  const steps: Transition<NfsState>[] = [];
  for (const action of actions) {
    const enabled = model.next(state);
    const t = enabled.find((x) => x.action === action);
    if (!t) throw new Error(`'${action}' is not enabled after [${steps.map((s) => s.action).join(', ')}]; enabled: ${enabled.map((x) => x.action).join(', ')}`);
    steps.push(t);
    state = t.next;
  }
  return { state, steps };
}

const write = (w: string, page: number, slot: number) => [
  `${w}.start_io_write(p${page},s${slot})`, `${w}.write_begin`, `${w}.update_page`, `${w}.add_request`, `${w}.write_end`,
];

/**
 * The seed's oops with one writer (MODEL.md §7): write page 0 slot 0; write page 1; the flusher's
 * pageio failure on page 1 sets ctx->error; write page 0 slot 2 (out_flushme): nfs_wb_page
 * launders page 0 on that error; then the loop's fate depends on the variant.
 */
const SEED_PREFIX = [
  ...write('W1', 0, 0),
  ...write('W1', 1, 0),
  'F.flush(p1,fault)',
  'W1.start_io_write(p0,s2)', 'W1.write_begin', 'W1.update_page',
  'W1.wb_page_iter',
];

describe('nfs: the seed schedule replayed on each variant', () => {
  it('14bebe3c: out_launder removes page 0 and returns 0, the loop exits, nfs_inode_add_request oopses', () => {
    const model = build('14bebe3c');
    const { state, steps } = replay(model, [...SEED_PREFIX, 'W1.wb_page_iter', 'W1.add_request']);
    const launder = steps[SEED_PREFIX.length - 1]!;
    expect(launder.outcome).toBe('writepage: launder(ctx->error)');
    expect(launder.label).toBe('W1 nfs_page_async_flush: ctx W1 error -EDQUOT: out_launder, page 0 removed from the page cache, R(W1,[0,1)) removed and freed, returns 0');
    expect(steps[steps.length - 2]!.outcome).toBe('returns 0');
    const oops = steps[steps.length - 1]!;
    expect(oops.violates).toBe('MappingNonNull');
    expect(oops.outcome).toBe('oops in nfs_inode_add_request');
    expect(oops.label).toBe('W1 nfs_inode_add_request: the page left the page cache (page_file_mapping(page) == NULL): oops at NULL+0x80 (spin_lock(&mapping->private_lock))');
    expect(oops.source).toEqual({ file: 'fs/nfs/write.c', line: 743, function: 'nfs_inode_add_request' });
    expect(model.explainProcess!(state, 0)).toBe('W1: oopsed in nfs_inode_add_request (NULL mapping); holds i_rwsem and the lock of orphaned page 0');
    expect(state.writers[0]!.pc).toEqual({ at: 'oops', site: 'nfs_inode_add_request' });
    // The oops target is the pre-state with only the pc changed, and it is terminal.
    const pre = replay(model, [...SEED_PREFIX, 'W1.wb_page_iter']).state;
    expect({ ...state, writers: [{ ...state.writers[0]!, pc: pre.writers[0]!.pc }] }).toEqual(pre);
    expect(model.next(state)).toEqual([]);
  });

  it('14bebe3c: the same oops when the error comes from a WRITE the server fails', () => {
    const model = build('14bebe3c');
    const { steps } = replay(model, [
      ...write('W1', 0, 0), ...write('W1', 1, 0), 'F.flush(p1)', 'C.complete(R@p1/W1,fault)',
      'W1.start_io_write(p0,s2)', 'W1.write_begin', 'W1.update_page', 'W1.wb_page_iter', 'W1.wb_page_iter', 'W1.add_request',
    ]);
    expect(steps[steps.length - 1]!.violates).toBe('MappingNonNull');
  });

  it('nullcheck: the oops only moves to nfs_grow_file', () => {
    const model = build('nullcheck');
    const { state, steps } = replay(model, [...SEED_PREFIX, 'W1.wb_page_iter', 'W1.add_request']);
    const oops = steps[steps.length - 1]!;
    expect(oops.violates).toBe('MappingNonNull');
    expect(oops.outcome).toBe('oops in nfs_grow_file');
    // The mutant's check ran first: the sentence says so before the oops it did not prevent.
    expect(oops.label).toBe(
      'W1 nfs_inode_add_request: NULL-mapping check returns without attaching R(W1,[2,3)); nfs_grow_file: the page left the page cache (page_file_mapping(page) == NULL): oops at NULL+0x0 (page_file_mapping(page)->host)',
    );
    expect(oops.source).toEqual({ file: 'fs/nfs/write.c', function: 'nfs_grow_file', via: [{ file: 'fs/nfs/write.c', line: 1173, function: 'nfs_writepage_setup' }] });
    expect(state.writers[0]!.pc).toEqual({ at: 'oops', site: 'nfs_grow_file' });
  });

  it('22876f54: the request stays on the clean page and W1.wb_page_iter becomes a self-loop', () => {
    const model = build('22876f54');
    const { state, steps } = replay(model, SEED_PREFIX);
    expect(steps[steps.length - 1]!.label).toContain('SetPageError, R(W1,[0,1)) stays attached to clean page 0, returns 0');
    const spin = model.next(state).find((t) => t.action === 'W1.wb_page_iter')!;
    expect(spin.outcome).toBe('nfs_commit_inode returns 0');
    expect(spin.next).toEqual(state);
    expect(model.encode(spin.next)).toEqual(model.encode(state));
    // Nothing else can move: the writer holds i_rwsem and the page lock, nothing is dirty or in flight.
    expect(model.next(state).map((t) => t.action)).toEqual(['W1.wb_page_iter']);
    const inRegion = model.properties.find((p) => p.name === 'WbPageTerminates')!.checks[0]!;
    expect(inRegion.kind === 'leaves' && inRegion.inRegion(state, 0)).toBe(true);
    expect(model.explainProcess!(state, 0)).toBe(
      'W1: spinning in nfs_wb_page(page 0): page clean but PagePrivate, nfs_commit_inode returns 0; holds i_rwsem and the page lock',
    );
    expect(model.view(state)['page[0]']).toBe('cached locked=W1 error private=R(W1,[0,1))');
  });

  it('22876f54 with two writers: the second one waits on i_rwsem in D state', () => {
    const model = build('22876f54', { writers: 2 });
    const { state } = replay(model, SEED_PREFIX);
    expect(model.explainProcess!(state, 1)).toBe('W2: D state: blocked in nfs_start_io_write on i_rwsem held by W1');
    expect(model.explainProcess!(state, 2)).toBe('F: no dirty unlocked page to flush');
    expect(model.explainProcess!(state, 3)).toBe('C: no WRITE in flight');
  });

  it('v4.19.90: out_launder returns -EDQUOT and the write fails with it', () => {
    const model = build('v4.19.90');
    const { state, steps } = replay(model, [...SEED_PREFIX, 'W1.write_end']);
    expect(steps[SEED_PREFIX.length - 1]!.label).toContain('returns -EDQUOT; nfs_wb_page returns -EDQUOT; nfs_updatepage fails');
    const end = steps[steps.length - 1]!;
    expect(end.outcome).toBe('write returns -EDQUOT');
    expect(end.label).toContain('write returns -EDQUOT');
    // The orphan was freed with the write; the page cache index is empty; W1 closes next.
    expect(state.pages[0]).toBeNull();
    expect(state.writers[0]).toMatchObject({ orphan: null, target: null, pc: { at: 'fsync_flush', purpose: 'close', index: 0 } });
    // close reports the sticky ctx error once more (nfs_file_fsync's xchg(&ctx->error, 0)).
    const close = replay(model, [...SEED_PREFIX, 'W1.write_end', 'W1.fsync_flush(p0)', 'W1.fsync_flush(p1)', 'W1.fsync_wait', 'W1.fsync_report']);
    expect(close.steps[close.steps.length - 1]!.outcome).toBe('close returns -EDQUOT');
    expect(model.quiescent!(close.state)).toBe(true);
    expect(close.state.writers[0]).toMatchObject({ ctxError: 0, errorWrite: false, pc: { at: 'closed' } });
  });

  it('return-ret: the write fails, and the request stays stranded at quiescence', () => {
    const model = build('return-ret');
    const { state } = replay(model, [...SEED_PREFIX, 'W1.write_end', 'W1.fsync_flush(p0)', 'W1.fsync_flush(p1)', 'W1.fsync_wait', 'W1.fsync_report']);
    expect(model.quiescent!(state)).toBe(true);
    const leak = model.properties.find((p) => p.name === 'NoRequestLeak')!.checks[1]!;
    expect(leak.kind === 'atQuiescence' && leak.holds(state)).toBe(false);
    // Page 1's request was left behind the same way by the flusher's launder.
    expect(leak.kind === 'atQuiescence' && leak.explain!(state)).toBe(
      'every writer closed, nothing in flight, nrequests 2: R(W1,[0,1)) on page 0 (clean, PG_error, PG_private); R(W1,[0,1)) on page 1 (clean, PG_error, PG_private) stranded; writeback will never send them and drop_caches cannot free their pages',
    );
  });

  it('mainline: no launder on ctx->error; a WRITE failed during a write is reported through errseq', () => {
    const model = build('mainline');
    // The seed's schedule: the flush of page 0 sends a WRITE (no per-ctx error check); the error
    // predates this write's filemap_sample_wb_err, so the write succeeds (no SEEN flag modelled).
    const seed = replay(model, [...SEED_PREFIX, 'C.complete(R@p0/W1)', 'W1.wb_page_iter', 'W1.add_request', 'W1.write_end']);
    expect(seed.steps[SEED_PREFIX.length - 1]!.outcome).toBe('writepage: send WRITE');
    expect(seed.steps[seed.steps.length - 1]!.outcome).toBe('write returns 1');
    expect(seed.state.wbErr).toBe(1);
    // A WRITE that fails while the write runs moves wb_err past its sample: write returns -EDQUOT.
    const { steps, state } = replay(model, [
      ...write('W1', 0, 0),
      'W1.start_io_write(p0,s2)', 'W1.write_begin', 'W1.update_page', 'W1.wb_page_iter', 'C.complete(R@p0/W1,fault)',
      'W1.wb_page_iter', 'W1.add_request', 'W1.write_end', 'W1.fsync_flush(p0)', 'W1.fsync_flush(p1)', 'C.complete(R@p0/W1)', 'W1.fsync_wait', 'W1.fsync_report',
    ]);
    expect(steps.map((t) => t.outcome)).toContain('check write: nfs_wb_all');
    expect(steps[steps.length - 1]!.outcome).toBe('write returns -EDQUOT');
    expect(state.pages[0]).toMatchObject({ dirty: false, writeback: false, private: null }); // sent by the write's fsync, still cached
    expect(state.writers[0]!.since).toBe(-1);
    // Mainline's write(2) checks wb_err and calls nfs_wb_all (v6.18.2 file.c:696, cited at 4.19.90's 597), never vfs_fsync.
    const check = steps.find((t) => t.outcome === 'check write: nfs_wb_all')!;
    expect(check.label).toBe('W1 nfs_file_write: page 0 unlocked, i_rwsem released; filemap_check_wb_err returns -EDQUOT (wb_err moved since the write sampled it): nfs_wb_all');
    expect(check.source).toEqual({ file: 'fs/nfs/file.c', line: 357, function: 'nfs_write_end', via: [{ file: 'fs/nfs/file.c', line: 597, function: 'nfs_file_write' }] });
    const report = steps[steps.length - 1]!;
    expect(report.label).toBe('W1 nfs_file_write: file_check_and_advance_wb_err returns -EDQUOT: write returns -EDQUOT');
    expect(report.source).toEqual({ file: 'fs/nfs/file.c', line: 597, function: 'nfs_file_write' });
    expect(steps.find((t) => t.action === 'W1.fsync_wait')!.source).toEqual({
      file: 'mm/filemap.c', function: 'filemap_write_and_wait_range',
      via: [{ file: 'fs/nfs/file.c', line: 597, function: 'nfs_file_write' }, { file: 'fs/nfs/write.c', function: 'nfs_wb_all' }],
    });
    // close(2) is nfs_file_flush → nfs_wb_all (v6.18.2 file.c:141, cited at 4.19.90's 139), reporting filemap_check_wb_err.
    const close = replay(model, [
      ...write('W1', 0, 0), ...write('W1', 1, 0), 'W1.start_io_write(p1,s0)', 'W1.write_begin', 'W1.update_page', 'W1.write_end',
      'W1.fsync_flush(p0,fault)', 'W1.fsync_flush(p1)', 'C.complete(R@p1/W1)', 'W1.fsync_wait', 'W1.fsync_report',
    ]).steps;
    const at = (action: string) => close.filter((t) => t.action === action).at(-1)!;
    expect(at('W1.write_end').label).toBe('W1 nfs_file_write: page 1 unlocked, i_rwsem released; write returns 1 (one slot); close(2) → nfs_file_flush → nfs_wb_all');
    expect(at('W1.fsync_flush(p0,fault)').source).toEqual({ file: 'fs/nfs/write.c', function: 'nfs_writepages', via: [{ file: 'fs/nfs/file.c', line: 139, function: 'nfs_file_flush' }, { file: 'fs/nfs/write.c', function: 'nfs_wb_all' }] });
    expect(at('W1.fsync_wait').label).toBe('W1 nfs_wb_all: filemap_write_and_wait: no WRITE in flight');
    expect(at('W1.fsync_report').label).toBe('W1 nfs_file_flush: filemap_check_wb_err returns -EDQUOT: close returns -EDQUOT');
    expect(at('W1.fsync_report').source).toEqual({ file: 'fs/nfs/file.c', line: 139, function: 'nfs_file_flush' });
    for (const t of [...steps, ...close]) expect(`${t.outcome} ${t.label} ${JSON.stringify(t.source)}`).not.toMatch(/vfs_fsync|nfs_file_fsync/);
    // The sentence differs from 4.19's because of 6fbda89b, which replay names there.
    const beforeWait = replay(model, [
      ...write('W1', 0, 0), ...write('W1', 1, 0), 'W1.start_io_write(p1,s0)', 'W1.write_begin', 'W1.update_page', 'W1.write_end',
      'W1.fsync_flush(p0,fault)', 'W1.fsync_flush(p1)', 'C.complete(R@p1/W1)',
    ]).state;
    expect(model.patchesAt!(beforeWait, 'W1.fsync_wait').map((p) => p.id)).toEqual(['6fbda89b']);
  });

  it("4.19 keeps its own calls: write(2)'s error check and close(2) go through vfs_fsync to nfs_file_fsync", () => {
    const model = build('v4.19.90', { writes: 2 });
    // A fatal pageio failure sets ctx->error on W1's context; W1's next write sees NFS_CONTEXT_ERROR_WRITE.
    const { steps } = replay(model, [...write('W1', 0, 0), 'F.flush(p0,fault)', ...write('W1', 1, 0), 'W1.fsync_flush(p0)', 'W1.fsync_flush(p1)', 'W1.fsync_wait', 'W1.fsync_report']);
    const check = steps[10]!;
    expect(check.outcome).toBe('check write: vfs_fsync');
    expect(check.label).toBe('W1 nfs_file_write: page 1 unlocked, i_rwsem released; NFS_CONTEXT_ERROR_WRITE set: vfs_fsync');
    expect(check.source).toEqual({ file: 'fs/nfs/file.c', line: 357, function: 'nfs_write_end' });
    expect(steps[11]!.source).toEqual({ file: 'fs/nfs/write.c', line: 711, function: 'nfs_writepages', via: [{ file: 'mm/page-writeback.c', function: 'write_cache_pages' }] });
    expect(steps[13]!.label).toBe('W1 filemap_fdatawait: no WRITE in flight');
    expect(steps[13]!.source).toEqual({ file: 'mm/filemap.c', function: 'filemap_fdatawait_range', via: [{ file: 'fs/nfs/file.c', line: 240, function: 'nfs_file_fsync' }] });
    const report = steps[14]!;
    expect(report.label).toMatch(/^W1 nfs_file_fsync returns -EDQUOT: write returns -EDQUOT; close\(2\) → nfs_file_flush → vfs_fsync$/);
    expect(report.source).toEqual({ file: 'fs/nfs/file.c', line: 240, function: 'nfs_file_fsync' });
    expect(model.patchesAt!(replay(model, [...write('W1', 0, 0), 'F.flush(p0,fault)', ...write('W1', 1, 0), 'W1.fsync_flush(p0)', 'W1.fsync_flush(p1)']).state, 'W1.fsync_wait')).toEqual([]);
  });

  it("a contiguous write to the request's own slot updates it in place: the sentence says so instead of an extension to the same range", () => {
    const model = build('22876f54');
    const { steps } = replay(model, [...write('W1', 0, 0), 'W1.start_io_write(p0,s0)', 'W1.write_begin', 'W1.update_page']);
    const update = steps[steps.length - 1]!;
    expect(update.outcome).toBe('contiguous');
    expect(update.label).toBe('W1 nfs_try_to_update_request: slot 0 is in R(W1,[0,1)): the request is updated in place; page 0 dirty');
    expect(update.next.pages[0]!.private).toMatchObject({ lo: 0, hi: 1 });
    // A range that does widen (an adjacent slot, which slots {0, 2} never give) keeps the extension's words.
    const before = steps[steps.length - 2]!.next;
    const adjacent: NfsState = { ...before, pages: [{ ...before.pages[0]!, private: { ...before.pages[0]!.private!, lo: 1, hi: 2 } }, before.pages[1] ?? null] };
    const widen = model.next(adjacent).find((t) => t.action === 'W1.update_page')!;
    expect(widen.label).toBe('W1 nfs_try_to_update_request: slot 0 extends R(W1,[1,2)) to R(W1,[0,2)); page 0 dirty');
    expect(widen.next.pages[0]!.private).toMatchObject({ lo: 0, hi: 2 });
  });

  it('a fault branch is its own identity and needs the fault budget', () => {
    const model = build('v4.19.90', { faults: 0 });
    const after = replay(model, write('W1', 0, 0)).state;
    expect(model.next(after).map((t) => t.action)).toEqual(['W1.start_io_write(p0,s0)', 'W1.start_io_write(p0,s2)', 'W1.start_io_write(p1,s0)', 'W1.start_io_write(p1,s2)', 'F.flush(p0)']);
    const withFault = build('v4.19.90');
    expect(withFault.next(replay(withFault, write('W1', 0, 0)).state).map((t) => t.action)).toContain('F.flush(p0,fault)');
  });
});

describe('nfs: encoding', () => {
  it('is compact and round-trips', () => {
    const model = build('22876f54', { writers: 2 });
    const { state } = replay(model, SEED_PREFIX);
    const bytes = model.encode(state);
    expect(bytes.length).toBe(16);
    expect(model.decode(bytes)).toEqual(state);
    expect(model.encode(model.decode(bytes))).toEqual(bytes);
  });
});

export { build, replay, write, SEED_PREFIX };
