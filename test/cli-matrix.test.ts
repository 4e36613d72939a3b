/**
 * `mc matrix` through the built bin/mc, with one writer so that it stays fast: it reproduces the
 * one-writer rows of docs/RESULTS.md (their expectations file), and a matrix split into cells and
 * merged gives the table of a run on one machine.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatusLine } from '../cli/progress';
import type { MatrixTable } from '../reports/matrix';
import { ROOT, mc, oneLine } from './cli-helpers';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-matrix-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'RESULTS.expected.json'), 'utf8')) as MatrixTable;
const oneWriter = { ...expected, rows: expected.rows.filter((r) => r.params['writers'] === 1), workers: [1] };
const SELECTION = ['--variants', '14bebe3c,22876f54', '--writers', '1', '--no-symmetry'];
const withoutTimes = (t: MatrixTable) => ({ ...t, rows: t.rows.map((r) => ({ ...r, seconds: {} })) });

describe('mc matrix', () => {
  it('reproduces the one-writer rows of docs/RESULTS.md, every variant, cells in 2 processes', () => {
    const file = path.join(dir, 'one-writer.json');
    fs.writeFileSync(file, JSON.stringify(oneWriter));
    const r = mc('matrix', '--writers', '1', '--no-symmetry', '--coverage', '--jobs', '2', '--format', 'markdown', '--expect', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`expect: the table matches (${oneWriter.rows.length} rows)`);
    // The same rows as docs/RESULTS.md, steps taken included, times aside (there writers is a column: it varies).
    const results = fs.readFileSync(path.join(ROOT, 'docs', 'RESULTS.md'), 'utf8').split('\n');
    const cells = (line: string) => line.split('|').map((c) => c.trim()).slice(1, -1);
    for (const row of oneWriter.rows) {
      const mine = cells(r.stdout.split('\n').find((l) => l.startsWith(`| ${row.variant} |`))!);
      const theirs = cells(results.find((l) => l.startsWith(`| ${row.variant} | 1 |`))!);
      expect(mine.slice(0, -1)).toEqual([theirs[0], ...theirs.slice(2, -2)]);
    }
  });

  it('--expect: any difference exits 1 and is listed', () => {
    const wrong = { ...oneWriter, rows: oneWriter.rows.filter((r) => ['14bebe3c', '22876f54'].includes(r.variant!)) };
    wrong.rows = wrong.rows.map((r) => (r.variant === '22876f54' ? { ...r, depth: 99, properties: { ...r.properties, MappingNonNull: { verdict: 'violated', length: '3' } } } : r));
    const file = path.join(dir, 'wrong.json');
    fs.writeFileSync(file, JSON.stringify(wrong));
    const r = mc('matrix', ...SELECTION, '--expect', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('expect: 2 differences:\n  22876f54 writers=1 pages=2 writes=2 faults=1: MappingNonNull expected ✗ 3, got ✓\n  22876f54 writers=1 pages=2 writes=2 faults=1: depth expected 99, got 19\n');
  });

  it("prints a variant's caveats under the table (return-ret's WbPageTerminates ✓), in every format, and none for a variant without", () => {
    const variants = ['--variants', 'return-ret,22876f54', '--writers', '1', '--no-symmetry'];
    const text = mc('matrix', ...variants);
    expect(text.code, text.stderr).toBe(1);
    const notes = text.stdout.split('\n').filter((l) => l.includes('note on '));
    expect(notes).toEqual([expect.stringMatching(/^\* note on return-ret: WbPageTerminates holds only because .*nfs_wb_page/)]);
    // The verdict it qualifies carries its mark, and no other cell does.
    expect(text.stdout).toMatch(/\nreturn-ret +✓ +✓\* +✗ 13 +✓ /);
    expect(text.stdout).toMatch(/\n22876f54 +✓ +✗ 10\+1 +✗ 13 +✓ /);
    const markdown = mc('matrix', ...variants, '--format', 'markdown').stdout;
    expect(markdown).toMatch(/\n\\\* \*\*Note\*\* on `return-ret`: WbPageTerminates holds only because /);
    expect(markdown).toContain('\n| return-ret | ✓ | ✓\\* | ✗ 13 | ✓ |');
    const json = JSON.parse(mc('matrix', ...variants, '--format', 'json').stdout) as MatrixTable;
    expect(Object.keys(json.caveats ?? {})).toEqual(['return-ret']);
  });

  it('--coverage: a steps column, and under the table each row where a step was never taken (its ✓ vacuous there), in every format; split and merged alike', () => {
    const selection = ['--variants', '22876f54,mainline', '--writers', '1', '--writes', '1,2', '--coverage'];
    const text = mc('matrix', ...selection, '--workers', '1,2');
    expect(text.code, text.stderr).toBe(1);
    const lines = text.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('variant'))).toMatch(/ depth +steps +s \(1w\) +s \(2w\)$/);
    // One writer and one write never enters nfs_wb_page: mainline's ✓ for WbPageTerminates there is vacuous.
    expect(lines.find((l) => l.startsWith('mainline       1'))).toMatch(/✓ +✓ +✓ +✓ +61 +10 +10\/11 ! /);
    expect(lines.find((l) => l.startsWith('mainline       2'))).toMatch(/ 434 +16 +11\/11 /);
    expect(lines.filter((l) => l.startsWith('coverage of '))).toEqual([
      'coverage of 22876f54 writes=1: 1 of 11 steps never taken (enabled in no reachable state): wb_page_iter; a ✓ says nothing about their behaviour',
      'coverage of mainline writes=1: 1 of 11 steps never taken (enabled in no reachable state): wb_page_iter; a ✓ says nothing about their behaviour',
    ]);
    expect(text.stdout).toContain(' steps: the spec\'s steps the search took (! when one was never taken');
    const md = mc('matrix', ...selection, '--format', 'markdown').stdout;
    expect(md).toContain('| mainline | 1 | ✓ | ✓ | ✓ | ✓ | 61 | 10 | 10/11 ! |');
    expect(md).toContain('\n**Coverage** of `mainline writes=1`: 1 of 11 steps never taken (enabled in no reachable state): wb_page_iter; a ✓ says nothing about their behaviour\n');
    const whole = JSON.parse(mc('matrix', ...selection, '--format', 'json').stdout) as MatrixTable;
    expect(whole.rows.map((r) => r.coverage?.steps)).toEqual(['10/11', '11/11', '10/11', '11/11']);
    expect(whole.rows[3]!.coverage).toEqual({ steps: '11/11' });
    // Without --coverage: no column, no notes.
    const plain = mc('matrix', '--variants', 'mainline', '--writers', '1', '--writes', '1');
    expect(plain.stdout).not.toMatch(/steps:|depth +steps|coverage/);

    // The cells carry it, and a cell run without it is of another matrix.
    const cells = path.join(dir, 'coverage-cells');
    for (const k of ['0', '1', '2', '3']) expect(mc('matrix', ...selection, '--cell', k, '--json', cells).code).toBe(0);
    const merged = mc('matrix', '--merge', cells, '--format', 'json');
    expect(withoutTimes(JSON.parse(merged.stdout) as MatrixTable)).toEqual(withoutTimes(whole));
    expect(mc('matrix', ...selection.slice(0, -1), '--cell', '0', '--json', path.join(dir, 'no-coverage')).code).toBe(0);
    fs.copyFileSync(path.join(dir, 'no-coverage', 'cell-0.json'), path.join(cells, 'cell-0.json'));
    expect(oneLine(mc('matrix', '--merge', cells).stderr)).toMatch(/mixes cells of different matrices/);
  });

  it("'all' in a list of variants is every variant, as it is alone (the refusal listed it as a choice)", () => {
    const all = mc('matrix', '--writers', '1', '--list');
    const listed = mc('matrix', '--variants', 'all,22876f54', '--writers', '1', '--list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toBe(all.stdout);
  });

  it('split: --list, --cell K --json DIR on each, --merge DIR gives the table of one run', () => {
    const list = mc('matrix', ...SELECTION, '--list');
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(
      '0\t14bebe3c\twriters=1 pages=2 writes=2 faults=1\tworkers=1\tsymmetry off\n1\t22876f54\twriters=1 pages=2 writes=2 faults=1\tworkers=1\tsymmetry off\n',
    );
    const cells = path.join(dir, 'cells');
    expect(mc('matrix', ...SELECTION, '--cell', '1', '--json', cells).code).toBe(0);
    const partial = mc('matrix', '--merge', cells);
    expect(partial.code).toBe(2);
    expect(oneLine(partial.stderr)).toMatch(/lacks cell 0 of 2 \(run mc matrix --cell K --json DIR for each\)/);
    expect(mc('matrix', ...SELECTION, '--cell', '0', '--json', cells).code).toBe(0);
    const merged = mc('matrix', '--merge', cells, '--format', 'json');
    expect(merged.code).toBe(1); // 22876f54 violates two properties
    const whole = mc('matrix', ...SELECTION, '--format', 'json');
    expect(whole.code).toBe(1);
    expect(withoutTimes(JSON.parse(merged.stdout) as MatrixTable)).toEqual(withoutTimes(JSON.parse(whole.stdout) as MatrixTable));

    // A cell of another selection does not merge.
    expect(mc('matrix', '--variants', 'mainline', '--writers', '1', '--cell', '0', '--json', path.join(dir, 'other')).code).toBe(0);
    fs.copyFileSync(path.join(dir, 'other', 'cell-0.json'), path.join(cells, 'cell-0.json'));
    const mixed = mc('matrix', '--merge', cells);
    expect(mixed.code).toBe(2);
    expect(oneLine(mixed.stderr)).toMatch(/mixes cells of different matrices/);
  });

  it.each([
    [['--cell', '2', '--json', '/tmp'], /--cell must be a cell index in 0\.\.1 \(see mc matrix --list\), got '2'/],
    [['--cell', '0'], /--cell K needs --json DIR/],
    [['--format', 'html'], /--format must be one of text, markdown, json, got 'html'/],
    [['--writers', '1..9'], /--writers must be in 1\.\.4, got 9/],
    [['--writers', '3..1'], /^mc: --writers range '3\.\.1' runs downwards and selects nothing; write a range low\.\.high \(1\.\.3\) or a list \(3,2,1\)$/],
    [['--writers', '3..1', '--list'], /--writers range '3\.\.1' runs downwards/],
    [['--workers', '2..1,3', '--list'], /--workers range '2\.\.1' runs downwards/],
    [['--cell', '0', '--json', '--quiet'], /^mc: option '--json <dir>' needs a directory name, got the flag '--quiet'; for a directory of that name write \.\/--quiet$/],
    [['--json', '-'], /--json DIR names the directory for the cell files and cannot be stdout \(-\); for the table as JSON on stdout use --format json/],
    [['--json', '/proc/mc-cells'], /^mc: cannot write --json directory '\/proc\/mc-cells': files cannot be created in \/proc$/],
    [['--cell', '0', '--json', '/dev/null/cells'], /cannot write --json directory '\/dev\/null\/cells': \/dev\/null is not a directory/],
    [['--expect', '--list'], /option '--expect <file>' needs a file name, got the flag '--list'/],
    [['--list', '--cell', '1'], /^mc: --list cannot be combined with --cell: --list prints the cells and runs nothing; drop --cell$/],
    [['--list', '--json', '/tmp/x'], /--list cannot be combined with --json/],
    [['--list', '--expect', 'docs/RESULTS.expected.json'], /--list cannot be combined with --expect/],
    [['--list', '--format', 'markdown'], /--list prints the cells as text or, with --format json, as a JSON array; got --format markdown/],
    [['--cell', '0', '--json', '/tmp/x', '--jobs', '2'], /--cell cannot be combined with --jobs: --cell K runs one cell/],
    [['--cell', '0', '--json', '/tmp/x', '--format', 'json'], /--cell cannot be combined with --format/],
    // Only a whole run shows a status line for --quiet to silence.
    [['--list', '--quiet'], /^mc: --list cannot be combined with --quiet: --list prints the cells and runs nothing; drop --quiet$/],
    [['--cell', '0', '--json', '/tmp/x', '--quiet'], /^mc: --cell cannot be combined with --quiet: --cell K runs one cell/],
  ])('bad input %j: one line, exit 2', (extra, message) => {
    // A flag of the selection given again would be refused as given twice, before its value is read.
    const given = new Set(extra.filter((a) => a.startsWith('--')));
    const selection = SELECTION.filter((a, i) => !given.has(a) && !given.has(SELECTION[i - 1]!));
    const r = mc('matrix', ...selection, ...extra);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toMatch(message);
  });

  it.each([
    [['--merge', 'cells', '--writers', '2'], '--merge cannot be combined with --writers: --merge DIR builds the table from the cell files alone, which record their selection; drop --writers'],
    [['--merge', 'cells', '--cell', '1'], '--merge cannot be combined with --cell'],
    [['--merge', 'cells', '--no-symmetry'], '--merge cannot be combined with --no-symmetry'],
    [['--merge', 'cells', '--spec', 'nfs'], '--merge cannot be combined with --spec'],
    [['--merge', 'cells', '--jobs', '2'], '--merge cannot be combined with --jobs'],
    [['--merge', 'cells', '--coverage'], '--merge cannot be combined with --coverage'],
    [['--merge', 'cells', '--exact'], '--merge cannot be combined with --exact'],
    [['--merge', 'cells', '--quiet'], '--merge cannot be combined with --quiet'],
    [['--merge', '--format', 'json'], "option '--merge <dir>' needs a directory name, got the flag '--format'"],
  ])('conflicting or swallowed options %j: one line naming them, exit 2', (args, message) => {
    const r = mc('matrix', ...args);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toContain(message);
  });

  it('--exact: every cell searches exactly, the table says so, and a cell of the selection without it does not merge', () => {
    const selection = ['--spec', 'two-phase', '--variants', 'correct', '--rms', '1..2', '--no-symmetry'];
    const exact = mc('matrix', ...selection, '--exact', '--format', 'json');
    const plain = mc('matrix', ...selection, '--format', 'json');
    expect([exact.code, plain.code], exact.stderr + plain.stderr).toEqual([0, 0]);
    const t = JSON.parse(exact.stdout) as MatrixTable;
    expect(t.exact).toBe(true);
    expect((JSON.parse(plain.stdout) as MatrixTable).exact).toBeUndefined();
    expect(withoutTimes({ ...t, exact: undefined })).toEqual(withoutTimes(JSON.parse(plain.stdout) as MatrixTable));
    expect(mc('matrix', ...selection, '--exact').stdout).toContain('symmetry off, exact (--exact: every state found again was compared byte for byte, so no fingerprint collision).');
    expect(mc('matrix', ...selection).stdout).not.toContain('exact');
    const cells = path.join(dir, 'exact-cells');
    expect(mc('matrix', ...selection, '--exact', '--cell', '0', '--json', cells).code).toBe(0);
    expect(mc('matrix', ...selection, '--cell', '1', '--json', path.join(dir, 'inexact-cells')).code).toBe(0);
    fs.copyFileSync(path.join(dir, 'inexact-cells', 'cell-1.json'), path.join(cells, 'cell-1.json'));
    const merged = mc('matrix', '--merge', cells);
    expect(merged.code).toBe(2);
    expect(oneLine(merged.stderr)).toContain("mixes cells of different matrices (cells 0 and 1)");
  });

  it('--json DIR given a flag creates nothing and runs nothing', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-matrix-flag-'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mc'), 'matrix', '--writers', '1', '--variants', 'mainline', '--cell', '0', '--json', '--no-symmetry'], { cwd, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toContain("option '--json <dir>' needs a directory name, got the flag '--no-symmetry'");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('--expect of a symmetry-off table against a symmetry-on run says so first', () => {
    const r = mc('matrix', '--variants', '22876f54', '--writers', '1', '--expect', path.join(ROOT, 'docs', 'RESULTS.expected.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /\nexpect: \d+ differences:\n  the expectations are for symmetry off, this table has symmetry on, so distinct-state counts differ \(run with --no-symmetry to compare like with like\)\n/,
    );
  });
});

describe('mc matrix: a broken cell or --expect file is one line naming it, exit 2', () => {
  const TP = ['--spec', 'two-phase', '--rms', '1..2'];
  let cells: string;
  let table: MatrixTable;
  beforeAll(() => {
    cells = path.join(dir, 'tp-cells');
    const r = mc('matrix', ...TP, '--json', cells, '--format', 'json');
    expect(r.code, r.stderr).toBe(1); // the mutant violates TCConsistent at rms 2
    table = JSON.parse(r.stdout) as MatrixTable;
  });

  /** A copy of the cells with cell-1.json changed by `edit` (or replaced by `text`). */
  const broken = (name: string, edit: ((cell: Record<string, any>) => void) | string): string => {
    const copy = path.join(dir, name);
    fs.cpSync(cells, copy, { recursive: true });
    const file = path.join(copy, 'cell-1.json');
    if (typeof edit === 'string') fs.writeFileSync(file, edit);
    else {
      const cell = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
      edit(cell);
      fs.writeFileSync(file, JSON.stringify(cell));
    }
    return copy;
  };

  it.each([
    ['properties null', (c: Record<string, any>) => (c['result'].properties = null), /: its result: \/properties must be array$/],
    ['stats null', (c: Record<string, any>) => (c['result'].stats = null), /: its result: \/stats must be object$/],
    ['a verdict maybe', (c: Record<string, any>) => (c['result'].properties[0].verdict = 'maybe'), /: its result: \/properties\/0\/verdict must be one of "holds", "violated", "unknown"$/],
    ['completion missing', (c: Record<string, any>) => delete c['result'].completion, /: its result: the top level must have required property 'completion'$/],
    ['params null', (c: Record<string, any>) => (c['cell'].params = null), /: \/cell\/params must be object$/],
    ['the index of another cell', (c: Record<string, any>) => (c['cell'].index = 0), /: its cell\.index is 0, but its name says cell 1$/],
    ['text', '# notes\n\nnot a cell\n', /: not valid JSON \(line 1, column 1: no JSON value starts with this character\)$/],
    ['bytes', '\u007fELF\u0000\u0001\n\u001b[2J', /: not valid JSON \(line 1, column 1: no JSON value starts with this character\)$/],
  ])('--merge with a cell file whose %s', (name, edit, message) => {
    const r = mc('matrix', '--merge', broken(`broken-${name.replace(/ /g, '-')}`, edit));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toMatch(new RegExp(`^mc: '.*cell-1\\.json' is not an mc matrix cell${message.source.replace(/^\^/, '')}`));
  });

  it.each([
    ['a row whose properties are null', (t: any) => (t.rows[0].properties = null), '/rows/0/properties must be object (save one with --format json)'],
    ['a row whose params are null', (t: any) => (t.rows[1].params = null), '/rows/1/params must be object (save one with --format json)'],
    ['a verdict maybe', (t: any) => (t.rows[0].properties.TCConsistent.verdict = 'maybe'), '/rows/0/properties/TCConsistent/verdict must be one of "holds", "violated", "unknown" (save one with --format json)'],
    ['a table of another spec', (t: any) => (t.spec = 'nfs'), 'it is a table of spec nfs, and this matrix is of spec two-phase'],
  ])('--expect with %s: refused before any cell runs', (_name, edit, why) => {
    const t = structuredClone(table) as any;
    edit(t);
    const file = path.join(dir, 'broken-expect.json');
    fs.writeFileSync(file, JSON.stringify(t));
    const out = path.join(dir, 'never-written');
    const r = mc('matrix', ...TP, '--json', out, '--expect', file);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toBe(`mc: cannot use --expect file '${file}': ${why}`);
    expect(fs.existsSync(out)).toBe(false);
    expect(oneLine(mc('matrix', '--merge', cells, '--expect', file).stderr)).toBe(`mc: cannot use --expect file '${file}': ${why}`);
  });

  it('--expect README.md: not valid JSON, its text not quoted', () => {
    const r = mc('matrix', ...TP, '--expect', 'README.md');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe("mc: cannot use --expect file 'README.md': not valid JSON (line 1, column 1: no JSON value starts with this character)");
    const table1 = path.join(dir, 'trailing.json');
    fs.writeFileSync(table1, `${JSON.stringify(table)}\n}`);
    expect(oneLine(mc('matrix', '--merge', cells, '--expect', table1).stderr)).toMatch(/: not valid JSON \(line \d+, column \d+: more text after the JSON value\)$/);
  });

  it('the cells and their own table still merge and match', () => {
    const file = path.join(dir, 'tp-table.json');
    fs.writeFileSync(file, JSON.stringify(table));
    const r = mc('matrix', '--merge', cells, '--expect', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('expect: the table matches (4 rows)');
  });
});

