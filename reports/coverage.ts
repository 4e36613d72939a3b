/**
 * A run's coverage (`mc check --coverage`) as people read it: every step with how often it was
 * taken, its outcomes under it, and first of all the steps never taken, since a verdict holds over
 * none of their behaviour (a ✓ for WbPageTerminates says nothing when nfs_wb_page was never
 * entered).
 */
import type { Coverage } from '../explorer/result';
import { count } from './format';
import { code, escapeMarkdown } from './markdown';
import { pad, padStart, palette, type Palette } from './palette';

const untaken = (c: Coverage) => c.steps.filter((s) => s.taken === 0).map((s) => s.step);

/** Where a 0 was counted: every reachable state, or only those a stopped search explored. */
const explored = (c: Coverage) => (c.complete ? 'enabled in no reachable state' : 'not taken in the states explored before the search stopped');

/** One line: what was never taken, or that every step was. */
export function coverageSummary(c: Coverage): string {
  const none = untaken(c);
  if (!c.vocabulary) return `coverage: ${c.steps.length} steps taken (the spec lists no step vocabulary, Model.actions, so steps never taken cannot be named)`;
  if (none.length === 0) return `coverage: all ${c.steps.length} steps taken`;
  return `coverage: ${none.length} of ${c.steps.length} steps never taken (${explored(c)}): ${none.join(', ')}; no verdict says anything about them`;
}

/** The terminal's section: a row per step, its outcomes indented under it (the summary is under the verdicts). */
export function coverageLines(c: Coverage, p: Palette = palette(false)): string[] {
  const rows: [string, number][] = c.steps.flatMap((s) => [[s.step, s.taken] as [string, number], ...s.outcomes.map((o) => [`  [${o.outcome}]`, o.taken] as [string, number])]);
  const width = Math.max(...rows.map(([name]) => [...name].length), 4);
  const numbers = Math.max(...rows.map(([, n]) => count(n).length));
  const out = [p.bold('Coverage') + p.dim(' (transitions taken from the explored states, every process and choice together)')];
  for (const [name, n] of rows) {
    const line = `  ${pad(name, width)}  ${padStart(count(n), numbers)}`;
    out.push(n === 0 ? p.yellow(`${line}  never taken`) : line);
  }
  return out;
}

/** The summary under the verdicts (full report and `--quiet`), in yellow when a step was never taken. */
export function coverageVerdictLine(c: Coverage, p: Palette = palette(false)): string {
  const line = `  ${coverageSummary(c)}`;
  return untaken(c).length > 0 ? p.yellow(line) : line;
}

/** A table cell's text: GitHub ends a cell at any `|`, inside a code span too, unless escaped. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The Markdown report's section: the summary, then the table in a collapsed block. */
export function coverageMarkdown(c: Coverage): string[] {
  const rows = c.steps.flatMap((s) => [
    `| ${cell(code(s.step))} | ${count(s.taken)}${s.taken === 0 ? ' **never taken**' : ''} |`,
    ...s.outcomes.map((o) => `| &nbsp;&nbsp;${cell(code(`[${o.outcome}]`))} | ${count(o.taken)} |`),
  ]);
  return [
    `**${escapeMarkdown(coverageSummary(c).replace(/^coverage: /, 'Coverage: '))}**`,
    '',
    '<details>',
    '<summary>Steps taken, every process and choice together</summary>',
    '',
    '| step | taken |',
    '|---|---|',
    ...rows,
    '',
    '</details>',
  ];
}
