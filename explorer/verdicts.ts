/**
 * From a finished (or stopped) search to a verdict and the best counterexample per property.
 *
 * Safety: the shortest path to a failing state or violating step; among those, the fewest context
 * switches; then the lowest state index. Liveness: the shortest prefix to a fair cycle's entry
 * (fewest switches again), then the shortest fair cycle from there. A property with several checks
 * reports its shortest counterexample, the earlier check on a tie. A search stopped by a limit
 * keeps every violation it found and says `unknown` for the rest; one stopped by an abort keeps
 * every violation too, some perhaps without a counterexample (`judge`).
 */
import { regionName, type Model } from './model';
import type { NumberedCheck } from './checks';
import type { SearchOutcome } from './bfs';
import type { SearchContext } from './search-context';
import type { Counterexample, ProcessStatus, PropertyKind, PropertyResult } from './result';
import type { ExploredGraph } from './graph';
import { FewestSwitches, bestTarget } from './fewest-switches';
import { reducedView } from './reduced-view';
import { findLasso } from './liveness';
import { lassoIsReal } from './lasso-check';
import { describeSteps, liftPath, replay, type PathStep, type Replay } from './trace';
import { inevitableAfter } from './inevitable';

/** A counterexample before rendering: where it starts and which steps it takes. */
interface Found<S> {
  readonly numbered?: NumberedCheck<S>;
  readonly kind: PropertyKind;
  readonly root: number;
  /** The initial state's position in `init()`, when the root alone does not say (liveness). */
  readonly init?: number;
  readonly prefix: PathStep[];
  readonly cycle?: PathStep[];
  /** The process that never leaves its region (liveness). */
  readonly stuckProcess?: number;
}

export const DEADLOCK_PROPERTY = 'DeadlockFree';

/**
 * The verdicts, and whether an abort (Ctrl-C, SIGTERM) cut this phase short. The phase runs in
 * the calling thread and can take as long as the search: it yields to the event loop between its
 * units of work (the safety paths, one liveness check, one counterexample) so that a signal
 * handler can run, and starts no new unit once `signal` is aborted.
 *
 * Which safety checks failed is known from the search itself, so a property whose check failed is
 * `violated` whatever the abort cuts short (README: a violation found before a stop stands).
 * Finding its shortest path with the fewest switches is the costly part, the one an abort skips:
 * such a violation is reported without a counterexample. A path already found when the abort
 * comes is still rendered (re-executing its few steps is cheap). Liveness is decided here, so a
 * liveness check the abort skips leaves its property `unknown` unless another check violated it.
 * `interrupted` is true when the abort skipped something.
 */