describe('mc matrix on a terminal', () => {
  it('the status line is rewritten in place and erased, so nothing of it stays above what follows', () => {
    let out = '';
    const line = createStatusLine(true, { write: (t: string) => ((out += t), true) } as Pick<NodeJS.WriteStream, 'write'>);
    line.clear();
    expect(out).toBe('');
    line.show('mc matrix: 0/2 cells');
    line.show('mc matrix: 1/2 cells');
    line.clear();
    line.clear();
    expect(out).toBe('\r\x1b[2Kmc matrix: 0/2 cells\r\x1b[2Kmc matrix: 1/2 cells\r\x1b[2K');
  });

  it.skipIf(!fs.existsSync('/usr/bin/script'))('under a pseudo-terminal (script): the table starts on an erased line', () => {
    const command = `'${process.execPath}' bin/mc matrix --writers 1 --variants mainline,14bebe3c`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('mc matrix: 2/2 cells\r\x1b[2KSpec nfs, --writers 1');
    expect(r.stdout).not.toMatch(/cells\r?\n/);
  });

  it.skipIf(!fs.existsSync('/usr/bin/script'))('--quiet under a pseudo-terminal: the table alone, no status line', () => {
    const command = `'${process.execPath}' bin/mc matrix --writers 1 --variants mainline,14bebe3c --quiet`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('mc matrix:');
    expect(r.stdout).not.toContain('\x1b[2K');
    expect(r.stdout.startsWith('Spec nfs, --writers 1')).toBe(true);
  });
});

