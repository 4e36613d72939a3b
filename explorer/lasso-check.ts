/**
 * Whether a lasso found over representatives is a real behaviour: re-executed from its initial
 * state, its cycle closes on the same real state, the process it names stays in its region all
 * round, and the cycle is fair (every process enabled all round steps on it); a lasso without a
 * cycle ends in a state with no step, inside the region.
 *
 * liveness.ts asks this only where the representatives cannot say which initial state a renamed
 * lasso starts from: processes tied in the root's representative make several renamings give the
 * same state, and canonical names one of them, not necessarily the one the lasso needs. The
 * contract has no way to rename a state, so the candidates are tried by re-execution instead.
 */
import type { Check, Model } from './model';
import type { ExploredGraph } from './graph';
import type { SearchContext } from './search-context';
import type { Lasso } from './liveness';
import { equalBytes } from './spec-check';
import { SpecError } from './spec-error';
import { replay, type Replay } from './trace';

type LeavesCheck<S> = Extract<Check<S>, { kind: 'leaves' }>;

export function lassoIsReal<S>(context: SearchContext<S>, graph: ExploredGraph, check: LeavesCheck<S>, lasso: Lasso): boolean {
  const { model, symmetry, hasher } = context;
  let replayed: Replay<S>;
  try {
    replayed = replay(model, graph, symmetry, hasher, lasso.root, [...lasso.prefix, ...lasso.cycle], lasso.init);
  } catch (error) {
    // From the wrong initial state, some step of the named process has no match.
    if (error instanceof SpecError && error.rule === 'symmetry') return false;
    throw error;
  }
  return closesFairly(model, replayed, lasso.prefix.length, lasso.process, check);
}

/**
 * Whether re-executed steps from `loopStart` on are a fair cycle (or a stop) in which `process`
 * stays inside its region: the judgement of `lassoIsReal` on the states themselves.
 */
export function closesFairly<S>(model: Model<S>, replayed: Replay<S>, loopStart: number, process: number, check: LeavesCheck<S>): boolean {
  const { states, transitions } = replayed;
  const cycle = transitions.slice(loopStart);
  const entry = states[loopStart];
  if (cycle.length === 0) return check.inRegion(entry, process) && model.next(entry).length === 0;
  if (!equalBytes(model.encode(entry), model.encode(states[states.length - 1]))) return false;
  const round = states.slice(loopStart, -1);
  if (!round.every((s) => check.inRegion(s, process))) return false;
  const enabled = round.map((s) => new Set(model.next(s).map((t) => t.process)));
  return model.processes.every((_, q) => cycle.some((t) => t.process === q) || enabled.some((set) => !set.has(q)));
}
