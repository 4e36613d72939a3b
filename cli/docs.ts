/**
 * `mc docs`: searches every variant of a spec at one set of bounds and writes
 * docs/PROPERTIES.md (reports/properties.ts): what holds, with its certificate, or the shortest
 * counterexample. Exit 0 once written, 3 when a search stopped early (the file says so).
 */
import * as path from 'path';
import type { Command } from 'commander';
import { explore } from '../explorer';
import type { Result } from '../explorer/result';
import { renderPropertiesDoc } from '../reports/properties';
import { EXIT, type ExitCode } from './exit-codes';
import { fail, MSG } from './messages';
import { packageRoot, specHash } from './package-info';
import { createStatusLine } from './progress';
import { runInfo } from './run-info';
import { mcVersion } from './version';
import { parseWorkers } from './parse';
import { defaultWorkers, workerBound } from './workers';
import { writeAtomically } from './atomic-write';
import { checkOutputValue, validateOutputFile } from './output-paths';
import { givenParams, resolveParams, type ParamOptions } from './spec-params';
import { checkSymmetryAsked } from './symmetry-flags';
import { DEFAULT_SPEC, findSpec } from './specs';
import { PROPERTIES_FILE } from './docs-command';

/** Runs the command with its parsed flags (docs-command.ts); the exit code. */
export async function runDocs(opts: Record<string, unknown>, command: Command, params: ParamOptions): Promise<ExitCode> {
  if (typeof opts['output'] === 'string') checkOutputValue('--output', opts['output']);
  const extra = command.args[0];
  if (extra !== undefined) fail(MSG.unexpectedArgument(extra, false, 'docs'));
  const { entry, definition: spec } = findSpec(opts['spec'] as string);
  checkSymmetryAsked(command, spec);
  const resolved = resolveParams(spec, givenParams(opts, params));
  const workers = typeof opts['workers'] === 'string' ? parseWorkers(opts['workers'], workerBound()) : defaultWorkers();
  // Last, and before any search: the file must be writable now, not after minutes of work.
  const output = typeof opts['output'] === 'string' ? opts['output'] : defaultOutput(spec.name);
  validateOutputFile('--output', output);
  const symmetry = spec.symmetry && opts['symmetry'] === true && command.getOptionValueSource('symmetry') === 'cli';
  let hash: string;
  try {
    hash = specHash(entry);
  } catch (e) {
    return fail(MSG.internal(e instanceof Error ? e.message : String(e)));
  }
  const variants = spec.variants && spec.variants.length > 0 ? spec.variants : [undefined];
  const searched: { info: (typeof variants)[number]; result: Result }[] = [];
  const status = createStatusLine(process.stderr.isTTY === true && opts['quiet'] !== true);
  try {
    for (const [i, info] of variants.entries()) {
      const args = { ...(info ? { variant: info.id } : {}), params: resolved };
      status.show(`mc docs: ${info?.id ?? spec.name} (${i + 1}/${variants.length})...`);
      searched.push({ info, result: await explore({ module: entry.module, args }, runInfo(spec, args), { workers, symmetry, coverage: true, exact: true }) });
    }
  } finally {
    status.clear();
  }
  const text = renderPropertiesDoc({
    spec: spec.name,
    summary: spec.summary,
    limitations: spec.limitations ?? [],
    specHash: hash,
    sources: entry.sources,
    version: mcVersion(),
    variants: searched.map(({ info, result }) => ({
      ...(info ? { id: info.id, version: info.version, summary: info.summary, ...(info.patches ? { patches: info.patches } : {}) } : {}),
      result,
    })),
  });
  if (output === '-') process.stdout.write(text);
  else {
    try {
      writeAtomically(output, text);
    } catch (e) {
      fail(MSG.writeFailed(output, e instanceof Error ? e.message : String(e)));
    }
    process.stdout.write(`mc docs: wrote ${shortPath(output)} (${searched.length} variant${searched.length === 1 ? '' : 's'}, spec hash ${hash})\n`);
  }
  return searched.every((s) => s.result.completion.complete) ? EXIT.OK : EXIT.INCOMPLETE;
}

/**
 * The repository's docs/PROPERTIES.md, the file the spec hash certifies, wherever inside the
 * repository `mc docs` runs. Outside it there is no sensible default: a `docs/` of another
 * project is not where this file belongs, so the user chooses with --output.
 */
function defaultOutput(spec: string): string {
  // The committed file documents the default spec; another spec's document must not replace it.
  if (spec !== DEFAULT_SPEC) fail(MSG.docsOtherSpecNeedsOutput(spec, PROPERTIES_FILE, DEFAULT_SPEC));
  const root = packageRoot();
  const cwd = process.cwd();
  if (relativeInside(root, cwd) === undefined) fail(MSG.docsOutsideRepository(path.join(root, PROPERTIES_FILE), cwd));
  return path.join(root, PROPERTIES_FILE);
}

/** A path as the user reads it best: relative to the current directory when inside it. */
function shortPath(file: string): string {
  return relativeInside(process.cwd(), path.resolve(file)) || file;
}

/** `target` relative to `dir` when it is `dir` itself ('') or inside it; undefined outside. */
function relativeInside(dir: string, target: string): string | undefined {
  const rel = path.relative(dir, target);
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel;
}
