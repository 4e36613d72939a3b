/**
 * `npm run bench`: the engine's throughput on real specs, with 1 and 2 worker threads.
 *
 *   node dist/bench/run.js                                  the default configurations
 *   node dist/bench/run.js --spec two-phase --rms 6         one configuration (any spec parameter as --name N)
 *   options: --variant ID  --symmetry  --workers 1,2,4  --max-seconds S  --json FILE
 *
 * Every number comes from the engine's own `Result.stats`; nothing is extrapolated. A spec whose
 * module is not there (not written yet) is skipped with a note.
 */
import * as fs from 'fs';
import { loadSpec, SPECS, type SpecEntry } from '../spec/registry';
import { DEFAULT_CONFIGS, DEFAULT_WORKERS, type BenchConfig } from './configs';
import { measure, type BenchRow } from './measure';
import { renderTable } from './table';

interface Options {
  readonly configs: readonly BenchConfig[];
  readonly workers: readonly number[];
  readonly maxSeconds?: number;
  readonly json?: string;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: run.js [--spec NAME [--variant ID] [--<param> N]...] [--symmetry] [--workers 1,2] [--max-seconds S] [--json FILE]\n`);
  process.exit(2);
}

function positiveInt(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < 0) usage(`${flag} needs a non-negative integer, got ${text ?? 'nothing'}`);
  return n;
}

function parseArgs(argv: readonly string[]): Options {
  let spec: string | undefined;
  let variant: string | undefined;
  let symmetry = false;
  let workers = DEFAULT_WORKERS;
  let maxSeconds: number | undefined;
  let json: string | undefined;
  const params: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string | undefined => argv[++i];
    if (flag === '--spec') spec = value();
    else if (flag === '--variant') variant = value();
    else if (flag === '--symmetry') symmetry = true;
    else if (flag === '--workers') workers = (value() ?? '').split(',').map((w) => positiveInt('--workers', w));
    else if (flag === '--max-seconds') maxSeconds = positiveInt(flag, value());
    else if (flag === '--json') json = value() ?? usage('--json needs a file name');
    else if (flag.startsWith('--')) params[flag.slice(2)] = positiveInt(flag, value());
    else usage(`unexpected argument ${flag}`);
  }
  if (workers.length === 0 || workers.some((w) => w < 1)) usage('--workers needs counts of at least 1');
  if (spec === undefined) {
    if (variant !== undefined || Object.keys(params).length > 0) usage('--variant and parameters need --spec');
    const configs = symmetry ? DEFAULT_CONFIGS.map((c) => ({ ...c, symmetry })) : DEFAULT_CONFIGS;
    return { configs, workers, ...(maxSeconds === undefined ? {} : { maxSeconds }), ...(json === undefined ? {} : { json }) };
  }
  // A single configuration: the spec's defaults for anything not given.
  const base = DEFAULT_CONFIGS.find((c) => c.spec === spec);
  const config: BenchConfig = {
    spec,
    variant: variant ?? base?.variant,
    params: { ...base?.params, ...params },
    symmetry,
  };
  return { configs: [config], workers, ...(maxSeconds === undefined ? {} : { maxSeconds }), ...(json === undefined ? {} : { json }) };
}

/** The spec's registry entry, or why it cannot be benchmarked (unknown, or its module not written yet). */
function findSpec(name: string): SpecEntry | string {
  const entry = SPECS.find((s) => s.name === name);
  if (!entry) return `unknown spec ${name} (known: ${SPECS.map((s) => s.name).join(', ')})`;
  try {
    require.resolve(entry.module);
  } catch {
    return `spec ${name}: ${entry.module} is missing (not built or not written yet)`;
  }
  return entry;
}

/** Fills in the spec's default parameters so the table shows what actually ran, and checks the variant. */
function complete(entry: SpecEntry, config: BenchConfig): BenchConfig {
  const spec = loadSpec(entry);
  const params = Object.fromEntries(spec.parameters.map((p) => [p.name, config.params[p.name] ?? p.default]));
  const unknown = Object.keys(config.params).filter((k) => !(k in params));
  if (unknown.length > 0) throw new Error(`spec ${spec.name} has no parameter ${unknown.join(', ')}`);
  const variant = config.variant ?? spec.defaultVariant;
  if (variant !== undefined && spec.variants && !spec.variants.some((v) => v.id === variant)) {
    throw new Error(`spec ${spec.name} has no variant ${variant}`);
  }
  return { ...config, ...(variant === undefined ? {} : { variant }), params };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const rows: BenchRow[] = [];
  for (const requested of options.configs) {
    const entry = findSpec(requested.spec);
    if (typeof entry === 'string') {
      process.stdout.write(`skipped: ${entry}\n`);
      continue;
    }
    const config = complete(entry, requested);
    process.stdout.write(`measuring ${config.spec} ${config.variant ?? ''} ${JSON.stringify(config.params)} with ${options.workers.join(', ')} worker(s)...\n`);
    rows.push(await measure(entry, config, options.workers, options.maxSeconds));
  }
  process.stdout.write(rows.length > 0 ? `\n${renderTable(rows)}\n` : 'nothing measured\n');
  if (options.json !== undefined) {
    fs.writeFileSync(options.json, `${JSON.stringify({ node: process.version, rows }, null, 2)}\n`);
    process.stdout.write(`wrote ${options.json}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
