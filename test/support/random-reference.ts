/**
 * A brute-force model checker for small models, written from the `Model` contract alone
 * (explorer/model.ts, the docs of explorer/verdicts.ts and explorer/liveness.ts), never from the
 * engine's code: a plain FIFO breadth-first search over decoded states, fewest context switches
 * by dynamic programming over the shortest-path layers, strongly connected components by mutual
 * reachability, and fair cycles by a search over (state, processes satisfied so far). Slow and
 * simple on purpose: it answers for models of a few hundred states.
 *
 * The contract as read here:
 * - A step whose `violates` names a property with a `step` check leads to a terminal: counted,
 *   never expanded, never checked (no invariant, no quiescence, no deadlock, no region). The
 *   terminal is a state of its own: the same state reached by a step that violates nothing is
 *   another, ordinary state, and is expanded.
 * - Deadlock: an expanded state that is not quiescent and has no transition at all.
 * - `leaves`, for listed process p, under weak fairness per process: violated by a reachable cycle
 *   of expanded states inside p's region on which every process enabled at every state of the
 *   cycle takes a step (a self-loop is a step), or by an expanded state inside the region with no
 *   transition at all. A transition to a terminal is a step out of the region.
 */
import type { Check, Model, Transition } from '../../explorer/model';

export interface ReferenceEdge {
  readonly process: number;
  readonly action: string;
  readonly target: number;
  /** The step breaks a `step` property (its target is a terminal). */
  readonly violates?: string;
}

export interface ReferenceGraph<S> {
  readonly model: Model<S>;
  /** Reachable states in FIFO breadth-first order: initial states in `init()` order, then successors in `next()` order. */
  readonly states: readonly S[];
  readonly keys: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly distance: readonly number[];
  readonly terminal: readonly boolean[];
  /** Per state; empty for a terminal (never expanded). */
  readonly edges: readonly (readonly ReferenceEdge[])[];
  /** Bit p set when process p has a transition (for a terminal: 0). */
  readonly enabled: readonly number[];
  /** Per state: last acting process (-1: none, an initial state) -> fewest switches over shortest paths. */
  readonly fewest: readonly ReadonlyMap<number, number>[];
}

export const stateKey = <S>(model: Model<S>, state: S): string => Buffer.from(model.encode(state)).toString('hex');

const allProcesses = (count: number) => (2 ** count - 1) >>> 0;

export function explore<S>(model: Model<S>): ReferenceGraph<S> {
  const stepProperties = new Set(model.properties.filter((p) => p.checks.some((c) => c.kind === 'step')).map((p) => p.name));
  const states: S[] = [];
  const keys: string[] = [];
  const indexOf = new Map<string, number>();
  const distance: number[] = [];
  const terminal: boolean[] = [];
  const add = (state: S, depth: number, isTerminal: boolean): number => {
    const key = (isTerminal ? 'terminal:' : '') + stateKey(model, state);
    const known = indexOf.get(key);
    if (known !== undefined) return known;
    indexOf.set(key, states.length);
    states.push(state);
    keys.push(key);
    distance.push(depth);
    terminal.push(isTerminal);
    return states.length - 1;
  };
  for (const s of model.init()) add(s, 0, false);
  const edges: ReferenceEdge[][] = [];
  const enabled: number[] = [];
  for (let i = 0; i < states.length; i++) {
    if (terminal[i]) {
      edges.push([]);
      enabled.push(0);
      continue;
    }
    const transitions: Transition<S>[] = model.next(states[i]!);
    let mask = 0;
    edges.push(
      transitions.map((t) => {
        mask |= 1 << t.process;
        const violating = t.violates !== undefined && stepProperties.has(t.violates);
        const target = add(t.next, distance[i]! + 1, violating);
        return { process: t.process, action: t.action, target, ...(violating ? { violates: t.violates } : {}) };
      }),
    );
    enabled.push(mask >>> 0);
  }
  return { model, states, keys, indexOf, distance, terminal, edges, enabled, fewest: fewestSwitches(states.length, distance, edges, model.init().map((s) => indexOf.get(stateKey(model, s))!)) };
}

const switchCost = (last: number, process: number) => (last >= 0 && last !== process ? 1 : 0);

