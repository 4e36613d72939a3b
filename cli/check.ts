/** `mc check`: validate the flags against the chosen spec, run the search, report, exit. */
import * as fs from 'fs';
import * as path from 'path';
import { explore } from '../explorer';
import type { ExploreOptions } from '../explorer/options';
import type { Result } from '../explorer/result';
import type { SpecArgs, SpecDefinition } from '../explorer/spec';
import { checkDeclaration, checkModelShape } from '../explorer/spec-check';
import { asSpecError } from '../explorer/spec-error';
import { writeAtomically } from './atomic-write';
import { validateOutputs } from './output-paths';
import { runInfo } from './run-info';
import { onStopSignals } from './stop-signals';
import { takeThreadsAhead } from './threads-ahead';
import { defaultWorkers, workerBound } from './workers';
import { renderTerminal, renderVerdicts } from '../reports/terminal';
import { DEFAULT_TRACE_STYLE, TRACE_STYLES, type TraceStyle } from '../reports/trace-styles';
import type { ExitCode } from './exit-codes';
import { errorLine, fail, MSG } from './messages';
import { flagOf, type OutputFormat } from './output-formats';
import { expectReport, outcome, unbuiltViolations } from './outcome';
import {
  parseExpect,
  parseParam,
  parsePositiveInteger,
  parseSeconds,
  parseSize,
  parseWorkers,
  type ExpectedVerdict,
} from './parse';
import { createProgress } from './progress';
import { expectableProperties, findSpec, paramRange } from './specs';

/** One requested output: a format and the file the user named (`-` is stdout). */
export interface OutputRequest {
  readonly format: OutputFormat;
  readonly file: string;
}

/** The raw option values commander collected (strings, unvalidated). */
export interface CheckFlags {
  readonly spec: string;
  readonly variant?: string;
  readonly workers?: string;
  readonly symmetry: boolean;
  /** The report files asked for (`--json`, `--sarif`, ...), in the order of OUTPUT_FORMATS. */
  readonly outputs?: readonly OutputRequest[];
  readonly traceStyle?: string;
  readonly maxStates?: string;
  readonly maxSeconds?: string;
  readonly maxMemory?: string;
  readonly stopOnViolation?: boolean;
  readonly exact?: boolean;
  readonly coverage?: boolean;
  readonly expect?: readonly string[];
  readonly quiet?: boolean;
  /** Spec parameter flags, by parameter name (only those the user gave). */
  readonly params: Readonly<Record<string, string>>;
  /** Parameter flags of other specs that the user gave (always an error). */
  readonly foreign: readonly string[];
}

/** Everything a search needs, validated. */
export interface CheckPlan {
  readonly module: string;
  readonly spec: SpecDefinition;
  readonly variant?: string;
  readonly params: Readonly<Record<string, number>>;
  readonly options: Omit<ExploreOptions, 'onProgress' | 'signal'>;
  readonly outputs: readonly OutputRequest[];
  readonly traceStyle: TraceStyle;
  readonly expect?: ReadonlyMap<string, ExpectedVerdict>;
  readonly quiet: boolean;
}

/** Validates every flag, in the order a user would fix them: spec, variant, parameters, the rest. */
export function planCheck(flags: CheckFlags): CheckPlan {
  const { entry, definition: spec } = findSpec(flags.spec);

  let variant: string | undefined;
  const variants = spec.variants ?? [];
  if (variants.length === 0) {
    if (flags.variant !== undefined) fail(MSG.noVariants(spec.name));
  } else {
    variant = flags.variant ?? spec.defaultVariant;
    const ids = variants.map((v) => v.id);
    if (variant === undefined) fail(MSG.missingVariant(spec.name, ids));
    if (!ids.includes(variant)) fail(MSG.unknownVariant(spec.name, variant, ids));
  }

  const paramFlags = spec.parameters.map((p) => `--${p.name} ${paramRange(p)}`);
  if (flags.foreign.length > 0) fail(MSG.paramOfOtherSpec(`--${flags.foreign[0]}`, spec.name, paramFlags));
  const params: Record<string, number> = {};
  for (const p of spec.parameters) {
    const raw = flags.params[p.name];
    params[p.name] = raw === undefined ? p.default : parseParam(`--${p.name}`, raw, p.min, p.max);
  }

  const workers = flags.workers !== undefined ? parseWorkers(flags.workers, workerBound()) : defaultWorkers();
  const maxStates = flags.maxStates !== undefined ? parsePositiveInteger('--max-states', flags.maxStates) : undefined;
  const maxSeconds = flags.maxSeconds !== undefined ? parseSeconds(flags.maxSeconds) : undefined;
  const maxMemory = flags.maxMemory !== undefined ? parseSize('--max-memory', flags.maxMemory) : undefined;

  const expect =
    flags.expect !== undefined && flags.expect.length > 0
      ? parseExpect(flags.expect, spec.name, expectableProperties(spec))
      : undefined;

  const traceStyle = flags.traceStyle ?? DEFAULT_TRACE_STYLE;
  if (!isTraceStyle(traceStyle)) fail(MSG.badTraceStyle(traceStyle, TRACE_STYLES));

  // Last: whether the files can be written is worth checking only once the rest is right.
  const outputs = validateOutputs(flags.outputs ?? [], expectableProperties(spec));

  return {
    module: entry.module,
    spec,
    ...(variant !== undefined ? { variant } : {}),
    params,
    options: {
      workers,
      symmetry: spec.symmetry && flags.symmetry,
      ...(maxStates !== undefined ? { maxStates } : {}),
      ...(maxSeconds !== undefined ? { maxSeconds } : {}),
      ...(maxMemory !== undefined ? { maxMemory } : {}),
      stopOnViolation: flags.stopOnViolation ?? false,
      ...(flags.exact === true ? { exact: true } : {}),
      ...(flags.coverage === true ? { coverage: true } : {}),
    },
    outputs,
    traceStyle,
    ...(expect ? { expect } : {}),
    quiet: flags.quiet ?? false,
  };
}

