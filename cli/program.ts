/**
 * The commander program. `check`'s parameter flags come from the chosen spec's declaration, so
 * `main` pre-scans argv for `--spec` and builds the program for that spec: `mc check --help`
 * shows exactly its parameters and variants. Parameter flags of the other specs are registered
 * hidden, so that using one gives a precise error instead of "unknown option".
 */
import { Command, Option } from 'commander';
import type { SpecDefinition } from '../explorer/spec';
import { EXIT_CODE_HELP, type ExitCode } from './exit-codes';
import { fail, MSG, setCommandNames, SIZE_EXAMPLES } from './messages';
import type { CheckFlags } from './check';
import { checkHelpAfter, EXAMPLE, specsText, variantsText } from './help-text';
import { checkOutputValue } from './output-paths';
import { defaultWorkers, workerBound, workerBoundReason } from './workers';
import { DEFAULT_SPEC, catalog, findSpec, paramRange, specNames } from './specs';
import { flagOf, OUTPUT_FORMATS } from './output-formats';
import { mcVersion } from './version';
import { DEFAULT_TRACE_STYLE, TRACE_STYLES } from '../reports/trace-styles';
import { addCommands } from './commands';
import { addSymmetryOptions, checkSymmetryAsked } from './symmetry-flags';
import { repeatable } from './repeatable-options';

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
  'exact',
  'coverage',
  'expect',
  'quiet',
  'help',
  'port',
  'host',
  'open',
  'result',
]);

export function buildProgram(checkSpec: string, box: ExitBox): Command {
  const program = new Command('mc');
  program
    .description(
      'mc is an explicit-state model checker (TLA+/TLC-like) for kernel concurrency bugs. ' +
        'It explores every reachable state of a spec (first: the Linux NFS client write path) and ' +
        'gives each property a verdict: holds, violated (with a shortest counterexample) or unknown.',
    )
    .version(mcVersion(), '-V, --version', 'print the version')
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
  addExplore(program, checkSpec, box);
  addCommands(program, box);
  setCommandNames([...program.commands.map((c) => c.name()), 'help']);
  return program;
}

