/**
 * Reading a few flags off the raw arguments before commander parses them: `--spec` (the flags
 * `check` and `explore` offer depend on it) and what cli/threads-ahead.ts guesses from. Light on
 * purpose: threads-ahead.ts runs it before the rest of the CLI has loaded.
 */
import { fail, MSG } from './messages';
import { DEFAULT_SPEC, specNames } from './specs';

/** Commands whose flags depend on `--spec`. */
export const SPEC_COMMANDS: readonly string[] = ['check', 'explore'];

/**
 * The value of the last `--flag value` or `--flag=value` among a command's arguments (`argv[0]`
 * is the command), before any `--`; `null` as soon as one `--flag` has no value after it.
 */
export function flagValue(argv: readonly string[], flag: string): string | null | undefined {
  let found: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === flag) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('-')) return null;
      found = value;
      i++;
    } else if (arg.startsWith(`${flag}=`)) {
      found = arg.slice(flag.length + 1);
    }
  }
  return found;
}

/** The `--spec` that `check` or `explore` will use, read before commander parses (flags depend on it). */
export function prescanSpec(argv: readonly string[]): string {
  if (!SPEC_COMMANDS.includes(argv[0] ?? '')) return DEFAULT_SPEC;
  const spec = flagValue(argv, '--spec');
  if (spec === null) fail(MSG.missingSpecValue(specNames()));
  const name = spec ?? DEFAULT_SPEC;
  if (!specNames().includes(name)) fail(MSG.unknownSpec(name, specNames()));
  return name;
}
