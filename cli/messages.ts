/**
 * Every message `mc` prints about bad input or a failure, in one place (like TLC's `MP`). Each is
 * one line that names the problem and, where there are any, the valid choices; each maps to an
 * exit code. Code elsewhere throws `fail(MSG.x(...))` and never writes error text itself.
 */
import { EXIT, type ExitCode } from './exit-codes';
import { workerBoundReason } from './workers';

export interface Message {
  /** Stable identifier (tests and scripts may match on it; it is not printed). */
  readonly id: string;
  readonly exit: ExitCode;
  /** One line, without the `mc: ` prefix. */
  readonly text: string;
}

/** An error that carries its message and exit code up to `main`, which prints it and exits. */
export class CliError extends Error {
  constructor(readonly msg: Message) {
    super(msg.text);
    this.name = 'CliError';
  }
}

export function fail(msg: Message): never {
  throw new CliError(msg);
}

/** The names of `mc`'s commands, set once the program is built (cli/program.ts). */
let COMMANDS: readonly string[] = [];

export function setCommandNames(names: readonly string[]): void {
  COMMANDS = [...names];
}

const usage = (id: string, text: string): Message => ({ id, exit: EXIT.USAGE, text });
const list = (items: readonly string[]): string => items.join(', ');
const quote = (s: string): string => `'${s}'`;
/** A stopped run leaves an earlier run's traces: it decided too little to say they no longer apply. */
const keptText = (files: readonly string[]): string =>
  `kept ${files.length === 1 ? 'a trace' : `${files.length} traces`} an earlier run wrote under this name, as this run stopped before deciding every property (a complete run removes those it does not write): ${list(files)}`;
/** `A, B are violated<where>, but <what> before their counterexamples were built`: the violations an interrupt left without one. */
const violatedUnbuilt = (names: readonly string[], where: string, what: string): string =>
  names.length === 1
    ? `${names[0]} is violated${where}, but ${what} before its counterexample was built`
    : `${list(names)} are violated${where}, but ${what} before their counterexamples were built`;

export const SIZE_EXAMPLES = '512M, 4G, 1.5G or 800000000';

