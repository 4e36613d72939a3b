/**
 * `mc matrix`: every variant x parameter set x property as one table. Each cell is a search in
 * its own process (`--jobs K` at a time), and a matrix can be split across machines: `--list`
 * prints the cells, `--cell K --json DIR` runs one and writes DIR/cell-K.json, `--merge DIR`
 * assembles the table from such files.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Command } from 'commander';
import { explore } from '../explorer';
import {
  MATRIX_CELL_SCHEMA,
  buildTable,
  compareTables,
  renderMatrixJson,
  renderMatrixMarkdown,
  renderMatrixText,
  type CellRecord,
  type CellSpec,
  type MatrixTable,
} from '../reports/matrix';
import { EXIT, type ExitCode } from './exit-codes';
import { CliError, fail, MSG } from './messages';
import { checkExpectedSpec, readCells, readExpected } from './matrix-files';
import { cellsOf, matrixId, planSelection, selectionArgs, type Selection } from './matrix-plan';
import { MATRIX_FORMATS, type MatrixFormat } from './matrix-command';
import { givenParams, type ParamOptions } from './spec-params';
import { validateOutputDir } from './output-paths';
import { workerBound } from './workers';
import { createStatusLine } from './progress';
import { runInfo } from './run-info';
import { onStopSignals } from './stop-signals';
import { checkSymmetryAsked } from './symmetry-flags';
import { findSpec } from './specs';

/** Runs `mc matrix` with its parsed flags (matrix-command.ts); the exit code. */
export async function runMatrix(opts: Record<string, unknown>, command: Command, params: ParamOptions): Promise<ExitCode> {
  const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
  // Commander takes the next word as a value even when it is a flag: `--json --no-symmetry`.
  const dir = str('json');
  if (dir !== undefined && dir !== '-' && dir.startsWith('-')) fail(MSG.optionNeedsName('--json', 'dir', dir));
  const merge = str('merge');
  if (merge !== undefined && merge.startsWith('-')) fail(MSG.optionNeedsName('--merge', 'dir', merge));
  const expectFile = str('expect');
  if (expectFile !== undefined && expectFile.startsWith('-')) fail(MSG.optionNeedsName('--expect', 'file', expectFile));
  const extra = command.args[0];
  if (extra !== undefined) fail(MSG.unexpectedArgument(extra, false, 'matrix'));
  const given = (key: string) => command.getOptionValueSource(key) === 'cli';
  checkCombination(opts, given, params);
  if (dir === '-') fail(MSG.matrixJsonNotStdout());
  const format = parseFormat(str('format'));
  const expected = expectFile !== undefined ? readExpected(expectFile) : undefined;
  if (merge !== undefined) {
    const records = readCells(merge);
    if (expected) checkExpectedSpec(expectFile!, expected, records[0]!.cell.spec);
    return report(buildTable(records), format, expected);
  }
  const spec = findSpec(opts['spec'] as string).definition;
  if (expected) checkExpectedSpec(expectFile!, expected, spec.name);
  checkSymmetryAsked(command, spec);
  const workers = str('workers');
  const variants = str('variants');
  const sel = planSelection(spec, {
    ...(variants !== undefined ? { variants } : {}),
    ...(workers !== undefined ? { workers } : {}),
    params: givenParams(opts, params),
    symmetry: opts['symmetry'] !== false,
    coverage: opts['coverage'] === true,
    exact: opts['exact'] === true,
  });
  const cells = cellsOf(sel);
  if (opts['list'] === true) {
    if (format === 'markdown') fail(MSG.matrixListFormat(format));
    process.stdout.write(format === 'json' ? JSON.stringify(cells) + '\n' : cells.map(cellLine).join('\n') + '\n');
    return EXIT.OK;
  }
  const cell = str('cell');
  if (cell !== undefined) {
    if (dir === undefined) fail(MSG.matrixCellNeedsDir());
    const k = parseCellIndex(cell, cells.length);
    validateOutputDir('--json', dir);
    return runCell(sel, cells, k, dir);
  }
  const jobs = str('jobs') !== undefined ? parseJobs(str('jobs')!) : 1;
  if (dir !== undefined) validateOutputDir('--json', dir);
  return runAll(sel, cells, jobs, dir, format, opts['quiet'] === true, expected);
}

