/**
 * A counterexample as swim lanes (`--trace-style lanes`): one column per process (W1 W2 … F C),
 * so an interleaving reads as a schedule. Each step sits in its process's lane with the kernel
 * function it models; under it, in that lane, the outcome and only the fields that changed.
 */
import type { Counterexample, PropertyResult, TraceStep } from '../explorer/result';
import { CYCLE_START_LINE, change, initialViolation, lassoEndLine, violationMark } from './format';
import { pad, padStart, type Palette } from './palette';

/** A lane never grows past this: longer function names are cut with `…` (the list style has them whole). */
const MAX_LANE = 30;
const GAP = 2;

/** The lane cell of a step: the kernel function, else the step name of its action (`W1.close` → `close`). */
export function laneFunction(step: TraceStep): string {
  if (step.source) return step.source.function;
  const dot = step.action.indexOf('.');
  return dot >= 0 ? step.action.slice(dot + 1) : step.action;
}

function cut(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : chars.slice(0, width - 1).join('') + '…';
}

/** `processes`: the run's processes, in order; each has a lane, even one that never steps (W2 blocked on i_rwsem is part of the story). */
export function laneRows(processes: readonly string[], prop: PropertyResult, cx: Counterexample, p: Palette): string[] {
  const widths = processes.map((name) => {
    const cells = cx.steps.filter((s) => s.process === name).map((s) => [...laneFunction(s)].length);
    return Math.min(MAX_LANE, Math.max(name.length, ...cells)) + GAP;
  });
  const gutter = Math.max(4, String(cx.steps.length).length + 2);
  const idle = (from: number, to: number): string => processes.slice(from, to).map((_, i) => pad('│', widths[from + i]!)).join('');

  const out: string[] = [''];
  out.push(`  ${' '.repeat(gutter)}${processes.map((name, i) => p.bold(pad(name, widths[i]!))).join('')}`);
  const atStart = initialViolation(prop, cx);
  if (atStart) out.push(p.red(`  ✗ ${atStart}`));

  cx.steps.forEach((step, i) => {
    if (cx.shape === 'lasso' && cx.loopStart === i) out.push(p.cyan(`  ${CYCLE_START_LINE}`));
    const lane = processes.indexOf(step.process);
    if (lane < 0) throw new Error(`internal: step of ${step.process}, which is not a process of the run`);
    const mark = violationMark(prop, cx, i);
    const fn = cut(laneFunction(step), widths[lane]! - GAP);
    const cell = mark ? p.red(fn) : p.cyan(fn);
    const left = p.dim(idle(0, lane));
    const right = p.dim(idle(lane + 1, processes.length));
    out.push(`  ${padStart(String(i + 1), gutter - 2)}  ${left}${cell}${' '.repeat(widths[lane]! - [...fn].length)}${right}`);
    // Under the step, in its lane: the outcome, then what changed; lanes to the left stay drawn.
    const under = [
      ...(step.outcome !== undefined && step.outcome !== '' ? [p.dim(`[${step.outcome}]`)] : []),
      ...step.changes.map((c) => change(c)),
      ...(mark ? [p.red(`✗ ${mark}`)] : []),
    ];
    for (const text of under) out.push(`  ${' '.repeat(gutter)}${p.dim(idle(0, lane))}${text}`);
  });
  const end = lassoEndLine(cx);
  if (end) out.push(p.cyan(`  ${end}`));
  return out.map((l) => l.trimEnd());
}
