/**
 * `npm run bench`: the engine's throughput and memory on real specs, with 1 and 2 worker threads,
 * beside SPIN on the same TwoPhase model and TLC's quoted rate.
 *
 *   node dist/bench/run.js                          the default suite (TwoPhase N=6..8, nfs N=3)
 *   node dist/bench/run.js --suite full             the large runs of issue 11 (long)
 *   node dist/bench/run.js --spec two-phase --rms 6 one configuration (any spec parameter as --name N)
 *   options: --variant ID  --symmetry  --workers 1,2,4  --repeat N  --max-seconds S  --no-spin  --out NAME  --warm N  --pin
 *
 * --repeat N (default 3, 1 for the full suite): runs per configuration and worker count; each row
 * reports the median (bench/measure.ts).
 *
 * --warm N: measure each search after N searches of the same model in the same process and
 * threads (bench/warm.ts), to tell what a second thread gives a warmed-up search from what
 * starting and warming up the thread costs; no memory figures then, and results go to NAME-warm.
 *
 * --pin: run each K-worker child on cores 0..K-1 only (Linux's taskset), so that V8's own threads
 * (its compiler, its collector's helpers) share the search's cores: cores for cores. Unpinned, a
 * one-worker run has the second core for them. Results go to NAME-pinned.
 *
 * Every run is a child process (bench/child.ts) so its peak RSS is its own. Results go to
 * bench/results/NAME.json and NAME.md (NAME: the suite, or `single`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SPECS } from '../spec/registry';
import { DEFAULT_WORKERS, SPIN_RMS, SUITES, type BenchConfig } from './configs';
import { measure, type BenchRow, type MeasureOptions } from './measure';
import { spawnSync } from 'child_process';
import { runSpin, type SpinOutcome } from './spin';
import { renderMarkdown, renderText } from './table';

/** How each row is measured (measure.ts), and what the bench runs around the rows. */
interface Options extends MeasureOptions {
  readonly name: string;
  readonly configs: readonly BenchConfig[];
  readonly spin: boolean;
}

function usage(message: string): never {
  process.stderr.write(
    `bench: ${message}\nusage: run.js [--suite ${Object.keys(SUITES).join('|')}] [--spec NAME [--variant ID] [--<param> N]... [--symmetry]] [--workers 1,2] [--repeat N] [--max-seconds S] [--no-spin] [--out NAME] [--warm N] [--pin]\n`,
  );
  process.exit(2);
}

function nonNegativeInt(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < 0) usage(`${flag} needs a non-negative integer, got ${text ?? 'nothing'}`);
  return n;
}

function parseArgs(argv: readonly string[]): Options {
  let suite: string | undefined;
  let spec: string | undefined;
  let variant: string | undefined;
  let symmetry = false;
  let workers = DEFAULT_WORKERS;
  let maxSeconds: number | undefined;
  let repeat: number | undefined;
  let spin = true;
  let out: string | undefined;
  let warmups = 0;
  let pin = false;
  const params: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string | undefined => argv[++i];
    if (flag === '--suite') suite = value();
    else if (flag === '--spec') spec = value();
    else if (flag === '--variant') variant = value();
    else if (flag === '--symmetry') symmetry = true;
    else if (flag === '--no-spin') spin = false;
    else if (flag === '--out') out = value() ?? usage('--out needs a name');
    else if (flag === '--workers') workers = (value() ?? '').split(',').map((w) => nonNegativeInt('--workers', w));
    else if (flag === '--max-seconds') maxSeconds = nonNegativeInt(flag, value());
    else if (flag === '--repeat') repeat = nonNegativeInt(flag, value());
    else if (flag === '--warm') warmups = nonNegativeInt(flag, value());
    else if (flag === '--pin') pin = true;
    else if (flag.startsWith('--')) params[flag.slice(2)] = nonNegativeInt(flag, value());
    else usage(`unexpected argument ${flag}`);
  }
  if (workers.length === 0 || workers.some((w) => w < 1)) usage('--workers needs counts of at least 1');
  if (repeat === 0) usage('--repeat needs at least 1');
  if (pin) checkPinning(workers);
  // The full suite's runs take minutes to an hour each: once, unless asked.
  const common = { workers, spin, repeat: repeat ?? (suite === 'full' ? 1 : 3), warmups, pin, ...(maxSeconds === undefined ? {} : { maxSeconds }) };
  // Warm or pinned results never overwrite the cold, unpinned ones the README quotes.
  const named = (name: string) => (out !== undefined ? name : `${name}${warmups > 0 ? '-warm' : ''}${pin ? '-pinned' : ''}`);
  if (spec === undefined) {
    if (variant !== undefined || Object.keys(params).length > 0 || symmetry) usage('--variant, --symmetry and parameters need --spec');
    const name = suite ?? 'default';
    const configs = SUITES[name] ?? usage(`unknown suite ${name} (known: ${Object.keys(SUITES).join(', ')})`);
    return { name: named(out ?? name), configs, ...common };
  }
  if (suite !== undefined) usage('--suite and --spec exclude each other');
  if (!SPECS.some((s) => s.name === spec)) usage(`unknown spec ${spec} (known: ${SPECS.map((s) => s.name).join(', ')})`);
  return { name: named(out ?? 'single'), configs: [{ spec, variant, params, symmetry }], ...common };
}

