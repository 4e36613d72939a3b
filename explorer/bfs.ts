/**
 * Breadth-first search, merged level by level: every state of depth d is merged (its successors
 * looked up and numbered) before any of depth d+1, and each level's batches are merged in frontier
 * order whatever order the threads finish in, so state numbering, the graph, and therefore every
 * counterexample are the same for any number of workers. Expansion runs ahead of the merge: a
 * batch of depth d+1 may be expanded while depth d is still being merged.
 */
import type { Executor } from './executor';
import type { Expansion } from './expand';
import type { SearchLimits } from './options';
import type { SearchContext } from './search-context';
import type { StopReason } from './result';
import { RecordBuffer, Column } from './growable';
import { ExploredGraph, expandedFlags } from './graph';
import { memoryCeilingReached } from './memory-ceiling';
import { ExactStates } from './exact-states';
import { stateFacts, symmetryWitness } from './state-facts';
import { threadCount } from './thread-count';
import { addCounts, type StepCounts } from './coverage';

/** The first (shallowest) places a check failed: states, or edges for step checks. */
export interface Hits {
  readonly depth: number;
  readonly items: number[];
  /**
   * Step hits only: the target state of each edge in `items`, kept even when edges are not, so
   * that a second, recording search can be checked to give each edge the same target.
   */
  readonly targets?: number[];
}

export interface SearchOutcome {
  readonly graph: ExploredGraph;
  readonly generated: number;
  readonly stoppedBy?: StopReason;
  /** States discovered but not expanded when the search stopped. */
  readonly queue: number;
  readonly seconds: number;
  /** Per state check (`plan.stateChecks` order): the shallowest failing states. */
  readonly stateHits: (Hits | undefined)[];
  /** Per step code - 1: the shallowest violating edges. */
  readonly stepHits: (Hits | undefined)[];
  /** Non-quiescent states without successors. */
  readonly deadlocks?: Hits;
  /**
   * Why symmetry reduction cannot decide this model's properties (a check that is not
   * symmetric): the search stopped at once and its graph is not to be judged.
   */
  readonly asymmetry?: string;
  /**
   * With `--exact`: the first state found whose fingerprint was another state's (exact-states.ts):
   * the search stopped at once and its graph is not to be judged.
   */
  readonly collision?: Collision;
  /** With `coverage`: the merged batches' transitions by identity and outcome (coverage.ts). */
  readonly steps?: StepCounts;
}

/** Two different states with one fingerprint, as `--exact` found them. */
export interface Collision {
  /** The depth at which the second state was found. */
  readonly depth: number;
  /** The state numbered first, whose fingerprint the second one has. */
  readonly state: number;
}

const BATCH = 512;
/** Batches dispatched ahead of the merge, per worker: enough to keep every worker busy. */
const IN_FLIGHT_PER_WORKER = 8;

/**
 * What the search keeps beyond the seen set. Liveness needs every edge (and each state's enabled
 * processes and region masks); a safety-only run needs none of it until a check fails, when the
 * shortest and fewest-switch counterexample is computed over the edges of the levels above the
 * failure: a second search, identical up to that depth because numbering is deterministic,
 * records them (see explore.ts).
 */
export interface Recording {
  readonly edges: boolean;
  /** Expand only the levels above this depth (the second, recording search). */
  readonly expandBelow?: number;
  /**
   * Called for every state as it is numbered, with its fingerprint and the encoded state it was
   * reached from (none for an initial state): the recording search checks that it repeats the
   * first one (record-edges.ts).
   */
  readonly onNewState?: (state: number, lo: number, hi: number, from: Uint8Array | undefined) => void;
}

