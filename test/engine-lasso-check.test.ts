/**
 * explorer/lasso-check.ts judges a lasso on real states, after re-executing it: the check that
 * picks, among the initial states of an orbit, the one a renamed lasso starts from. Each clause
 * (closing on the same state, staying in the region, weak fairness, a stop with no step) is
 * asked here on hand-made replays of a small model, where the answer is plain.
 */
import { describe, expect, it } from 'vitest';
import type { Check, Model, Transition } from '../explorer/model';
import { closesFairly } from '../explorer/lasso-check';

/**
 * Nodes 0..4, processes P (0) and Q (1). P: 0 -> 1 -> 2 -> 1 (a cycle), 3 -> 3 (a spin); Q: 1 -> 4
 * and 3 -> 4 (Q is enabled at 1 and 3 only). Node 4 has no step. P's region: 1, 2, 3, 4.
 */
const EDGES: Record<number, [process: number, to: number][]> = {
  0: [[0, 1]],
  1: [[0, 2], [1, 4]],
  2: [[0, 1]],
  3: [[0, 3], [1, 4]],
  4: [],
};
const model: Model<number> = {
  processes: ['P', 'Q'],
  init: () => [0],
  next: (s) => EDGES[s]!.map(([process, to]): Transition<number> => ({ process, action: `${process === 0 ? 'P' : 'Q'}.to${to}`, label: `${s} -> ${to}`, next: to })),
  encode: (s) => Uint8Array.of(s),
  decode: (b) => b[0]!,
  properties: [],
  view: (s) => ({ node: String(s) }),
};
const inPRegion: Extract<Check<number>, { kind: 'leaves' }> = { kind: 'leaves', processes: [0], inRegion: (s, p) => p === 0 && s >= 1 };

/** The replay of `path` (nodes) with the steps between them, each by the process that has it. */
function replayOf(path: number[], by: number[]) {
  const transitions = path.slice(1).map((to, i) => model.next(path[i]!).find((t) => t.next === to && t.process === by[i])!);
  return { states: path, transitions };
}

describe('a lasso judged on its real states', () => {
  it('a cycle that closes on its entry, inside the region, on which every process enabled all round steps', () => {
    // 1 -> 2 -> 1: Q is enabled at 1 but not at 2, so it need not step.
    expect(closesFairly(model, replayOf([0, 1, 2, 1], [0, 0, 0]), 1, 0, inPRegion)).toBe(true);
  });

  it('not a cycle when it ends on another state than its entry', () => {
    expect(closesFairly(model, replayOf([0, 1, 2], [0, 0]), 1, 0, inPRegion)).toBe(false);
  });

  it('not a violation when the process leaves its region on the way round', () => {
    const outside: typeof inPRegion = { ...inPRegion, inRegion: (s, p) => p === 0 && s === 1 };
    expect(closesFairly(model, replayOf([0, 1, 2, 1], [0, 0, 0]), 1, 0, outside)).toBe(false);
    // The watched process, not another one, must be inside.
    expect(closesFairly(model, replayOf([0, 1, 2, 1], [0, 0, 0]), 1, 1, inPRegion)).toBe(false);
  });

  it('not fair when a process enabled at every state of the cycle never steps on it', () => {
    // 3 -> 3: Q is enabled at 3 all round and does not step.
    expect(closesFairly(model, replayOf([3, 3], [0]), 0, 0, inPRegion)).toBe(false);
  });

  it('a stop: the entry has no step at all and the process is inside its region', () => {
    expect(closesFairly(model, replayOf([0, 1, 4], [0, 1]), 2, 0, inPRegion)).toBe(true);
    // A state with a step is no stop.
    expect(closesFairly(model, replayOf([0, 1], [0]), 1, 0, inPRegion)).toBe(false);
    // Outside the region, a stop violates nothing.
    expect(closesFairly(model, replayOf([0, 1, 4], [0, 1]), 2, 0, { ...inPRegion, inRegion: (s) => s !== 4 })).toBe(false);
  });
});
