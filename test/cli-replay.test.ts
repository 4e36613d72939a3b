/** `mc replay` through the built bin/mc: reproduction, divergence with the guard, and bad input. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mc, oneLine } from './cli-helpers';

let dir: string;
let oops: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-replay-'));
  oops = path.join(dir, 'oops.json');
  // The seed's oops: one writer, three writes (17 steps).
  const r = mc('check', '--variant', '14bebe3c', '--writers', '1', '--writes', '3', '--json', oops, '--quiet');
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

  it('a lasso replays and its cycle closes again', () => {
    const lasso = path.join(dir, 'lasso.json');
    expect(mc('check', '--variant', '22876f54', '--writers', '1', '--json', lasso, '--quiet').code).toBe(1);
    const r = mc('replay', lasso, '--property', 'WbPageTerminates');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('--- cycle (recorded)');
    expect(r.stdout).toMatch(/reproduces: the 1-step cycle closes again and is fair: W1 never leaves the region/);
    expect(mc('replay', lasso, '--property', 'WbPageTerminates', '--variant', 'mainline').code).toBe(0);
  });

  const saved = () => JSON.parse(fs.readFileSync(oops, 'utf8')) as Record<string, unknown> & { run: Record<string, unknown> };

  it.each([
    ['a missing file', () => path.join(dir, 'nope.json'), [], /cannot read '.*nope\.json'/],
    ['a file that is not JSON', () => write('text.json', 'hello'), [], /is not a result saved by mc check --json: not JSON/],
    ['another schema', () => write('other.json', { schema: 'x/1' }), [], /its schema is "x\/1", not mc-result\/1 or mc-result\/2/],
    ['a step without an action', () => {
      const s = saved();
      const props = s['properties'] as { counterexample?: { steps: unknown[] } }[];
      props[0]!.counterexample!.steps[3] = { label: 'x' };
      return write('broken.json', s);
    }, [], /step 4 of the counterexample of MappingNonNull has no action or label/],
    ['a file of another spec than --spec', () => oops, ['--spec', 'two-phase'], /is a counterexample of spec nfs, not two-phase/],
    ['an unknown spec in the file', () => write('spec.json', { ...saved(), run: { ...saved().run, spec: 'zfs' } }), [], /is from spec 'zfs', which mc does not know; specs: nfs, two-phase/],
    ['parameters out of range in the file', () => write('params.json', { ...saved(), run: { ...saved().run, params: { writers: 9, pages: 2, writes: 3, faults: 1 } } }), [], /do not match .*: its writers=9 is outside 1\.\.4/],
    ['parameters that change the processes', () => oops, ['--writers', '2'], /its processes are W1 F C, the model's \(writers=2 pages=2 writes=3 faults=1\) are W1 W2 F C/],
    ['a parameter of another spec', () => oops, ['--rms', '3'], /--rms is not a parameter of spec nfs/],
    ['an unknown variant', () => oops, ['--variant', 'v9'], /unknown variant 'v9' for spec nfs; variants: /],
    ['a property without a counterexample', () => oops, ['--property', 'NoRequestLeak'], /has no counterexample of 'NoRequestLeak'; counterexamples: MappingNonNull/],
  ] as const)('%s: one line, exit 2', (_what, file, extra, message) => {
    const r = mc('replay', file(), ...extra);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
