import type { ModelSource } from './spec';
import type { ExploreOptions } from './options';
import { RESULT_SCHEMA, isStopSignal, type Result, type RunInfo, type StopReason, type StopSignal } from './result';
import { loadModel } from './load';
import { loadHasher, seededFingerprint } from './fingerprint';
import { searchExecutor } from './executor';
import { resolveSearchContext, withFingerprintSeed, withoutSymmetry, type SearchContext } from './search-context';
import { startSearchThreads, type SearchThreads } from './search-threads';
import { breadthFirst, type Collision } from './bfs';
import { recordEdgesAboveHits } from './record-edges';
import { judge } from './verdicts';
import { checkInitial, checkModelShape } from './spec-check';
import { threadCount } from './thread-count';
import { coverageOf } from './coverage';

/**
 * Explore every reachable state of the model `source` names and give every property a verdict.
 * `run` is echoed into the result (the engine does not interpret it).
 */
export async function explore(source: ModelSource, run: Omit<RunInfo, 'symmetry' | 'workers'>, options: ExploreOptions): Promise<Result> {
  let ahead = options.threads;
  // Threads started ahead but not as many as the search needs: closed while it runs, and closed
  // for certain by the time it returns (a small search can end before their closing does).
  let unused: Promise<void> | undefined;
  try {
    return await exploreWith(source, run, options, (count) => {
      const started = ahead;
      ahead = undefined;
      if (started?.count === count) return started;
      unused = started?.close();
      return startSearchThreads(count, [source.module]);
    });
  } finally {
    // Threads started ahead and not taken (one worker, or a model refused before the search).
    await ahead?.close();
    await unused;
  }
}

