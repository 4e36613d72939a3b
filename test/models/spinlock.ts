/**
 * A test-and-set spinlock shared by n interchangeable processes, with properties that name single
 * processes: the shapes that symmetry reduction gets wrong when it assumes every check is
 * symmetric. Each process loops forever: idle -> try (spin until the lock is free, then take it)
 * -> critical -> release -> idle. Nothing orders the waiters, so a waiter can starve: while P1
 * spins in `try`, the others can keep taking the lock, and that cycle is fair (P1 steps: spinning
 * is a step).
 *
 * Variants (each a different property set over the same transitions):
 * - `starvation`: `WatchedLeavesTry`, a `leaves` check on one process alone (violated: it can
 *   starve). The parameter `watch` picks the process (P1 by default) for this and the next two;
 *   `orbit` starts it from n initial states, one per lock holder (one orbit under the symmetry),
 *   and with `orbit` 2 from one more, in another orbit, with the lock free.
 * - `everyone`: `AllLeaveTry`, the same check on every process (violated too).
 * - `mutex`: `MutualExclusion`, symmetric (holds).
 * - `asym-always`: `WatchedNeverCritical`, an invariant about one process (violated), declared
 *   as such (`names`); `asym-undeclared`: the same check without the declaration, which the
 *   engine must notice on its own. The parameter `holder` starts that process in its critical
 *   section: an initial state that is not its own representative, on which the check already
 *   differs.
 * - `asym-quiescence`: a bounded version where each process takes the lock once and then stops;
 *   `WatchedFinishesLast` at quiescence names one process (violated: any finishing order is
 *   possible).
 */
import type { Model, Property, Transition } from '../../explorer/model';
import type { SpecArgs, SpecDefinition } from '../../explorer/spec';

/** pc: 0 idle, 1 try, 2 critical, 3 done (bounded variant only). `lock`: 0 free, else owner+1.
 * `order`: bounded variant, the number of processes done so far when each finished (0 = not yet). */
interface Spinlock {
  readonly pc: number[];
  readonly lock: number;
  readonly order: number[];
}

const PCS = ['idle', 'try', 'critical', 'done'];

function spinlock(n: number, bounded: boolean, properties: readonly Property<Spinlock>[], holder = -1, orbit = 0): Model<Spinlock> {
  const name = (p: number) => `P${p + 1}`;
  return {
    processes: Array.from({ length: n }, (_, p) => name(p)),
    init: () =>
      (orbit === 0 ? [holder] : [...(orbit === 2 ? [-1] : []), ...Array.from({ length: n }, (_, h) => h)]).map((h) => ({
        pc: Array.from({ length: n }, (_, p) => (p === h ? 2 : 0)),
        lock: h + 1,
        order: Array(n).fill(0),
      })),
    next: (s) =>
      s.pc.flatMap((pc, p): Transition<Spinlock>[] => {
        const go = (to: number, lock = s.lock, order = s.order): Spinlock => ({ pc: s.pc.map((x, i) => (i === p ? to : x)), lock, order });
        switch (pc) {
          case 0:
            return [{ process: p, action: `${name(p)}.try`, label: `${name(p)} tries the lock`, next: go(1) }];
          case 1:
            return s.lock === 0
              ? [{ process: p, action: `${name(p)}.acquire`, label: `${name(p)} takes the lock`, next: go(2, p + 1) }]
              : [{ process: p, action: `${name(p)}.spin`, label: `${name(p)} spins: the lock is held by ${name(s.lock - 1)}`, next: s }];
          case 2: {
            if (!bounded) return [{ process: p, action: `${name(p)}.release`, label: `${name(p)} releases the lock`, next: go(0, 0) }];
            const finished = s.order.filter((o) => o > 0).length + 1;
            const order = s.order.map((o, i) => (i === p ? finished : o));
            return [{ process: p, action: `${name(p)}.release`, label: `${name(p)} releases the lock and finishes`, next: go(3, 0, order) }];
          }
          default:
            return [];
        }
      }),
    encode: (s) => Uint8Array.of(...s.pc, s.lock, ...s.order),
    decode: (b) => ({ pc: Array.from(b.subarray(0, n)), lock: b[n], order: Array.from(b.subarray(n + 1, 2 * n + 1)) }),
    properties,
    quiescent: (s) => s.pc.every((pc) => pc === 3),
    explainProcess: (s, p) => (s.pc[p] === 1 && s.lock !== 0 ? `spinning on the lock held by ${name(s.lock - 1)}` : PCS[s.pc[p]]),
    canonical: (s) => {
      // Sort processes by (pc, finishing order); the lock's owner is renamed with its process.
      const order = s.pc.map((pc, p) => ({ pc, o: s.order[p], p })).sort((a, b) => a.pc - b.pc || a.o - b.o || a.p - b.p);
      const perm = new Array<number>(n);
      order.forEach((x, i) => (perm[x.p] = i));
      return {
        state: { pc: order.map((x) => x.pc), lock: s.lock === 0 ? 0 : perm[s.lock - 1] + 1, order: order.map((x) => x.o) },
        perm,
      };
    },
    view: (s) => ({
      ...Object.fromEntries(s.pc.map((pc, p) => [name(p), PCS[pc]])),
      lock: s.lock === 0 ? 'free' : `held by ${name(s.lock - 1)}`,
      ...(bounded ? { finished: s.order.map((o, p) => (o ? `${name(p)}#${o}` : '')).filter(Boolean).join(' ') } : {}),
    }),
  };
}

