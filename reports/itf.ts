/**
 * The Informal Trace Format of Apalache and Quint (ADR-015, `*.itf.json`): one trace object per
 * violated property, with the typed states the spec's `Model.itf` gave (the strings of `view`
 * are never parsed back). Each state's `#meta` says which step led to it; a lasso sets `loop` to
 * the index of the state where its cycle starts (the cycle runs from there to the last state and
 * back). Only renders a `Result`.
 */
import type { Counterexample, ItfState, ItfValue, PropertyResult, Result, TraceStep } from '../explorer/result';
import { formatSource } from '../explorer/source-location';
import { stepName } from './format';

/** The ITF format description every trace links to, as Apalache and Quint write it. */
export const ITF_FORMAT_DESCRIPTION = 'https://apalache-mc.org/docs/adr/015adr-trace.html';

export interface ItfTrace {
  readonly '#meta': Readonly<Record<string, ItfValue | undefined>>;
  readonly vars: readonly string[];
  readonly states: readonly Readonly<Record<string, ItfValue>>[];
  readonly loop?: number;
}

/** One ITF trace: which property it violates, and the trace. */
export interface ItfRendering {
  readonly property: string;
  readonly trace: ItfTrace;
}

/** Why a violated property has no ITF trace (the spec gives no typed view). */
export class NoTypedView extends Error {}

/** Every violated property's counterexample as an ITF trace, in the Result's property order. */
export function renderItf(result: Result): ItfRendering[] {
  return result.properties.flatMap((p) => (p.counterexample ? [{ property: p.name, trace: itfTrace(result, p, p.counterexample) }] : []));
}

export function itfTrace(result: Result, property: PropertyResult, cx: Counterexample): ItfTrace {
  const typed = cx.states;
  if (!typed || typed.length !== cx.steps.length + 1) {
    throw new NoTypedView(`spec ${result.run.spec} gives no typed view of its states (Model.itf), so ${property.name} has no ITF trace`);
  }
  const { states, loop, closing } = lassoShape(cx, typed);
  const vars = Object.keys(typed[0]!);
  return {
    '#meta': {
      format: 'ITF',
      'format-description': ITF_FORMAT_DESCRIPTION,
      source: result.run.variant !== undefined ? `${result.run.spec} ${result.run.variant}` : result.run.spec,
      // Most summaries start with the property's name already: it is said once.
      description: `mc: counterexample to ${cx.summary.startsWith(`${property.name}: `) ? cx.summary : `${property.name}: ${cx.summary}`}`,
      property: property.name,
      check: cx.check,
      shape: cx.shape,
      params: { ...result.run.params },
      processes: [...result.processes],
      ...(closing ? { loopAction: stepMeta(closing) } : {}),
      // A failure at quiescence: the state (its #meta.index) from which it was certain.
      ...(cx.inevitableAfter !== undefined ? { inevitableAfter: cx.inevitableAfter } : {}),
    },
    vars,
    states: states.map((s, i) => ({ '#meta': stateMeta(cx, i), ...s })),
    ...(loop !== undefined ? { loop } : {}),
  };
}

/**
 * ITF's loop goes from the last state back to `states[loop]` implicitly, so when the cycle's last
 * step comes back to the very state where the cycle started, that repeated state is left out and
 * the step that closes the cycle is kept in the trace's `#meta.loopAction`. A cycle whose end is
 * not literally its start (symmetry relabelled it) keeps every state and the loop is the one the
 * states show. A lasso with an empty cycle stutters in its last state: `loop` is that state.
 */
function lassoShape(cx: Counterexample, typed: readonly ItfState[]): { states: readonly ItfState[]; loop?: number; closing?: TraceStep } {
  if (cx.shape !== 'lasso' || cx.loopStart === undefined) return { states: typed };
  const start = cx.loopStart;
  const last = typed.length - 1;
  if (start === cx.steps.length) return { states: typed, loop: last };
  if (sameValue(typed[start], typed[last])) return { states: typed.slice(0, last), loop: start, closing: cx.steps[cx.steps.length - 1]! };
  return { states: typed, loop: start };
}

function stateMeta(cx: Counterexample, index: number): Record<string, ItfValue> {
  if (index === 0) return { index, action: 'init' };
  return { index, ...stepMeta(cx.steps[index - 1]!) };
}

/** What `#meta` says of a step: its normative name, the process, the sentence and the code. */
function stepMeta(step: TraceStep): Record<string, ItfValue> {
  return {
    action: stepName(step),
    process: step.process,
    label: step.label,
    ...(step.source ? { source: formatSource(step.source) } : {}),
    ...(step.violates !== undefined ? { violates: step.violates } : {}),
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A trace as the text of an `.itf.json` file. */
export function itfText(trace: ItfTrace): string {
  return JSON.stringify(trace, null, 2) + '\n';
}

/**
 * Where each violated property's trace goes for `--itf FILE`: one trace per file, so that each
 * opens in an ITF viewer. The first violated property (in the verdict table's order) is written
 * to FILE itself; each further one beside it, the property's name before the extension
 * (`out.itf.json` → `out.NoRequestLeak.itf.json`). No violation, no file.
 */
export function itfFiles(result: Result, file: string): { readonly file: string; readonly property: string; readonly text: string }[] {
  return renderItf(result).map(({ property, trace }, i) => ({ file: i === 0 ? file : siblingFile(file, property), property, text: itfText(trace) }));
}

export function siblingFile(file: string, property: string): string {
  const m = /^(.*?)((?:\.itf)?\.json)$/i.exec(file);
  return m ? `${m[1]}.${property}${m[2]}` : `${file}.${property}.itf.json`;
}