/** Fewest process changes over shortest paths, per state and last acting process. */
function fewestSwitches(count: number, distance: readonly number[], edges: readonly (readonly ReferenceEdge[])[], roots: readonly number[]): Map<number, number>[] {
  const fewest = Array.from({ length: count }, () => new Map<number, number>());
  for (const r of roots) fewest[r]!.set(-1, 0);
  // States are in breadth-first order, so every shortest-path predecessor of a state comes first.
  for (let u = 0; u < count; u++) {
    for (const e of edges[u]!) {
      if (distance[e.target] !== distance[u]! + 1) continue;
      for (const [last, switches] of fewest[u]!) {
        const cost = switches + switchCost(last, e.process);
        const known = fewest[e.target]!.get(e.process);
        if (known === undefined || cost < known) fewest[e.target]!.set(e.process, cost);
      }
    }
  }
  return fewest;
}

export function fewestSwitchesTo(graph: ReferenceGraph<unknown>, state: number): number {
  return Math.min(...graph.fewest[state]!.values());
}

/** Fewest switches over shortest paths to `source`, then the step `process` takes from it. */
function fewestSwitchesThrough(graph: ReferenceGraph<unknown>, source: number, process: number): number {
  return Math.min(...[...graph.fewest[source]!].map(([last, switches]) => switches + switchCost(last, process)));
}

export type SafetyKind = 'always' | 'atQuiescence' | 'step' | 'deadlock';

/** The shortest counterexample of a safety check: its length in steps, and the fewest switches at that length. */
export interface SafetyAnswer {
  readonly kind: SafetyKind;
  readonly length: number;
  readonly switches: number;
}

function shortest(kind: SafetyKind, found: readonly { length: number; switches: number }[]): SafetyAnswer | undefined {
  if (found.length === 0) return undefined;
  const length = Math.min(...found.map((f) => f.length));
  return { kind, length, switches: Math.min(...found.filter((f) => f.length === length).map((f) => f.switches)) };
}

const expanded = (graph: ReferenceGraph<unknown>) => graph.states.map((_, i) => i).filter((i) => !graph.terminal[i]);

function failingStates<S>(graph: ReferenceGraph<S>, fails: (s: S) => boolean) {
  return expanded(graph)
    .filter((i) => fails(graph.states[i]!))
    .map((i) => ({ length: graph.distance[i]!, switches: fewestSwitchesTo(graph as ReferenceGraph<unknown>, i) }));
}

export function safetyCheck<S>(graph: ReferenceGraph<S>, propertyName: string, check: Check<S>): SafetyAnswer | undefined {
  const quiescent = (s: S) => graph.model.quiescent?.(s) ?? false;
  switch (check.kind) {
    case 'always':
      return shortest('always', failingStates(graph, (s) => !check.holds(s)));
    case 'atQuiescence':
      return shortest('atQuiescence', failingStates(graph, (s) => quiescent(s) && !check.holds(s)));
    case 'step':
      return shortest(
        'step',
        expanded(graph).flatMap((u) =>
          graph.edges[u]!.filter((e) => e.violates === propertyName).map((e) => ({ length: graph.distance[u]! + 1, switches: fewestSwitchesThrough(graph as ReferenceGraph<unknown>, u, e.process) })),
        ),
      );
    case 'leaves':
      throw new Error('reference: leaves is not a safety check');
  }
}

export function deadlock<S>(graph: ReferenceGraph<S>): SafetyAnswer | undefined {
  return shortest('deadlock', failingStates(graph, (s) => !(graph.model.quiescent?.(s) ?? false) && graph.model.next(s).length === 0));
}

/** A `leaves` check for one process: where it can stay in its region forever. */
export interface StayingForever {
  /** Expanded states inside the region. */
  readonly region: ReadonlySet<number>;
  /** Region states with no transition at all. */
  readonly stuck: ReadonlySet<number>;
  /**
   * Fair components' entries: a component's shallowest state, the first found in breadth-first
   * order on a tie (liveness.ts: "the shallowest state of such a cycle"); and every stuck state.
   */
  readonly entries: ReadonlySet<number>;
  /** Every state of a fair component, and every stuck state. */
  readonly members: ReadonlySet<number>;
}

