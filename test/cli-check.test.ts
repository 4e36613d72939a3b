/** `mc check` end to end: verdicts, exit codes, limits, --expect, --json, --markdown, Ctrl-C. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { RESULT_JSON_SCHEMA } from '../reports/json';
import { mc, mcInterrupted } from './cli-helpers';
import { validate } from './reports-schema-validator';

const TP = ['check', '--spec', 'two-phase'];
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'mc-check-'));

describe('mc check', () => {
  it('exits 0 when every property holds', () => {
    const r = mc(...TP, '--rms', '3');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✓ TCConsistent\s+holds/);
    expect(r.stdout).toMatch(/✓ DeadlockFree\s+holds/);
    expect(r.stdout).toContain('complete: every reachable state was explored');
    expect(r.stdout).toMatch(/parameters rms=3/);
    // Not a terminal: no progress line, no colour.
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout).not.toContain('generated,');
  });

  it('exits 1 with a counterexample when a property is violated', () => {
    const r = mc(...TP, '--variant', 'mutant', '--rms', '3');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✗ TCConsistent\s+violated\s+trace: \d+ steps/);
    expect(r.stdout).toContain('Counterexample: TCConsistent violated');
    expect(r.stdout).toMatch(/^\s+1\. /m);
    expect(r.stdout).toContain('the state after this step violates TCConsistent');
  });

  it('exits 3 when a limit stops the search, and says the verdicts are unknown', () => {
    const r = mc(...TP, '--rms', '5', '--max-states', '10');
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/incomplete: stopped by max-states after \d+ states; verdicts are unknown/);
    expect(r.stdout).toMatch(/\? TCConsistent\s+unknown/);
    expect(r.stdout).not.toMatch(/holds/);
  });

  it('a violation found before a stop stands: exit 1', () => {
    const r = mc(...TP, '--variant', 'mutant', '--rms', '4', '--stop-on-violation');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✗ TCConsistent\s+violated/);
  });

  it('--expect: 0 when every listed verdict matches, 1 listing the differences', () => {
    const ok = mc(...TP, '--variant', 'mutant', '--expect', 'TCConsistent=violated,DeadlockFree=holds');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('expect: all 2 expected verdicts match');

    const bad = mc(...TP, '--expect', 'TCConsistent=violated', '--expect', 'DeadlockFree=holds');
    expect(bad.code, bad.stderr).toBe(1);
    expect(bad.stdout).toContain('expect: 1 verdict differs:\n  TCConsistent: expected violated, got holds');
  });

  it('--expect on a stopped search: an undecided verdict is exit 3, not a mismatch', () => {
    const r = mc(...TP, '--rms', '5', '--max-states', '10', '--expect', 'TCConsistent=holds');
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('expect: undecided (the search stopped early): TCConsistent');
  });

  it('--json writes the Result (schema mc-result/2, valid against the JSON Schema); --markdown the review report', () => {
    const dir = tmp();
    const json = path.join(dir, 'r.json');
    const md = path.join(dir, 'r.md');
    const r = mc(...TP, '--variant', 'mutant', '--rms', '3', '--workers', '2', '--no-symmetry', '--json', json, '--markdown', md);
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(fs.readFileSync(json, 'utf8')) as Record<string, unknown>;
    expect(result['schema']).toBe('mc-result/2');
    expect(result['run']).toEqual({ spec: 'two-phase', variant: 'mutant', params: { rms: 3 }, symmetry: false, workers: 2 });
    expect(validate(RESULT_JSON_SCHEMA as Record<string, unknown>, result)).toEqual([]);
    const text = fs.readFileSync(md, 'utf8');
    expect(text).toContain('| TCConsistent | ✗ violated |');
    expect(text).toMatch(/^1\. `RM\d\./m);
  });

  it('--exact: every state kept and compared, said in the statistics, --json (valid) and --markdown; the same verdicts and counts', () => {
    const dir = tmp();
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
    const args = ['check', '--variant', '22876f54', '--writers', '2'];
    const plain = mc(...args, '--json', path.join(dir, 'plain.json'), '--markdown', path.join(dir, 'plain.md'));
    const r = mc(...args, '--exact', '--json', path.join(dir, 'exact.json'), '--markdown', path.join(dir, 'exact.md'));
    expect([plain.code, r.code], r.stderr).toEqual([1, 1]);
    expect(r.stdout).toMatch(/collision probability {2}none \(--exact: every state found again was compared byte for byte\)/);
    expect(plain.stdout).toMatch(/collision probability {2}\d\.\de-\d+ \(optimistic fingerprint estimate\)/);
    const exact = JSON.parse(read('exact.json')) as { stats: Record<string, unknown> };
    const before = JSON.parse(read('plain.json')) as { stats: Record<string, unknown> };
    expect(validate(RESULT_JSON_SCHEMA as Record<string, unknown>, exact)).toEqual([]);
    expect(exact.stats).toMatchObject({ exact: true, collisionProbability: 0, distinct: before.stats['distinct'], generated: before.stats['generated'] });
    expect(before.stats).toMatchObject({ exact: false });
    expect(read('exact.md')).toContain('; no fingerprint collision (--exact: every state found again was compared byte for byte).');
    expect(read('plain.md')).not.toContain('exact');
  });

  it('--json - prints only the JSON on stdout', () => {
    const r = mc(...TP, '--rms', '2', '--json', '-');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { schema: string; completion: unknown };
    expect(result.schema).toBe('mc-result/2');
    expect(result.completion).toEqual({ complete: true });
  });

  it('--markdown - prints only the Markdown on stdout', () => {
    const r = mc(...TP, '--variant', 'mutant', '--markdown', '-');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('### mc: spec `two-phase`, variant `mutant` (rms=3)');
    expect(r.stdout).not.toContain('Statistics');
  });

  it('--expect with the report on stdout taken by --json -: the differences go to stderr', () => {
    const r = mc(...TP, '--json', '-', '--expect', 'TCConsistent=violated');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveProperty('schema', 'mc-result/2');
    expect(r.stderr).toContain('TCConsistent: expected violated, got holds');
  });

  it('--quiet prints only the verdicts', () => {
    const r = mc(...TP, '--variant', 'mutant', '--quiet');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ TCConsistent\s+violated/);
    expect(r.stdout).not.toContain('Counterexample');
    expect(r.stdout).not.toContain('Statistics');
  });

  it('Ctrl-C stops the search cleanly: the result is printed and the exit code is 3', async () => {
    const r = await mcInterrupted(3000, ...TP, '--rms', '10', '--no-symmetry', '--workers', '2');
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain('incomplete: stopped by an interrupt (Ctrl-C)');
    expect(r.stdout).toMatch(/\? TCConsistent\s+unknown/);
  });

  it('nfs: the seed oops on 14bebe3c and the soft lockup on 22876f54', () => {
    const oops = mc('check', '--variant', '14bebe3c', '--writers', '2', '--expect', 'MappingNonNull=violated,WbPageTerminates=holds');
    expect(oops.code, oops.stdout + oops.stderr).toBe(0);
    expect(oops.stdout).toContain('nfs_inode_add_request');

    const json = path.join(tmp(), 'lockup.json');
    const lockup = mc('check', '--variant', '22876f54', '--writers', '2', '--no-symmetry', '--json', json);
    expect(lockup.code, lockup.stderr).toBe(1);
    expect(validate(RESULT_JSON_SCHEMA as Record<string, unknown>, JSON.parse(fs.readFileSync(json, 'utf8')))).toEqual([]);
    expect(lockup.stdout).toMatch(/✗ WbPageTerminates\s+violated\s+lasso/);
    expect(lockup.stdout).toContain('--- cycle: the following steps repeat forever ---');
    expect(lockup.stdout).toMatch(/processes in the cycle:\n\s+W\d\s+spinning/);
  });
});
