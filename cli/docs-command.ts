/**
 * `mc docs`'s flags and help. Running it is docs.ts, loaded only when the command runs, so that
 * every other command starts without its modules.
 */
import { Option, type Command } from 'commander';
import type { ExitBox } from './program';
import { addParamOptions } from './spec-params';
import { DEFAULT_SPEC, specNames, paramRange } from './specs';
import { addSymmetryOptions } from './symmetry-flags';
import { defaultWorkers } from './workers';

/** The file `mc docs` writes, in the repository. */
export const PROPERTIES_FILE = 'docs/PROPERTIES.md';

export function addDocs(program: Command, box: ExitBox): void {
  const cmd = program
    .command('docs')
    .summary(`generate ${PROPERTIES_FILE}: every variant and property, proven (with a certificate) or violated`)
    .description(
      `search every variant of a spec and write ${PROPERTIES_FILE}: for each property, holds (up to the bounds, with a ` +
        'certificate: spec hash, mc version, parameters, symmetry, distinct states, depth; searched with --exact, so that ' +
        'no fingerprint collision can make a property hold) or violated ' +
        '(with the shortest counterexample).',
    )
    .addOption(new Option('--spec <name>', `spec: ${specNames().join(', ')}`).default(DEFAULT_SPEC))
    .addOption(new Option('--output <file>', `where to write (default: the repository's ${PROPERTIES_FILE}, from anywhere inside it); - for stdout`))
    .addOption(new Option('--workers <k>', `threads per search (this one and K-1 worker threads) (default ${defaultWorkers()})`))
    .addOption(new Option('--quiet', 'no status line on the terminal while the variants are searched'));
  // Off unless asked: docs/MODEL.md §8 has every distinct-state count quoted without it.
  addSymmetryOptions(
    cmd,
    undefined,
    'symmetry reduction off: the default here (docs/MODEL.md quotes state counts without it)',
    undefined,
    'symmetry reduction on (fewer states to search; the counts then differ from those quoted elsewhere)',
  );
  const params = addParamOptions(cmd, (p, spec) => `${paramRange(p)} (default ${p.default}): ${p.help} (spec ${spec})`);
  // `--output --workers 2`: the swallowed flag is the mistake, not the stray `2`.
  cmd.allowExcessArguments(true);
  cmd.action(async (opts: Record<string, unknown>, command: Command) => {
    const { runDocs } = await import('./docs');
    box.code = await runDocs(opts, command, params);
  });
}