function addCheck(program: Command, specName: string, box: ExitBox): void {
  const spec = specOrPlaceholder(specName);
  const check = program
    .command('check')
    .summary('explore every reachable state of a spec and check its properties')
    .description(`explore every reachable state of a spec and check its properties (spec ${spec.name}: ${spec.summary})`);

  const variants = spec.variants ?? [];
  const specFlags = addSpecOptions(check, spec, 'check');
  const search = 'Search:';
  check.addOption(
    new Option(
      '--workers <k>',
      `threads sharing each level (this one and K-1 worker threads), 1..${workerBound()} (${workerBoundReason()}; default: available parallelism, here ${defaultWorkers()})`,
    ).helpGroup(search),
  );
  addSymmetryOptions(check, spec, 'turn off symmetry reduction (on by default)', search);
  check.addOption(new Option('--max-states <n>', 'stop once n distinct states are found').helpGroup(search));
  check.addOption(new Option('--max-seconds <s>', 'stop after s seconds').helpGroup(search));
  check.addOption(new Option('--max-memory <size>', `stop when the search holds this much (${SIZE_EXAMPLES})`).helpGroup(search));
  check.addOption(
    new Option('--stop-on-violation', 'stop at the end of the BFS level of the first violation').helpGroup(search),
  );
  check.addOption(
    new Option(
      '--exact',
      'keep every state and compare it whenever its fingerprint is found again, so that no fingerprint collision can make a property hold wrongly (as SPIN stores states; more memory)',
    ).helpGroup(search),
  );

  const output = 'Output:';
  const outputOptions = OUTPUT_FORMATS.map((format) => {
    const opt = new Option(`${flagOf(format)} <file>`, format.help).helpGroup(output);
    check.addOption(opt);
    return { format, opt };
  });
  check.addOption(
    new Option('--trace-style <style>', `how the terminal lays out a counterexample: ${TRACE_STYLES.join(' or ')} (default ${DEFAULT_TRACE_STYLE}); lanes: one column per process`).helpGroup(output),
  );
  check.addOption(
    repeatable(new Option('--expect <P=verdict,...>', 'expected verdicts (holds|violated): exit 0 when all match, 1 listing the differences')).helpGroup(output),
  );
  check.addOption(
    new Option('--coverage', 'count how often each step is taken and the states it reached first, and name the steps no explored state enabled (as TLC\'s -coverage): a ✓ says nothing about their behaviour').helpGroup(output),
  );
  check.addOption(new Option('--quiet', 'no progress line; print only the verdicts').helpGroup(output));

  check.addHelpText('after', () => checkHelpAfter(spec));

  check.allowExcessArguments(true);
  check.action(async (opts: Record<string, unknown>, cmd: Command) => {
    // `--markdown --json r.json`: the swallowed flag is the mistake, not the stray `r.json`.
    for (const { format, opt } of outputOptions) {
      const file = opts[opt.attributeName()];
      if (typeof file === 'string') checkOutputValue(flagOf(format), file);
    }
    const extra = cmd.args[0];
    if (extra !== undefined) fail(MSG.unexpectedArgument(extra, variants.some((v) => v.id === extra)));
    checkSymmetryAsked(cmd, spec);
    const { params, foreign: foreignGiven } = specFlags.given(opts);
    const flags: CheckFlags = {
      spec: opts['spec'] as string,
      ...(typeof opts['variant'] === 'string' ? { variant: opts['variant'] } : {}),
      ...pickString(opts, 'workers', 'maxStates', 'maxSeconds', 'maxMemory', 'traceStyle'),
      outputs: outputOptions.flatMap(({ format, opt }) => {
        const file = opts[opt.attributeName()];
        return typeof file === 'string' ? [{ format, file }] : [];
      }),
      symmetry: opts['symmetry'] !== false,
      stopOnViolation: opts['stopOnViolation'] === true,
      exact: opts['exact'] === true,
      coverage: opts['coverage'] === true,
      quiet: opts['quiet'] === true,
      ...(Array.isArray(opts['expect']) ? { expect: opts['expect'] as string[] } : {}),
      params,
      foreign: foreignGiven,
    };
    // Loaded only now: the search, the reports and their renderers are check's, not every command's.
    const { planCheck, runCheck } = await import('./check');
    box.code = await runCheck(planCheck(flags));
  });
}

// Where `mc explore` serves by default: this machine only (explore.ts reads them too).
export const DEFAULT_PORT = 8717;
export const DEFAULT_HOST = '127.0.0.1';

function addExplore(program: Command, specName: string, box: ExitBox): void {
  const spec = specOrPlaceholder(specName);
  const variants = spec.variants ?? [];
  const explore = program
    .command('explore')
    .summary('browse the state space and counterexamples in a local web UI')
    .description(
      `serve a local web UI to step through the states of a spec, run the check and follow its ` +
        `counterexamples, and replay a path on another variant (spec ${spec.name}: ${spec.summary})`,
    );
  const specFlags = addSpecOptions(explore, spec, 'explore');
  const serve = 'Server:';
  explore.addOption(new Option('--port <n>', `port to serve on (default ${DEFAULT_PORT}; 0: any free port)`).helpGroup(serve));
  explore.addOption(
    new Option('--host <address>', `address to bind (default ${DEFAULT_HOST}: this machine only)`).helpGroup(serve),
  );
  explore.addOption(new Option('--open', 'open the page in the default browser').helpGroup(serve));
  explore.addOption(
    repeatable(new Option('--result <file>', 'a saved mc check --json result to show (may be repeated)')).helpGroup(serve),
  );
  explore.addOption(
    new Option('--workers <k>', `threads of a check run from the UI (default ${defaultWorkers()})`).helpGroup(serve),
  );
  addSymmetryOptions(explore, spec, 'checks run from the UI without symmetry reduction', serve);
  explore.addHelpText('after', () => checkHelpAfter(spec).replace(/Examples:[\s\S]*$/, '') + exploreExamples(spec));
  explore.allowExcessArguments(true);
  explore.action(async (opts: Record<string, unknown>, cmd: Command) => {
    const extra = cmd.args[0];
    if (extra !== undefined) fail(MSG.unexpectedArgument(extra, variants.some((v) => v.id === extra), 'explore'));
    checkSymmetryAsked(cmd, spec);
    const { params, foreign } = specFlags.given(opts);
    const { planExplore, runExplore } = await import('./explore');
    box.code = await runExplore(
      planExplore({
        spec: opts['spec'] as string,
        ...(typeof opts['variant'] === 'string' ? { variant: opts['variant'] } : {}),
        ...pickString(opts, 'workers', 'port', 'host'),
        symmetry: opts['symmetry'] !== false,
        open: opts['open'] === true,
        ...(Array.isArray(opts['result']) ? { result: opts['result'] as string[] } : {}),
        params,
        foreign,
      }),
    );
  });
}

