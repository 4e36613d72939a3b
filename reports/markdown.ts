/**
 * Markdown for patch and PR reviews: the verdict table, then each counterexample as a numbered
 * list and, in a collapsible section, a Mermaid sequence diagram. It stays under GitHub's
 * 65,536-character limit for a comment by eliding the middle of very long traces, with a marker
 * that says which steps were left out.
 */
import type { Counterexample, PropertyResult, Result, TraceStep, Verdict } from '../explorer/result';
import {
  VERDICT_SYMBOL,
  caveatMarks,
  caveatNotesOf,
  change,
  completionLine,
  count,
  duration,
  inevitableLine,
  initialViolation,
  params,
  processSentence,
  shapeLine,
  stopsForGood,
  stepName,
  exactNote,
  violationMark,
  type CaveatNote,
} from './format';
import { formatSource } from '../explorer/source-location';
import { sequenceDiagram, type Elision } from './mermaid';
import { coverageMarkdown } from './coverage';
import { notBuiltNote } from './terminal';

/** Escapes text so that Markdown shows it literally (inside a paragraph or a table cell). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]<|]/g, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/^([#>+-])/, '\\$1');
}

/** A code span that survives backticks inside. */
export function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** GitHub's limit on a comment or PR description, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export function renderMarkdown(result: Result, limit = GITHUB_COMMENT_LIMIT): string {
  const full = render(result, undefined);
  if (full.length <= limit) return full;
  // Keep the first and last `keep` steps of every long trace: the largest `keep` that fits.
  let lo = 1;
  let hi = Math.max(1, ...result.properties.map((p) => Math.ceil((p.counterexample?.steps.length ?? 0) / 2)));
  let best = render(result, 1);
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const text = render(result, mid);
    if (text.length <= limit) {
      best = text;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** The run's caveats, each marked when it names a property (its verdict's cell carries the mark). */
export function runCaveats(result: Result): CaveatNote[] {
  return caveatNotesOf([{ variant: result.run.variant ?? result.run.spec, caveats: result.run.caveats ?? [] }], result.properties.map((p) => p.name));
}

/**
 * The run's caveats as notes, each followed by a blank line, to go right under the verdicts: a
 * review that quotes the table quotes the reason a ✓ holds with it (docs/PROPERTIES.md too). A
 * caveat that names a property starts with the mark its verdict's cell has (`verdictCell`).
 */
export function caveatNotes(result: Result): string[] {
  return runCaveats(result).flatMap((n) => [`${footnote(n)}**Note:** ${escapeMarkdown(n.text)}`, '']);
}

/** `\* ` before a marked caveat's note, nothing before another. */
export function footnote(note: CaveatNote): string {
  return note.mark !== undefined ? `${escapeMarkdown(note.mark)} ` : '';
}

/** A verdict in a table cell, `✓ holds`, with the marks of the caveats that qualify it: `✓ holds\*`. */
export function verdictCell(verdict: Verdict, notes: readonly CaveatNote[], variant: string, property: string): string {
  return `${VERDICT_SYMBOL[verdict]} ${verdict}${escapeMarkdown(caveatMarks(notes, variant, property))}`;
}

/** The middle steps to leave out of a trace when only `keep` at each end are shown. */
export function elisionFor(cx: Counterexample, keep: number | undefined): Elision | undefined {
  if (keep === undefined || cx.steps.length <= 2 * keep + 1) return undefined;
  return { from: keep, to: cx.steps.length - keep - 1 };
}

function render(result: Result, keep: number | undefined): string {
  const { run } = result;
  const out: string[] = [];
  const variant = run.variant !== undefined ? `, variant ${code(run.variant)}` : '';
  out.push(`### mc: spec ${code(run.spec)}${variant} (${escapeMarkdown(params(run))})`, '');
  for (const warning of result.warnings ?? []) out.push(`> **warning:** ${escapeMarkdown(warning)}`, '');

  out.push('| property | verdict | counterexample |', '|---|---|---|');
  const caveats = runCaveats(result);
  for (const prop of result.properties) {
    const cx = prop.counterexample;
    const notBuilt = notBuiltNote(result, prop);
    const cell = cx ? escapeMarkdown(shapeLine(cx)) : notBuilt !== undefined ? `*${escapeMarkdown(notBuilt)}*` : '';
    out.push(`| ${escapeMarkdown(prop.name)} | ${verdictCell(prop.verdict, caveats, run.variant ?? run.spec, prop.name)} | ${cell} |`);
  }
  out.push('', ...caveatNotes(result));
  if (result.coverage) out.push(...coverageMarkdown(result.coverage, result.run.symmetry), '');
  const s = result.stats;
  const search = result.completion.complete ? '' : '**';
  out.push(
    `${search}${escapeMarkdown(completionLine(result))}${search}. ` +
      `${count(s.generated)} generated, ${count(s.distinct)} distinct, depth ${s.depth}, ${duration(s.seconds)}; ` +
      `symmetry ${run.symmetry ? 'on' : 'off'}, ${run.workers} worker${run.workers === 1 ? '' : 's'}` +
      `${s.exact === true ? `; no fingerprint collision (${exactNote(s)})` : ''}.`,
  );

  for (const prop of result.properties) {
    if (prop.counterexample) out.push('', ...counterexample(result.processes, prop, prop.counterexample, elisionFor(prop.counterexample, keep)));
  }
  return out.join('\n') + '\n';
}

