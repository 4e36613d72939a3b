/**
 * A result is never lost: report paths are checked before the search by really creating files,
 * files are written atomically, a failed write keeps the report and the verdict's exit code, and
 * a failed stdout is one line.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { mc, oneLine, ROOT } from './cli-helpers';

const TP = ['check', '--spec', 'two-phase'];
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'mc-out-'));

function usageError(...args: string[]): string {
  const r = mc(...args);
  expect(r.code, `mc ${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(2);
  expect(r.stdout).toBe('');
  return oneLine(r.stderr);
}

/** Runs mc in a shell with a file-size limit of `kib` KiB: file writes past it fail with EFBIG. */
function mcWithFileLimit(kib: number, ...args: string[]) {
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const r = spawnSync('bash', ['-c', `ulimit -f ${kib}; exec '${process.execPath}' bin/mc ${quoted}`], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('report paths are checked before the search, by trying', () => {
  it('a directory that refuses new files, even to root (/proc)', () => {
    expect(usageError(...TP, '--json', '/proc/x.json')).toBe(
      "mc: cannot write --json file '/proc/x.json': files cannot be created in its directory",
    );
  });

  it('a file name longer than the file system allows', () => {
    const dir = tmp();
    const long = path.join(dir, `${'a'.repeat(300)}.json`);
    expect(usageError(...TP, '--markdown', long)).toMatch(/^mc: cannot write --markdown file '.*': file name too long$/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a read-only file is not replaced', () => {
    if (process.getuid?.() === 0) {
      // Root may write any file: the check must then let it through (it is really writable).
      const dir = tmp();
      const file = path.join(dir, 'r.json');
      fs.writeFileSync(file, 'old');
      fs.chmodSync(file, 0o444);
      expect(mc(...TP, '--json', file).code).toBe(0);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toHaveProperty('schema');
      return;
    }
    const dir = tmp();
    const file = path.join(dir, 'r.json');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o444);
    expect(usageError(...TP, '--json', file)).toContain('permission denied');
  });

  it('a flag taken as the value: --json --quiet writes no file named --quiet', () => {
    const dir = tmp();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mc'), ...TP, '--json', '--quiet'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      "mc: option '--json <file>' needs a file name (or - for stdout), got the flag '--quiet'; for a file of that name write ./--quiet",
    );
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(usageError(...TP, '--markdown', '--json', 'r.json')).toContain("option '--markdown <file>' needs a file name");
  });

  it('the same file for two reports, under any spelling', () => {
    const dir = tmp();
    const file = path.join(dir, 'r.out');
    const other = path.join(dir, '.', '..', path.basename(dir), 'r.out');
    expect(usageError(...TP, '--json', file, '--markdown', other)).toBe(
      `mc: --json and --markdown name the same file '${other}'; give each its own file`,
    );
    expect(usageError(...TP, '--json', '-', '--markdown', '-')).toBe('mc: --json - and --markdown - cannot both write to stdout; give one of them a file');
  });

  it('control characters in a value', () => {
    expect(usageError(...TP, '--json', 'r\u001b[2J.json')).toBe(
      "mc: cannot write --json file 'r\\u001b[2J.json': the name contains control characters",
    );
    expect(usageError(...TP, '--markdown', 'a\nb.md')).toContain("'a\\nb.md': the name contains control characters");
  });
});

describe('report files are written atomically', () => {
  it('a write cut short (ulimit -f) leaves the old file whole, prints the report, keeps the verdict exit code', () => {
    const dir = tmp();
    const json = path.join(dir, 'r.json');
    const md = path.join(dir, 'r.md');
    fs.writeFileSync(json, '{"old": true}');
    // The mutant's JSON (a counterexample) is well over 2 KiB; the probes before the search write nothing.
    const r = mcWithFileLimit(2, ...TP, '--variant', 'mutant', '--json', json, '--markdown', md);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✗ TCConsistent\s+violated/);
    expect(r.stdout).toContain('Counterexample: TCConsistent violated');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^mc: could not write --json file '.*r\.json': EFBIG: file too large.*the exit code are the verdict's\)$/);
    expect(lines[1]).toMatch(/^mc: could not write --markdown file '.*r\.md': EFBIG/);
    expect(fs.readFileSync(json, 'utf8')).toBe('{"old": true}');
    // No half-written report, no temporary file left behind.
    expect(fs.readdirSync(dir).sort()).toEqual(['r.json']);
  });

  it('a complete write replaces the file', () => {
    const dir = tmp();
    const json = path.join(dir, 'r.json');
    fs.writeFileSync(json, 'old');
    const r = mc(...TP, '--variant', 'mutant', '--json', json);
    expect(r.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toHaveProperty('schema');
    expect(fs.readdirSync(dir)).toEqual(['r.json']);
  });

  it('a device is written in place, not replaced (/dev/null stays a device)', () => {
    const r = mc(...TP, '--json', '/dev/null');
    expect(r.code, r.stderr).toBe(0);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('--itf FILE leaves only this run\'s traces under its name', () => {
  it('removes the traces an earlier run wrote that this run does not, says so, and touches nothing else', () => {
    const dir = tmp();
    const file = path.join(dir, 'out.itf.json');
    const sibling = path.join(dir, 'out.NoRequestLeak.itf.json');
    // Two violations: the first to FILE, the other beside it.
    const first = mc('check', '--variant', '22876f54', '--writers', '1', '--itf', file, '--quiet');
    expect(first.code).toBe(1);
    expect(first.stderr).toBe('');
    expect(fs.readdirSync(dir).sort()).toEqual(['out.NoRequestLeak.itf.json', 'out.itf.json']);
    // Files of a similar name that are not mc's traces of the property they name stay.
    fs.writeFileSync(path.join(dir, 'out.Notes.itf.json'), '{"mine": true}\n');
    fs.copyFileSync(sibling, path.join(dir, 'out.MappingNonNull.itf.json')); // holds a NoRequestLeak trace
    fs.writeFileSync(path.join(dir, 'outline.itf.json'), '[]\n');

    // One violation, MappingNonNull, written to FILE: the NoRequestLeak sibling is the earlier run's.
    const second = mc('check', '--variant', '14bebe3c', '--writers', '1', '--writes', '3', '--itf', file);
    expect(second.code).toBe(1);
    expect(oneLine(second.stderr)).toBe(
      'mc: --itf: removed a trace an earlier run wrote under this name and this run does not: out.NoRequestLeak.itf.json',
    );
    expect(fs.readdirSync(dir).sort()).toEqual(['out.MappingNonNull.itf.json', 'out.Notes.itf.json', 'out.itf.json', 'outline.itf.json']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))['#meta'].property).toBe('MappingNonNull');

    // Nothing violated, nothing written: the earlier FILE would pass for this run's counterexample. --quiet says nothing of it.
    const third = mc('check', '--variant', 'mainline', '--writers', '1', '--itf', file, '--quiet');
    expect(third.code).toBe(0);
    expect(oneLine(third.stderr)).toBe('mc: --itf: no property is violated, so there is no counterexample to write');
    expect(fs.readdirSync(dir).sort()).toEqual(['out.MappingNonNull.itf.json', 'out.Notes.itf.json', 'outline.itf.json']);
  });
});

describe('stdout', () => {
  it('a full device (> /dev/full) is one line, exit 4, not a stack trace or exit 1', () => {
    const r = spawnSync('bash', ['-c', `exec '${process.execPath}' bin/mc check --spec two-phase --variant mutant > /dev/full`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(4);
    expect(oneLine(r.stderr)).toBe('mc: could not write to stdout: ENOSPC: no space left on device, write; the report is lost');
  });
});
