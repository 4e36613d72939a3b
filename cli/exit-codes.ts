/**
 * Every exit status `mc` can end with, in one place (like TLC's `EC`). Scripts and CI depend on
 * these numbers: never renumber one.
 */
export const EXIT = {
  /** Every property holds (with `--expect`: every listed verdict matches). */
  OK: 0,
  /** A property is violated (with `--expect`: a listed verdict differs). */
  VIOLATION: 1,
  /** Bad usage or input: unknown spec/variant/flag, a value out of range, an unwritable file. */
  USAGE: 2,
  /** A limit or Ctrl-C stopped the search before it was complete, and no violation was found. */
  INCOMPLETE: 3,
  /** A bug in `mc`, a spec error (a spec breaking the Model contract), or a report lost on stdout. */
  INTERNAL: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One line each, for `mc --help` and the README. */
export const EXIT_CODE_HELP: readonly (readonly [ExitCode, string])[] = [
  [EXIT.OK, 'every property holds (with --expect: every listed verdict matches)'],
  [EXIT.VIOLATION, 'a property is violated (with --expect: a listed verdict differs)'],
  [EXIT.USAGE, 'bad usage or input (the one line on stderr says what and lists the valid choices)'],
  [EXIT.INCOMPLETE, 'a limit or Ctrl-C stopped the search early and no violation was found'],
  [EXIT.INTERNAL, 'internal error or spec error: a bug in mc, or a spec breaking the Model contract'],
];
