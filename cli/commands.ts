/** The commands that compose searches and saved results: replay, diff, matrix, docs. */
import type { Command } from 'commander';
import type { ExitBox } from './program';
import { addDiff } from './diff-command';
import { addDocs } from './docs-command';
import { addMatrix } from './matrix-command';
import { addReplay } from './replay-command';

export function addCommands(program: Command, box: ExitBox): void {
  addReplay(program, box);
  addDiff(program, box);
  addMatrix(program, box);
  addDocs(program, box);
}
