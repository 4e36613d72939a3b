/**
 * Small random models for the differential test of the whole engine against a brute-force
 * reference (test/engine-random-reference.test.ts). Every model is a pure function of its integer
 * parameters: worker threads load this module by path and must build the very same model.
 *
 * Two kinds (`symmetric` 0 or 1):
 * - A random graph: states are node numbers, each edge taken by one process under a name of its
 *   own (`P1.e7`), self-loops (spin loops) and dead ends included. Small ones (up to 40 nodes)
 *   for the reference; a few of thousands, whose levels span several batches, for workers.
 * - A symmetric system: `processes` identical copies of one random local automaton and a shared
 *   variable its guards read and its steps write; `canonical` sorts the local states.
 *
 * A step that violates `NoBadStep` leads to a "crashed" copy of its target, a state no other step
 * reaches, or with `sharedBadTargets` (graphs) to the target itself: the contract keeps a
 * violating step's target as a terminal of its own, while the same state reached by an ordinary
 * step is explored (a search that took it for the terminal would miss what lies beyond).
 *
 * Properties (the same names in both kinds): `Safe` (always), `FinalOk` (atQuiescence),
 * `NoBadStep` (step), `Leaves` (leaves, one or more processes), and `Combined`, an atQuiescence
 * check then an always check (the shorter counterexample wins, the first check on a tie).
 */
import type { Canonical, Check, Model, Property, Transition } from '../../explorer/model';
import type { IntParameter, SpecArgs, SpecDefinition } from '../../explorer/spec';

export const PROPERTY_NAMES = ['Safe', 'FinalOk', 'NoBadStep', 'Leaves', 'Combined'] as const;
const BAD_STEP = 'NoBadStep';

