/**
 * Small models with one spec-author mistake each, for the spec sanity check (explorer/spec-check.ts).
 * The base is two symmetric counters 0..2 with an invariant that fails at [0,2] and [2,0]; each
 * variant breaks one rule of the `Model` contract the way a spec author would.
 */
import type { Canonical, Model, Transition } from '../../explorer/model';
import type { SpecArgs, SpecDefinition } from '../../explorer/spec';

interface Counters {
  readonly c: readonly number[];
}

const LIMIT = 2;
const inc = (s: Counters, p: number): Counters => ({ c: s.c.map((x, i) => (i === p ? x + 1 : x)) });

function base(): Model<Counters> {
  return {
    processes: ['P1', 'P2'],
    init: () => [{ c: [0, 0] }],
    next: (s) =>
      s.c.flatMap((v, p): Transition<Counters>[] =>
        v < LIMIT ? [{ process: p, action: `P${p + 1}.inc`, label: `P${p + 1} counts to ${v + 1}`, next: inc(s, p) }] : [],
      ),
    encode: (s) => Uint8Array.from(s.c),
    decode: (b) => ({ c: [b[0]!, b[1]!] }),
    properties: [
      {
        name: 'NoLoneRunner',
        description: 'No counter reaches the limit while the other is still at 0.',
        checks: [{ kind: 'always', holds: (s) => !(Math.max(...s.c) === LIMIT && Math.min(...s.c) === 0) }],
      },
    ],
    quiescent: (s) => s.c.every((v) => v === LIMIT),
    canonical: (s): Canonical<Counters> => (s.c[0]! <= s.c[1]! ? { state: s, perm: [0, 1] } : { state: { c: [s.c[1]!, s.c[0]!] }, perm: [1, 0] }),
    view: (s) => ({ P1: String(s.c[0]), P2: String(s.c[1]) }),
  };
}

/** A call counter: the shared mutable state the contract forbids (the mistake of the `*shuffle*` variants). */
let calls = 0;

const MISTAKES: Readonly<Record<string, (m: Model<Counters>) => Model<Counters>>> = {
  correct: (m) => m,
  // decode reads the whole batch from offset 0 instead of its view.
  'decode-buffer': (m) => ({ ...m, decode: (b) => ({ c: Array.from(new Uint8Array(b.buffer, 0, 2)) }) }),
  'empty-init': (m) => ({ ...m, init: () => [] }),
  'plain-array-encode': (m) => ({ ...m, encode: (s) => [...s.c] as unknown as Uint8Array }),
  // decode forgets P2's counter.
  lossy: (m) => ({ ...m, decode: (b) => ({ c: [b[0]!, 0] }) }),
  'no-quiescent': (m) => ({
    ...m,
    quiescent: undefined,
    properties: [{ name: 'NoLoneRunner', description: 'at the end', checks: [{ kind: 'atQuiescence', holds: () => false }] }],
  }),
  'unknown-kind': (m) => ({
    ...m,
    properties: [{ name: 'NoLoneRunner', description: 'eventually', checks: [{ kind: 'eventually', holds: () => true } as never] }],
  }),
  'reserved-name': (m) => ({ ...m, properties: [{ ...m.properties[0]!, name: 'DeadlockFree' }] }),
  'no-decode': (m) => ({ ...m, decode: undefined as never }),
  'next-not-array': (m) => ({ ...m, next: (s) => new Set(m.next(s)) as never }),
  'process-out-of-range': (m) => ({ ...m, next: (s) => m.next(s).map((t) => ({ ...t, process: t.process + 1 })) }),
  'action-not-string': (m) => ({ ...m, next: (s) => m.next(s).map((t) => ({ ...t, action: undefined as never })) }),
  'shuffled-next': (m) => ({ ...m, next: (s) => (calls++ % 2 === 0 ? m.next(s) : m.next(s).reverse()) }),
  // Changes its order at [1,0] only after both searches (one worker, no symmetry): six calls there,
  // the first search's two sanity-check calls (the sample of the batch [1,0], [0,1]) and one
  // expansion, then the same three in the second search, which records the edges above the
  // failure at [2,0]. Only the replay of the counterexample [0,0] -> [1,0] -> [2,0] shows it.
  'late-shuffle': (m) => ({
    ...m,
    next: (s) => (s.c[0] === 1 && s.c[1] === 0 && calls++ >= 6 ? m.next(s).reverse() : m.next(s)),
    canonical: undefined,
  }),
  // Changes its order at [1,0] after the first search's three calls there: the second search's
  // sample sees the same (reversed) order twice, but it numbers [1,1] where the first search had
  // [2,0], so the failing state's number would name another state.
  'shuffle-between-searches': (m) => ({
    ...m,
    next: (s) => (s.c[0] === 1 && s.c[1] === 0 && calls++ >= 3 ? m.next(s).reverse() : m.next(s)),
    canonical: undefined,
  }),
  // NoLoneRunner as a step property: a step to a lone runner violates it. [0,1] changes its order
  // after the first search's one call there (the second state of its batch, never sampled): its
  // only new successor is [0,2] either way, so every state keeps its number, but the violating
  // step [0,1] -> [0,2] is another edge in the second search.
  'step-shuffle-between-searches': (m) => ({
    ...m,
    next: (s) => {
      const steps = m.next(s).map((t) => (Math.max(...t.next.c) === LIMIT && Math.min(...t.next.c) === 0 ? { ...t, violates: 'NoLoneRunner' } : t));
      return s.c[0] === 0 && s.c[1] === 1 && calls++ >= 1 ? steps.reverse() : steps;
    },
    properties: [{ name: 'NoLoneRunner', description: 'No step makes a lone runner.', checks: [{ kind: 'step' }] }],
    canonical: undefined,
  }),
  'perm-not-permutation': (m) => ({ ...m, canonical: (s) => ({ ...m.canonical!(s), perm: [0, 0] }) }),
  // Sorts the counters but always says "nobody was renamed".
  'wrong-perm': (m) => ({ ...m, canonical: (s) => ({ ...m.canonical!(s), perm: [0, 1] }) }),
  // Not idempotent: swaps the counters every time.
  'canonical-not-idempotent': (m) => ({ ...m, canonical: (s) => ({ state: { c: [s.c[1]!, s.c[0]!] }, perm: [1, 0] }) }),
};

export const MISTAKE_NAMES = Object.keys(MISTAKES);

export const spec: SpecDefinition = {
  name: 'broken',
  summary: 'Two counters, each variant with one spec-author mistake.',
  parameters: [],
  variants: MISTAKE_NAMES.map((id) => ({ id, version: '-', summary: id })),
  defaultVariant: 'correct',
  symmetry: true,
  propertyNames: ['NoLoneRunner'],
  build(args: SpecArgs) {
    const mistake = MISTAKES[args.variant ?? 'correct'];
    if (!mistake) throw new Error(`unknown variant ${args.variant}`);
    calls = 0;
    return mistake(base());
  },
};
