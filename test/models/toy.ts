/**
 * Tiny hand-built models whose answers are known by hand, to test the engine alone.
 *
 * - `counters`: n processes each count 0..limit; invariant "not every counter at limit-or-more"
 *   fails at depth n*limit; symmetric in the processes.
 * - `zigzag`: counters whose transitions are listed so that BFS first reaches every state by
 *   alternating processes; the fewest-switch trace must still be found.
 * - `handoff`: P spins waiting for a flag that Q sets once. The spin cycle is unfair (Q is enabled
 *   throughout and never steps), so under weak fairness P leaves: the property holds.
 * - `livelock`: as handoff, but Q may give up instead of setting the flag; after that P spins
 *   forever with nobody enabled: a fair cycle, the property fails.
 * - `stuck`: as livelock, but P blocks instead of spinning: once Q gives up nothing can step,
 *   with P still in its region (a legitimate end state, not a deadlock): the property fails.
 * - `deadlock`: two processes take two locks in opposite orders.
 */
import type { Model, Transition } from '../../explorer/model';
import type { SpecArgs, SpecDefinition } from '../../explorer/spec';

interface Counters {
  readonly c: number[];
}

/** `zigzag` lists the processes in reverse order in states of odd total, which makes the first
 * path BFS finds to any state alternate between processes: the fewest-switch choice must differ. */
function counters(n: number, limit: number, zigzag = false): Model<Counters> {
  const processes = Array.from({ length: n }, (_, i) => `P${i + 1}`);
  return {
    processes,
    init: () => [{ c: Array(n).fill(0) }],
    next: (s) => {
      const steps = s.c.flatMap((v, p): Transition<Counters>[] =>
        v < limit
          ? [{ process: p, action: `P${p + 1}.inc`, label: `P${p + 1} increments to ${v + 1}`, next: { c: s.c.map((x, i) => (i === p ? x + 1 : x)) } }]
          : [],
      );
      const total = s.c.reduce((a, b) => a + b, 0);
      return zigzag && total % 2 === 1 ? steps.reverse() : steps;
    },
    encode: (s) => Uint8Array.from(s.c),
    decode: (b) => ({ c: Array.from(b) }),
    properties: [
      {
        name: 'NotAllAtLimit',
        description: 'Some counter is below the limit.',
        checks: [{ kind: 'always', holds: (s) => s.c.some((v) => v < limit), explain: (s) => `counters ${s.c.join(',')}` }],
      },
    ],
    quiescent: (s) => s.c.every((v) => v === limit),
    canonical: (s) => {
      const order = s.c.map((v, p) => ({ v, p })).sort((a, b) => a.v - b.v || a.p - b.p);
      const perm = new Array<number>(n);
      order.forEach((o, i) => (perm[o.p] = i));
      return { state: { c: order.map((o) => o.v) }, perm };
    },
    view: (s) => Object.fromEntries(s.c.map((v, p) => [`P${p + 1}`, String(v)])),
  };
}

/** P: 0 = spinning in the region, 1 = left. Q: 0 = ready, 1 = set the flag, 2 = gave up. */
interface Handoff {
  readonly p: number;
  readonly q: number;
}

/** `blocking`: P waits for the flag without spinning (no step of its own until the flag is set). */
function handoff(mayGiveUp: boolean, blocking = false): Model<Handoff> {
  return {
    processes: ['P', 'Q'],
    init: () => [{ p: 0, q: 0 }],
    next: (s) => {
      const out: Transition<Handoff>[] = [];
      if (s.p === 0) {
        if (s.q === 1) out.push({ process: 0, action: 'P.leave', label: 'P sees the flag and leaves', next: { ...s, p: 1 } });
        else if (!blocking) out.push({ process: 0, action: 'P.spin', label: 'P spins: no flag yet', next: s });
      }
      if (s.q === 0) {
        out.push({ process: 1, action: 'Q.set', label: 'Q sets the flag', next: { ...s, q: 1 } });
        if (mayGiveUp) out.push({ process: 1, action: 'Q.giveUp', label: 'Q gives up', next: { ...s, q: 2 } });
      }
      return out;
    },
    encode: (s) => Uint8Array.of(s.p, s.q),
    decode: (b) => ({ p: b[0], q: b[1] }),
    properties: [
      {
        name: 'PLeaves',
        description: 'P eventually leaves its spin loop.',
        checks: [{ kind: 'leaves', processes: [0], inRegion: (s) => s.p === 0 }],
      },
    ],
    quiescent: (s) => s.p === 1 || s.q === 2,
    explainProcess: (s, p) => (p === 0 ? (s.p === 0 ? 'P spinning on the flag' : 'P done') : s.q === 0 ? 'Q ready' : 'Q done'),
    view: (s) => ({ P: s.p === 0 ? 'spinning' : 'left', Q: ['ready', 'flag set', 'gave up'][s.q] }),
  };
}

/**
 * n symmetric processes: each may enter a spin loop that ends once the shared flag is set, or set
 * the flag and finish. If every process enters, they all spin forever: a fair livelock that
 * symmetry reduction must report as it would without reduction.
 */
interface Spinners {
  readonly pc: number[]; // 0 start, 1 spinning, 2 done
  readonly flag: number;
}

