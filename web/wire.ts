/**
 * What the explorer's API sends to the browser: plain JSON built from the model's own words
 * (labels, sources, `view`, `explainProcess`). The browser never runs the model.
 */
import type { Model, Transition } from '../explorer/model';
import type { FieldChange } from '../explorer/result';
import { formatSource } from '../explorer/source-location';
import { changes } from '../explorer/trace';
import type { Replayed } from './replay';

export interface WireTransition {
  readonly process: string;
  readonly action: string;
  readonly outcome?: string;
  readonly label: string;
  readonly source?: string;
  readonly violates?: string;
}

export interface WireProcess {
  readonly name: string;
  /** Whether it has an enabled step in this state (weak fairness is about exactly this). */
  readonly enabled: boolean;
  /** The spec's one line on what it does or waits for (empty when the spec gives none). */
  readonly explain: string;
}

export interface WireState {
  readonly view: Readonly<Record<string, string>>;
  readonly enabled: readonly WireTransition[];
  readonly processes: readonly WireProcess[];
  /** A legitimate end state (every actor done). */
  readonly quiescent: boolean;
}

export interface WireStep extends WireTransition {
  readonly changes: readonly FieldChange[];
}

/** A path replayed on one variant: `states[i]` is before `steps[i]`, `states[i + 1]` after it. */
export interface WirePath {
  readonly variant?: string;
  readonly init: number;
  readonly steps: readonly WireStep[];
  readonly states: readonly WireState[];
}

export function wireTransition<S>(model: Model<S>, t: Transition<S>): WireTransition {
  const source = t.source !== undefined ? formatSource(t.source) : undefined;
  return {
    process: model.processes[t.process] ?? String(t.process),
    action: t.action,
    ...(t.outcome !== undefined ? { outcome: t.outcome } : {}),
    label: t.label,
    ...(source !== undefined ? { source } : {}),
    ...(t.violates !== undefined ? { violates: t.violates } : {}),
  };
}

export function wireState<S>(model: Model<S>, state: S, terminal: boolean): WireState {
  // A step that is itself a violation leaves a terminal state: the engine never expands it, so
  // neither does the explorer.
  const next = terminal ? [] : model.next(state);
  return {
    view: model.view(state),
    enabled: next.map((t) => wireTransition(model, t)),
    processes: model.processes.map((name, p) => ({
      name,
      enabled: next.some((t) => t.process === p),
      explain: model.explainProcess?.(state, p) ?? '',
    })),
    quiescent: model.quiescent?.(state) ?? false,
  };
}

export function wirePath<S>(model: Model<S>, replayed: Replayed<S>, variant: string | undefined, init: number): WirePath {
  const views = replayed.states.map((s) => model.view(s));
  return {
    ...(variant !== undefined ? { variant } : {}),
    init,
    steps: replayed.transitions.map((t, i) => ({ ...wireTransition(model, t), changes: changes(views[i]!, views[i + 1]!) })),
    states: replayed.states.map((s, i) => wireState(model, s, i > 0 && replayed.transitions[i - 1]!.violates !== undefined)),
  };
}
