/** `mc check`: validate the flags against the chosen spec, run the search, report, exit. */
import * as fs from 'fs';
import * as os from 'os';
import { explore } from '../explorer';
import type { ExploreOptions } from '../explorer/options';
import type { Result } from '../explorer/result';
import type { SpecDefinition } from '../explorer/spec';
import { renderJson } from '../reports/json';
import { renderMarkdown } from '../reports/markdown';
import { renderTerminal, renderVerdicts } from '../reports/terminal';
import type { ExitCode } from './exit-codes';
import { fail, MSG } from './messages';
import { expectReport, outcome } from './outcome';
import {
  checkWritable,
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

/** The raw option values commander collected (strings, unvalidated). */
export interface CheckFlags {
  readonly spec: string;
  readonly variant?: string;
  readonly workers?: string;
  readonly symmetry: boolean;
  readonly json?: string;
  readonly markdown?: string;
  readonly maxStates?: string;
  readonly maxSeconds?: string;
  readonly maxMemory?: string;
  readonly stopOnViolation?: boolean;
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
  readonly json?: string;
  readonly markdown?: string;
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

  const workers = flags.workers !== undefined ? parseWorkers(flags.workers) : defaultWorkers();
  const maxStates = flags.maxStates !== undefined ? parsePositiveInteger('--max-states', flags.maxStates) : undefined;
  const maxSeconds = flags.maxSeconds !== undefined ? parseSeconds(flags.maxSeconds) : undefined;
  const maxMemory = flags.maxMemory !== undefined ? parseSize('--max-memory', flags.maxMemory) : undefined;

  const expect =
    flags.expect !== undefined && flags.expect.length > 0
      ? parseExpect(flags.expect, spec.name, expectableProperties(spec))
      : undefined;

  if (flags.json === '-' && flags.markdown === '-') fail(MSG.bothStdout());
  if (flags.json !== undefined) checkWritable('--json', flags.json);
  if (flags.markdown !== undefined) checkWritable('--markdown', flags.markdown);

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
    },
    ...(flags.json !== undefined ? { json: flags.json } : {}),
    ...(flags.markdown !== undefined ? { markdown: flags.markdown } : {}),
    ...(expect ? { expect } : {}),
    quiet: flags.quiet ?? false,
  };
}

export function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Runs the planned search and writes every requested report. Returns the exit code. */
export async function runCheck(plan: CheckPlan): Promise<ExitCode> {
  const stdoutTaken = plan.json === '-' || plan.markdown === '-';
  const tty = process.stdout.isTTY === true;
  const progress = createProgress(tty && !plan.quiet && !stdoutTaken);

  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) {
      // A second Ctrl-C: the user does not want to wait for the clean stop.
      progress.stop();
      process.exit(130);
    }
    controller.abort();
  };
  process.on('SIGINT', onSigint);

  let result: Result;
  try {
    result = await explore(
      { module: plan.module, args: { ...(plan.variant !== undefined ? { variant: plan.variant } : {}), params: plan.params } },
      { spec: plan.spec.name, ...(plan.variant !== undefined ? { variant: plan.variant } : {}), params: plan.params },
      { ...plan.options, onProgress: (p) => progress.update(p), signal: controller.signal },
    );
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
  }

  const verdict = outcome(result, plan.expect);
  if (plan.json !== undefined) emit(plan.json, renderJson(result));
  if (plan.markdown !== undefined) emit(plan.markdown, renderMarkdown(result));
  if (!stdoutTaken) {
    const color = colorWanted(tty);
    process.stdout.write(plan.quiet ? renderVerdicts(result, { color }) : renderTerminal(result, { color }));
  }
  if (plan.expect) {
    // With a report on stdout, the differences follow it; with JSON or Markdown on stdout, they go to stderr.
    (stdoutTaken ? process.stderr : process.stdout).write((stdoutTaken ? '' : '\n') + expectReport(verdict, plan.expect));
  }
  return verdict.exit;
}

/** Colour on a terminal unless NO_COLOR is set; FORCE_COLOR (not 0) forces it anywhere. */
function colorWanted(tty: boolean): boolean {
  const force = process.env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0') return true;
  return tty && !process.env['NO_COLOR'];
}

function emit(file: string, text: string): void {
  if (file === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    fs.writeFileSync(file, text);
  } catch (e) {
    fail(MSG.writeFailed(file, e instanceof Error ? e.message : String(e)));
  }
}