/** mulberry32: a tiny seeded generator, so that every thread draws the same model. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Drawing helpers over one generator. */
class Draw {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = mulberry32(seed);
  }
  /** 0..n-1 */
  below(n: number): number {
    return Math.floor(this.random() * n);
  }
  chance(percent: number): boolean {
    return this.random() * 100 < percent;
  }
  subset(n: number, percent: number): Set<number> {
    return new Set(range(n).filter(() => this.chance(percent)));
  }
  /** `count` distinct numbers of 0..n-1, in the order drawn. */
  distinct(n: number, count: number): number[] {
    const pool = range(n);
    const chosen: number[] = [];
    while (chosen.length < Math.min(count, n)) chosen.push(pool.splice(this.below(pool.length), 1)[0]!);
    return chosen;
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const processName = (p: number) => `P${p}`;

/** Parameters with their ranges; the test draws them, the CLI could list them. */
export const PARAMETERS: readonly IntParameter[] = [
  { name: 'symmetric', min: 0, max: 1, default: 0, help: '1: identical processes over a shared variable, with canonical' },
  { name: 'seed', min: 0, max: 2 ** 31 - 1, default: 1, help: 'what everything else is drawn from' },
  { name: 'processes', min: 1, max: 4, default: 2, help: 'processes (2..3 when symmetric)' },
  { name: 'nodes', min: 2, max: 4000, default: 10, help: 'graph: nodes; symmetric: local states of each process' },
  { name: 'shared', min: 1, max: 3, default: 2, help: 'symmetric: values of the shared variable' },
  { name: 'initial', min: 1, max: 3, default: 1, help: 'graph: initial nodes; symmetric: initial local vectors (closed under renaming)' },
  { name: 'outDegree', min: 1, max: 8, default: 2, help: 'graph: most edges out of a node; symmetric: local steps per local state' },
  { name: 'deadEndPercent', min: 0, max: 100, default: 20, help: 'graph: nodes without an edge out' },
  { name: 'selfLoopPercent', min: 0, max: 100, default: 20, help: 'steps that stay where they are' },
  { name: 'guardPercent', min: 0, max: 100, default: 30, help: 'symmetric: local steps guarded by the shared value' },
  { name: 'badStepPercent', min: 0, max: 100, default: 5, help: 'steps that violate NoBadStep' },
  { name: 'sharedBadTargets', min: 0, max: 1, default: 0, help: 'graph: 1: a bad step leads to its target node itself, not a crashed copy' },
  { name: 'quiescentPercent', min: 0, max: 100, default: 20, help: 'graph: quiescent nodes; symmetric: local states that are done' },
  { name: 'badPercent', min: 0, max: 100, default: 10, help: 'nodes (or local states) where Safe and Combined fail' },
  { name: 'regionPercent', min: 0, max: 100, default: 40, help: "nodes (or local states) in a process's Leaves region" },
  { name: 'listed', min: 1, max: 4, default: 1, help: 'processes the Leaves check lists' },
  // Without a liveness check the engine keeps no edges and records them in a second search.
  { name: 'leaves', min: 0, max: 1, default: 1, help: '0: no Leaves property (a safety-only model)' },
  // A search of a few milliseconds is over before a worker thread is ready to take a batch.
  { name: 'busyWork', min: 0, max: 1_000_000, default: 0, help: 'graph: iterations of busy work in each next() (slows the search, changes nothing else)' },
];

type Params = Readonly<Record<string, number>>;

function param(params: Params, name: string): number {
  const declared = PARAMETERS.find((p) => p.name === name)!;
  const value = params[name] ?? declared.default;
  if (!Number.isInteger(value) || value < declared.min || value > declared.max) throw new Error(`random-graphs: ${name} = ${value} is outside ${declared.min}..${declared.max}`);
  return value;
}

function stateCheck<S>(kind: 'always' | 'atQuiescence', holds: (s: S) => boolean): Check<S> {
  return { kind, holds };
}

function properties<S>(
  withLeaves: boolean,
  safe: (s: S) => boolean,
  finalOk: (s: S) => boolean,
  listed: readonly number[],
  inRegion: (s: S, p: number) => boolean,
  combined: { final: (s: S) => boolean; safe: (s: S) => boolean },
): Property<S>[] {
  return [
    { name: 'Safe', description: 'Never in a bad state.', checks: [stateCheck('always', safe)] },
    { name: 'FinalOk', description: 'Every quiescent state is a good one.', checks: [stateCheck('atQuiescence', finalOk)] },
    { name: BAD_STEP, description: 'No step is a bad one.', checks: [{ kind: 'step' }] },
    ...(withLeaves ? [{ name: 'Leaves', description: 'Every listed process eventually leaves its region.', checks: [{ kind: 'leaves' as const, processes: listed, inRegion }] }] : []),
    {
      name: 'Combined',
      description: 'Good at quiescence and never bad, as two checks.',
      checks: [stateCheck('atQuiescence', combined.final), stateCheck('always', combined.safe)],
    },
  ];
}

/** Time spent for nothing, with a result the caller checks so that it is not optimized away. */
function busyWork(iterations: number): number {
  let x = 1;
  for (let i = 0; i < iterations; i++) x = (x * 31 + i) | 0;
  return x;
}

interface GraphEdge {
  readonly process: number;
  readonly action: string;
  readonly to: number;
  readonly violates: boolean;
}

/**
 * A random graph. Nodes are 0..n-1; node n + x is node x reached by a bad step (a terminal).
 */
function randomGraph(params: Params): Model<number> {
  const draw = new Draw(param(params, 'seed'));
  const n = param(params, 'nodes');
  const processCount = param(params, 'processes');
  const crashed = (s: number) => s >= n;
  const initial = draw.distinct(n, param(params, 'initial'));
  const out: GraphEdge[][] = range(n).map(() => []);
  let edgeCount = 0;
  for (const from of range(n)) {
    if (draw.chance(param(params, 'deadEndPercent'))) continue;
    const degree = 1 + draw.below(param(params, 'outDegree'));
    for (let k = 0; k < degree; k++) {
      const process = draw.below(processCount);
      const to = draw.chance(param(params, 'selfLoopPercent')) ? from : draw.below(n);
      const violates = draw.chance(param(params, 'badStepPercent'));
      out[from]!.push({ process, action: `${processName(process)}.e${edgeCount++}`, to, violates });
    }
  }
  const quiescent = draw.subset(n, param(params, 'quiescentPercent'));
  const bad = draw.subset(n, param(params, 'badPercent'));
  const finalBad = draw.subset(n, 50);
  const combinedFinalBad = draw.subset(n, 50);
  const combinedBad = draw.subset(n, param(params, 'badPercent'));
  const listed = draw.distinct(processCount, Math.min(param(params, 'listed'), processCount)).sort((a, b) => a - b);
  const regions = range(processCount).map(() => draw.subset(n, param(params, 'regionPercent')));
  const busy = param(params, 'busyWork');
  const sharedBadTargets = param(params, 'sharedBadTargets') === 1;
  return {
    processes: range(processCount).map(processName),
    init: () => [...initial],
    next: (s) =>
      crashed(s) || (busy > 0 && busyWork(busy) === 0.5)
        ? []
        : out[s]!.map(
            (edge): Transition<number> => ({
              process: edge.process,
              action: edge.action,
              label: `${edge.action}: ${s} -> ${edge.to}${edge.violates ? ' (bad)' : ''}`,
              next: edge.violates && !sharedBadTargets ? n + edge.to : edge.to,
              ...(edge.violates ? { violates: BAD_STEP } : {}),
            }),
          ),
    encode: (s) => Uint8Array.of(s >> 8, s & 0xff),
    decode: (b) => b[0]! * 256 + b[1]!,
    properties: properties<number>(
      param(params, 'leaves') === 1,
      (s) => !bad.has(s),
      (s) => !finalBad.has(s),
      listed,
      (s, p) => !crashed(s) && regions[p]!.has(s),
      { final: (s) => !combinedFinalBad.has(s), safe: (s) => !combinedBad.has(s) },
    ),
    quiescent: (s) => quiescent.has(s),
    explainProcess: (s, p) => `${processName(p)} at node ${s}`,
    view: (s): Record<string, string> => (crashed(s) ? { node: String(s - n), crashed: 'yes' } : { node: String(s) }),
  };
}

export interface SymmetricState {
  readonly locals: readonly number[];
  readonly shared: number;
  /** Reached by a bad step: a terminal. */
  readonly crashed: boolean;
}

interface LocalStep {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** The shared value the step needs, if any. */
  readonly guard?: number;
  /** The shared value the step writes, if any. */
  readonly write?: number;
  readonly violates: boolean;
}

/** Every ordering of `items` (at most 3 processes here). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/**
 * Identical processes running one random local automaton over a shared variable. Every property
 * reads a process only through its own local state, so all are symmetric.
 */
function randomSymmetric(params: Params): Model<SymmetricState> {
  const draw = new Draw(param(params, 'seed'));
  const k = param(params, 'processes');
  if (k < 2 || k > 3) throw new Error(`random-graphs: a symmetric model has 2..3 processes, got ${k}`);
  const locals = param(params, 'nodes');
  if (locals > 6) throw new Error(`random-graphs: a symmetric model has at most 6 local states, got ${locals}`);
  const sharedValues = param(params, 'shared');
  const steps: LocalStep[] = [];
  for (const from of range(locals)) {
    const degree = draw.below(param(params, 'outDegree') + 1);
    for (let d = 0; d < degree; d++) {
      const to = draw.chance(param(params, 'selfLoopPercent')) ? from : draw.below(locals);
      const guard = sharedValues > 1 && draw.chance(param(params, 'guardPercent')) ? draw.below(sharedValues) : undefined;
      const write = sharedValues > 1 && draw.chance(50) ? draw.below(sharedValues) : undefined;
      steps.push({ name: `s${steps.length}`, from, to, ...(guard !== undefined ? { guard } : {}), ...(write !== undefined ? { write } : {}), violates: draw.chance(param(params, 'badStepPercent')) });
    }
  }
  // Initial local vectors, closed under renaming (liveness under symmetry assumes it).
  const initialVectors = new Map<string, number[]>();
  for (let i = 0; i < param(params, 'initial'); i++) {
    const vector = range(k).map(() => (draw.chance(50) ? 0 : draw.below(locals)));
    for (const renamed of permutations(vector)) initialVectors.set(renamed.join(','), renamed);
  }
  const done = draw.subset(locals, param(params, 'quiescentPercent'));
  const bad = draw.subset(locals, param(params, 'badPercent'));
  const badCount = 1 + draw.below(k);
  const finalBadShared = draw.subset(sharedValues, 50);
  const finalBadLocals = draw.subset(locals, 50);
  const combinedFinalShared = draw.subset(sharedValues, 50);
  const combinedBad = draw.subset(locals, param(params, 'badPercent'));
  const combinedBadShared = draw.below(sharedValues);
  const region = draw.subset(locals, param(params, 'regionPercent'));
  const listed = draw.distinct(k, Math.min(param(params, 'listed'), k)).sort((a, b) => a - b);

  const count = (s: SymmetricState, set: Set<number>) => s.locals.filter((l) => set.has(l)).length;
  const stepOf = (s: SymmetricState, p: number, step: LocalStep): Transition<SymmetricState> => {
    const shared = step.write ?? s.shared;
    const unchanged = step.to === step.from && shared === s.shared && !step.violates;
    const action = `${processName(p)}.${step.name}`;
    return {
      process: p,
      action,
      label: `${action}: local ${step.from} -> ${step.to}, shared ${s.shared} -> ${shared}`,
      // An unchanged step hands back the state itself, as the contract allows.
      next: unchanged ? s : { locals: s.locals.map((l, q) => (q === p ? step.to : l)), shared, crashed: step.violates },
      ...(step.violates ? { violates: BAD_STEP } : {}),
    };
  };
  return {
    processes: range(k).map(processName),
    init: () => [...initialVectors.values()].map((vector) => ({ locals: vector, shared: 0, crashed: false })),
    next: (s) =>
      s.crashed
        ? []
        : range(k).flatMap((p) => steps.filter((step) => step.from === s.locals[p] && (step.guard === undefined || step.guard === s.shared)).map((step) => stepOf(s, p, step))),
    encode: (s) => Uint8Array.of(s.crashed ? 1 : 0, s.shared, ...s.locals),
    decode: (b) => ({ crashed: b[0] === 1, shared: b[1]!, locals: range(k).map((p) => b[2 + p]!) }),
    properties: properties<SymmetricState>(
      param(params, 'leaves') === 1,
      (s) => count(s, bad) < badCount,
      (s) => !(finalBadShared.has(s.shared) && count(s, finalBadLocals) > 0),
      listed,
      (s, p) => !s.crashed && region.has(s.locals[p]!),
      {
        final: (s) => !combinedFinalShared.has(s.shared),
        safe: (s) => !(s.shared === combinedBadShared && count(s, combinedBad) > 0),
      },
    ),
    quiescent: (s) => !s.crashed && s.locals.every((l) => done.has(l)),
    // Sorted by local state; perm[p] is where process p lands in the representative.
    canonical: (s): Canonical<SymmetricState> => {
      const order = range(k).sort((a, b) => s.locals[a]! - s.locals[b]! || a - b);
      const perm = new Array<number>(k);
      order.forEach((p, position) => (perm[p] = position));
      return { state: { locals: order.map((p) => s.locals[p]!), shared: s.shared, crashed: s.crashed }, perm };
    },
    explainProcess: (s, p) => `${processName(p)} at local ${s.locals[p]}`,
    view: (s) => ({
      shared: String(s.shared),
      ...Object.fromEntries(s.locals.map((l, p) => [processName(p), String(l)])),
      ...(s.crashed ? { crashed: 'yes' } : {}),
    }),
  };
}

export const spec: SpecDefinition = {
  name: 'random-graphs',
  summary: 'Small random models (graphs, and symmetric systems) for the differential test against a brute-force reference.',
  parameters: PARAMETERS,
  symmetry: true,
  // With `leaves` 0 the model has all of these but Leaves.
  propertyNames: [...PROPERTY_NAMES],
  build: (args: SpecArgs) => (param(args.params, 'symmetric') === 1 ? randomSymmetric(args.params) : randomGraph(args.params)),
};
