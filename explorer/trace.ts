/**
 * Turning a path of the explored graph back into states and steps a person can read. The graph
 * keeps only fingerprints, so the path is re-executed from its initial state. With symmetry the
 * graph holds representatives; the trace follows the real processes instead (the step of the
 * recorded real process whose successor has the recorded representative), so names stay put.
 */
import type { Model, Transition } from './model';
import type { ExploredGraph } from './graph';
import { asViolationTarget, type Hasher } from './fingerprint';
import type { FieldChange, TraceStep } from './result';
import { describeState, equalBytes } from './spec-check';
import { SpecError } from './spec-error';

/** One step of a path: an explored-graph edge and the real process that takes it. */
export interface PathStep {
  readonly edge: number;
  readonly process: number;
}

/**
 * A path of explored-graph edges from an initial state, with each step's real process: the edge
 * names its process in its source's frame, and the renaming is followed along the path. Also
 * returns the renaming in force at the end (real process p sits at `perms[renaming][p]`).
 */
export function liftPath(graph: ExploredGraph, edges: readonly number[], endNode: number): { root: number; prefix: PathStep[]; renaming: number } {
  const root = edges.length > 0 ? graph.sourceOf(edges[0]) : endNode;
  let renaming = graph.roots.find((r) => r.state === root)!.perm;
  const prefix = edges.map((edge) => {
    const process = graph.perms[renaming].indexOf(graph.proc.get(edge));
    renaming = graph.composePerms(graph.renamingOf(edge), renaming);
    return { edge, process };
  });
  return { root, prefix, renaming };
}

export interface Replay<S> {
  readonly states: S[];
  readonly transitions: Transition<S>[];
}

/** `init`: which initial state to start from, when several share the root's representative. */
export function replay<S>(
  model: Model<S>,
  graph: ExploredGraph,
  symmetry: boolean,
  hasher: Hasher,
  root: number,
  path: readonly PathStep[],
  init?: number,
): Replay<S> {
  const rootInfo = graph.roots.find((r) => r.state === root && (init === undefined || r.init === init));
  if (!rootInfo) throw new Error(`internal: ${root} is not an initial state`);
  const reduce = (s: S): S => (symmetry && model.canonical ? model.canonical(s).state : s);
  let real = model.init()[rootInfo.init];
  let representative = reduce(real);
  const states: S[] = [real];
  const transitions: Transition<S>[] = [];
  const fp = new Uint32Array(2);
  for (const { edge, process } of path) {
    const recorded = model.next(representative)[graph.ordinal.get(edge)];
    const nextRepresentative = reduce(recorded.next);
    const bytes = model.encode(nextRepresentative);
    hasher(bytes, fp, 0);
    const t = graph.target.get(edge);
    const same = () => fp[0] === graph.seen.lo(t) && fp[1] === graph.seen.hi(t);
    // A violating step's target was numbered as a terminal of its own (fingerprint.ts).
    if (!same() && recorded.violates !== undefined) asViolationTarget(fp);
    if (!same()) {
      throw new SpecError(
        'replay',
        `re-executing step ${transitions.length + 1} (transition ${graph.ordinal.get(edge)} of next, now ${recorded.action}) gave another successor than in the search: ` +
          'next is not deterministic, or encode/decode lose information, or canonical is not a function of the state',
        describeState(model, representative),
      );
    }
    let step: Transition<S> | undefined = recorded;
    if (symmetry && model.canonical) {
      step = model.next(real).find((c) => c.process === process && equalBytes(model.encode(reduce(c.next)), bytes));
      if (!step) {
        throw new SpecError(
          'symmetry',
          `no step of ${model.processes[process] ?? `process ${process}`} from the real state matches step ${transitions.length + 1} (${recorded.action}) of the representative: ` +
            "canonical's perm does not say how processes were renamed (perm[p] is the representative's index of the process that is p), or the model is not symmetric",
          describeState(model, real),
        );
      }
    }
    transitions.push(step);
    real = step.next;
    representative = nextRepresentative;
    states.push(real);
  }
  return { states, transitions };
}

/** Steps with the fields of `Model.view` that each one changed. */
export function describeSteps<S>(model: Model<S>, replayed: Replay<S>): TraceStep[] {
  let before = model.view(replayed.states[0]);
  return replayed.transitions.map((t, i) => {
    const after = model.view(replayed.states[i + 1]);
    const step: TraceStep = {
      process: model.processes[t.process],
      action: t.action,
      ...(t.outcome !== undefined ? { outcome: t.outcome } : {}),
      label: t.label,
      ...(t.source !== undefined ? { source: t.source } : {}),
      changes: changes(before, after),
      ...(t.violates !== undefined ? { violates: t.violates } : {}),
    };
    before = after;
    return step;
  });
}

export function changes(before: Record<string, string>, after: Record<string, string>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of Object.keys(before)) {
    if (!(field in after)) out.push({ field, before: before[field] });
    else if (before[field] !== after[field]) out.push({ field, before: before[field], after: after[field] });
  }
  for (const field of Object.keys(after)) if (!(field in before)) out.push({ field, after: after[field] });
  return out;
}
