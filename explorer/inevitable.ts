/**
 * Where a quiescence failure became inevitable: the first state of its counterexample from which
 * no path of the explored graph reaches a quiescent state where the check holds. A reviewer reads
 * the step into that state as the one that did the damage (nfs: the flusher's failed write that
 * leaves the request on a clean page), rather than the last step, which only ends the run (the
 * last writer's close).
 *
 * "No good quiescent state reachable" is closed under successors, so along a path it switches on
 * once and stays on, and a bisection over the path's states finds where. Each probe is a
 * breadth-first search of the graph from one state that stops at the first good quiescent state.
 *
 * It needs every edge and every state's quiescence and failures (`stateFlags`), so only a complete
 * search that kept its edges (a spec with a liveness property) can say it. Under symmetry the
 * graph holds representatives: quiescence and every check answer alike on a state and its
 * representative (state-facts.ts), so reachability of a good quiescent state does too.
 */
import { EXPANDED, QUIESCENT, STATE_CHECK_FLAGS, failsFlag, type ExploredGraph } from './graph';

/**
 * How many steps of the path `nodes` (its states as graph nodes, the initial one first) lead to
 * the first state from which state check `check` (an `atQuiescence` check, its index among the
 * plan's state checks) can no longer hold at quiescence: 0 when that is already so at the start,
 * undefined when even the last state can still reach a quiescent state where it holds, or when the
 * graph does not record it (`check` beyond the flags' room).
 */
export function inevitableAfter(graph: ExploredGraph, nodes: readonly number[], check: number): number | undefined {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: past the flags' room a check's failure bit falls outside the byte, so every quiescent state looks good, the path's last among them, and the answer is undefined all the same; said outright, without a probe
  if (check >= STATE_CHECK_FLAGS) return undefined;
  const probe = new Reach(graph, failsFlag(check));
  if (probe.reachesGood(nodes[nodes.length - 1]!)) return undefined;
  // nodes[hi] cannot reach a good state; find the first such index.
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (probe.reachesGood(nodes[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Breadth-first reachability over the graph, its buffers kept from probe to probe. */
class Reach {
  private readonly flags: Uint8Array;
  private readonly edgeStart: Int32Array;
  private readonly target: Int32Array;
  private readonly recorded: number;
  private readonly size: number;
  /** Bit s: visited in this probe (a bit a state, cleared between probes: 8 MB for 64 M states). */
  private readonly seen: Uint32Array;
  /** Grown as a probe needs it: most probes stop after a few states, and a whole graph's worth is 4 B a state. */
  private queue = new Int32Array(1 << 12);

  constructor(
    graph: ExploredGraph,
    private readonly fails: number,
  ) {
    this.flags = graph.flags.view();
    this.edgeStart = graph.edgeStart.view();
    this.target = graph.target.view();
    this.recorded = graph.recorded;
    this.seen = new Uint32Array((graph.size + 31) >>> 5);
    this.size = graph.size;
  }

  /** Whether a quiescent state where the check holds is reachable from `start` (itself included). */
  reachesGood(start: number): boolean {
    const { flags, edgeStart, target, recorded, seen, fails, size } = this;
    seen.fill(0);
    let queue = this.queue;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    // Stryker disable next-line AssignmentOperator: unmarked, the start is queued once more if a cycle comes back to it: work, not a different answer
    seen[start >>> 5]! |= 1 << (start & 31);
    while (head < tail) {
      const s = queue[head++]!;
      const f = flags[s]!;
      if ((f & (EXPANDED | QUIESCENT | fails)) === (EXPANDED | QUIESCENT)) return true;
      // A state never expanded (a violating step's target) has an empty edge range, and one past
      // the recorded ones none at all (edgeStart ends there): skipped rather than read.
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a complete search's unexpanded states have empty edge ranges, so reading them adds nothing
      if ((f & EXPANDED) === 0 || s >= recorded) continue;
      for (let e = edgeStart[s]!, end = edgeStart[s + 1]!; e < end; e++) {
        const t = target[e]!;
        const bit = 1 << (t & 31);
        if ((seen[t >>> 5]! & bit) === 0) {
          seen[t >>> 5]! |= bit;
          // Each state is queued once a probe, so the queue never needs more than the graph's size.
          if (tail === queue.length) {
            // Stryker disable next-line MethodExpression: a queue as big as the graph at once is the memory this avoids, not another answer
            const grown = new Int32Array(Math.min(2 * queue.length, size));
            grown.set(queue);
            this.queue = queue = grown;
          }
          queue[tail++] = t;
        }
      }
    }
    return false;
  }
}
