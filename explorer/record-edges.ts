/**
 * The edges a safety-only search did not keep, recorded when a check failed. Counterexamples
 * (shortest, then fewest context switches) are computed over the edges of the levels above the
 * deepest first failure, so a second search down to that depth records them. No limit applies
 * (the first search already did that work), so the graph is always complete.
 *
 * The failures' state and edge numbers come from the first search. They mean the same states
 * and steps in the second only if it repeats the first exactly: numbering is deterministic for a
 * deterministic spec, but a `next` that changes its answers between the two searches would make
 * the counterexample lead to another state, silently. So the second search is checked against
 * the first: every state it numbers has the first search's fingerprint, its levels start where
 * the first's did, every failing state exists, and every violating step is the same edge to the
 * same target. A difference is the spec's mistake, a `SpecError`, never a wrong counterexample.
 */
import type { Executor } from './executor';
import type { SearchContext } from './search-context';
import { breadthFirst, type Hits, type SearchOutcome } from './bfs';
import { SpecError } from './spec-error';
import { DETERMINISM_RULE, describeState } from './spec-check';

export async function recordEdgesAboveHits<S>(context: SearchContext<S>, executor: Executor, first: SearchOutcome): Promise<SearchOutcome> {
  const { model } = context;
  const hitList = (hits: readonly (Hits | undefined)[]) => hits.filter((h): h is Hits => h !== undefined);
  const stateHits = hitList([...first.stateHits, first.deadlocks]);
  const depths = [...stateHits, ...hitList(first.stepHits)].map((h) => h.depth);
  if (depths.length === 0) return first;
  const deepest = Math.max(...depths);
  const seen = first.graph.seen;
  const onNewState = (state: number, lo: number, hi: number, from: Uint8Array | undefined) => {
    // Past the first search's states only when the first was stopped by a limit mid-level.
    const same = state < seen.size ? seen.lo(state) === lo && seen.hi(state) === hi : first.stoppedBy !== undefined;
    if (same) return;
    if (from === undefined) throw notRepeated(`init() gave another initial state ${state} than in the first search`);
    throw notRepeated(`state ${state} is another state than in the first search, a successor of the state named here`, describeState(model, model.decode(from)));
  };
  // Under --exact, a first search that ended compared the bytes of every state it found again,
  // and the second finds the same states again in the same order (each checked against the first
  // by fingerprint above): its own byte store would repeat those comparisons and double what
  // --exact costs in memory. A first search stopped by a limit leaves states the second numbers
  // past it, which only the second can compare: it keeps its store then.
  const recording = first.stoppedBy === undefined ? { ...context, exact: false } : context;
  const second = await breadthFirst(recording, executor, { workers: 1 }, { edges: true, expandBelow: deepest, onNewState });

  const firstStarts = first.graph.levelStarts;
  const secondStarts = second.graph.levelStarts;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: both searches numbered every level down to the deepest failure, so the length bounds always hold (d <= deepest itself is tested)
  for (let d = 0; d <= deepest && d < firstStarts.length && d < secondStarts.length; d++) {
    if (firstStarts[d] !== secondStarts[d]) {
      throw notRepeated(`depth ${d} starts at state ${secondStarts[d]} instead of ${firstStarts[d]} (another number of states above it)`);
    }
  }
  for (const hits of stateHits) {
    const missing = hits.items.find((state) => state >= second.graph.size);
    if (missing !== undefined) throw notRepeated(`state ${missing}, where a check failed, was not reached`);
  }
  first.stepHits.forEach((hits, c) => {
    if (!hits) return;
    const again = second.stepHits[c];
    hits.items.forEach((edge, j) => {
      // Every step hit at this depth is found again; the first search's may be fewer if a limit stopped it mid-level.
      if (again?.depth !== hits.depth || again.items[j] !== edge || again.targets![j] !== hits.targets![j]) {
        throw notRepeated(`step ${edge}, which violated a step property, is not the same violating step to state ${hits.targets![j]}`);
      }
    });
  });
  return second;
}

function notRepeated(what: string, state?: string): SpecError {
  return new SpecError(
    DETERMINISM_RULE,
    `next is not deterministic: the search that records the steps above the first failure did not repeat the first search (${what}); ` +
      'the same state must give the same transitions in the same order, and encode/decode must not lose information, or the counterexample would lead elsewhere',
    state,
  );
}
