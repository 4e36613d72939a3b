/**
 * `mc`'s top level: pre-scan, parse, dispatch, and turn every error into one line on stderr and
 * its registry exit code. `main.ts` calls it with the process's argv.
 */
import { Command, CommanderError, type Option } from 'commander';
import { TRACE_STYLES } from '../reports/trace-styles';
import { EXIT, type ExitCode } from './exit-codes';
import { MATRIX_FORMATS } from './matrix-command';
import { CliError, commanderText, errorLine, fail, MSG, type Message } from './messages';
import { buildProgram, type ExitBox } from './program';
import { catalog, DEFAULT_SPEC, expectableProperties, findSpec, specNames } from './specs';
import { flagValue, prescanSpec, SPEC_COMMANDS } from './prescan';
import { isRepeatable } from './repeatable-options';

/** `mc check --variant` without a value: list the variants rather than commander's generic line. */
function checkVariantValue(argv: readonly string[], spec: string): void {
  if (!SPEC_COMMANDS.includes(argv[0] ?? '')) return;
  const i = argv.indexOf('--variant');
  if (i < 0 || (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-'))) return;
  const ids = (findSpec(spec).definition.variants ?? []).map((v) => v.id);
  if (ids.length > 0) fail(MSG.missingVariantValue(spec, ids));
}

/**
 * `mc diff --base --patched mainline`: commander gives --base the value '--patched' and then
 * calls 'mainline' a stray argument, which names neither flag. Name the option left without its
 * value instead. Paths (<file>, <dir>) are left to their own checks, which also say how to name a
 * file '--x'.
 */
function checkValueIsNoFlag(argv: readonly string[], program: Command): void {
  const cmd = program.commands.find((c) => c.name() === argv[0]);
  if (!cmd) return;
  const valued = (arg: string | undefined) => cmd.options.find((o) => o.long === arg && o.required);
  for (let i = 1; i < argv.length - 1; i++) {
    if (argv[i] === '--') return;
    const option = valued(argv[i]);
    if (!option) continue;
    if (!/<(file|dir)>/.test(option.flags) && valued(argv[i + 1])) fail(MSG.optionNeedsValue(option.flags, argv[i + 1]!, cmd.name()));
    i++;
  }
}

/**
 * `mc check --variant mainline --variant 22876f54`: commander keeps the last value, and the run
 * would check another variant than half the command line names. An option that takes one value
 * and is given two different ones is refused (the same value twice is harmless); repeatable ones
 * (`--expect`, `--result`) collect every value (repeatable-options.ts).
 */
function checkRepeatedValues(argv: readonly string[], program: Command): void {
  const cmd = program.commands.find((c) => c.name() === argv[0]);
  if (!cmd) return;
  const given = new Map<Option, string>();
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const option = cmd.options.find((o) => o.long === name && (o.required || o.optional));
    if (!option) continue;
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || isRepeatable(option)) continue;
    const first = given.get(option);
    if (first !== undefined && first !== value) fail(MSG.optionGivenTwice(option.long!, first, value, cmd.name()));
    given.set(option, value);
  }
}

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const box: ExitBox = { code: EXIT.OK };
  try {
    const spec = prescanSpec(argv);
    checkVariantValue(argv, spec);
    const program = buildProgram(spec, box);
    configure(program);
    checkValueIsNoFlag(argv, program);
    checkRepeatedValues(argv, program);
    if (argv[0] === 'help' && argv[1] !== undefined && !program.commands.some((c) => c.name() === argv[1])) {
      fail(MSG.commander(`unknown command '${argv[1]}'`));
    }
    // Commander prints the version, or the help of `help`'s command, and ignores what follows.
    if ((argv[0] === '--version' || argv[0] === '-V') && argv[1] !== undefined) fail(MSG.excessArgument(argv[1], `mc ${argv[0]}`, []));
    const extra = argv[0] === 'help' ? argv.slice(2).find((a) => a !== '--help' && a !== '-h') : undefined;
    if (extra !== undefined) fail(MSG.excessArgument(extra, 'mc help', ['[command]']));
    if (argv.length === 0) {
      process.stdout.write(program.helpInformation());
      return EXIT.OK;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return box.code;
  } catch (e) {
    return report(e, argv);
  }
}

