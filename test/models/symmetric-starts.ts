/**
 * Two symmetric counters 0..3 (canonical: sorted, perm saying who moved) with two initial states,
 * [0,0] and [1,0]: [1,0] is represented by [0,1], the counters swapped. A trace from it must follow
 * the real processes from that renaming (explorer/trace.ts). `LoneRunner` fails when one counter
 * reaches 2 while the other is 0: in one step from [1,0], P1's, the shortest counterexample.
 */
import type { Canonical, Model, Transition } from '../../explorer/model';
import type { SpecDefinition } from '../../explorer/spec';

interface Counters {
  readonly c: readonly number[];
}

const LIMIT = 3;
const inc = (s: Counters, p: number): Counters => ({ c: s.c.map((x, i) => (i === p ? x + 1 : x)) });

function model(): Model<Counters> {
  return {
    processes: ['P1', 'P2'],
    init: () => [{ c: [0, 0] }, { c: [1, 0] }],
    next: (s) =>
      s.c.flatMap((v, p): Transition<Counters>[] =>
        v < LIMIT ? [{ process: p, action: `P${p + 1}.inc`, label: `P${p + 1} counts to ${v + 1}`, next: inc(s, p) }] : [],
      ),
    encode: (s) => Uint8Array.from(s.c),
    decode: (b) => ({ c: [b[0]!, b[1]!] }),
    properties: [
      {
        name: 'LoneRunner',
        description: 'No counter reaches 2 while the other is still at 0.',
        checks: [{ kind: 'always', holds: (s) => !(Math.max(...s.c) === 2 && Math.min(...s.c) === 0) }],
      },
    ],
    quiescent: (s) => s.c.every((v) => v === LIMIT),
    canonical: (s): Canonical<Counters> => (s.c[0]! <= s.c[1]! ? { state: s, perm: [0, 1] } : { state: { c: [s.c[1]!, s.c[0]!] }, perm: [1, 0] }),
    view: (s) => ({ P1: String(s.c[0]), P2: String(s.c[1]) }),
  };
}

export const spec: SpecDefinition = {
  name: 'symmetric-starts',
  summary: 'Two symmetric counters, one initial state renamed.',
  parameters: [],
  symmetry: true,
  propertyNames: ['LoneRunner'],
  build: () => model(),
};