/** `pid args` of the processes whose arguments name `dir`. */
const left = (dir: string): string[] =>
  spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.includes(dir));

describe('mc matrix stopped by a signal', () => {
  it('SIGTERM to mc matrix alone stops its cells\' processes too and removes their directory: one line, exit 3', async () => {
    // Its own TMPDIR, so that the cells' directory and processes (whose arguments name it) are this run's.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-matrix-signal-'));
    try {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'mc'), 'matrix', '--spec', 'two-phase', '--rms', '9,10', '--no-symmetry', '--jobs', '2'], {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      setTimeout(() => child.kill('SIGTERM'), 2500);
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, stderr).toBe(3);
      expect(oneLine(stderr)).toMatch(/^mc: matrix stopped by SIGTERM after 0 of 4 cells; no table/);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(left(tmp)).toEqual([]);
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      // Should the test fail, the cells it started are not left running.
      for (const line of left(tmp)) process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('mc matrix when a cell fails', () => {
  it('stops the cells still running, waits for them, then removes their directory: one line naming the cell', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-matrix-fail-'));
    // A cell process that dies as a crashing one would (cell 0 only, after its sibling has started).
    const crash = path.join(tmp, 'crash-cell-0.cjs');
    fs.writeFileSync(
      crash,
      "const a = process.argv; const i = a.indexOf('--cell');\n" +
        "if (i >= 0 && a[i + 1] === '0') setTimeout(() => { process.stderr.write('mc: simulated crash\\n'); process.exit(4); }, 1000);\n",
    );
    const cells = path.join(tmp, 'cells');
    fs.mkdirSync(cells);
    try {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'mc'), 'matrix', '--spec', 'two-phase', '--rms', '9,10', '--no-symmetry', '--jobs', '2'], {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: cells, NO_COLOR: '1', NODE_OPTIONS: `--require ${crash}` },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(oneLine(stderr)).toMatch(/^mc: cell 0 failed \(exit 4\): simulated crash; no table \(the other cells' processes were stopped\)$/);
      expect(code, stderr).toBe(4);
      // Nothing of the run is left once mc matrix has answered: no cell process, no directory.
      expect(left(cells)).toEqual([]);
      expect(fs.readdirSync(cells)).toEqual([]);
    } finally {
      for (const line of left(cells)) process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