/** `--pin` needs taskset and a core per worker of the largest count. */
function checkPinning(workers: readonly number[]): void {
  if (spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status !== 0) usage('--pin runs each child under taskset (util-linux), which is not installed here');
  const most = Math.max(...workers);
  const cores = os.availableParallelism();
  if (most > cores) usage(`--pin needs a core per worker: --workers ${most} on ${cores} core(s)`);
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const rows: BenchRow[] = [];
  const noSpin: SpinOutcome = { available: false, why: 'SPIN not run yet (partial results)' };
  for (const config of options.configs) {
    process.stdout.write(`measuring ${[config.spec, config.variant, JSON.stringify(config.params)].filter(Boolean).join(' ')}${config.symmetry ? ' symmetry' : ''} with ${options.workers.join(', ')} worker(s), ${options.repeat} time(s) each${options.warmups > 0 ? `, each after ${options.warmups} warm-up search(es) in its process` : ''}${options.pin ? ', each on as many cores as workers' : ''}...\n`);
    rows.push(measure(config, options));
    // Written after every row, so a long suite that is stopped keeps what it measured.
    write(options, rows, noSpin);
  }
  const sizes = SPIN_RMS.filter((rms) => options.configs.some((c) => c.spec === 'two-phase' && c.params['rms'] === rms));
  const spin: SpinOutcome = !options.spin
    ? { available: false, why: 'SPIN skipped (--no-spin)' }
    : options.warmups > 0
      ? { available: false, why: 'SPIN not run: its rate is compared with cold runs only' }
      : sizes.length === 0
      ? { available: false, why: 'no TwoPhase size SPIN runs beside (N = 6..8) in this suite' }
      : (process.stdout.write(`running SPIN on TwoPhase N=${sizes.join(', ')}...\n`), runSpin(path.join(__dirname, '..', '..', 'bench', 'two-phase.pml'), sizes));
  process.stdout.write(`\n${renderText(rows, spin)}\n`);
  write(options, rows, spin);
  process.stdout.write(`wrote bench/results/${options.name}.json and .md\n`);
}

function write(options: Options, rows: readonly BenchRow[], spin: SpinOutcome): void {
  const dir = path.join(__dirname, '..', '..', 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const when = new Date().toISOString();
  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  fs.writeFileSync(path.join(dir, `${options.name}.json`), `${JSON.stringify({ when, machine, rows, spin }, null, 2)}\n`);
  const context = `\`npm run bench${options.name === 'default' ? '' : ` -- ${process.argv.slice(2).join(' ')}`}\`, ${when}, ${machine}`;
  fs.writeFileSync(path.join(dir, `${options.name}.md`), renderMarkdown(rows, spin, context));
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