function configure(program: ReturnType<typeof buildProgram>): void {
  const commands = [program, ...program.commands];
  for (const cmd of commands) {
    cmd.exitOverride((error) => {
      throw Object.assign(error, { command: cmd });
    });
    cmd.configureOutput({
      // Errors are printed by `report`, as one line.
      outputError: () => {},
    });
  }
}

function report(e: unknown, argv: readonly string[]): ExitCode {
  if (e instanceof CommanderError) {
    // Help and version end with a CommanderError too; they are not errors.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
      return EXIT.OK;
    }
    const command = (e as CommanderError & { command?: Command }).command;
    const msg = command ? commanderMessage(e, command, argv) : MSG.commander(commanderText(e.message));
    return printError(msg.text, msg.exit);
  }
  if (e instanceof CliError) {
    if (process.env['MC_DEBUG'] && e.msg.exit === EXIT.INTERNAL) process.stderr.write(`${e.stack}\n`);
    return printError(e.msg.text, e.msg.exit);
  }
  const why = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  if (process.env['MC_DEBUG']) process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  return printError(MSG.internal(why).text, EXIT.INTERNAL);
}

/** Commander's error as the registry words it: with the valid choices, as every other usage error. */
function commanderMessage(e: CommanderError, command: Command, argv: readonly string[]): Message {
  const name = command.parent ? `mc ${command.name()}` : 'mc';
  if (e.code === 'commander.unknownOption') {
    // --help (and mc's --version) are options too: commander keeps them apart from `options`.
    const flags = command.createHelp().visibleOptions(command).flatMap((o) => (o.long ? [o.long] : []));
    return MSG.commander(`${commanderText(e.message)}; ${flags.length > 0 ? `options of ${name}: ${flags.join(' ')}` : `${name} takes no options`}`);
  }
  if (e.code === 'commander.excessArguments') {
    const takes = command.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`));
    return MSG.excessArgument(command.args[takes.length] ?? '', name, takes);
  }
  if (e.code === 'commander.optionMissingArgument') {
    const flags = /option '(.+)' argument missing/.exec(e.message)?.[1];
    const option = command.options.find((o) => o.flags === flags);
    if (option) return missingValue(command, name, option, argv);
  }
  return MSG.commander(commanderText(e.message));
}

/**
 * `--trace-style` without its value, and every other option left without one: the values it
 * takes, where they are a list (`--spec`: the specs; `--expect` of check: the spec's properties).
 */
function missingValue(command: Command, name: string, option: Option, argv: readonly string[]): Message {
  const specName = flagValue(argv, '--spec') ?? DEFAULT_SPEC;
  const spec = catalog().find((c) => c.entry.name === specName)?.definition;
  const variants = (spec?.variants ?? []).map((v) => v.id);
  const choices = (what: string, items: readonly string[]) => MSG.optionMissingValue(option.flags, name, { what, items });
  switch (option.long) {
    case '--spec':
      return MSG.missingSpecValue(specNames());
    case '--variant':
    case '--base':
    case '--patched':
      // mc replay's --variant: the variants of the file's spec, which is not read yet.
      return command.name() === 'replay' || !spec ? MSG.optionMissingValue(option.flags, name) : choices(`variants of spec ${spec.name}`, variants);
    case '--variants':
      return spec ? choices(`variants of spec ${spec.name}`, ['all', ...variants]) : MSG.optionMissingValue(option.flags, name);
    case '--trace-style':
      return choices('styles', TRACE_STYLES);
    case '--format':
      return command.name() === 'matrix' ? choices('formats', MATRIX_FORMATS) : MSG.optionMissingValue(option.flags, name);
    case '--expect':
      if (command.name() === 'check' && spec) return choices(`P=holds|violated, P one of the properties of spec ${spec.name}`, expectableProperties(spec));
      return MSG.optionMissingValue(option.flags, name);
    default:
      return MSG.optionMissingValue(option.flags, name);
  }
}

function printError(text: string, code: ExitCode): ExitCode {
  process.stderr.write(errorLine(text));
  return code;
}
