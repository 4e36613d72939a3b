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

describe('where a report really goes', () => {
  it('a symlink to a file not created yet: the file is created through it, the link stays', () => {
    const dir = tmp();
    const link = path.join(dir, 'link.json');
    fs.mkdirSync(path.join(dir, 'd'));
    fs.symlinkSync(path.join(dir, 'd', 'new.json'), link);
    const r = mc(...TP, '--json', link);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'd', 'new.json'), 'utf8'))).toHaveProperty('schema');
    // A link into a directory that does not exist names that directory; a loop of links says so, each once.
    fs.symlinkSync(path.join(dir, 'nowhere', 'x.json'), path.join(dir, 'lost.json'));
    expect(usageError(...TP, '--json', path.join(dir, 'lost.json'))).toBe(
      `mc: cannot write --json file '${path.join(dir, 'lost.json')}': directory ${path.join(dir, 'nowhere')} does not exist`,
    );
    fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
    expect(usageError(...TP, '--json', path.join(dir, 'loop-a'))).toBe(`mc: cannot write --json file '${path.join(dir, 'loop-a')}': too many levels of symbolic links`);
  });

  it('a replaced file keeps its permissions (a 600 report stays private)', () => {
    const dir = tmp();
    const file = path.join(dir, 'r.json');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o600);
    expect(mc(...TP, '--json', file).code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toHaveProperty('schema');
  });

  it('/dev/stdout is stdout, as -: written there whole, without the terminal report, and counted as stdout', () => {
    const piped = mc(...TP, '--json', '/dev/stdout');
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stderr).toBe('');
    expect(JSON.parse(piped.stdout)).toHaveProperty('schema');
    // stdout a regular file: /dev/stdout leads to it, and a rename over it lost the terminal report.
    const dir = tmp();
    const out = path.join(dir, 'out.txt');
    const r = spawnSync('bash', ['-c', `exec '${process.execPath}' bin/mc ${TP.join(' ')} --json /dev/fd/1 > '${out}'`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toHaveProperty('schema');
    expect(fs.readdirSync(dir)).toEqual(['out.txt']);
    expect(usageError(...TP, '--json', '/dev/stdout', '--markdown', '-')).toBe('mc: --json /dev/stdout and --markdown - cannot both write to stdout; give one of them a file');
    expect(usageError(...TP, '--itf', '/dev/stdout')).toBe('mc: --itf writes one file per violated property and cannot write to stdout (/dev/stdout); give it a file name');
    expect(usageError(...TP, '--itf', '/dev/null')).toBe(
      "mc: --itf writes one file per violated property, beside '/dev/null', which is a device, a pipe or a descriptor, not a file; give it a file name",
    );
  });

  it('mc diff --markdown /dev/stdout, stdout a file: the Markdown and the report both, in order', () => {
    const dir = tmp();
    const out = path.join(dir, 'out.txt');
    const command = `exec '${process.execPath}' bin/mc diff --spec two-phase --rms 2 --base correct --patched mutant --quiet --markdown /dev/stdout > '${out}'`;
    const r = spawnSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toMatch(/^### `mc diff`: `correct` → `mutant`\n[\s\S]*\nmc diff: spec two-phase, base correct → patched mutant/);
  });

  it("a file --itf would write beside its own is no other report's file", () => {
    const dir = tmp();
    const json = path.join(dir, 'x.TCConsistent.itf.json');
    expect(usageError(...TP, '--variant', 'mutant', '--json', json, '--itf', path.join(dir, 'x.itf.json'))).toBe(
      `mc: --json names '${json}', where --itf ${path.join(dir, 'x.itf.json')} would write the counterexample of TCConsistent; give each its own file`,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('--itf after a run that stopped early', () => {
  it("keeps an earlier run's traces, and says that it found no violation before it stopped, not that none is violated", () => {
    const dir = tmp();
    const file = path.join(dir, 'r.itf.json');
    const first = mc(...TP, '--variant', 'mutant', '--itf', file, '--quiet');
    expect(first.code).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(['r.itf.json']);
    const before = fs.readFileSync(file, 'utf8');
    const stopped = mc(...TP, '--variant', 'mutant', '--max-states', '3', '--itf', file, '--quiet');
    expect(stopped.code).toBe(3);
    expect(oneLine(stopped.stderr)).toBe(
      'mc: --itf: no violation found before the search stopped, so there is no counterexample to write; kept a trace an earlier run wrote under this name, ' +
        'as this run stopped before deciding every property (a complete run removes those it does not write): r.itf.json',
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    // A complete run that finds nothing violated removes it, as before.
    const complete = mc(...TP, '--itf', file, '--quiet');
    expect(complete.code).toBe(0);
    expect(oneLine(complete.stderr)).toBe('mc: --itf: no property is violated, so there is no counterexample to write');
    expect(fs.readdirSync(dir)).toEqual([]);
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
