/**
 * Small models for the breadth-first search's own promises (test/bfs-outcome.test.ts), searched
 * directly with `breadthFirst` rather than through a spec: how far a stopped search got, what the
 * `--max-memory` look-ahead counts, where an asymmetry stops the search, and what happens to the
 * batches still in flight when it stops.
 */
import type { Canonical, Model, Property, Transition } from '../../explorer/model';

/** A number in the first two bytes of `bytes` bytes (the rest zero). */
function numbered(bytes: number): Pick<Model<number>, 'encode' | 'decode'> {
  return {
    encode: (n) => {
      const b = new Uint8Array(bytes);
      b[0] = n >> 8;
      b[1] = n & 0xff;
      return b;
    },
    decode: (b) => b[0] * 256 + b[1],
  };
}

const step = (from: number, to: number): Transition<number> => ({ process: 0, action: 'P.go', label: `${from} -> ${to}`, next: to });

/**
 * State 0 has `count` successors 1..count, encoded in `bytes` bytes each; with `deeper`, each of
 * them has one more, n -> count + n, and those are dead ends. Everything is quiescent and no
 * property is checked: only the search's shape matters.
 */
export function fanOut(count: number, bytes: number, deeper = false): Model<number> {
  return {
    processes: ['P'],
    init: () => [0],
    next: (s) => (s === 0 ? Array.from({ length: count }, (_, i) => step(0, i + 1)) : deeper && s <= count ? [step(s, count + s)] : []),
    ...numbered(bytes),
    properties: [],
    quiescent: () => true,
    view: (s) => ({ node: String(s) }),
  };
}

/**
 * `fanOut(2000, 2, true)` whose decode loses every state above 1000 (it gives 1000): a spec
 * mistake that the sample of each batch (spec-check.ts) finds from the third batch of level 1 on,
 * whose first state is 1025.
 */
export function lossyFanOut(): Model<number> {
  const model = fanOut(2000, 2, true);
  return { ...model, decode: (b) => Math.min(1000, model.decode(b)) };
}

interface Pair {
  /** P1's counter, then P2's. */
  readonly c: readonly [number, number];
}

/** The counters sorted, `perm` saying where each process went. */
function sortPair(s: Pair): Canonical<Pair> {
  return s.c[0] <= s.c[1] ? { state: s, perm: [0, 1] } : { state: { c: [s.c[1], s.c[0]] }, perm: [1, 0] };
}

function pairModel(init: readonly Pair[], next: (s: Pair) => Pair[], properties: readonly Property<Pair>[]): Model<Pair> {
  return {
    processes: ['P1', 'P2'],
    init: () => [...init],
    // The process that moved is the one whose counter changed.
    next: (s) =>
      next(s).map((t) => {
        const p = t.c[0] !== s.c[0] ? 0 : 1;
        return { process: p, action: `P${p + 1}.set`, label: `P${p + 1} sets ${t.c[p]}`, next: t };
      }),
    encode: (s) => Uint8Array.of(s.c[0] >> 8, s.c[0] & 0xff, s.c[1] >> 8, s.c[1] & 0xff),
    decode: (b) => ({ c: [b[0] * 256 + b[1], b[2] * 256 + b[3]] }),
    properties,
    quiescent: () => true,
    canonical: sortPair,
    view: (s) => ({ P1: String(s.c[0]), P2: String(s.c[1]) }),
  };
}

/** Each counter goes 0 -> 1 -> 2, one process at a time. */
const count = (s: Pair): Pair[] =>
  [0, 1].flatMap((p) => (s.c[p] < 2 ? [{ c: (p === 0 ? [s.c[0] + 1, s.c[1]] : [s.c[0], s.c[1] + 1]) as [number, number] }] : []));

/**
 * Two symmetric counters 0 -> 1 -> 2 from [1, 0], whose representative is [0, 1] (the processes
 * swapped). `P1LeavesOne`: P1, once at 1, eventually moves on; its region (counter at 1) is the same
 * for every process, so the property is symmetric although it lists P1 alone: the initial state
 * shows no asymmetry, with the region asked of every process (under reduction the representative's
 * P2 is the real P1).
 */
export function regionAtStart(): Model<Pair> {
  return pairModel([{ c: [1, 0] }], count, [
    { name: 'P1LeavesOne', description: 'P1 does not stay at 1.', checks: [{ kind: 'leaves', processes: [0], inRegion: (s, p) => s.c[p] === 1 }] },
  ]);
}

/**
 * The same counters from [2, 0], with `P1NeverTwo`, an invariant about P1 that does not say so
 * (no `names`): it fails on the initial state and holds on its representative [0, 2], an asymmetry
 * found before anything is expanded.
 */
export function asymmetricStart(): Model<Pair> {
  return pairModel([{ c: [2, 0] }], count, [{ name: 'P1NeverTwo', description: 'P1 never reaches 2.', checks: [{ kind: 'always', holds: (s) => s.c[0] !== 2 }] }]);
}

/**
 * An asymmetry found in the second batch of a level, after the first batch found a violation.
 * From [0, 0] P2 sets any of 1..600 (level 1: 600 states, batches of 512). From [0, y], P1 sets 1
 * for y <= 512 (the first batch), and for y > 512 the counters swap to [y, 0], whose representative
 * is [0, y] again: `P1Small` (P1's counter at most 512, undeclared) tells them apart. `NoOne`, a
 * symmetric invariant, fails at [0, 1], the first state of level 1.
 */
export function asymmetricSecondBatch(): Model<Pair> {
  const next = (s: Pair): Pair[] => {
    if (s.c[0] === 0 && s.c[1] === 0) return Array.from({ length: 600 }, (_, i) => ({ c: [0, i + 1] }));
    if (s.c[0] === 0) return [{ c: s.c[1] <= 512 ? [1, s.c[1]] : [s.c[1], 0] }];
    return [];
  };
  return pairModel([{ c: [0, 0] }], next, [
    { name: 'NoOne', description: 'No counter is 1.', checks: [{ kind: 'always', holds: (s) => !s.c.includes(1) }] },
    { name: 'P1Small', description: 'P1 stays at most 512.', checks: [{ kind: 'always', holds: (s) => s.c[0] <= 512 }] },
  ]);
}