export async function breadthFirst<S>(
  context: SearchContext<S>,
  executor: Executor,
  options: SearchLimits,
  recording: Recording = { edges: true },
): Promise<SearchOutcome> {
  const started = Date.now();
  const { model, plan, hasher, symmetry } = context;
  const edges = recording.edges;
  const expandBelow = recording.expandBelow ?? Infinity;
  const onNewState = recording.onNewState;
  const graph = new ExploredGraph(model.processes.length, plan.liveness.length, symmetry, context.newSeenSet(), context.exact ? new ExactStates() : undefined);
  let stoppedBy: StopReason | undefined;
  let asymmetry: string | undefined;
  let lastProgress = 0;
  const steps: StepCounts | undefined = options.coverage === true ? new Map() : undefined;
  const m: Merging = {
    graph,
    edges,
    onNewState,
    // Level 0: the initial states, canonical when symmetry is on.
    frontier: new RecordBuffer(),
    frontierStates: new Column(Int32Array),
    // The level being built. The two levels' buffers swap roles at each level's end and keep their
    // capacity: a buffer per level, grown by doubling, left tens of MB of dead ArrayBuffers that V8
    // frees only at a full collection (TwoPhase N = 8: 80 MB of array buffers at the peak, 32 MB
    // of them the seen set).
    next: new RecordBuffer(),
    nextStates: new Column(Int32Array),
    stateHits: plan.stateChecks.map(() => undefined),
    stepHits: plan.stepChecks.map(() => undefined),
    deadlocks: undefined,
    collision: undefined,
    steps,
    generated: 0,
    // Edges are numbered in generation order whether or not they are stored (step hits name them).
    edgeCount: 0,
    warmth: 0,
  };
  const fp = new Uint32Array(2);
  const facts = stateFacts(model, plan, true);
  model.init().forEach((initial, position) => {
    let state = initial;
    let perm = 0;
    // `symmetry` is on only for a model with `canonical` (search-context.ts).
    if (symmetry && model.canonical) {
      const canonical = model.canonical(initial);
      state = canonical.state;
      perm = graph.internPerm(canonical.perm);
      // Stryker disable next-line ConditionalExpression: an initial state that is its own representative cannot show an asymmetry; the guard only saves the look
      if (perm !== 0) asymmetry ??= symmetryWitness(model, plan, facts, initial, canonical);
    }
    const bytes = model.encode(state);
    hasher(bytes, fp, 0);
    m.generated++;
    let index = graph.seen.find(fp[0], fp[1]);
    if (index >= 0 && graph.states?.same(index, bytes, 0, bytes.length, false) === false) m.collision ??= { depth: 0, state: index };
    if (index < 0) {
      index = graph.seen.add(fp[0], fp[1]);
      graph.states?.add(bytes, 0, bytes.length, false);
      if (edges) graph.flags.push(0);
      onNewState?.(index, fp[0], fp[1], undefined);
      m.frontier.add(bytes);
      m.frontierStates.push(index);
    }
    graph.roots.push({ state: index, init: position, perm });
  });
  graph.levelStarts.push(graph.size);

  // The threads that expand (as many as explore.ts starts): they set both the room `--max-memory`
  // keeps and how many batches go ahead of the merge.
  const threads = threadCount(options.workers);
  // `growthAhead`: the next growth of the graph and of the level being built (memory-ceiling.ts).
  const limitReached = (growthAhead: number): StopReason | undefined => {
    if (options.signal?.aborted) return 'interrupted';
    if (options.maxStates !== undefined && graph.size > options.maxStates) return 'max-states';
    if (options.maxSeconds !== undefined && (Date.now() - started) / 1000 >= options.maxSeconds) return 'max-seconds';
    if (options.maxMemory !== undefined && memoryCeilingReached(process.memoryUsage().rss, growthAhead, options.maxMemory, threads)) return 'max-memory';
    return undefined;
  };

  let depth = 0;
  let unexpanded = 0;
  let batchEdges = 0;
  let batchBytes = 0;
  // Batches dispatched and not merged yet, in merge order: the rest of the level being merged,
  // then the first full batches of the level being built. Only a few are in flight at once, so a
  // level's successors never all wait in memory (a big level's expansions held ~150 MB on nfs
  // N=3). How many changes when batches are expanded, never what is merged: the merge takes them
  // in order.
  const pending: Promise<Expansion>[] = [];
  // Stryker disable next-line ArithmeticOperator: scheduling only (how many batches are in flight), never what is merged
  const busy = IN_FLIGHT_PER_WORKER * threads;
  // Stryker disable next-line ArithmeticOperator: scheduling only (two batches ahead of the merge, or ten, for one worker)
  const inFlight = busy + 2;
  // States of each level handed out in batches so far.
  let frontierDispatched = 0;
  let nextDispatched = 0;
  const dispatch = (records: RecordBuffer, from: number, to: number) => {
    // Repeats are found by fingerprint in the thread that expands, where `--exact` could not check them.
    const expansion = executor.expand({ ...records.slice(from, to), leaveOutRepeats: !edges && !context.exact, ...(steps ? { countSteps: true } : {}) });
    // A batch dispatched ahead is never awaited when the search stops before it (a limit, an
    // asymmetry, an earlier batch's spec error, the end of the violating level): its own error
    // must not be an unhandled rejection, which ends the process (exit 1) after the caller has
    // already reported.
    expansion.catch(() => undefined);
    pending.push(expansion);
  };
  // No barrier between levels: once the level being merged is all dispatched, the next level's
  // batches go out as soon as they are full (its states are numbered, in order, as the merge finds
  // them), so no thread waits for a level's last batches while another expands them (TwoPhase
  // N = 8, 2 threads: each thread idle ~0.3 s of ~4 s at 25 level ends). A level's batches are
  // the same slices of it either way, and it is still merged after the whole level above.
  const fill = () => {
    // Stryker disable next-line EqualityOperator: scheduling only (one batch more in flight)
    while (pending.length < inFlight) {
      if (frontierDispatched < m.frontier.count) {
        const to = Math.min(frontierDispatched + BATCH, m.frontier.count);
        dispatch(m.frontier, frontierDispatched, to);
        frontierDispatched = to;
      } else if (depth + 1 < expandBelow && m.next.count - nextDispatched >= BATCH) {
        dispatch(m.next, nextDispatched, nextDispatched + BATCH);
        nextDispatched += BATCH;
      } else return;
    }
  };
  while (m.frontier.count > 0 && !stoppedBy && asymmetry === undefined && m.collision === undefined && depth < expandBelow) {
    let merged = 0;
    while (merged < m.frontier.count) {
      fill();
      const e = await pending.shift()!;
      if (e.asymmetry !== undefined) {
        asymmetry = e.asymmetry;
        break;
      }
      fill();
      mergeBatch(m, e, merged, depth);
      // Stryker disable next-line ConditionalExpression: the run starts again after a collision; merging the level's other batches first is work thrown away with this search
      if (m.collision !== undefined) break;
      merged += e.succCount.length;
      // The states this batch found may complete a batch of the next level.
      fill();
      const now = Date.now();
      // Stryker disable next-line EqualityOperator: a millisecond sooner or later in a progress display
      if (options.onProgress && now - lastProgress >= 200) {
        lastProgress = now;
        options.onProgress({
          generated: m.generated,
          distinct: graph.size,
          queue: m.frontier.count - merged + m.next.count,
          depth,
          seconds: (now - started) / 1000,
        });
      }
      // The next batch is assumed as big as twice the biggest so far.
      batchEdges = Math.max(batchEdges, 2 * e.proc.length);
      batchBytes = Math.max(batchBytes, 2 * e.succData.length);
      // Merged: nothing reads the expansion any more, and its buffer serves a later batch.
      executor.recycle(e);
      stoppedBy = limitReached(graph.growthAhead(batchEdges, batchBytes) + m.next.growthAhead(batchEdges, batchBytes));
      if (stoppedBy) {
        unexpanded = m.frontier.count - merged + m.next.count;
        break;
      }
    }
    if (stoppedBy || asymmetry !== undefined || m.collision !== undefined) break;
    // The level's unexpanded states get their empty edge lists when the next level's first state
    // is expanded, or once the search ends (below).
    graph.levelStarts.push(graph.size);
    depth++;
    [m.frontier, m.next] = [m.next, m.frontier];
    [m.frontierStates, m.nextStates] = [m.nextStates, m.frontierStates];
    m.next.clear();
    m.nextStates.length = 0;
    frontierDispatched = nextDispatched;
    nextDispatched = 0;
    const violated = m.stateHits.some(Boolean) || m.stepHits.some(Boolean) || m.deadlocks !== undefined;
    if (options.stopOnViolation && violated && m.frontier.count > 0) {
      stoppedBy = 'stop-on-violation';
      unexpanded = m.frontier.count;
    }
  }
  // Close the level table: one entry past the last non-empty level (the states found by a search
  // stopped mid-level are a level of their own; an empty last level is dropped).
  const starts = graph.levelStarts;
  starts.push(graph.size);
  while (starts.length > 2 && starts[starts.length - 1] === starts[starts.length - 2]) starts.pop();
  // States never expanded (terminals, or the queue of a stopped search) get empty edge lists.
  if (edges) recordTerminalsBefore(graph, graph.size);
  return {
    graph,
    generated: m.generated,
    stoppedBy,
    queue: unexpanded,
    seconds: (Date.now() - started) / 1000,
    stateHits: m.stateHits,
    stepHits: m.stepHits,
    deadlocks: m.deadlocks,
    asymmetry,
    // Stryker disable next-line ConditionalExpression: `collision: undefined` is no collision to every reader (they test !== undefined)
    ...(m.collision !== undefined ? { collision: m.collision } : {}),
    ...(steps ? { steps } : {}),
  };
}