export async function judge<S>(
  context: SearchContext<S>,
  outcome: SearchOutcome,
  signal?: AbortSignal,
): Promise<{ properties: PropertyResult[]; interrupted: boolean }> {
  const { model, plan } = context;
  const { graph } = outcome;
  const stopped = async (): Promise<boolean> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return signal?.aborted === true;
  };
  let interrupted = false;
  const complete = outcome.stoppedBy === undefined;
  // Checks the search saw fail: their properties are violated, with or without a counterexample.
  const failed = new Set<number>();
  plan.stateChecks.forEach((numbered, c) => outcome.stateHits[c] && failed.add(numbered.id));
  plan.stepChecks.forEach((numbered, c) => outcome.stepHits[c] && failed.add(numbered.id));
  const found = new Map<number, Found<S>>();
  let deadlock: Found<S> | undefined;

  // After an abort the failed checks are reported violated without a counterexample (below).
  if ((failed.size > 0 || outcome.deadlocks) && !(interrupted = await stopped())) {
    // Fewest switches are needed only as deep as the deepest shallowest violation.
    const hitDepths = [...outcome.stateHits, ...outcome.stepHits, outcome.deadlocks].map((h) => h?.depth ?? 0);
    const dp = new FewestSwitches(reducedView(graph), Math.max(...hitDepths));
    // The failing state with the fewest switches (then the lowest index), and the path to it.
    const pathToBestState = (states: readonly number[]) => {
      const node = bestTarget(states, (n) => [dp.toNode(n).switches, n])!;
      return liftPath(graph, dp.pathTo(node, dp.toNode(node).slot), node);
    };
    plan.stateChecks.forEach((numbered, c) => {
      const hits = outcome.stateHits[c];
      if (hits) found.set(numbered.id, { numbered, kind: numbered.check.kind, ...pathToBestState(hits.items) });
    });
    plan.stepChecks.forEach((numbered, c) => {
      const hits = outcome.stepHits[c];
      if (!hits) return;
      const edge = bestTarget(hits.items, (e) => [dp.toEdge(e).switches, e])!;
      const source = graph.sourceOf(edge);
      const edges = [...dp.pathTo(source, dp.toEdge(edge).slot), edge];
      found.set(numbered.id, { numbered, kind: 'step', ...liftPath(graph, edges, source) });
    });
    deadlock = outcome.deadlocks && { kind: 'deadlock', ...pathToBestState(outcome.deadlocks.items) };
    // Every safety path is read: the table (`dp`) goes out of scope before liveness builds its
    // own, so the two never coexist (each is a few bytes per state; issue 11's peak-memory profile).
  }
  // Liveness checks not searched because of an abort: their properties cannot be said to hold.
  const unsearched = new Set<number>();
  for (const [j, numbered] of plan.liveness.entries()) {
    if (numbered.check.kind !== 'leaves') continue;
    if (interrupted || (interrupted = await stopped())) {
      unsearched.add(numbered.id);
      continue;
    }
    const { check } = numbered;
    const lasso = findLasso(graph, j, check.processes, (depth) => new FewestSwitches(reducedView(graph), depth), (l) => lassoIsReal(context, graph, check, l));
    if (!lasso) continue;
    found.set(numbered.id, { numbered, kind: 'leaves', root: lasso.root, init: lasso.init, prefix: lasso.prefix, cycle: lasso.cycle, stuckProcess: lasso.process });
  }

  const results: PropertyResult[] = [];
  for (const property of model.properties) {
    const mine = plan.all.filter((n) => n.property === property);
    const candidates = mine.map((n) => found.get(n.id)).filter((f): f is Found<S> => f !== undefined);
    const kinds = [...new Set(mine.map((n) => n.check.kind))];
    const best = bestTarget(candidates, (f) => [f.prefix.length + (f.cycle?.length ?? 0), candidates.indexOf(f)]);
    const base = { name: property.name, description: property.description, kinds };
    if (best) {
      // Let a signal handler run between renderings (a second Ctrl-C exits at once).
      await stopped();
      results.push({ ...base, verdict: 'violated', counterexample: render(context, graph, best, complete) });
    } else if (mine.some((n) => failed.has(n.id))) {
      results.push({ ...base, verdict: 'violated' });
    } else {
      const decided = complete && !mine.some((n) => unsearched.has(n.id));
      results.push({ ...base, verdict: decided ? 'holds' : 'unknown' });
    }
  }
  // Stryker disable next-line ConditionalExpression: a turn of the event loop before the deadlock's rendering, for a signal handler; one more or one fewer changes no answer
  if (deadlock) await stopped();
  results.push({
    name: DEADLOCK_PROPERTY,
    // Said whole: a step's violation (the nfs oops) ends in a state never expanded, which is not
    // quiescent and has no step, yet is no deadlock (explorer/model.ts, Transition.violates). In
    // words every spec's reader knows: the description is the same for all specs.
    description: 'Every reachable state has an enabled step, unless it is quiescent (every actor done) or a step that violates a property led to it (such a state is final). A state where some process keeps stepping while the others wait is not a deadlock: a liveness property decides it.',
    kinds: ['deadlock'],
    verdict: outcome.deadlocks ? 'violated' : complete ? 'holds' : 'unknown',
    ...(deadlock ? { counterexample: render(context, graph, deadlock, complete) } : {}),
  });
  return { properties: results, interrupted };
}