/** `explore`, with `threadsFor(count)` giving each search its worker threads. */
async function exploreWith(
  source: ModelSource,
  run: Omit<RunInfo, 'symmetry' | 'workers'>,
  options: ExploreOptions,
  threadsFor: (count: number) => SearchThreads,
): Promise<Result> {
  const started = Date.now();
  const model = await loadModel(source);
  // A spec's mistakes are named before anything is explored (spec-check.ts); the search samples more.
  checkModelShape(model);
  checkInitial(model, options.symmetry);
  const workers = threadCount(options.workers);
  const fingerprints = options.fingerprints;
  if (fingerprints !== undefined && workers > 1) throw new Error('another fingerprint function than MurmurHash3 needs one worker: the worker threads hash with MurmurHash3');
  const hasherFor = fingerprints ?? seededFingerprint;
  const resolved = resolveSearchContext(model, fingerprints?.(0) ?? (await loadHasher()), options.symmetry, options.exact === true);
  const memoryAtStart = { rss: process.memoryUsage().rss, peak: peakRss() };
  const search = async (context: SearchContext<unknown>) => {
    const executor = searchExecutor(context, source, workers, threadsFor);
    try {
      const first = await breadthFirst(context, executor, options, { edges: context.keepEdges });
      // After an interrupt judging builds no path it has not got (verdicts.ts): no second search.
      // Nor after an asymmetry or a collision: the run starts again.
      const recorded = context.keepEdges || first.asymmetry !== undefined || first.collision !== undefined || first.stoppedBy === 'interrupted';
      const recordingStarted = Date.now();
      const withEdges = recorded ? first : await recordEdgesAboveHits(context, executor, first);
      // Only a run with a failure searches again (recordEdgesAboveHits hands back the first otherwise).
      const recordingSeconds = withEdges !== first ? (Date.now() - recordingStarted) / 1000 : undefined;
      // Every thread must have built the model (executor.ts), unless the user is waiting on Ctrl-C.
      if (first.stoppedBy !== 'interrupted') await executor.built();
      // The recording search can number states the first never reached (a level it finished where
      // a limit stopped the first), and so meet a collision of its own: the run starts again too.
      const collision = first.collision ?? withEdges.collision;
      // Stryker disable next-line ConditionalExpression: `{ ...first, collision: undefined }` is `first` to every reader (they test collision !== undefined)
      return { outcome: collision !== undefined ? { ...first, collision } : first, graphWithEdges: withEdges.graph, recordingSeconds };
    } finally {
      await executor.close();
    }
  };
  let context = resolved.context;
  const warnings: string[] = [];
  if (resolved.symmetryOff !== undefined) warnings.push(`symmetry reduction turned off: ${resolved.symmetryOff}`);
  let { outcome, graphWithEdges, recordingSeconds } = await search(context);
  for (;;) {
    if (outcome.collision !== undefined) {
      // Two states took one fingerprint: the search would have explored only one of them. Every
      // part of a run finds states by fingerprint, so the run starts again with other ones.
      const seed = context.fingerprintSeed + 1;
      if (seed > MAX_FINGERPRINT_SEED) throw new Error(`fingerprint collisions under ${seed} seeds in a row: the fingerprint function does not spread this model's states`);
      warnings.push(collisionWarning(outcome.collision, seed));
      context = withFingerprintSeed(context, seed, hasherFor(seed));
    } else if (outcome.asymmetry !== undefined) {
      // Reduction would decide a property that is not symmetric on representatives only: wrong
      // verdicts. The full search is always right, so the run is redone without it, and says so.
      warnings.push(`symmetry reduction turned off: ${outcome.asymmetry}`);
      context = withoutSymmetry(context);
    } else break;
    ({ outcome, graphWithEdges, recordingSeconds } = await search(context));
  }
  const { properties, interrupted } = await judge(context, { ...outcome, graph: graphWithEdges }, options.signal);
  const stoppedBy = outcome.stoppedBy ?? (interrupted ? 'interrupted' : undefined);
  const { graph, generated } = outcome;
  const distinct = graph.size;
  const peak = peakRss();
  return {
    schema: RESULT_SCHEMA,
    run: { ...run, symmetry: context.symmetry, workers },
    completion: stoppedBy ? { complete: false, stoppedBy, ...stopSignal(stoppedBy, options.signal) } : { complete: true },
    stats: {
      generated,
      distinct,
      depth: graph.levelStarts.length - 2,
      queue: outcome.queue,
      seconds: (Date.now() - started) / 1000,
      searchSeconds: outcome.seconds,
      ...(recordingSeconds !== undefined ? { recordingSeconds } : {}),
      distinctPerSecond: perSecond(distinct, outcome.seconds),
      // Never 0 states: every search numbers its initial states first, and checkInitial refuses
      // an init() that gives none.
      bytesPerState: Math.round(graph.byteLength / distinct),
      // With --exact no collision went unseen: there is none to estimate.
      collisionProbability: context.exact ? 0 : (distinct * Math.max(0, generated - distinct)) / 2 ** 64,
      exact: context.exact,
      ...(context.fingerprintSeed !== 0 ? { fingerprintSeed: context.fingerprintSeed } : {}),
      memory: {
        peakBytes: peak,
        startBytes: memoryAtStart.rss,
        // A peak no higher than the one before the search was set earlier (the CLI loading, an
        // earlier run in the process): it says nothing of this search. A higher one is above the
        // start's resident memory, which the peak before it bounded.
        ...(peak > memoryAtStart.peak ? { aboveStartBytes: peak - memoryAtStart.rss } : {}),
      },
    },
    processes: [...model.processes],
    properties,
    ...(warnings.length > 0 ? { warnings } : {}),
    // Complete when the search was, though judging it was interrupted: the counts are every reachable state's.
    // Level 0 (up to levelStarts[1]) holds the initial states.
    ...(options.coverage === true ? { coverage: coverageOf(model, outcome.steps ?? new Map(), outcome.stoppedBy === undefined, outcome.graph.levelStarts[1]!) } : {}),
  };
}

/**
 * How many seeds `--exact` tries before it gives up: with 64-bit fingerprints a second collision in
 * one run is as likely as two lottery wins; only a fingerprint function that does not spread the
 * model's states (a test's weak one) gets that far.
 */
const MAX_FINGERPRINT_SEED = 8;

function collisionWarning(c: Collision, seed: number): string {
  return `fingerprint collision: a state found at depth ${c.depth} has the fingerprint of state ${c.state} but other bytes (--exact compared them); the search was started again with fingerprint seed ${seed}`;
}

/** The process's peak resident memory so far, in bytes (the kernel counts it in KiB); the bench reads it too. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** A rate for the stats: `count` itself when the search took under the clock's resolution (0 s). */
export function perSecond(count: number, seconds: number): number {
  return seconds > 0 ? Math.round(count / seconds) : count;
}

/** The signal that interrupted the run, when the caller aborted with one as the reason (cli/stop-signals.ts). */
function stopSignal(stoppedBy: StopReason, signal: AbortSignal | undefined): { signal?: StopSignal } {
  const reason: unknown = signal?.reason;
  return stoppedBy === 'interrupted' && isStopSignal(reason) ? { signal: reason } : {};
}
