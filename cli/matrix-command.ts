/**
 * `mc matrix`'s flags and help. Running it is matrix.ts, loaded only when the command runs, so
 * that every other command starts without the matrix's modules (child processes, cell files and
 * their schemas, the table's renderers).
 */
import { Option, type Command } from 'commander';
import type { ExitBox } from './program';
import { addParamOptions } from './spec-params';
import { workerBound, workerBoundReason } from './workers';
import { addSymmetryOptions } from './symmetry-flags';
import { DEFAULT_SPEC, paramRange, specNames } from './specs';

/** The table's formats (`--format`). */
export const MATRIX_FORMATS = ['text', 'markdown', 'json'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

export function addMatrix(program: Command, box: ExitBox): void {
  const cmd = program
    .command('matrix')
    .summary('every variant x parameters x property as one table; cells split across processes or machines')
    .description(
      'search every selected variant with every selected parameter value and print one table: per property the verdict ' +
        'and shortest counterexample length, distinct states, depth and time. Each cell runs in its own process (--jobs); ' +
        '--list, --cell K --json DIR and --merge DIR split a matrix across machines. Exit 0 when every property holds ' +
        '(with --expect: the table matches), 1 when one is violated (with --expect: any difference), 3 when a cell stopped early.',
    )
    .addOption(new Option('--spec <name>', `spec: ${specNames().join(', ')}`).default(DEFAULT_SPEC))
    .addOption(new Option('--variants <all|a,b>', 'variants (default all)'))
    .addOption(new Option('--workers <k,...>', 'threads per search (this one and K-1 worker threads); a list runs every cell once per count (default 1)'))
    .addOption(new Option('--jobs <k>', `cells run at the same time, each in its own process, 1..${workerBound()} (${workerBoundReason('processes')}; default 1)`))
    .addOption(new Option('--format <f>', `table format: ${MATRIX_FORMATS.join(', ')} (default text)`))
    .addOption(new Option('--exact', 'every cell searches as mc check --exact: each state kept and compared, so that no fingerprint collision can make a property hold'))
    .addOption(new Option('--coverage', 'count in every cell how often each step is taken (as mc check --coverage); the table gets a steps column and names, under it, the rows where a step was never taken: a ✓ there says nothing about its behaviour'))
    .addOption(new Option('--expect <file>', 'a table saved with --format json: exit 1 on any difference in verdicts, lengths, states or depth'))
    .addOption(new Option('--list', 'print the cells (index, variant, parameters) and exit (--format text or json)'))
    .addOption(new Option('--cell <k>', 'run only cell k (0-based, see --list) and write DIR/cell-k.json (needs --json DIR)'))
    .addOption(new Option('--json <dir>', 'where cell results go (kept; default: a temporary directory)'))
    .addOption(new Option('--merge <dir>', 'assemble the table from the cell files in dir (no search; only --format and --expect apply)'))
    .addOption(new Option('--quiet', 'no status line on the terminal while the cells run; print only the table'));
  addSymmetryOptions(cmd, undefined, 'turn off symmetry reduction');
  const params = addParamOptions(cmd, (p, spec) => `${paramRange(p)}, a list (1,2,3) or a range (1..3) (default ${p.default}; spec ${spec})`);
  cmd.addHelpText(
    'after',
    '\nExamples:\n  mc matrix --writers 1..3 --jobs 2\n  mc matrix --writers 1..3 --workers 1,2 --no-symmetry --format markdown\n' +
      '  mc matrix --writers 1..3 --list\n  mc matrix --writers 1..3 --cell 4 --json cells/\n  mc matrix --merge cells/ --expect expected.json\n',
  );
  // `--merge --format json`: the swallowed flag is the mistake, not the stray `json`.
  cmd.allowExcessArguments(true);
  cmd.action(async (opts: Record<string, unknown>, command: Command) => {
    const { runMatrix } = await import('./matrix');
    box.code = await runMatrix(opts, command, params);
  });
}