/**
 * A counterexample's steps as a numbered list (`item` renders one step, given what to say when it
 * is the violation), a lasso's cycle marked, and with `elision` the middle steps replaced by one
 * italic line saying which steps were left out and `why` (and where the whole trace is).
 */
export function stepList(
  prop: PropertyResult,
  cx: Counterexample,
  elision: Elision | undefined,
  why: string,
  item: (step: TraceStep, index: number, mark: string | undefined) => string[],
): string[] {
  const out: string[] = [];
  cx.steps.forEach((step, i) => {
    if (elision && i === elision.from) out.push('', `*… steps ${elision.from + 1} to ${elision.to + 1} elided ${why} …*`, '');
    if (elision && i >= elision.from && i <= elision.to) return;
    const cycleHidden = elision !== undefined && cx.loopStart !== undefined && cx.loopStart >= elision.from && cx.loopStart <= elision.to;
    if (cx.shape === 'lasso' && cycleHidden && i === elision!.to + 1) out.push(`*cycle: the steps from ${cx.loopStart! + 1} on repeat forever*`, '');
    if (cx.shape === 'lasso' && cx.loopStart === i) {
      if (i > 0) out.push('');
      out.push('*cycle: the following steps repeat forever*', '');
    }
    out.push(...item(step, i, violationMark(prop, cx, i)));
  });
  return out;
}

/**
 * One step as a list item, `stepList`'s `item` for every Markdown report of a counterexample
 * (`--markdown`, docs/PROPERTIES.md): the step's normative name and its sentence in the kernel's
 * words (bold, marked ✗, where the violation shows), then under it the kernel source it models
 * and the state it changed, so that the step that causes the violation is visible without the
 * diagram.
 */
export function stepItem(step: TraceStep, i: number, mark: string | undefined): string[] {
  const text = `${code(stepName(step))} ${escapeMarkdown(step.label)}`;
  const lines = [`${i + 1}. ${mark ? `**${text}** ✗ ${escapeMarkdown(mark)}` : text}`];
  const where = step.source !== undefined ? `*${escapeMarkdown(formatSource(step.source))}*` : undefined;
  const changed = step.changes.map((c) => code(change(c))).join(', ');
  const under = where !== undefined && changed !== '' ? `${where}: ${changed}` : (where ?? changed);
  if (under !== '') lines.push(`${' '.repeat(String(i + 1).length + 2)}<br>${under}`);
  return lines;
}

/**
 * What goes between a counterexample's summary and its steps (this file's reports and
 * docs/PROPERTIES.md alike): where a failure at quiescence became certain, and the initial
 * state's own mark when the failure is there already. Each paragraph is followed by a blank line.
 */
export function beforeSteps(prop: PropertyResult, cx: Counterexample): string[] {
  const out: string[] = [];
  const certain = inevitableLine(prop, cx);
  if (certain !== undefined) out.push(escapeMarkdown(certain), '');
  const atStart = initialViolation(prop, cx);
  if (atStart) out.push(`**${escapeMarkdown(atStart)}**`, '');
  return out;
}

/**
 * What each process is doing in a lasso's cycle (or at its end), under a heading that says which:
 * shared with docs/PROPERTIES.md, where a bare list after the cycle's last step read as part of it.
 */
export function processList(cx: Counterexample): string[] {
  if (!cx.processes || cx.processes.length === 0) return [];
  return [
    '',
    cx.shape === 'lasso' && !stopsForGood(cx) ? 'Processes in the cycle:' : 'Processes at the end:',
    '',
    ...cx.processes.map((ps) => `- **${escapeMarkdown(ps.process)}** ${escapeMarkdown(processSentence(ps))}`),
  ];
}

/** The Mermaid diagram of a counterexample in a collapsible section (none for a trace of no steps). */
export function diagramSection(processes: readonly string[], prop: PropertyResult, cx: Counterexample, elision: Elision | undefined): string[] {
  if (cx.steps.length === 0) return [];
  return ['<details>', '<summary>Sequence diagram</summary>', '', '```mermaid', sequenceDiagram(processes, prop, cx, elision), '```', '', '</details>'];
}

function counterexample(processes: readonly string[], prop: PropertyResult, cx: Counterexample, elision: Elision | undefined): string[] {
  const out: string[] = [];
  out.push(`#### ✗ ${escapeMarkdown(prop.name)} (${escapeMarkdown(shapeLine(cx))})`, '');
  out.push(escapeMarkdown(cx.summary), '', ...beforeSteps(prop, cx));

  const why = "to stay under GitHub's comment limit (the full trace is in `--json`, `--itf` or `--sarif`)";
  out.push(...stepList(prop, cx, elision, why, stepItem));

  if (stopsForGood(cx)) out.push('', '*no process can step any more: the last state repeats forever*');
  out.push(...processList(cx));
  const diagram = diagramSection(processes, prop, cx, elision);
  if (diagram.length > 0) out.push('', ...diagram);
  return out;
}