function spinners(n: number): Model<Spinners> {
  const name = (p: number) => `P${p + 1}`;
  return {
    processes: Array.from({ length: n }, (_, p) => name(p)),
    init: () => [{ pc: Array(n).fill(0), flag: 0 }],
    next: (s) =>
      s.pc.flatMap((pc, p): Transition<Spinners>[] => {
        const set = (v: number, flag = s.flag) => ({ pc: s.pc.map((x, i) => (i === p ? v : x)), flag });
        if (pc === 0) {
          return [
            { process: p, action: `${name(p)}.enter`, label: `${name(p)} enters the spin loop`, next: set(1) },
            { process: p, action: `${name(p)}.setFlag`, label: `${name(p)} sets the flag`, next: set(2, 1) },
          ];
        }
        if (pc === 1) {
          return [
            s.flag
              ? { process: p, action: `${name(p)}.leave`, label: `${name(p)} sees the flag`, next: set(2) }
              : { process: p, action: `${name(p)}.spin`, label: `${name(p)} spins`, next: s },
          ];
        }
        return [];
      }),
    encode: (s) => Uint8Array.of(...s.pc, s.flag),
    decode: (b) => ({ pc: Array.from(b.subarray(0, n)), flag: b[n] }),
    properties: [
      {
        name: 'EveryoneLeaves',
        description: 'A spinning process eventually leaves the loop.',
        checks: [{ kind: 'leaves', processes: Array.from({ length: n }, (_, p) => p), inRegion: (s, p) => s.pc[p] === 1 }],
      },
    ],
    quiescent: (s) => s.pc.every((pc) => pc === 2),
    explainProcess: (s, p) => ['at start', 'spinning', 'done'][s.pc[p]],
    canonical: (s) => {
      const order = s.pc.map((v, p) => ({ v, p })).sort((a, b) => a.v - b.v || a.p - b.p);
      const perm = new Array<number>(n);
      order.forEach((o, i) => (perm[o.p] = i));
      return { state: { pc: order.map((o) => o.v), flag: s.flag }, perm };
    },
    view: (s) => ({ ...Object.fromEntries(s.pc.map((v, p) => [name(p), ['start', 'spinning', 'done'][v]])), flag: String(s.flag) }),
  };
}

/** Each process: 0 idle, 1 holds its first lock, 2 holds both, 3 done. Locks: owner+1 or 0. */
interface Locks {
  readonly pc: number[];
  readonly lock: number[];
}

function deadlock(): Model<Locks> {
  const order = [
    [0, 1],
    [1, 0],
  ];
  return {
    processes: ['A', 'B'],
    init: () => [{ pc: [0, 0], lock: [0, 0] }],
    next: (s) => {
      const out: Transition<Locks>[] = [];
      for (let p = 0; p < 2; p++) {
        const name = p === 0 ? 'A' : 'B';
        const pc = s.pc[p];
        if (pc < 2) {
          const l = order[p][pc];
          if (s.lock[l] === 0) {
            out.push({
              process: p,
              action: `${name}.lock(${l})`,
              label: `${name} takes lock ${l}`,
              next: { pc: s.pc.map((x, i) => (i === p ? x + 1 : x)), lock: s.lock.map((x, i) => (i === l ? p + 1 : x)) },
            });
          }
        } else if (pc === 2) {
          out.push({
            process: p,
            action: `${name}.unlock`,
            label: `${name} releases both locks`,
            next: { pc: s.pc.map((x, i) => (i === p ? 3 : x)), lock: [0, 0] },
          });
        }
      }
      return out;
    },
    encode: (s) => Uint8Array.of(...s.pc, ...s.lock),
    decode: (b) => ({ pc: [b[0], b[1]], lock: [b[2], b[3]] }),
    properties: [],
    quiescent: (s) => s.pc.every((x) => x === 3),
    explainProcess: (s, p) => (s.pc[p] === 1 ? `waiting for lock ${order[p][1]}` : `pc ${s.pc[p]}`),
    view: (s) => ({ A: String(s.pc[0]), B: String(s.pc[1]), locks: s.lock.join(',') }),
  };
}

export const spec: SpecDefinition = {
  name: 'toy',
  summary: 'Hand-built models with known answers, for testing the engine.',
  parameters: [
    { name: 'n', min: 1, max: 4, default: 2, help: 'processes (counters)' },
    { name: 'limit', min: 1, max: 5, default: 2, help: 'count limit (counters)' },
  ],
  variants: [
    { id: 'counters', version: '-', summary: 'independent counters, symmetric' },
    { id: 'zigzag', version: '-', summary: 'counters whose first-found paths alternate processes' },
    { id: 'handoff', version: '-', summary: 'fair handoff: liveness holds' },
    { id: 'livelock', version: '-', summary: 'fair livelock: liveness fails' },
    { id: 'deadlock', version: '-', summary: 'lock-order deadlock' },
    { id: 'spinners', version: '-', summary: 'symmetric spinners: a fair livelock under symmetry' },
    { id: 'stuck', version: '-', summary: 'P blocks on a flag that may never come: it stays in the region with nothing left to run' },
  ],
  symmetry: true,
  propertyNames: ['NotAllAtLimit', 'PLeaves', 'EveryoneLeaves'],
  build(args: SpecArgs) {
    switch (args.variant) {
      case 'counters':
        return counters(args.params.n ?? 2, args.params.limit ?? 2);
      case 'zigzag':
        return counters(args.params.n ?? 2, args.params.limit ?? 2, true);
      case 'handoff':
        return handoff(false);
      case 'livelock':
        return handoff(true);
      case 'deadlock':
        return deadlock();
      case 'stuck':
        return handoff(true, true);
      case 'spinners':
        return spinners(args.params.n ?? 2);
      default:
        throw new Error(`unknown toy variant ${args.variant}`);
    }
  },
};