const leavesTry = (name: string, processes: number[]): Property<Spinlock> => ({
  name,
  description: `${processes.length === 1 ? `P${processes[0] + 1}` : 'every process'} eventually leaves try (no starvation).`,
  checks: [{ kind: 'leaves', processes, inRegion: (s, p) => s.pc[p] === 1 }],
});

const mutualExclusion: Property<Spinlock> = {
  name: 'MutualExclusion',
  description: 'At most one process is critical.',
  checks: [{ kind: 'always', holds: (s) => s.pc.filter((pc) => pc === 2).length <= 1 }],
};

/** `declared`: the check says which process it names (`names`), as the contract asks. */
const neverCritical = (w: number, declared: boolean): Property<Spinlock> => ({
  name: 'WatchedNeverCritical',
  description: `P${w + 1} never enters its critical section (false: a check that names one process).`,
  checks: [{ kind: 'always', holds: (s) => s.pc[w] !== 2, ...(declared ? { names: [w] } : {}) }],
});

const finishesLast = (w: number): Property<Spinlock> => ({
  name: 'WatchedFinishesLast',
  description: `P${w + 1} is the last to finish (false: a quiescence check that names one process).`,
  checks: [{ kind: 'atQuiescence', holds: (s) => s.order[w] === s.pc.length, names: [w] }],
});

const VARIANTS = ['starvation', 'everyone', 'mutex', 'asym-always', 'asym-undeclared', 'asym-quiescence'] as const;

export const spec: SpecDefinition = {
  name: 'spinlock',
  summary: 'A symmetric test-and-set spinlock with properties naming single processes (symmetry soundness).',
  parameters: [
    { name: 'n', min: 1, max: 4, default: 3, help: 'processes' },
    { name: 'watch', min: 1, max: 4, default: 1, help: 'the process the single-process properties name (at most n)' },
    { name: 'holder', min: 0, max: 4, default: 0, help: 'the process that starts in its critical section holding the lock (0: none)' },
    { name: 'orbit', min: 0, max: 2, default: 0, help: '1: one initial state per process, each with that process holding the lock; 2: and then one with the lock free' },
  ],
  variants: VARIANTS.map((id) => ({ id, version: '-', summary: id })),
  symmetry: true,
  propertyNames: ['WatchedLeavesTry', 'AllLeaveTry', 'MutualExclusion', 'WatchedNeverCritical', 'WatchedFinishesLast'],
  build(args: SpecArgs) {
    const n = args.params.n ?? 3;
    const w = Math.min(args.params.watch ?? 1, n) - 1;
    const holder = Math.min(args.params.holder ?? 0, n) - 1;
    switch (args.variant) {
      case 'starvation':
        return spinlock(n, false, [leavesTry('WatchedLeavesTry', [w])], -1, args.params.orbit ?? 0);
      case 'everyone':
        return spinlock(n, false, [leavesTry('AllLeaveTry', Array.from({ length: n }, (_, p) => p))]);
      case 'mutex':
        return spinlock(n, false, [mutualExclusion]);
      case 'asym-always':
        return spinlock(n, false, [mutualExclusion, neverCritical(w, true)]);
      case 'asym-undeclared':
        return spinlock(n, false, [mutualExclusion, neverCritical(w, false)], holder);
      case 'asym-quiescence':
        return spinlock(n, true, [mutualExclusion, finishesLast(w)]);
      default:
        throw new Error(`unknown spinlock variant ${args.variant}`);
    }
  },
};