const MERGE_WHY = '--merge DIR builds the table from the cell files alone, which record their selection';
const LIST_WHY = '--list prints the cells and runs nothing';
const CELL_WHY = '--cell K runs one cell and writes DIR/cell-K.json; the table and its verdicts come from --merge';

/**
 * `--merge`, `--list` and `--cell` each use some options only; one given beside them would be
 * silently ignored, so it is refused, named, with what the mode does instead.
 */
function checkCombination(opts: Record<string, unknown>, given: (key: string) => boolean, params: ParamOptions): void {
  const selection: [string, string][] = [
    ['spec', '--spec'],
    ['variants', '--variants'],
    ['workers', '--workers'],
    ['symmetry', opts['symmetry'] === false ? '--no-symmetry' : '--symmetry'],
    ['coverage', '--coverage'],
    ['exact', '--exact'],
    ...[...params].map(([name, opt]): [string, string] => [opt.attributeName(), `--${name}`]),
  ];
  const first = (keys: readonly [string, string][]) => keys.find(([key]) => given(key))?.[1];
  const refuse = (mode: string, why: string, keys: readonly [string, string][]) => {
    const other = first(keys);
    if (other !== undefined) fail(MSG.matrixConflict(mode, other, why));
  };
  // --quiet silences the status line of a whole run, which only the plain mode shows.
  if (given('merge')) {
    refuse('--merge', MERGE_WHY, [['list', '--list'], ['cell', '--cell'], ['json', '--json'], ['jobs', '--jobs'], ['quiet', '--quiet'], ...selection]);
  } else if (given('list')) {
    refuse('--list', LIST_WHY, [['cell', '--cell'], ['json', '--json'], ['jobs', '--jobs'], ['expect', '--expect'], ['quiet', '--quiet']]);
  } else if (given('cell')) {
    refuse('--cell', CELL_WHY, [['jobs', '--jobs'], ['format', '--format'], ['expect', '--expect'], ['quiet', '--quiet']]);
  }
}

function parseFormat(raw: string | undefined): MatrixFormat {
  if (raw === undefined) return 'text';
  if (!(MATRIX_FORMATS as readonly string[]).includes(raw)) fail(MSG.matrixBadFormat(raw, MATRIX_FORMATS));
  return raw as MatrixFormat;
}

function parseCellIndex(raw: string, cells: number): number {
  const k = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || k >= cells) fail(MSG.matrixBadCell(raw, cells));
  return k;
}

function parseJobs(raw: string): number {
  const k = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || k < 1 || k > workerBound()) fail(MSG.badJobs(raw, workerBound()));
  return k;
}

function cellLine(c: CellSpec): string {
  const params = Object.entries(c.params).map(([k, v]) => `${k}=${v}`).join(' ');
  return `${c.index}\t${c.variant ?? '-'}\t${params}\tworkers=${c.workers}\tsymmetry ${c.symmetry ? 'on' : 'off'}`;
}

const cellFile = (dir: string, k: number) => path.join(dir, `cell-${k}.json`);