function exploreExamples(spec: SpecDefinition): string {
  const variant = spec.variants?.[0]?.id;
  const base = `mc explore${spec.name === DEFAULT_SPEC ? '' : ` --spec ${spec.name}`}`;
  const lines = spec.name === 'nfs'
    ? ['mc explore --variant 22876f54 --writers 3 --open', 'mc explore --variant 22876f54 --result result.json --port 0']
    : [`${base}${variant !== undefined ? ` --variant ${variant}` : ''}`];
  return `Examples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/**
 * The spec a command's flags are built from. A spec that cannot be loaded still gets its commands
 * (so `mc --help` works); running one reports why the spec is unavailable.
 */
export function specOrPlaceholder(specName: string): SpecDefinition {
  const loaded = catalog().find((c) => c.entry.name === specName)?.definition;
  return (
    loaded ?? {
      name: specName,
      summary: 'unavailable',
      parameters: [],
      symmetry: false,
      propertyNames: [],
      build: () => findSpec(specName).definition.build({ params: {} }),
    }
  );
}

export interface SpecFlags {
  /** The parameter flags the user gave, by parameter name, and those of other specs given. */
  given(opts: Record<string, unknown>): { params: Record<string, string>; foreign: string[] };
}

/**
 * `--spec`, `--variant` and the spec's parameter flags, shared by every command that builds a
 * model. Parameter flags of the other specs are registered hidden, so that using one gives a
 * precise error instead of "unknown option".
 */
export function addSpecOptions(cmd: Command, spec: SpecDefinition, verb: string): SpecFlags {
  const variants = spec.variants ?? [];
  cmd.addOption(new Option('--spec <name>', `spec to ${verb}: ${specNames().join(', ')}`).default(DEFAULT_SPEC));
  if (variants.length > 0) {
    const required = spec.defaultVariant === undefined ? 'required' : `default ${spec.defaultVariant}`;
    cmd.addOption(new Option('--variant <id>', `variant of spec ${spec.name} (${required}; listed below)`));
  } else {
    cmd.addOption(new Option('--variant <id>').hideHelp());
  }

  const own = new Map<string, Option>();
  for (const p of spec.parameters) {
    if (BUILTIN.has(p.name)) fail(MSG.internal(`spec ${spec.name} declares parameter --${p.name}, which is a built-in flag`));
    const opt = new Option(`--${p.name} <n>`, `${paramRange(p)} (default ${p.default}): ${p.help}`).helpGroup(
      `Parameters of spec ${spec.name}:`,
    );
    cmd.addOption(opt);
    own.set(p.name, opt);
  }
  const foreign = new Map<string, Option>();
  for (const c of catalog()) {
    for (const p of c.definition?.parameters ?? []) {
      if (own.has(p.name) || foreign.has(p.name) || BUILTIN.has(p.name)) continue;
      const opt = new Option(`--${p.name} <n>`).hideHelp();
      cmd.addOption(opt);
      foreign.set(p.name, opt);
    }
  }
  return {
    given(opts) {
      const params: Record<string, string> = {};
      for (const [name, opt] of own) {
        const v = opts[opt.attributeName()];
        if (typeof v === 'string') params[name] = v;
      }
      const foreignGiven = [...foreign].filter(([, opt]) => opts[opt.attributeName()] !== undefined).map(([n]) => n);
      return { params, foreign: foreignGiven };
    },
  };
}

export function pickString(opts: Record<string, unknown>, ...keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (typeof opts[k] === 'string') out[k] = opts[k];
  return out;
}