/**
 * What merging a batch reads and writes besides the batch: the graph, the level being merged and
 * the one being built, and the counters and hits the search reports. The two levels swap at each
 * level's end (`breadthFirst`).
 */
interface Merging {
  readonly graph: ExploredGraph;
  readonly edges: boolean;
  readonly onNewState: Recording['onNewState'];
  frontier: RecordBuffer;
  frontierStates: Column<Int32Array>;
  next: RecordBuffer;
  nextStates: Column<Int32Array>;
  readonly stateHits: (Hits | undefined)[];
  readonly stepHits: (Hits | undefined)[];
  deadlocks: Hits | undefined;
  /** The first fingerprint collision `--exact` found (the merge stops there). */
  collision: Collision | undefined;
  /**
   * With coverage: the merged batches' counts (counted as merged, so they are the same whatever
   * the number of threads), with the new states each step found.
   */
  readonly steps: StepCounts | undefined;
  /** Transitions so far, and the edge numbers given so far (one per transition, stored or not). */
  generated: number;
  edgeCount: number;
  /** What the seen set's warming reads add up to (kept so that the reads are kept; never used). */
  warmth: number;
}

/**
 * Merges expansion `e` of the level's states from `merged` on: numbers its new successors (into
 * the level being built), records its edges when they are kept, and notes the checks it fails. A
 * function of its own, not the body of the search's loop, because V8 compiles a hot function
 * whole and again after each deoptimization: inside the async search (which resumes once per
 * batch, and whose rarely run level-end code deoptimized it as it was first reached) the merge was
 * compiled four times, 140 ms on TwoPhase N = 8 (`--trace-opt`), on a core the search wants.
 */