/** One cell in this process: search, then write its record. Exit 0 once written (the verdicts are the merge's). */
async function runCell(sel: Selection, cells: readonly CellSpec[], k: number, dir: string): Promise<ExitCode> {
  const cell = cells[k]!;
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    fail(MSG.unwritable('--json', dir, e instanceof Error ? e.message : String(e), 'directory'));
  }
  const module = findSpec(sel.spec.name).entry.module;
  const args = { ...(cell.variant !== undefined ? { variant: cell.variant } : {}), params: cell.params };
  const result = await explore({ module, args }, runInfo(sel.spec, args), {
    workers: cell.workers,
    symmetry: cell.symmetry,
    ...(cell.coverage === true ? { coverage: true } : {}),
    ...(cell.exact === true ? { exact: true } : {}),
  });
  const record: CellRecord = { schema: MATRIX_CELL_SCHEMA, matrix: matrixId(sel), cells: cells.length, cell, result };
  try {
    fs.writeFileSync(cellFile(dir, k), JSON.stringify(record) + '\n');
  } catch (e) {
    fail(MSG.writeFailed(cellFile(dir, k), e instanceof Error ? e.message : String(e)));
  }
  process.stdout.write(`cell ${k} of ${cells.length}: ${cellLine(cell).split('\t').slice(1, 3).join(' ')}: ${result.stats.seconds.toFixed(1)} s\n`);
  return EXIT.OK;
}

/** Why the cells were stopped when it was not a signal: one of them failed. */
const CELL_FAILED = 'a failed cell';

/** Every cell, `jobs` processes at a time, then the merged table. */
async function runAll(sel: Selection, cells: readonly CellSpec[], jobs: number, keep: string | undefined, format: MatrixFormat, quiet: boolean, expected?: MatrixTable): Promise<ExitCode> {
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mc-matrix-'));
  const status = createStatusLine(process.stderr.isTTY === true && !quiet);
  // A signal to this process alone (kill, a CI timeout) would leave the cells' processes running
  // on with no one to read them, and the temporary directory behind: stop them, then clean up.
  const running = new Set<ChildProcess>();
  const controller = new AbortController();
  const stopListening = onStopSignals(controller, () => status.clear());
  controller.signal.addEventListener('abort', () => {
    for (const child of running) child.kill('SIGTERM');
  });
  let done = 0;
  // The first cell that fails: the others are stopped too, and only once every cell's process has
  // closed is its error reported and the directory removed (they were writing into it).
  let failure: unknown;
  try {
    let next = 0;
    const counted = () => `mc matrix: ${done}/${cells.length} cells`;
    status.show(counted());
    const worker = async (): Promise<void> => {
      while (next < cells.length && !controller.signal.aborted) {
        const k = next++;
        try {
          await runChild([...selectionArgs(sel), '--cell', String(k), '--json', dir], k, running);
        } catch (e) {
          if (!controller.signal.aborted) {
            failure = e;
            controller.abort(CELL_FAILED);
          }
          return;
        }
        done++;
        status.show(counted());
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, cells.length) }, worker));
    if (failure !== undefined) throw failure;
    if (controller.signal.aborted) fail(MSG.matrixStopped(String(controller.signal.reason), done, cells.length));
    // Gone before the table, as mc check's progress line is (and before an error's one line).
    status.clear();
    return report(buildTable(readCells(dir)), format, expected);
  } finally {
    status.clear();
    stopListening();
    if (keep === undefined) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(args: readonly string[], k: number, running: Set<ChildProcess>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!, 'matrix', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new CliError(MSG.matrixCellFailed(k, code, stderr.trim().split('\n').pop() ?? '')));
    });
  });
}

function report(table: MatrixTable, format: MatrixFormat, expected?: MatrixTable): ExitCode {
  const render = { text: renderMatrixText, markdown: renderMatrixMarkdown, json: renderMatrixJson }[format];
  process.stdout.write(render(table));
  if (expected) {
    const differences = compareTables(table, expected);
    const out = format === 'json' ? process.stderr : process.stdout;
    out.write(
      differences.length === 0
        ? `\nexpect: the table matches (${expected.rows.length} rows)\n`
        : `\nexpect: ${differences.length} difference${differences.length === 1 ? '' : 's'}:\n${differences.map((d) => `  ${d}`).join('\n')}\n`,
    );
    return differences.length === 0 ? EXIT.OK : EXIT.VIOLATION;
  }
  const cells = table.rows.flatMap((r) => Object.values(r.properties));
  if (cells.some((c) => c.verdict === 'violated')) return EXIT.VIOLATION;
  return table.rows.every((r) => r.complete) ? EXIT.OK : EXIT.INCOMPLETE;
}
