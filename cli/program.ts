/**
 * The commander program. `check`'s parameter flags come from the chosen spec's declaration, so
 * `main` pre-scans argv for `--spec` and builds the program for that spec: `mc check --help`
 * shows exactly its parameters and variants. Parameter flags of the other specs are registered
 * hidden, so that using one gives a precise error instead of "unknown option".
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import type { SpecDefinition } from '../explorer/spec';
import { EXIT_CODE_HELP, type ExitCode } from './exit-codes';
import { fail, MSG } from './messages';
import { planCheck, runCheck, defaultWorkers, type CheckFlags } from './check';
import { DEFAULT_SPEC, catalog, findSpec, paramRange, specNames } from './specs';
import { SIZE_EXAMPLES } from './messages';

/** Where an action leaves its exit code (commander's actions return nothing useful). */
export interface ExitBox {
  code: ExitCode;
}

const BUILTIN = new Set([
  'spec',
  'variant',
  'workers',
  'symmetry',
  'no-symmetry',
  'json',
  'markdown',
  'max-states',
  'max-seconds',
  'max-memory',
  'stop-on-violation',
  'expect',
  'quiet',
  'help',
]);

const EXAMPLE = 'mc check --variant 22876f54 --writers 3';

export function buildProgram(checkSpec: string, box: ExitBox): Command {
  const program = new Command('mc');
  program
    .description(
      'mc is an explicit-state model checker (TLA+/TLC-like) for kernel concurrency bugs. ' +
        'It explores every reachable state of a spec (first: the Linux NFS client write path) and ' +
        'gives each property a verdict: holds, violated (with a shortest counterexample) or unknown.',
    )
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      () =>
        `\nExamples:\n  ${EXAMPLE}\n  mc check --spec two-phase --rms 3\n  mc variants\n  mc check --help\n` +
        `\nExit codes:\n${EXIT_CODE_HELP.map(([c, t]) => `  ${c}  ${t}`).join('\n')}\n`,
    );

  program
    .command('specs')
    .description('list the specs mc can check')
    .action(() => {
      process.stdout.write(specsText());
    });

  program
    .command('variants')
    .description('list the variants of a spec (for the nfs spec: kernel trees and patch sets)')
    .option('--spec <name>', `spec: ${specNames().join(', ')}`, DEFAULT_SPEC)
    .action((opts: { spec: string }) => {
      process.stdout.write(variantsText(findSpec(opts.spec).definition));
    });

  addCheck(program, checkSpec, box);
  return program;
}

function addCheck(program: Command, specName: string, box: ExitBox): void {
  const loaded = catalog().find((c) => c.entry.name === specName)?.definition;
  // A spec that cannot be loaded still gets a `check` command (so `mc --help` works); running it
  // reports why the spec is unavailable.
  const spec: SpecDefinition = loaded ?? {
    name: specName,
    summary: 'unavailable',
    parameters: [],
    symmetry: false,
    propertyNames: [],
    build: () => findSpec(specName).definition.build({ params: {} }),
  };
  const check = program
    .command('check')
    .summary('explore every reachable state of a spec and check its properties')
    .description(`explore every reachable state of a spec and check its properties (spec ${spec.name}: ${spec.summary})`);

  const variants = spec.variants ?? [];
  check.addOption(new Option('--spec <name>', `spec to check: ${specNames().join(', ')}`).default(DEFAULT_SPEC));
  if (variants.length > 0) {
    const required = spec.defaultVariant === undefined ? 'required' : `default ${spec.defaultVariant}`;
    check.addOption(new Option('--variant <id>', `variant of spec ${spec.name} (${required}; listed below)`));
  } else {
    check.addOption(new Option('--variant <id>').hideHelp());
  }

  const own = new Map<string, Option>();
  for (const p of spec.parameters) {
    if (BUILTIN.has(p.name)) fail(MSG.internal(`spec ${spec.name} declares parameter --${p.name}, which is a built-in flag`));
    const opt = new Option(`--${p.name} <n>`, `${paramRange(p)} (default ${p.default}): ${p.help}`).helpGroup(
      `Parameters of spec ${spec.name}:`,
    );
    check.addOption(opt);
    own.set(p.name, opt);
  }
  const foreign = new Map<string, Option>();
  for (const c of catalog()) {
    for (const p of c.definition?.parameters ?? []) {
      if (own.has(p.name) || foreign.has(p.name) || BUILTIN.has(p.name)) continue;
      const opt = new Option(`--${p.name} <n>`).hideHelp();
      check.addOption(opt);
      foreign.set(p.name, opt);
    }
  }

  const search = 'Search:';
  check.addOption(
    new Option('--workers <k>', `worker threads (default: available parallelism, here ${defaultWorkers()})`).helpGroup(search),
  );
  check.addOption(
    new Option(
      '--no-symmetry',
      spec.symmetry ? 'turn off symmetry reduction (on by default)' : `(spec ${spec.name} has no symmetry reduction)`,
    ).helpGroup(search),
  );
  check.addOption(new Option('--symmetry').hideHelp());
  check.addOption(new Option('--max-states <n>', 'stop once n distinct states are found').helpGroup(search));
  check.addOption(new Option('--max-seconds <s>', 'stop after s seconds').helpGroup(search));
  check.addOption(new Option('--max-memory <size>', `stop when the search holds this much (${SIZE_EXAMPLES})`).helpGroup(search));
  check.addOption(
    new Option('--stop-on-violation', 'stop at the end of the BFS level of the first violation').helpGroup(search),
  );

  const output = 'Output:';
  check.addOption(new Option('--json <file>', 'write the result as JSON (mc-result/1); - for stdout').helpGroup(output));
  check.addOption(new Option('--markdown <file>', 'write a Markdown report for reviews; - for stdout').helpGroup(output));
  check.addOption(
    new Option(
      '--expect <P=verdict,...>',
      'expected verdicts (holds|violated): exit 0 when all match, 1 listing the differences',
    )
      .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
      .helpGroup(output),
  );
  check.addOption(new Option('--quiet', 'no progress line; print only the verdicts').helpGroup(output));

  check.addHelpText('after', () => checkHelpAfter(spec));

  check.action(async (opts: Record<string, unknown>) => {
    const params: Record<string, string> = {};
    for (const [name, opt] of own) {
      const v = opts[opt.attributeName()];
      if (typeof v === 'string') params[name] = v;
    }
    const foreignGiven = [...foreign].filter(([, opt]) => opts[opt.attributeName()] !== undefined).map(([n]) => n);
    const flags: CheckFlags = {
      spec: opts['spec'] as string,
      ...(typeof opts['variant'] === 'string' ? { variant: opts['variant'] } : {}),
      ...pickString(opts, 'workers', 'json', 'markdown', 'maxStates', 'maxSeconds', 'maxMemory'),
      symmetry: opts['symmetry'] !== false,
      stopOnViolation: opts['stopOnViolation'] === true,
      quiet: opts['quiet'] === true,
      ...(Array.isArray(opts['expect']) ? { expect: opts['expect'] as string[] } : {}),
      params,
      foreign: foreignGiven,
    };
    box.code = await runCheck(planCheck(flags));
  });
}