/** Runs the planned search and writes every requested report. Returns the exit code. */
export async function runCheck(plan: CheckPlan): Promise<ExitCode> {
  const stdoutTaken = plan.outputs.some((o) => o.file === '-');
  const tty = process.stdout.isTTY === true;
  const progress = createProgress(tty && !plan.quiet && !stdoutTaken);

  const controller = new AbortController();
  const stopListening = onStopSignals(controller, () => progress.stop());

  let result: Result;
  try {
    // The declaration the CLI built its help and --expect from must match the model.
    const model: unknown = plan.spec.build(args(plan));
    checkModelShape(model);
    checkDeclaration(plan.spec.propertyNames, model);
    result = await explore(
      { module: plan.module, args: args(plan) },
      runInfo(plan.spec, args(plan)),
      { ...plan.options, threads: takeThreadsAhead(), onProgress: (p) => progress.update(p), signal: controller.signal },
    );
  } catch (e) {
    const mistake = asSpecError(e);
    if (mistake) fail(MSG.specError(plan.spec.name, mistake.rule, mistake.detail, mistake.state));
    throw e;
  } finally {
    progress.stop();
    stopListening();
  }

  const verdict = outcome(result, plan.expect);
  // Files first, so that a report on stdout is complete before any line about a failed file.
  const failed: string[] = [];
  const notes: string[] = [];
  for (const { format, file } of plan.outputs) writeOutput(format, file, result, failed, notes);
  if (!stdoutTaken) {
    const color = colorWanted(tty);
    process.stdout.write(plan.quiet ? renderVerdicts(result, { color }) : renderTerminal(result, { color, traceStyle: plan.traceStyle }));
  }
  if (plan.expect) {
    // With a report on stdout, the differences follow it; with JSON or Markdown on stdout, they go to stderr.
    (stdoutTaken ? process.stderr : process.stdout).write((stdoutTaken ? '' : '\n') + expectReport(verdict, plan.expect));
  }
  // A lost file does not change the verdict, which was printed: one line each, the verdict's exit code.
  for (const line of failed) process.stderr.write(errorLine(line));
  if (!plan.quiet) for (const line of notes) process.stderr.write(errorLine(line));
  return verdict.exit;
}

function args(plan: CheckPlan): SpecArgs {
  return { ...(plan.variant !== undefined ? { variant: plan.variant } : {}), params: plan.params };
}

/** Colour on a terminal unless NO_COLOR is set; FORCE_COLOR (not 0) forces it anywhere. */
function colorWanted(tty: boolean): boolean {
  const force = process.env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0') return true;
  return tty && !process.env['NO_COLOR'];
}

/**
 * One requested report: its files (ITF may make several, or none when nothing is violated). After
 * a complete run, files of the same name that an earlier run wrote and this one does not are
 * removed, so that what is on disk under that name is this run's report and nothing else; a run
 * that stopped early keeps them (`notes`, or the line saying there is nothing to write, says which).
 */
function writeOutput(format: OutputFormat, file: string, result: Result, failed: string[], notes: string[]): void {
  let files;
  try {
    files = format.files(result, file);
  } catch (e) {
    // A renderer that cannot render this result (a spec without a typed view for --itf).
    return fail(MSG.writeFailed(file, e instanceof Error ? e.message : String(e)));
  }
  const complete = result.completion.complete;
  const relative = (f: string) => path.relative(path.dirname(path.resolve(file)), f);
  // A stopped run keeps them: it decided too little to say that they no longer apply.
  const stale = format.stale && file !== '-' ? format.stale(file, files.map((f) => f.file)) : [];
  const kept = complete ? [] : stale.map(relative);
  if (files.length === 0) process.stderr.write(errorLine(MSG.nothingToWrite(flagOf(format), unbuiltViolations(result), !complete, kept).text));
  else if (kept.length > 0) notes.push(MSG.staleKept(flagOf(format), kept).text);
  for (const f of files) {
    if (f.file === '-') {
      process.stdout.write(f.text);
      continue;
    }
    try {
      writeAtomically(f.file, f.text);
    } catch (e) {
      failed.push(MSG.fileNotWritten(flagOf(format), f.file, e instanceof Error ? e.message : String(e)).text);
    }
  }
  if (!complete) return;
  const removed: string[] = [];
  for (const old of stale) {
    try {
      fs.unlinkSync(old);
      removed.push(relative(old));
    } catch (e) {
      failed.push(MSG.staleNotRemoved(flagOf(format), old, e instanceof Error ? e.message : String(e)).text);
    }
  }
  if (removed.length > 0) notes.push(MSG.staleRemoved(flagOf(format), removed).text);
}

function isTraceStyle(s: string): s is TraceStyle {
  return (TRACE_STYLES as readonly string[]).includes(s);
}