/** `complete`: the search explored every reachable state (what `inevitableAfter` needs besides the edges). */
function render<S>(context: SearchContext<S>, graph: ExploredGraph, f: Found<S>, complete: boolean): Counterexample {
  const { model, symmetry, hasher } = context;
  const replayed = replay(model, graph, symmetry, hasher, f.root, [...f.prefix, ...(f.cycle ?? [])], f.init);
  const steps = describeSteps(model, replayed);
  const prefixSteps = replayed.transitions.slice(0, f.prefix.length);
  let contextSwitches = 0;
  for (let i = 1; i < prefixSteps.length; i++) if (prefixSteps[i].process !== prefixSteps[i - 1].process) contextSwitches++;
  const last = replayed.states[replayed.states.length - 1];
  const name = f.numbered?.property.name ?? DEADLOCK_PROPERTY;
  const base = {
    initial: model.view(replayed.states[0]),
    steps,
    ...(model.itf ? { states: replayed.states.map((s) => model.itf!(s)) } : {}),
    contextSwitches,
  };
  const check = f.numbered?.check;
  // A lasso: only a liveness check's counterexample names the process that never leaves.
  if (f.stuckProcess !== undefined) {
    const p = model.processes[f.stuckProcess];
    const loopStart = f.prefix.length;
    const entryState = replayed.states[loopStart];
    const why = model.explainProcess?.(entryState, f.stuckProcess);
    const stuck = f.cycle?.length === 0;
    const region = regionName(check?.kind === 'leaves' ? check : undefined);
    return {
      ...base,
      shape: 'lasso',
      check: 'leaves',
      loopStart,
      summary: stuck
        ? `${name}: ${p} is in ${region} and the system can take no further step${why ? ` (${why})` : ''}`
        : `${name}: ${p} never leaves ${region} under weak fairness${why ? ` (${why})` : ''}`,
      processes: cycleStatus(model, replayed, loopStart, f.stuckProcess),
    };
  }
  if (f.kind === 'deadlock') {
    return {
      ...base,
      shape: 'trace',
      check: 'deadlock',
      summary: 'deadlock: no process has an enabled step and the system is not quiescent',
      processes: model.processes.map((process, q) => ({ process, role: 'blocked', detail: model.explainProcess?.(last, q) ?? '' })),
    };
  }
  let summary: string;
  if (check && (check.kind === 'always' || check.kind === 'atQuiescence')) {
    const why = check.explain?.(last);
    summary = `${name} ${check.kind === 'always' ? 'fails' : 'fails at quiescence'}${why ? `: ${why}` : ''}`;
  } else {
    // A step check: its counterexample ends with the violating step.
    summary = `${name}: ${steps[steps.length - 1].label}`;
  }
  // Where a quiescence failure became certain: over every edge of every reachable state only.
  const inevitable =
    check?.kind === 'atQuiescence' && context.keepEdges && complete
      ? inevitableAfter(graph, [f.root, ...f.prefix.map((step) => graph.target.get(step.edge))], context.plan.stateChecks.indexOf(f.numbered!))
      : undefined;
  return { ...base, shape: 'trace', check: f.kind, summary, ...(inevitable !== undefined ? { inevitableAfter: inevitable } : {}) };
}

/** Who does what in a lasso's cycle: the spinning process, the ones that step, the blocked ones. */
function cycleStatus<S>(model: Model<S>, replayed: Replay<S>, loopStart: number, stuck: number): ProcessStatus[] {
  const cycleSteps = replayed.transitions.slice(loopStart);
  // The cycle's states without its last, the entry again; a stuck lasso's cycle is its entry alone.
  const cycleStates = cycleSteps.length > 0 ? replayed.states.slice(loopStart, -1) : [replayed.states[loopStart]];
  const enabledIn = cycleStates.map((s) => new Set(model.next(s).map((t) => t.process)));
  const explain = (s: S, q: number) => model.explainProcess?.(s, q) ?? '';
  return model.processes.map((process, q) => {
    if (cycleSteps.some((t) => t.process === q)) {
      return { process, role: q === stuck ? 'spinning' : 'steps', detail: explain(cycleStates[0], q) };
    }
    const disabledAt = enabledIn.findIndex((set) => !set.has(q));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a process that never steps in a fair cycle is disabled somewhere in it (weak fairness), so disabledAt is never -1 and the fallback never taken
    const at = disabledAt >= 0 ? disabledAt : 0;
    return { process, role: 'blocked', detail: explain(cycleStates[at], q) };
  });
}