function mergeBatch(m: Merging, e: Expansion, merged: number, depth: number): void {
  const { graph, edges, onNewState, frontier, frontierStates, next, nextStates, stateHits, stepHits } = m;
  const { seen, regionCount, states } = graph;
  // The batch's renamings, interned once per batch rather than per successor.
  const renaming = new Uint16Array(e.perms.length / graph.processCount);
  for (let id = 1; id < renaming.length; id++) renaming[id] = graph.internPerm(localPerm(e, id, graph.processCount));
  m.warmth ^= seen.warm(e.fingerprints, e.proc.length);
  // With coverage: the new states found, by the (identity, outcome) pair of the step that found them.
  const found = e.steps !== undefined ? new Uint32Array(e.steps.keys.length) : undefined;
  let generated = m.generated;
  let edgeCount = m.edgeCount;
  let succ = 0;
  for (let i = 0; i < e.succCount.length; i++) {
    const state = frontierStates.get(merged + i);
    if (edges) {
      recordTerminalsBefore(graph, state);
      graph.flags.set(state, expandedFlags(e.quiescent[i] === 1, e.stateFailures[i]!));
      graph.enabled.push(e.enabled[i]);
      for (let j = 0; j < regionCount; j++) graph.regions.push(e.regions[i * regionCount + j]);
    }
    // Bit c of the mask is state check c; most states fail none and cost one test.
    for (let c = 0, failures = e.stateFailures[i]; failures !== 0; c++, failures >>>= 1) {
      if (failures & 1) stateHits[c] = note(stateHits[c], depth, state);
    }
    const count = e.succCount[i];
    const transitions = count + e.leftOut[i];
    if (transitions === 0 && e.quiescent[i] !== 1) m.deadlocks = note(m.deadlocks, depth, state);
    generated += transitions;
    // Edges are numbered by transition, those the worker left out included.
    const firstEdge = edgeCount;
    edgeCount += transitions;
    for (let k = 0; k < count; k++, succ++) {
      const lo = e.fingerprints[2 * succ];
      const hi = e.fingerprints[2 * succ + 1];
      let target = seen.find(lo, hi);
      const violation = e.violates[succ];
      if (states !== undefined) {
        const from = e.succOffsets[succ];
        const to = e.succOffsets[succ + 1];
        if (target < 0) states.add(e.succData, from, to, violation !== 0);
        else if (!states.same(target, e.succData, from, to, violation !== 0)) {
          m.collision = { depth: depth + 1, state: target };
          return;
        }
      }
      if (target < 0) {
        target = seen.add(lo, hi);
        if (edges) graph.flags.push(0);
        onNewState?.(target, lo, hi, frontier.record(merged + i));
        if (found !== undefined) found[e.stepKeys[succ]!]!++;
        // A violating step's target is a terminal: counted, never expanded.
        if (!violation) {
          next.add(e.succData.subarray(e.succOffsets[succ], e.succOffsets[succ + 1]));
          nextStates.push(target);
        }
      }
      if (edges) {
        graph.target.push(target);
        graph.proc.push(e.proc[succ]);
        graph.ordinal.push(e.ordinal[succ]);
        if (graph.renamings) graph.perm.push(renaming[e.perm[succ]]);
      }
      if (violation) stepHits[violation - 1] = noteStep(stepHits[violation - 1], depth + 1, firstEdge + e.ordinal[succ], target);
    }
    if (edges) graph.edgeStart.push(graph.target.length);
  }
  m.generated = generated;
  m.edgeCount = edgeCount;
  if (m.steps !== undefined && e.steps !== undefined) addCounts(m.steps, e.steps, found!);
}

function note(hits: Hits | undefined, depth: number, item: number): Hits {
  if (!hits) return { depth, items: [item] };
  if (depth === hits.depth) hits.items.push(item);
  return hits;
}

function noteStep(hits: Hits | undefined, depth: number, edge: number, target: number): Hits {
  if (!hits) return { depth, items: [edge], targets: [target] };
  if (depth === hits.depth) {
    hits.items.push(edge);
    hits.targets!.push(target);
  }
  return hits;
}

/** Violation terminals are never expanded: give them an empty edge list so the CSR stays dense. */
function recordTerminalsBefore(graph: ExploredGraph, state: number): void {
  while (graph.recorded < state) {
    graph.enabled.push(0);
    for (let j = 0; j < graph.regionCount; j++) graph.regions.push(0);
    graph.edgeStart.push(graph.target.length);
  }
}

function localPerm(e: Expansion, id: number, processCount: number): number[] {
  return Array.from(e.perms.subarray(id * processCount, (id + 1) * processCount));
}
