/**
 * `mc diff`'s flags and help. Running it is diff.ts, loaded only when the command runs, so that
 * every other command starts without its modules.
 */
import { Option, type Command } from 'commander';
import type { ExitBox } from './program';
import { addParamOptions } from './spec-params';
import { DEFAULT_SPEC, paramRange, specNames } from './specs';
import { addSymmetryOptions } from './symmetry-flags';
import { defaultWorkers } from './workers';

export function addDiff(program: Command, box: ExitBox): void {
  const cmd = program
    .command('diff')
    .summary('what a patch changes: violations fixed, introduced and kept, with witnesses')
    .description(
      'search two variants with the same parameters and list the violations the patched one fixes, introduces and ' +
        'keeps, each with its witness: a counterexample of one variant replayed on the other (the base\'s on the patched ' +
        'variant for a fixed or kept one, the patched one\'s on the base for an introduced one), headed by the step where ' +
        'the variants part and the patch whose code runs there; then the steps and outcomes one variant takes and the other ' +
        'never does (both searches count coverage). Exit 0 when the patched variant violates nothing, 1 otherwise.',
    )
    .addOption(new Option('--base <id>', 'the variant before the patch (required)'))
    .addOption(new Option('--patched <id>', 'the variant after the patch (required)'))
    .addOption(new Option('--spec <name>', `spec: ${specNames().join(', ')}`).default(DEFAULT_SPEC))
    .addOption(new Option('--workers <k>', `threads per search (this one and K-1 worker threads) (default ${defaultWorkers()})`));
  addSymmetryOptions(cmd, undefined, 'turn off symmetry reduction');
  cmd.addOption(new Option('--exact', 'both searches as mc check --exact: each state kept and compared, so that no fingerprint collision can make a property hold'));
  cmd.addOption(new Option('--quiet', 'no progress line; print only the report'));
  cmd.addOption(new Option('--markdown <file>', 'also write the report as Markdown for a patch or pull-request review (a table of verdicts, each change with its witness folded); - for stdout instead of the text report'));
  const params = addParamOptions(cmd, (p, spec) => `${paramRange(p)} (default ${p.default}): ${p.help} (spec ${spec})`);
  cmd.addHelpText('after', '\nExamples:\n  mc diff --base 14bebe3c --patched revert-14bebe3c --writers 2\n  mc diff --base 22876f54 --patched 06c9fdf3\n');
  cmd.action(async (opts: Record<string, unknown>, command: Command) => {
    const { runDiff } = await import('./diff');
    box.code = await runDiff(opts, command, params);
  });
}
