/**
 * `mc replay` through the built bin/mc: reproduction, divergence with the guard, and bad input, for
 * results saved with --json and traces written with --itf (one trace, a lasso, the array form).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mc, oneLine } from './cli-helpers';

let dir: string;
let oops: string;
let oopsItf: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-replay-'));
  oops = path.join(dir, 'oops.json');
  oopsItf = path.join(dir, 'oops.itf.json');
  // The seed's oops: one writer, three writes (17 steps), saved by the same run as JSON and ITF.
  const r = mc('check', '--variant', '14bebe3c', '--writers', '1', '--writes', '3', '--json', oops, '--itf', oopsItf, '--quiet');
  expect(r.code).toBe(1);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('mc replay', () => {
  it('reproduces on the variant it was found on: exit 1', () => {
    const r = mc('replay', oops);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('MappingNonNull: recorded trace: 17 steps');
    expect(r.stdout).toMatch(/reproduces: MappingNonNull is violated again by the same step: W1 nfs_inode_add_request/);
    expect(r.stdout).toContain('1 recorded violation of 1 reproduces on variant 14bebe3c');
  });

  it('on the fix: the changed step, the patch acting there, the guard that blocks the next step; exit 0', () => {
    const r = mc('replay', oops, '--variant', 'revert-14bebe3c');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/≠ {2}W1\.wb_page_iter\[writepage: launder\(ctx->error\)\]/);
    expect(r.stdout).toContain('patch here: revert-14bebe3c (out_launder returns the fatal error again)');
    expect(r.stdout).toMatch(/✗ {2}W1\.wb_page_iter {2}not enabled: W1 is at write_end\(-EDQUOT\), not wb_page_iter/);
    expect(r.stdout).toMatch(/enabled here: .*W1\.write_end/);
    expect(r.stdout).toContain('0 recorded violations of 1 reproduce on variant revert-14bebe3c');
  });

  /** The lines of step `n` of the first replayed property: its own and those indented beneath it. */
  const stepLines = (stdout: string, n: number): string[] => {
    const lines = stdout.split('\n');
    const at = lines.findIndex((l) => new RegExp(`^ {1,3}${n}  [=≠✗]`).test(l));
    if (at < 0) return [];
    const end = lines.findIndex((l, i) => i > at && !/^ {6,}\S/.test(l));
    return lines.slice(at, end);
  };

  it('on another variant, names at a changed step only the patches the two variants do not share: added, or dropped; else that the state differs since an earlier step', () => {
    // 14bebe3c's oops on 06c9fdf3 (= 14bebe3c + 22876f54 + 06c9fdf3): 14bebe3c is in both.
    const r = mc('replay', oops, '--variant', '06c9fdf3');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe('  06c9fdf3 adds to 14bebe3c:   22876f54 (out_launder only sets PG_error: the page stays cached, the request stays attached); 06c9fdf3 (the write-error path calls nfs_inode_remove_request)');
    expect(lines[2]).toBe('  06c9fdf3 drops from 14bebe3c: (nothing)');
    const launder = stepLines(r.stdout, 15);
    expect(launder[0]).toMatch(/≠ {2}W1\.wb_page_iter\[writepage: launder\(ctx->error\)\]/);
    expect(launder.at(-1)).toBe(
      '          patch here: 22876f54 (out_launder only sets PG_error: the page stays cached, the request stays attached); 06c9fdf3 (the write-error path calls nfs_inode_remove_request)',
    );
    expect(r.stdout).not.toMatch(/patch here: .*14bebe3c/);
    // add_request runs no patch that differs: the page is still cached because of step 11.
    const add = stepLines(r.stdout, 17);
    expect(add[0]).toMatch(/≠ {2}W1\.add_request\[ok\] {2}\(recorded: oops in nfs_inode_add_request\)/);
    expect(add.at(-1)).toBe('          no patch that differs runs here (step 11 left another state than recorded)');

    // On v4.19.90, which lacks 14bebe3c: named as dropped, not as a patch that runs there.
    const base = mc('replay', oops, '--variant', 'v4.19.90');
    expect(base.code).toBe(0);
    expect(base.stdout).toContain('  v4.19.90 drops from 14bebe3c: 14bebe3c (out_launder returns 0 instead of the fatal error)\n');
    expect(stepLines(base.stdout, 15).at(-1)).toBe('          dropped patch here: 14bebe3c (out_launder returns 0 instead of the fatal error)');
    expect(base.stdout).not.toMatch(/^ *patch here:/m);

    // On the recorded variant no patch differs: no patch line at all, even where a step does not replay.
    const whatIf = mc('replay', oops, '--faults', '0');
    expect(whatIf.stdout).not.toMatch(/patch here|patch that differs|adds to|drops from/);
  });

  it('a replay that does not reproduce and ends with a process inside a liveness region says so in one line; exit 0 as before', () => {
    const r = mc('replay', oops, '--variant', '22876f54');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const notes = r.stdout.split('\n').filter((l) => l.includes('note:'));
    expect(notes).toEqual([
      "  note: the replay ends with W1 inside WbPageTerminates' region, nfs_wb_page (W1: spinning in nfs_wb_page(page 0): page clean but PagePrivate, nfs_commit_inode returns 0; holds i_rwsem and the page lock); a replay cannot tell whether it leaves: run mc check --variant 22876f54 --writers 1 --pages 2 --writes 3 --faults 1 to decide it",
    ]);
    expect(r.stdout).toContain('0 recorded violations of 1 reproduce on variant 22876f54');
    // Where the replay ends with no process inside a region, or reproduces, nothing is said.
    expect(mc('replay', oops, '--variant', '06c9fdf3').stdout).not.toContain('note:');
    expect(mc('replay', oops).stdout).not.toContain('note:');
  });

  it('a lasso replays and its cycle closes again', () => {
    const lasso = path.join(dir, 'lasso.json');
    expect(mc('check', '--variant', '22876f54', '--writers', '1', '--json', lasso, '--quiet').code).toBe(1);
    const r = mc('replay', lasso, '--property', 'WbPageTerminates');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('--- cycle (recorded)');
    expect(r.stdout).toMatch(/reproduces: the 1-step cycle closes again and is fair: W1 never leaves nfs_wb_page \(WbPageTerminates\)/);
    expect(mc('replay', lasso, '--property', 'WbPageTerminates', '--variant', 'mainline').code).toBe(0);
  });

  /** The replay's lines below the header (which names the file). */
  const body = (r: { stdout: string }) => r.stdout.split('\n').slice(1).join('\n');

  it('an ITF trace (--itf) replays like the JSON of the same run, on the variant and on the fix', () => {
    for (const variant of ['14bebe3c', 'revert-14bebe3c']) {
      const fromJson = mc('replay', oops, '--variant', variant);
      const fromItf = mc('replay', oopsItf, '--variant', variant);
      expect(fromItf.stderr).toBe('');
      expect(fromItf.code).toBe(fromJson.code);
      expect(body(fromItf)).toBe(body(fromJson));
      // The typed initial state (all an ITF file has) is found among the model's.
      expect(fromItf.stdout).not.toContain('no initial state has the recorded fields');
    }
    expect(mc('replay', oopsItf).stdout).toMatch(/reproduces: MappingNonNull is violated again by the same step/);
    expect(mc('replay', oopsItf, '--variant', 'revert-14bebe3c').stdout).toContain('patch here: revert-14bebe3c (out_launder returns the fatal error again)');
  });

  it('an ITF lasso (loop set, the closing step in #meta.loopAction) reproduces on 22876f54, not on 06c9fdf3; both files as one array replay like the JSON', () => {
    const itf = path.join(dir, 'lockup.itf.json');
    const json = path.join(dir, 'lockup.json');
    expect(mc('check', '--variant', '22876f54', '--writers', '1', '--itf', itf, '--json', json, '--quiet').code).toBe(1);
    const trace = JSON.parse(fs.readFileSync(itf, 'utf8')) as { loop?: number; states: unknown[]; '#meta': Record<string, unknown> };
    expect(trace['#meta']['property']).toBe('WbPageTerminates');
    expect(trace.loop).toBe(10);
    expect(trace['#meta']['loopAction']).toMatchObject({ action: 'W1.wb_page_iter[nfs_commit_inode returns 0]' });

    const same = mc('replay', itf);
    expect(same.stderr).toBe('');
    expect(same.code).toBe(1);
    expect(same.stdout).toContain('WbPageTerminates: recorded lasso: 10 steps to a 1-step cycle that repeats forever');
    expect(same.stdout).toContain('--- cycle (recorded)');
    expect(same.stdout).toMatch(/11 {2}= {2}W1\.wb_page_iter\[nfs_commit_inode returns 0\]/);
    expect(same.stdout).toMatch(/reproduces: the 1-step cycle closes again and is fair: W1 never leaves nfs_wb_page \(WbPageTerminates\)/);
    expect(body(same)).toBe(body(mc('replay', json, '--property', 'WbPageTerminates')));
    const fixed = mc('replay', itf, '--variant', '06c9fdf3');
    expect(fixed.code).toBe(0);
    // Only the patch 06c9fdf3 adds to 22876f54 is named where the launder differs, not the two they share.
    expect(fixed.stdout).toContain('patch here: 06c9fdf3 (the write-error path calls nfs_inode_remove_request)\n');
    expect(fixed.stdout).not.toMatch(/patch here: .*(14bebe3c|22876f54)/);

    // The array form: one trace per violated property in one file, the keys of every object
    // reversed (a reformatted file matches the same initial state).
    const reversed = (x: unknown): unknown =>
      Array.isArray(x) ? x.map(reversed) : typeof x === 'object' && x !== null ? Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reversed(v)])) : x;
    const leak = JSON.parse(fs.readFileSync(path.join(dir, 'lockup.NoRequestLeak.itf.json'), 'utf8')) as unknown;
    const both = write('both.itf.json', reversed([trace, leak]));
    for (const variant of ['22876f54', '06c9fdf3']) {
      const r = mc('replay', both, '--variant', variant);
      expect(r.stderr).toBe('');
      expect(body(r)).toBe(body(mc('replay', json, '--variant', variant)));
    }
    expect(mc('replay', both).stdout).toContain('2 recorded violations of 2 reproduce on variant 22876f54');
  });

  const savedItf = () => JSON.parse(fs.readFileSync(oopsItf, 'utf8')) as { '#meta': Record<string, unknown>; vars: string[]; states: Record<string, unknown>[]; loop?: number };

  it.each([
    ['an ITF trace without #meta (not written by mc)', () => {
      const t = savedItf();
      return write('apalache.itf.json', { vars: t.vars, states: t.states.map(({ '#meta': _m, ...v }) => v) });
    }, [], /is not a counterexample saved by mc check --json or --itf: an ITF file, but it has no #meta/],
    ['an ITF state without the step that led to it', () => {
      const t = savedItf();
      delete t.states[4]!['#meta'];
      return write('nostep.itf.json', t);
    }, [], /an ITF file, but state 4 has no #meta\.action and label/],
    ['an ITF lasso without loop', () => write('noloop.itf.json', { ...savedItf(), '#meta': { ...savedItf()['#meta'], shape: 'lasso' } }), [], /an ITF file, but a lasso without a loop index/],
    ['an ITF state missing a variable', () => {
      const t = savedItf();
      delete t.states[2]!['nrequests'];
      return write('novar.itf.json', t);
    }, [], /an ITF file, but state 2 has no value for nrequests/],
    ['an array of ITF traces of two runs', () => write('two-runs.itf.json', [savedItf(), { ...savedItf(), '#meta': { ...savedItf()['#meta'], source: 'nfs mainline' } }]), [], /an ITF file, but trace 2 is from another run than trace 1/],
    ['an ITF trace of another spec than --spec', () => oopsItf, ['--spec', 'two-phase'], /is a counterexample of spec nfs, not two-phase/],
    ['an ITF trace whose states are another spec\'s', () => {
      const t = savedItf();
      const states = t.states.map((s) => ({ '#meta': s['#meta'], rmState: { '#map': [] }, tmState: 'init' }));
      return write('foreign.itf.json', { ...t, vars: ['rmState', 'tmState'], states });
    }, [], /the states of MappingNonNull have the variables rmState, tmState, the model's are faultsLeft, i_rwsem, nrequests, pages, wb_err, writers/],
    ['an ITF step that names no step of the spec', () => {
      const t = savedItf();
      (t.states[5]!['#meta'] as Record<string, unknown>)['action'] = 'W1.bogus';
      return write('bogus.itf.json', t);
    }, [], /step 5 of MappingNonNull's counterexample is 'W1\.bogus', which is no step of spec nfs \(writers=1 pages=2 writes=3 faults=1\); steps are named as in the spec's model \(docs\/MODEL\.md §4\), e\.g\. W1\.start_io_write\(p0,s0\)/],
    ['an ITF state changed after mc wrote it', () => {
      const t = savedItf();
      t.states[6]!['nrequests'] = 99;
      return write('edited.itf.json', t);
    }, [], /does not replay on variant 14bebe3c, where it was recorded: after step 6 \(W1\.start_io_write\(p1,s0\)\) of MappingNonNull's counterexample, nrequests is 99 in the file, 1 in the replay; the file was edited, or written by another version of mc/],
    ['an ITF first state that is no initial state', () => {
      const t = savedItf();
      t.states[0]!['faultsLeft'] = 0;
      return write('edited-init.itf.json', t);
    }, [], /does not replay on variant 14bebe3c, where it was recorded: the first state of MappingNonNull's counterexample is none of the model's initial states/],
  ] as const)('%s: one line, exit 2', (_what, file, extra, message) => {
    const r = mc('replay', file(), ...extra);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a parameter that removes a recorded step is a what-if, not a malformed file: the step is not enabled; exit 0', () => {
    for (const file of [oops, oopsItf]) {
      const r = mc('replay', file, '--faults', '0');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/✗ {2}\S+,fault\) {2}not enabled: no server-fatal error is left to inject/);
      expect(r.stdout).toContain('0 recorded violations of 1 reproduce on variant 14bebe3c');
    }
  });

  it('a changed ITF state is no error on another variant, where the states may differ', () => {
    const t = savedItf();
    t.states[6]!['nrequests'] = 99;
    const r = mc('replay', write('edited-fix.itf.json', t), '--variant', 'revert-14bebe3c');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  const saved = () => JSON.parse(fs.readFileSync(oops, 'utf8')) as Record<string, unknown> & { run: Record<string, unknown> };

  it.each([
    ['a missing file', () => path.join(dir, 'nope.json'), [], /cannot read '.*nope\.json'/],
    ['a file that is not JSON', () => write('text.json', 'hello'), [], /is not a counterexample saved by mc check --json or --itf: not valid JSON \(line 1, column 1: no JSON value starts with this character\)$/],
    ['another schema', () => write('other.json', { schema: 'x/1' }), [], /its schema is "x\/1", not mc-result\/1 or mc-result\/2/],
    ['a step without an action', () => {
      const s = saved();
      const props = s['properties'] as { counterexample?: { steps: unknown[] } }[];
      props[0]!.counterexample!.steps[3] = { process: 'W1', label: 'x', changes: [] };
      return write('broken.json', s);
    }, [], /: \/properties\/0\/counterexample\/steps\/3 must have required property 'action'$/],
    ['a file of another spec than --spec', () => oops, ['--spec', 'two-phase'], /is a counterexample of spec nfs, not two-phase/],
    ['an unknown spec in the file', () => write('spec.json', { ...saved(), run: { ...saved().run, spec: 'zfs' } }), [], /is from spec 'zfs', which mc does not know; specs: nfs, two-phase/],
    ['parameters out of range in the file', () => write('params.json', { ...saved(), run: { ...saved().run, params: { writers: 9, pages: 2, writes: 3, faults: 1 } } }), [], /do not match .*: its writers=9 is outside 1\.\.4/],
    ['parameters that change the processes', () => oops, ['--writers', '2'], /its processes are W1 F C, the model's \(writers=2 pages=2 writes=3 faults=1\) are W1 W2 F C/],
    ['a parameter of another spec', () => oops, ['--rms', '3'], /--rms is not a parameter of spec nfs/],
    ['an unknown variant', () => oops, ['--variant', 'v9'], /unknown variant 'v9' for spec nfs; variants: /],
    ['a property without a counterexample', () => oops, ['--property', 'NoRequestLeak'], /has no counterexample of 'NoRequestLeak'; counterexamples: MappingNonNull/],
    ['a step of a writer the run did not have', () => {
      const s = saved();
      const props = s['properties'] as { counterexample?: { steps: { action: string }[] } }[];
      props[0]!.counterexample!.steps[3]!.action = 'W2.write_end';
      return write('w2.json', s);
    }, ['--variant', 'revert-14bebe3c'], /step 4 of MappingNonNull's counterexample is 'W2\.write_end', which is no step of spec nfs \(writers=1 pages=2 writes=3 faults=1\)/],
  ] as const)('%s: one line, exit 2', (_what, file, extra, message) => {
    const r = mc('replay', file(), ...extra);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a step renamed to another real step is a schedule to try, not a malformed file: replayed on, its states no longer compared; exit 0', () => {
    const s = saved() as unknown as { properties: { counterexample?: { steps: { action: string }[]; states: unknown[] } }[] };
    const cx = s.properties[0]!.counterexample!;
    expect(cx.states).toHaveLength(cx.steps.length + 1);
    cx.steps[5]!.action = 'F.flush(p0)'; // W1.start_io_write(p1,s0) in the file; the flusher may write page 0 there
    const r = mc('replay', write('whatif.json', s));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ 6 {2}≠ {2}F\.flush\(p0\)\[/);
    expect(r.stdout).toMatch(/ 7 {2}✗ {2}W1\.write_begin {2}not enabled: W1 is at start_io_write/);
  });
});