export const MSG = {
  unknownSpec: (name: string, specs: readonly string[]) =>
    usage('unknown-spec', `unknown spec ${quote(name)}; specs: ${list(specs)}`),
  missingSpecValue: (specs: readonly string[]) =>
    usage('missing-spec', `option '--spec <name>' needs a value; specs: ${list(specs)}`),
  specUnavailable: (name: string, why: string) =>
    ({ id: 'spec-unavailable', exit: EXIT.INTERNAL, text: `spec ${quote(name)} could not be loaded: ${why}` }) as Message,
  unknownVariant: (spec: string, variant: string, variants: readonly string[]) =>
    usage('unknown-variant', `unknown variant ${quote(variant)} for spec ${spec}; variants: ${list(variants)}`),
  missingVariant: (spec: string, variants: readonly string[]) =>
    usage('missing-variant', `spec ${spec} needs --variant <id>; variants: ${list(variants)}`),
  missingVariantValue: (spec: string, variants: readonly string[]) =>
    usage('missing-variant-value', `option '--variant <id>' needs a value; variants of spec ${spec}: ${list(variants)}`),
  unexpectedArgument: (arg: string, variantHint: boolean, command = 'check') =>
    usage(
      'unexpected-argument',
      variantHint
        ? `unexpected argument '${arg}'; did you mean --variant ${arg}?`
        : `unexpected argument '${arg}'; mc ${command} takes only options (see mc ${command} --help)`,
    ),
  /** A command given more arguments than it takes (`mc specs extra`, `mc replay a b`, `mc --version extra`). */
  excessArgument: (arg: string, command: string, takes: readonly string[]) =>
    usage('excess-argument', `unexpected argument ${quote(arg)}; ${command} takes ${takes.length === 0 ? 'no arguments' : `only ${list(takes)}`}`),
  /** An option given without its value, with the values it takes when there is a list of them. */
  optionMissingValue: (flags: string, command: string, choices?: { readonly what: string; readonly items: readonly string[] }) =>
    usage(
      'option-missing-value',
      `option ${quote(flags)} needs a value; ` + (choices && choices.items.length > 0 ? `${choices.what}: ${list(choices.items)}` : `see ${command} --help`),
    ),
  noVariants: (spec: string) => usage('no-variants', `spec ${spec} has no variants; drop --variant`),
  noSymmetryReduction: (spec: string) =>
    usage('no-symmetry-reduction', `spec ${spec} has no symmetry reduction, so --symmetry cannot turn it on; drop --symmetry`),
  paramNotInteger: (flag: string, value: string, min: number, max: number) =>
    usage('param-not-integer', `${flag} must be an integer in ${min}..${max}, got ${quote(value)}`),
  paramOutOfRange: (flag: string, value: number, min: number, max: number) =>
    usage('param-out-of-range', `${flag} must be in ${min}..${max}, got ${value}`),
  paramOfOtherSpec: (flag: string, spec: string, params: readonly string[]) =>
    usage(
      'param-of-other-spec',
      `${flag} is not a parameter of spec ${spec}; ` +
        (params.length > 0 ? `its parameters: ${list(params)}` : 'it has no parameters'),
    ),
  badWorkers: (value: string, max: number) =>
    usage('bad-workers', `--workers must be an integer in 1..${max} (${workerBoundReason()}), got ${quote(value)}`),
  badPositiveInteger: (flag: string, value: string) =>
    usage('bad-positive-integer', `${flag} must be a positive integer, got ${quote(value)}`),
  tooLarge: (flag: string, value: string, max: string) => usage('too-large', `${flag} must be at most ${max}, got ${quote(value)}`),
  badJobs: (value: string, max: number) =>
    usage('bad-jobs', `--jobs must be an integer in 1..${max} (${workerBoundReason('processes')}), got ${quote(value)}`),
  badSeconds: (value: string) =>
    usage('bad-seconds', `--max-seconds must be a positive number of seconds (e.g. 60 or 0.5), got ${quote(value)}`),
  badSize: (flag: string, value: string) =>
    usage('bad-size', `${flag} must be a size such as ${SIZE_EXAMPLES}, got ${quote(value)}`),
  badExpectItem: (item: string) =>
    usage('bad-expect', `--expect takes Property=holds|violated[,...], got ${quote(item)}`),
  expectUnknownProperty: (name: string, spec: string, properties: readonly string[]) =>
    usage('expect-unknown-property', `--expect: spec ${spec} has no property ${quote(name)}; properties: ${list(properties)}`),
  expectBadVerdict: (name: string, verdict: string) =>
    usage('expect-bad-verdict', `--expect: verdict for ${name} must be holds or violated, got ${quote(verdict)}`),
  expectConflict: (name: string) =>
    usage('expect-conflict', `--expect: ${name} is given two different verdicts`),
  unwritable: (flag: string, file: string, why: string, what: 'file' | 'directory' = 'file') =>
    usage('unwritable', `cannot write ${flag} ${what} ${quote(file)}: ${why}`),
  /** Each given as the flag and its value: `-`, or a name of stdout such as /dev/stdout. */
  bothStdout: (given: readonly (readonly [flag: string, file: string])[]) => {
    const named = given.map(([flag, file]) => `${flag} ${file}`);
    return usage(
      'both-stdout',
      named.length === 2
        ? `${named[0]} and ${named[1]} cannot both write to stdout; give one of them a file`
        : `${list(named)} cannot all write to stdout; give all but one of them a file`,
    );
  },
  noStdout: (flag: string, file = '-') =>
    usage('no-stdout', `${flag} writes one file per violated property and cannot write to stdout (${file}); give it a file name`),
  noFileHere: (flag: string, file: string) =>
    usage('no-file-here', `${flag} writes one file per violated property, beside ${quote(file)}, which is a device, a pipe or a descriptor, not a file; give it a file name`),
  badTraceStyle: (value: string, styles: readonly string[]) =>
    usage('bad-trace-style', `unknown --trace-style ${quote(value)}; choose one of: ${list(styles)}`),
  /**
   * `stopped`: the search stopped before it was complete, so nothing is said of the properties it
   * left undecided; `kept`: the traces an earlier run left under the name, which such a run keeps.
   */
  nothingToWrite: (flag: string, unbuilt: readonly string[] = [], stopped = false, kept: readonly string[] = []) => ({
    id: 'nothing-to-write',
    exit: EXIT.OK,
    text:
      (unbuilt.length > 0
        ? `${flag}: ${violatedUnbuilt(unbuilt, '', 'the interrupt came')}, so there is none to write`
        : stopped
          ? `${flag}: no violation found before the search stopped, so there is no counterexample to write`
          : `${flag}: no property is violated, so there is no counterexample to write`) +
      (kept.length > 0 ? `; ${keptText(kept)}` : ''),
  }),
  staleKept: (flag: string, kept: readonly string[]) => ({ id: 'stale-kept', exit: EXIT.OK, text: `${flag}: ${keptText(kept)}` }),
  staleRemoved: (flag: string, files: readonly string[]) => ({
    id: 'stale-removed',
    exit: EXIT.OK,
    text: `${flag}: removed ${files.length === 1 ? 'a trace' : `${files.length} traces`} an earlier run wrote under this name and this run does not: ${list(files)}`,
  }),
  staleNotRemoved: (flag: string, file: string, why: string) =>
    ({ id: 'stale-not-removed', exit: EXIT.INTERNAL, text: `could not remove ${quote(file)}, a ${flag} trace of an earlier run that this run does not write: ${why}` }) as Message,
  sameOutputFile: (first: string, second: string, file: string) =>
    usage('same-output-file', `${first} and ${second} name the same file ${quote(file)}; give each its own file`),
  /** A file one flag names and another would write too, derived from its own (`--itf x.itf.json` writes `x.P.itf.json`). */
  derivedOutputFile: (first: string, file: string, second: string, given: string, property: string) =>
    usage(
      'derived-output-file',
      `${first} names ${quote(file)}, where ${second} ${given} would write the counterexample of ${property}; give each its own file`,
    ),
  outputNeedsFile: (flag: string, got: string) =>
    usage(
      'output-needs-file',
      `option '${flag} <file>' needs a file name (or - for stdout), got the flag ${quote(got)}; ` +
        `for a file of that name write ./${got}`,
    ),
  docsOutsideRepository: (file: string, cwd: string) =>
    usage(
      'docs-outside-repository',
      `mc docs writes ${file} by default, and the current directory ${cwd} is outside that repository; ` +
        'give --output FILE (or --output - for stdout), or run it inside the repository',
    ),
  /** A single-value option given twice with two values (`--variant mainline --variant 22876f54`). */
  optionGivenTwice: (flag: string, first: string, second: string, command: string) =>
    usage('option-given-twice', `${flag} given twice, ${quote(first)} and ${quote(second)}; mc ${command} takes one: give it once`),
  optionNeedsValue: (flags: string, got: string, command: string) =>
    usage('option-needs-value', `option ${quote(flags)} needs a value, got the flag ${quote(got)}; see mc ${command} --help`),
  optionNeedsName: (flag: string, kind: 'file' | 'dir', got: string) =>
    usage(
      'option-needs-name',
      `option '${flag} <${kind}>' needs a ${kind === 'dir' ? 'directory' : 'file'} name, got the flag ${quote(got)}; ` +
        `for a ${kind === 'dir' ? 'directory' : 'file'} of that name write ./${got}`,
    ),
  docsOtherSpecNeedsOutput: (spec: string, file: string, documented: string) =>
    usage('docs-other-spec', `mc docs --spec ${spec} needs --output FILE (or --output - for stdout): ${file} documents spec ${documented}`),
  badPort: (value: string) => usage('bad-port', `--port must be an integer in 0..65535 (0: any free port), got ${quote(value)}`),
  cannotListen: (host: string, port: number, why: string) =>
    usage('cannot-listen', `cannot serve on ${host}:${port}: ${why}; pick another with --port N (0: any free port) or --host`),
  resultUnreadable: (file: string, why: string) => usage('result-unreadable', `cannot read --result file ${quote(file)}: ${why}`),
  resultUnusable: (file: string, why: string) => usage('result-unusable', `--result file ${quote(file)} cannot be shown: ${why}`),
  /** Commander's own error, one line; an unknown command gets the list of commands, as every usage error names the valid choices. */
  commander: (text: string) =>
    usage('commander', /^unknown command '/.test(text) && COMMANDS.length > 0 ? `${text}; commands: ${list(COMMANDS)}` : text),
  cannotRead: (file: string, why: string) => usage('cannot-read', `cannot read ${quote(file)}: ${why}`),
  badSavedFile: (file: string, why: string) =>
    usage('bad-saved-file', `${quote(file)} is not a counterexample saved by mc check --json or --itf: ${why}`),
  replayUnknownSpec: (file: string, spec: string, specs: readonly string[]) =>
    usage('replay-unknown-spec', `${quote(file)} is from spec ${quote(spec)}, which mc does not know; specs: ${list(specs)}`),
  replayOtherSpec: (file: string, fileSpec: string, spec: string) =>
    usage('replay-other-spec', `${quote(file)} is a counterexample of spec ${fileSpec}, not ${spec}; drop --spec or give --spec ${fileSpec}`),
  replayParams: (file: string, why: string) =>
    usage('replay-params', `the parameters do not match ${quote(file)}: ${why}`),
  replayNoCounterexample: (file: string, unbuilt: readonly string[] = []) =>
    usage(
      'replay-no-counterexample',
      unbuilt.length === 0
        ? `${quote(file)} has no counterexample to replay (no property is violated in it)`
        : `${quote(file)} has no counterexample to replay: ${violatedUnbuilt(unbuilt, ' in it', 'the run was interrupted')}`,
    ),
  diffMissingVariant: (flag: string, spec: string, variants: readonly string[]) =>
    usage('diff-missing-variant', `mc diff needs ${flag} <id>; variants of spec ${spec}: ${list(variants)}`),
  diffNoVariants: (spec: string) => usage('diff-no-variants', `spec ${spec} has no variants to compare`),
  matrixCellNeedsDir: () => usage('matrix-cell-needs-dir', '--cell K needs --json DIR, where the cell writes cell-K.json'),
  matrixBadCell: (value: string, cells: number) =>
    usage('matrix-bad-cell', `--cell must be a cell index in 0..${cells - 1} (see mc matrix --list), got ${quote(value)}`),
  matrixJsonNotStdout: () =>
    usage('matrix-json-stdout', '--json DIR names the directory for the cell files and cannot be stdout (-); for the table as JSON on stdout use --format json'),
  matrixConflict: (flag: string, other: string, why: string) =>
    usage('matrix-conflict', `${flag} cannot be combined with ${other}: ${why}; drop ${other}`),
  matrixListFormat: (format: string) =>
    usage('matrix-list-format', `--list prints the cells as text or, with --format json, as a JSON array; got --format ${format}`),
  matrixEmptyRange: (flag: string, range: string, from: number, to: number) =>
    usage(
      'matrix-empty-range',
      `${flag} range ${quote(range)} runs downwards and selects nothing; write a range low..high (${to}..${from}) or a list (${Array.from({ length: from - to + 1 }, (_, i) => from - i).join(',')})`,
    ),
  matrixBadFormat: (value: string, formats: readonly string[]) =>
    usage('matrix-bad-format', `--format must be one of ${list(formats)}, got ${quote(value)}`),
  matrixNoCells: (dir: string) => usage('matrix-no-cells', `${quote(dir)} has no cell-K.json files (write them with mc matrix --cell K --json DIR)`),
  matrixBadCellFile: (file: string, why: string) => usage('matrix-bad-cell-file', `${quote(file)} is not an mc matrix cell: ${why}`),
  matrixMixedCells: (dir: string, a: number, b: number) =>
    usage('matrix-mixed-cells', `${quote(dir)} mixes cells of different matrices (cells ${a} and ${b}); give every --cell run the same flags`),
  matrixMissingCells: (dir: string, missing: readonly number[], cells: number) =>
    usage('matrix-missing-cells', `${quote(dir)} lacks cell${missing.length === 1 ? '' : 's'} ${list(missing.map(String))} of ${cells} (run mc matrix --cell K --json DIR for each)`),
  matrixBadExpect: (file: string, why: string) => usage('matrix-bad-expect', `cannot use --expect file ${quote(file)}: ${why}`),
  matrixStopped: (signal: string, done: number, cells: number) =>
    ({ id: 'matrix-stopped', exit: EXIT.INCOMPLETE, text: `matrix stopped by ${signal} after ${done} of ${cells} cells; no table (the cells' processes were stopped too)` }) as Message,
  matrixCellFailed: (cell: number, code: number | null, line: string) =>
    ({ id: 'matrix-cell-failed', exit: EXIT.INTERNAL, text: `cell ${cell} failed (exit ${code ?? 'signal'}): ${line.replace(/^mc: /, '')}; no table (the other cells' processes were stopped)` }) as Message,
  replayUnknownAction: (file: string, where: string, action: string, model: string, examples: readonly string[]) =>
    usage(
      'replay-unknown-action',
      `${quote(file)}: ${where} is ${quote(action)}, which is no step of ${model}; steps are named as in the spec's model (docs/MODEL.md §4), e.g. ${list(examples)}`,
    ),
  replayContradictsRecord: (file: string, variant: string, what: string) =>
    usage('replay-contradicts-record', `${quote(file)} does not replay on ${variant}, where it was recorded: ${what}; the file was edited, or written by another version of mc`),
  replayUnknownProperty: (name: string, file: string, violated: readonly string[]) =>
    usage('replay-unknown-property', `${quote(file)} has no counterexample of ${quote(name)}; counterexamples: ${list(violated)}`),
  /** Not an error exit: the verdict stands and was printed; the exit code stays the verdict's. */
  writeFailed: (file: string, why: string) =>
    ({ id: 'write-failed', exit: EXIT.INTERNAL, text: `could not write ${quote(file)}: ${why}` }) as Message,
  fileNotWritten: (flag: string, file: string, why: string) =>
    ({
      id: 'file-not-written',
      exit: EXIT.INTERNAL,
      text: `could not write ${flag} file ${quote(file)}: ${why} (the file was left as it was; the report above and the exit code are the verdict's)`,
    }) as Message,
  stdoutFailed: (why: string) =>
    ({ id: 'stdout-failed', exit: EXIT.INTERNAL, text: `could not write to stdout: ${why}; the report is lost` }) as Message,
  /** A mistake in a spec (explorer/spec-check.ts): the spec's author fixes it, not mc's. */
  specError: (spec: string, rule: string, detail: string, state?: string) =>
    ({
      id: 'spec-error',
      exit: EXIT.INTERNAL,
      text: `spec error in spec ${spec}: ${rule}: ${detail}${state !== undefined ? `; state: ${state}` : ''}`,
    }) as Message,
  internal: (why: string) =>
    ({ id: 'internal', exit: EXIT.INTERNAL, text: `internal error: ${why} (set MC_DEBUG=1 for the stack trace)` }) as Message,
} as const;

/** Characters a terminal acts on instead of showing: C0 and C1 controls, DEL, the Unicode line and paragraph separators. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` with every control character written as an escape (`\n`, `\u001b`, as JSON writes them):
 * a value typed with a newline, or a file's bytes quoted in a reason, can then neither make a
 * message several lines nor act on the terminal.
 */
export function visible(text: string): string {
  return text.replace(CONTROL_CHARS, (c) => NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** How every message is printed on stderr: `mc: `, the text on one line, control characters escaped. */
export function errorLine(text: string): string {
  return `mc: ${visible(text)}\n`;
}

/** Commander's errors can span lines (`(Did you mean --x?)`): make them one line without its prefix. */
export function commanderText(text: string): string {
  return text
    .replace(/^error:\s*/i, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join(' ');
}
