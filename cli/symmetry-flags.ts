/**
 * `--no-symmetry` and `--symmetry`, the same for every command that searches: shown alike in
 * help and in the option list of an unknown-flag error, and `--symmetry` refused for a spec
 * that has no symmetry reduction.
 */
import { Option, type Command } from 'commander';
import type { SpecDefinition } from '../explorer/spec';
import { fail, MSG } from './messages';

/**
 * `--no-symmetry` and its positive `--symmetry` (the default, which a TLC user may well type, or
 * a script to undo an earlier `--no-symmetry`). For a spec without symmetry reduction `--symmetry`
 * is hidden, and refused when given: it cannot do what it says.
 */
export function addSymmetryOptions(
  cmd: Command,
  spec: Pick<SpecDefinition, 'name' | 'symmetry'> | undefined,
  offHelp: string,
  group?: string,
  onHelp = 'symmetry reduction on: the default; undoes an earlier --no-symmetry',
): void {
  const inGroup = (o: Option) => (group !== undefined ? o.helpGroup(group) : o);
  const reduces = spec === undefined || spec.symmetry;
  cmd.addOption(inGroup(new Option('--no-symmetry', reduces ? offHelp : `(spec ${spec.name} has no symmetry reduction)`)));
  const on = inGroup(new Option('--symmetry', onHelp));
  cmd.addOption(reduces ? on : on.hideHelp());
}

/** `--symmetry` given for a spec that has no symmetry reduction. */
export function checkSymmetryAsked(cmd: Command, spec: Pick<SpecDefinition, 'name' | 'symmetry'>): void {
  if (!spec.symmetry && cmd.getOptionValue('symmetry') === true && cmd.getOptionValueSource('symmetry') === 'cli') {
    fail(MSG.noSymmetryReduction(spec.name));
  }
}
