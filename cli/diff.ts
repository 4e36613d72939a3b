/**
 * `mc diff --base ID --patched ID`: both variants searched with the same parameters, every
 * property classified (fixed, introduced, kept), each change with its witness replayed across.
 * Exit 0 when the patched variant violates nothing, 1 when it still (or newly) violates a
 * property, 3 when a search stopped early without a violation on the patched variant.
 */
import type { Command } from 'commander';
import { explore } from '../explorer';
import type { Progress } from '../explorer/options';
import type { Result } from '../explorer/result';
import { recordedViolation, replaySchedule } from '../explorer/schedule';
import type { SpecDefinition } from '../explorer/spec';
import { classify, renderDiff, type PropertyChange, type VariantDiff } from '../reports/diff';
import { renderDiffMarkdown } from '../reports/diff-markdown';
import { writeAtomically } from './atomic-write';
import { validateOutputFile } from './output-paths';
import { count } from '../reports/format';
import { EXIT, type ExitCode } from './exit-codes';
import { fail, MSG } from './messages';
import { outcome } from './outcome';
import { parseWorkers } from './parse';
import { createStatusLine } from './progress';
import { runInfo } from './run-info';
import { onStopSignals } from './stop-signals';
import { defaultWorkers, workerBound } from './workers';
import { givenParams, resolveParams, type ParamOptions } from './spec-params';
import { findSpec } from './specs';
import { checkSymmetryAsked } from './symmetry-flags';
import { patchDifference } from './variant-patches';

/** Runs the command with its parsed flags (diff-command.ts); the exit code. */
export async function runDiff(opts: Record<string, unknown>, command: Command, params: ParamOptions): Promise<ExitCode> {
  const spec = findSpec(opts['spec'] as string).definition;
  checkSymmetryAsked(command, spec);
  const ids = (spec.variants ?? []).map((v) => v.id);
  if (ids.length === 0) fail(MSG.diffNoVariants(spec.name));
  const base = variantFlag(spec, '--base', opts['base'], ids);
  const patched = variantFlag(spec, '--patched', opts['patched'], ids);
  const resolved = resolveParams(spec, givenParams(opts, params));
  const workers = typeof opts['workers'] === 'string' ? parseWorkers(opts['workers'], workerBound()) : defaultWorkers();
  const quiet = opts['quiet'] === true;
  const markdown = typeof opts['markdown'] === 'string' ? opts['markdown'] : undefined;
  // Before the searches: a name that cannot be written is said at once, not after minutes.
  if (markdown !== undefined) validateOutputFile('--markdown', markdown);
  return diffVariants(spec, base, patched, resolved, { workers, symmetry: spec.symmetry && opts['symmetry'] !== false, exact: opts['exact'] === true }, quiet, markdown);
}

function variantFlag(spec: SpecDefinition, flag: string, value: unknown, ids: readonly string[]): string {
  if (typeof value !== 'string') return fail(MSG.diffMissingVariant(flag, spec.name, ids));
  if (!ids.includes(value)) fail(MSG.unknownVariant(spec.name, value, ids));
  return value;
}

async function diffVariants(
  spec: SpecDefinition,
  base: string,
  patched: string,
  params: Record<string, number>,
  options: { workers: number; symmetry: boolean; exact: boolean },
  quiet: boolean,
  markdown?: string,
): Promise<ExitCode> {
  const module = findSpec(spec.name).entry.module;
  // As mc check's progress: on stdout only when it is a terminal and --quiet is off, and erased
  // before the report (a redirected report gets no status lines, whatever stderr is). The cursor
  // is not hidden, so nothing is left to restore if the run is killed.
  const out = process.stdout;
  const line = createStatusLine(out.isTTY === true && !quiet, out);
  // Ctrl-C (or SIGTERM, SIGHUP) stops a search as in mc check: what was decided is reported, the
  // rest is undecided, exit 3; killed outright, a long diff would end with nothing at all.
  const controller = new AbortController();
  const stopListening = onStopSignals(controller, () => line.clear());
  const search = async (variant: string, n: number): Promise<Result> => {
    const what = `  mc diff: searching ${variant} (${n} of 2)`;
    line.show(`${what}...`);
    const onProgress = (p: Progress) => line.show(`${what}: ${count(p.distinct)} distinct states, depth ${p.depth}`);
    // With coverage, so that the report can say which steps and outcomes the patch removes or adds.
    return explore({ module, args: { variant, params } }, runInfo(spec, { variant, params }), { ...options, coverage: true, onProgress, signal: controller.signal });
  };
  let baseResult: Result;
  let patchedResult: Result;
  try {
    baseResult = await search(base, 1);
    patchedResult = await search(patched, 2);
  } finally {
    line.clear();
    stopListening();
  }
  const baseModel = spec.build({ variant: base, params });
  const patchedModel = spec.build({ variant: patched, params });
  const changes: PropertyChange[] = baseResult.properties.map((b) => {
    const p = patchedResult.properties.find((x) => x.name === b.name)!;
    const kind = classify(b, p);
    // Both variants' patches are asked at a step that differs: the report names those one has
    // and the other lacks, whichever side the replay runs on.
    // A violation an interrupt left without its counterexample has no witness.
    const witness =
      (kind === 'fixed' || kind === 'kept') && b.counterexample
        ? replaySchedule(patchedModel, recordedViolation(b), { patchesAlso: [baseModel] })
        : kind === 'introduced' && p.counterexample
          ? replaySchedule(baseModel, recordedViolation(p), { patchesAlso: [patchedModel] })
          : undefined;
    return { name: b.name, kind, base: b, patched: p, ...(witness ? { witness } : {}) };
  });
  // A spec that lists no patch for either variant says nothing about what one adds.
  const patches = patchDifference(spec, base, patched);
  const diff: VariantDiff = {
    base: baseResult,
    patched: patchedResult,
    ...(patches ? { added: patches.added, removed: patches.removed } : {}),
    changes,
  };
  if (markdown !== undefined && markdown !== '-') {
    try {
      writeAtomically(markdown, renderDiffMarkdown(diff));
    } catch (e) {
      fail(MSG.writeFailed(markdown, e instanceof Error ? e.message : String(e)));
    }
  }
  process.stdout.write(markdown === '-' ? renderDiffMarkdown(diff) : renderDiff(diff));
  const verdict = outcome(patchedResult).exit;
  return verdict === EXIT.OK || verdict === EXIT.VIOLATION ? verdict : outcome(baseResult).exit === EXIT.VIOLATION ? EXIT.INCOMPLETE : verdict;
}
