/**
 * `mc replay`'s flags and help. Running it is replay.ts, loaded only when the command runs, so
 * that every other command starts without its modules.
 */
import { Option, type Command } from 'commander';
import type { ExitBox } from './program';
import { addParamOptions, givenParams } from './spec-params';
import { paramRange, specNames } from './specs';

export function addReplay(program: Command, box: ExitBox): void {
  const cmd = program
    .command('replay')
    .summary('replay a saved counterexample on a variant, step by step')
    .description(
      'replay a counterexample saved by mc check --json or --itf on a variant (default: the one it was found on), by transition ' +
        'identity: say step by step where it diverges (the step is no longer enabled, and which guard blocks it) or that ' +
        'the violation reproduces. Exit 1 when it reproduces, 0 when the variant no longer allows it.',
    )
    .argument('<file>', 'a result saved with mc check --json FILE, or a trace written by mc check --itf FILE (one trace, or an array of them)')
    .addOption(new Option('--variant <id>', 'the variant to replay on (default: the file\'s)'))
    .addOption(new Option('--spec <name>', `expected spec of the file: ${specNames().join(', ')} (default: the file's)`))
    .addOption(new Option('--property <name>', 'replay only this property\'s counterexample (default: every one in the file)'));
  const params = addParamOptions(cmd, (p, spec) => `${paramRange(p)}: ${p.help} (spec ${spec}; default: the file's)`);
  cmd.addHelpText(
    'after',
    '\nExamples:\n  mc check --variant 14bebe3c --writers 1 --writes 3 --json oops.json --itf oops.itf.json\n' +
      '  mc replay oops.json --variant revert-14bebe3c\n  mc replay oops.itf.json --variant revert-14bebe3c\n',
  );
  cmd.action(async (file: string, opts: Record<string, unknown>) => {
    const { runReplay } = await import('./replay');
    box.code = runReplay({
      file,
      ...(typeof opts['variant'] === 'string' ? { variant: opts['variant'] } : {}),
      ...(typeof opts['spec'] === 'string' ? { spec: opts['spec'] } : {}),
      ...(typeof opts['property'] === 'string' ? { property: opts['property'] } : {}),
      params: givenParams(opts, params),
    });
  });
}