function pickString(opts: Record<string, unknown>, ...keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (typeof opts[k] === 'string') out[k] = opts[k];
  return out;
}

function checkHelpAfter(spec: SpecDefinition): string {
  const lines: string[] = [];
  const variants = spec.variants ?? [];
  if (variants.length > 0) {
    lines.push('', `Variants of spec ${spec.name} (--variant; details: mc variants --spec ${spec.name}):`);
    lines.push(...variantRows(spec, false));
  }
  lines.push('', `Properties of spec ${spec.name} (for --expect): ${spec.propertyNames.join(', ')}, DeadlockFree`);
  const others = specNames().filter((n) => n !== spec.name);
  if (others.length > 0) {
    lines.push('', `Other specs have other parameters: ${others.map((n) => `mc check --spec ${n} --help`).join(', ')}`);
  }
  lines.push('', 'Examples:', ...examples(spec).map((e) => `  ${e}`));
  lines.push('', 'Exit codes:', ...EXIT_CODE_HELP.map(([c, t]) => `  ${c}  ${t}`));
  return lines.join('\n') + '\n';
}

function examples(spec: SpecDefinition): string[] {
  if (spec.name === DEFAULT_SPEC && spec.name === 'nfs') {
    return [
      EXAMPLE,
      `${EXAMPLE} --expect MappingNonNull=holds,WbPageTerminates=violated`,
      'mc check --variant 14bebe3c --max-seconds 60 --json result.json --markdown result.md',
    ];
  }
  const base = `mc check --spec ${spec.name}`;
  const variants = spec.variants ?? [];
  const other = variants.find((v) => v.id !== spec.defaultVariant) ?? variants[0];
  const p = spec.parameters[0];
  const param = p ? ` --${p.name} ${p.default}` : '';
  const out = [`${base}${param}`];
  if (other) out.push(`${base} --variant ${other.id}${param} --json result.json`);
  return out;
}

function variantRows(spec: SpecDefinition, details: boolean): string[] {
  const variants = spec.variants ?? [];
  const idW = Math.max(...variants.map((v) => v.id.length));
  const verW = Math.max(...variants.map((v) => v.version.length));
  const rows: string[] = [];
  for (const v of variants) {
    const dflt = v.id === spec.defaultVariant ? ' (default)' : '';
    rows.push(`  ${v.id.padEnd(idW)}  ${v.version.padEnd(verW)}  ${v.summary}${dflt}`);
    if (details) for (const d of v.details ?? []) rows.push(`  ${''.padEnd(idW)}  ${''.padEnd(verW)}    ${d}`);
  }
  return rows;
}

export function variantsText(spec: SpecDefinition): string {
  const variants = spec.variants ?? [];
  if (variants.length === 0) return `spec ${spec.name} has no variants\n`;
  const lines = [`Variants of spec ${spec.name} (mc check --spec ${spec.name} --variant <id>):`, ''];
  lines.push(...variantRows(spec, true));
  return lines.join('\n') + '\n';
}

export function specsText(): string {
  const entries = catalog();
  const nameW = Math.max(...entries.map((c) => c.entry.name.length));
  const lines: string[] = [];
  for (const c of entries) {
    const name = c.entry.name.padEnd(nameW);
    const indent = ' '.repeat(nameW + 4);
    if (!c.definition) {
      lines.push(`  ${name}  (could not be loaded: ${c.error})`);
      continue;
    }
    const d = c.definition;
    lines.push(`  ${name}  ${d.summary}${c.entry.name === DEFAULT_SPEC ? ' (default)' : ''}`);
    const params = d.parameters.map((p) => `--${p.name} ${paramRange(p)} (${p.default})`).join(', ');
    lines.push(`${indent}parameters: ${params || 'none'}`);
    const n = d.variants?.length ?? 0;
    if (n > 0) lines.push(`${indent}variants: ${n} (mc variants --spec ${c.entry.name})`);
    lines.push(`${indent}properties: ${d.propertyNames.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
