/**
 * `mc`'s top level: pre-scan, parse, dispatch, and turn every error into one line on stderr and
 * its registry exit code. `main.ts` calls it with the process's argv.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, type ExitCode } from './exit-codes';
import { CliError, commanderText, errorLine, fail, MSG } from './messages';
import { buildProgram, type ExitBox } from './program';
import { findSpec } from './specs';
import { prescanSpec, SPEC_COMMANDS } from './prescan';

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

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const box: ExitBox = { code: EXIT.OK };
  try {
    const spec = prescanSpec(argv);
    checkVariantValue(argv, spec);
    const program = buildProgram(spec, box);
    configure(program);
    checkValueIsNoFlag(argv, program);
    if (argv[0] === 'help' && argv[1] !== undefined && !program.commands.some((c) => c.name() === argv[1])) {
      fail(MSG.commander(`unknown command '${argv[1]}'`));
    }
    if (argv.length === 0) {
      process.stdout.write(program.helpInformation());
      return EXIT.OK;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return box.code;
  } catch (e) {
    return report(e);
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

function report(e: unknown): ExitCode {
  if (e instanceof CommanderError) {
    // Help and version end with a CommanderError too; they are not errors.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
      return EXIT.OK;
    }
    let text = commanderText(e.message);
    const command = (e as CommanderError & { command?: Command }).command;
    if (e.code === 'commander.unknownOption' && command) {
      // Name the valid choices, as every other usage error does.
      const flags = command.options.filter((o) => !o.hidden && o.long).map((o) => o.long);
      const name = command.name() === 'mc' ? 'mc' : `mc ${command.name()}`;
      text += flags.length > 0 ? `; options of ${name}: ${flags.join(' ')}` : `; ${name} takes no options`;
    }
    return printError(MSG.commander(text).text, EXIT.USAGE);
  }
  if (e instanceof CliError) {
    if (process.env['MC_DEBUG'] && e.msg.exit === EXIT.INTERNAL) process.stderr.write(`${e.stack}\n`);
    return printError(e.msg.text, e.msg.exit);
  }
  const why = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  if (process.env['MC_DEBUG']) process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  return printError(MSG.internal(why).text, EXIT.INTERNAL);
}

function printError(text: string, code: ExitCode): ExitCode {
  process.stderr.write(errorLine(text));
  return code;
}
