/** Markdown for patch and PR reviews: the verdict table, then each counterexample as a numbered list. */
import type { Counterexample, PropertyResult, Result } from '../explorer/result';
import {
  ROLE_TEXT,
  VERDICT_SYMBOL,
  change,
  completionLine,
  count,
  duration,
  initialViolation,
  params,
  processDetail,
  shapeLine,
  stopsForGood,
  stepName,
  violationMark,
} from './format';

/** Escapes text so that Markdown shows it literally (inside a paragraph or a table cell). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]<|]/g, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/^([#>+-])/, '\\$1');
}

/** A code span that survives backticks inside. */
function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

export function renderMarkdown(result: Result): string {
  const { run } = result;
  const out: string[] = [];
  const variant = run.variant !== undefined ? `, variant ${code(run.variant)}` : '';
  out.push(`### mc: spec ${code(run.spec)}${variant} (${escapeMarkdown(params(run))})`, '');
  for (const warning of result.warnings ?? []) out.push(`> **warning:** ${escapeMarkdown(warning)}`, '');

  out.push('| property | verdict | counterexample |', '|---|---|---|');
  for (const prop of result.properties) {
    const cx = prop.counterexample;
    out.push(
      `| ${escapeMarkdown(prop.name)} | ${VERDICT_SYMBOL[prop.verdict]} ${prop.verdict} | ${cx ? escapeMarkdown(shapeLine(cx)) : ''} |`,
    );
  }
  out.push('');
  const s = result.stats;
  const search = result.completion.complete ? '' : '**';
  out.push(
    `${search}${escapeMarkdown(completionLine(result))}${search}. ` +
      `${count(s.generated)} generated, ${count(s.distinct)} distinct, depth ${s.depth}, ${duration(s.seconds)}; ` +
      `symmetry ${run.symmetry ? 'on' : 'off'}, ${run.workers} worker${run.workers === 1 ? '' : 's'}.`,
  );

  for (const prop of result.properties) {
    if (prop.counterexample) out.push('', ...counterexample(prop, prop.counterexample));
  }
  return out.join('\n') + '\n';
}

function counterexample(prop: PropertyResult, cx: Counterexample): string[] {
  const out: string[] = [];
  out.push(`#### ✗ ${escapeMarkdown(prop.name)} (${escapeMarkdown(shapeLine(cx))})`, '');
  out.push(escapeMarkdown(cx.summary), '');
  const atStart = initialViolation(prop, cx);
  if (atStart) out.push(`**${escapeMarkdown(atStart)}**`, '');

  cx.steps.forEach((step, i) => {
    if (cx.shape === 'lasso' && cx.loopStart === i) {
      if (i > 0) out.push('');
      out.push('*cycle: the following steps repeat forever*', '');
    }
    const mark = violationMark(prop, cx, i);
    const text = `${code(stepName(step))} ${escapeMarkdown(step.label)}`;
    out.push(`${i + 1}. ${mark ? `**${text}** ✗ ${escapeMarkdown(mark)}` : text}`);
    if (step.changes.length > 0) {
      const indent = ' '.repeat(String(i + 1).length + 2);
      out.push(`${indent}<br>${step.changes.map((c) => code(change(c))).join(', ')}`);
    }
  });

  if (stopsForGood(cx)) out.push('', '*no process can step any more: the last state repeats forever*');
  if (cx.processes && cx.processes.length > 0) {
    out.push('', cx.shape === 'lasso' && !stopsForGood(cx) ? 'Processes in the cycle:' : 'Processes at the end:', '');
    for (const ps of cx.processes) {
      out.push(`- **${escapeMarkdown(ps.process)}** ${ROLE_TEXT[ps.role]}: ${escapeMarkdown(processDetail(ps.process, ps.detail))}`);
    }
  }
  return out;
}
