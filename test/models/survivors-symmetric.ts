/**
 * Small symmetric models for the engine's rarer paths (test/engine-fairness.test.ts,
 * test/engine-verdicts.test.ts say which promise each pins):
 * - `late-asymmetry`: two counters 0..3 (canonical: sorted). `NoOne` (symmetric) fails at depth
 *   1; `P1BelowThree` names P1 without saying so, and first answers differently on a renamed
 *   successor at depth 5 ([2,2] -> [3,2], represented by [2,3]): the reduced search stops there,
 *   after the failure, and the run is redone without reduction. `init()` calls are counted in
 *   `globalThis.mcInitCalls`.
 * - `ring32`: 32 processes pass a token round a ring, the holder to the next; canonical rotates
 *   the holder to P1 (one representative, 32 rotations). `P1Passes`: P1, once holding the token,
 *   eventually passes it (holds: it is its only step). The most processes a model may have, so
 *   every bit of the 32-bit masks is a process.
 * - `orbit-after-other-W`: spinlock.ts's `starvation` for n = 3, watch W, started from one
 *   initial state per lock holder (one orbit), after a first initial state of another orbit that
 *   is not its own representative: all idle, P1 marked (`order` [1,0,0], represented with P1
 *   last). A marked state is parked: no step, quiescent. A lasso whose prefix is renamed must
 *   start from an initial state of its own root's orbit, never from the parked one.
 */
import type { Canonical, Model, Transition } from '../../explorer/model';
import type { SpecArgs, SpecDefinition } from '../../explorer/spec';
import { spec as spinlock } from './spinlock';

const counted = globalThis as { mcInitCalls?: number };

interface Counters {
  readonly c: readonly number[];
}

function lateAsymmetry(): Model<Counters> {
  const inc = (s: Counters, p: number): Counters => ({ c: s.c.map((x, i) => (i === p ? x + 1 : x)) });
  return {
    processes: ['P1', 'P2'],
    init: () => {
      counted.mcInitCalls = (counted.mcInitCalls ?? 0) + 1;
      return [{ c: [0, 0] }];
    },
    next: (s) => s.c.flatMap((v, p): Transition<Counters>[] => (v < 3 ? [{ process: p, action: `P${p + 1}.inc`, label: `P${p + 1} counts to ${v + 1}`, next: inc(s, p) }] : [])),
    encode: (s) => Uint8Array.from(s.c),
    decode: (b) => ({ c: [b[0]!, b[1]!] }),
    properties: [
      { name: 'NoOne', description: 'No counter is ever 1.', checks: [{ kind: 'always', holds: (s) => !s.c.includes(1) }] },
      { name: 'P1BelowThree', description: 'P1 never counts to 3 (names P1, undeclared).', checks: [{ kind: 'always', holds: (s) => s.c[0]! < 3 }] },
    ],
    quiescent: (s) => s.c.every((v) => v === 3),
    canonical: (s): Canonical<Counters> => (s.c[0]! <= s.c[1]! ? { state: s, perm: [0, 1] } : { state: { c: [s.c[1]!, s.c[0]!] }, perm: [1, 0] }),
    view: (s) => ({ P1: String(s.c[0]), P2: String(s.c[1]) }),
  };
}

const RING = 32;

function ring32(): Model<number> {
  const name = (p: number) => `P${p + 1}`;
  return {
    processes: Array.from({ length: RING }, (_, p) => name(p)),
    init: () => [0],
    next: (h) => [{ process: h, action: `${name(h)}.pass`, label: `${name(h)} passes the token to ${name((h + 1) % RING)}`, next: (h + 1) % RING }],
    encode: (h) => Uint8Array.of(h),
    decode: (b) => b[0]!,
    properties: [
      {
        name: 'P1Passes',
        description: 'P1, once holding the token, eventually passes it.',
        checks: [{ kind: 'leaves', processes: [0], inRegion: (h, p) => h === p }],
      },
    ],
    // The holder, wherever it is, goes to index 0: real process p sits at (p - h) mod 32.
    canonical: (h): Canonical<number> => ({ state: 0, perm: Array.from({ length: RING }, (_, p) => (p - h + RING) % RING) }),
    view: (h) => ({ holder: name(h) }),
  };
}

interface Spinlock {
  readonly pc: readonly number[];
  readonly lock: number;
  readonly order: readonly number[];
}

function orbitAfterOther(watch: number): Model<Spinlock> {
  const base = spinlock.build({ variant: 'starvation', params: { n: 3, watch, orbit: 1 } }) as Model<Spinlock>;
  const parked = (s: Spinlock) => s.order.some((o) => o > 0);
  return {
    ...base,
    init: () => [{ pc: [0, 0, 0], lock: 0, order: [1, 0, 0] }, ...base.init()],
    next: (s) => (parked(s) ? [] : base.next(s)),
    quiescent: (s) => parked(s) || (base.quiescent?.(s) ?? false),
  };
}

/**
 * Three identical processes, each going once from local 0 to local 1, where it has no step; the
 * initial states are the orbit of [1, 0, 0]; the check watches P1 alone. Every lasso ends stuck in
 * [1, 1, 1], and a prefix lifted from the first initial state may name P1 where a tied process
 * should be: the renamed initial state is then one that canonical's tie-break does not name.
 */
function tiedOrbit(): Model<readonly number[]> {
  const P = [0, 1, 2];
  return {
    processes: ['P1', 'P2', 'P3'],
    init: () => [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
    next: (s) => P.filter((p) => s[p] === 0).map((p) => ({ process: p, action: `P${p + 1}.go`, label: `P${p + 1} goes to 1`, next: s.map((l, q) => (q === p ? 1 : l)) })),
    encode: (s) => Uint8Array.from(s),
    decode: (b) => [b[0]!, b[1]!, b[2]!],
    properties: [{ name: 'P1LeavesOne', description: 'P1, once at 1, leaves it.', checks: [{ kind: 'leaves', processes: [0], inRegion: (s, p) => s[p] === 1 }] }],
    quiescent: (s) => s.every((l) => l === 1),
    // Sorted by local state, ties by index: tied processes keep their order.
    canonical: (s): Canonical<readonly number[]> => {
      const order = [...P].sort((a, b) => s[a]! - s[b]! || a - b);
      const perm: number[] = [];
      order.forEach((p, i) => (perm[p] = i));
      return { state: order.map((p) => s[p]!), perm };
    },
    view: (s) => ({ P1: String(s[0]), P2: String(s[1]), P3: String(s[2]) }),
  };
}

const MODELS: Record<string, () => Model<unknown>> = {
  'tied-orbit': tiedOrbit as () => Model<unknown>,
  'late-asymmetry': lateAsymmetry as () => Model<unknown>,
  ring32: ring32 as () => Model<unknown>,
  'orbit-after-other-1': () => orbitAfterOther(1) as Model<unknown>,
  'orbit-after-other-2': () => orbitAfterOther(2) as Model<unknown>,
  'orbit-after-other-3': () => orbitAfterOther(3) as Model<unknown>,
};

export const spec: SpecDefinition = {
  name: 'survivors-symmetric',
  summary: 'Small symmetric models for the engine’s rarer paths.',
  parameters: [],
  variants: Object.keys(MODELS).map((id) => ({ id, version: '-', summary: id })),
  symmetry: true,
  propertyNames: ['NoOne', 'P1BelowThree', 'P1Passes'],
  build(args: SpecArgs) {
    const model = MODELS[args.variant ?? ''];
    if (!model) throw new Error(`unknown variant ${args.variant}`);
    return model();
  },
};