export function stayingForever<S>(graph: ReferenceGraph<S>, inRegion: (s: S, p: number) => boolean, p: number): StayingForever {
  const processCount = graph.model.processes.length;
  const region = new Set(expanded(graph).filter((i) => inRegion(graph.states[i]!, p)));
  const insideEdges = (u: number) => graph.edges[u]!.filter((e) => region.has(e.target));
  // reaches[u]: region states reachable from u in one step or more, never leaving the region.
  const reaches = new Map<number, Set<number>>();
  for (const u of region) {
    const seen = new Set<number>();
    const todo = insideEdges(u).map((e) => e.target);
    while (todo.length > 0) {
      const v = todo.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const e of insideEdges(v)) todo.push(e.target);
    }
    reaches.set(u, seen);
  }
  const stuck = new Set([...region].filter((u) => graph.edges[u]!.length === 0));
  const entries = new Set<number>(stuck);
  const members = new Set<number>(stuck);
  const placed = new Set<number>();
  for (const u of region) {
    if (placed.has(u) || !reaches.get(u)!.has(u)) continue;
    // u lies on a cycle: its component is every state it reaches that reaches it back.
    const component = [...reaches.get(u)!].filter((v) => reaches.get(v)!.has(u));
    for (const v of component) placed.add(v);
    const inComponent = new Set(component);
    let enabledEverywhere = allProcesses(processCount);
    let stepping = 0;
    for (const v of component) {
      enabledEverywhere &= graph.enabled[v]!;
      for (const e of graph.edges[v]!) if (inComponent.has(e.target)) stepping |= 1 << e.process;
    }
    // Walking every edge of the component is a cycle through every state of it: fair iff every
    // process enabled everywhere in it steps somewhere in it.
    if ((enabledEverywhere & ~stepping) !== 0) continue;
    for (const v of component) members.add(v);
    entries.add(component.reduce((a, b) => (graph.distance[b]! < graph.distance[a]! || (graph.distance[b] === graph.distance[a] && b < a) ? b : a)));
  }
  return { region, stuck, entries, members };
}

/**
 * The fewest steps of a closed walk from `entry` inside the region on which every process either
 * steps or is disabled somewhere: a search over (state, processes satisfied so far). 0 for a stuck
 * state, undefined when there is none.
 */
export function shortestFairCycle(graph: ReferenceGraph<unknown>, staying: StayingForever, entry: number): number | undefined {
  if (staying.stuck.has(entry)) return 0;
  const all = allProcesses(graph.model.processes.length);
  const disabled = (s: number) => (all & ~graph.enabled[s]!) >>> 0;
  const start = `${entry}:${disabled(entry)}`;
  const seen = new Set([start]);
  let frontier = [{ state: entry, satisfied: disabled(entry) }];
  for (let length = 1; frontier.length > 0; length++) {
    const next: { state: number; satisfied: number }[] = [];
    for (const { state, satisfied } of frontier) {
      for (const e of graph.edges[state]!) {
        if (!staying.region.has(e.target)) continue;
        const now = (satisfied | (1 << e.process) | disabled(e.target)) >>> 0;
        if (e.target === entry && now === all) return length;
        const key = `${e.target}:${now}`;
        if (seen.has(key)) continue;
        seen.add(key);
        next.push({ state: e.target, satisfied: now });
      }
    }
    frontier = next;
  }
  return undefined;
}

/** The reference's answer to a whole `leaves` check, over every process it lists. */
export interface LivenessAnswer {
  readonly perProcess: ReadonlyMap<number, StayingForever>;
  /** The depth of the shallowest entry over every listed process (undefined: the check holds). */
  readonly depth?: number;
  /** Fewest switches to an entry at that depth. */
  readonly switches?: number;
  /** Processes with an entry at that depth. */
  readonly processesAtDepth: readonly number[];
  /**
   * The lasso's expected cycle length: the shortest fair cycle from the entries at that depth
   * reached with the fewest switches (0 when one of them is stuck).
   */
  readonly cycle?: number;
}

export function livenessCheck<S>(graph: ReferenceGraph<S>, check: Extract<Check<S>, { kind: 'leaves' }>): LivenessAnswer {
  const perProcess = new Map(check.processes.map((p) => [p, stayingForever(graph, check.inRegion, p)] as const));
  const candidates = [...perProcess].flatMap(([p, staying]) => [...staying.entries].map((entry) => ({ p, entry, staying })));
  if (candidates.length === 0) return { perProcess, processesAtDepth: [] };
  const depth = Math.min(...candidates.map((c) => graph.distance[c.entry]!));
  const atDepth = candidates.filter((c) => graph.distance[c.entry] === depth);
  const switchesOf = (c: { entry: number }) => fewestSwitchesTo(graph as ReferenceGraph<unknown>, c.entry);
  const switches = Math.min(...atDepth.map(switchesOf));
  const cycle = Math.min(...atDepth.filter((c) => switchesOf(c) === switches).map((c) => shortestFairCycle(graph as ReferenceGraph<unknown>, c.staying, c.entry)!));
  return { perProcess, depth, switches, processesAtDepth: [...new Set(atDepth.map((c) => c.p))], cycle };
}
