import type { ModelSource } from './spec';
import type { ExploreOptions } from './options';
import { RESULT_SCHEMA, type Result, type RunInfo } from './result';
import { loadModel } from './load';
import { loadHasher } from './fingerprint';
import { planChecks } from './checks';
import { searchExecutor } from './executor';
import { startSearchThreads, type SearchThreads } from './search-threads';
import { breadthFirst } from './bfs';
import { recordEdgesAboveHits } from './record-edges';
import { judge } from './verdicts';
import { singledOut } from './state-facts';
import { checkInitial, checkModelShape } from './spec-check';
import { threadCount } from './thread-count';

/**
 * Explore every reachable state of the model `source` names and give every property a verdict.
 * `run` is echoed into the result (the engine does not interpret it).
 */
export async function explore(source: ModelSource, run: Omit<RunInfo, 'symmetry' | 'workers'>, options: ExploreOptions): Promise<Result> {
  let ahead = options.threads;
  try {
    return await exploreWith(source, run, options, (count) => {
      const started = ahead;
      ahead = undefined;
      if (started?.count === count) return started;
      void started?.close();
      return startSearchThreads(count, [source.module]);
    });
  } finally {
    // Threads started ahead and not taken (one worker, or a model refused before the search).
    await ahead?.close();
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
  const hasher = await loadHasher();
  const plan = planChecks(model);
  // Only liveness reads the whole graph; a safety-only search keeps just the seen set.
  const keepEdges = plan.liveness.length > 0;
  const search = async (symmetry: boolean) => {
    const executor = searchExecutor(model, source, symmetry, hasher, workers, threadsFor);
    try {
      const first = await breadthFirst(model, plan, executor, hasher, { ...options, symmetry }, { edges: keepEdges });
      const withEdges = keepEdges || first.asymmetry !== undefined ? first : await recordEdgesAboveHits(model, plan, executor, hasher, symmetry, first);
      // Every thread must have built the model (executor.ts), unless the user is waiting on Ctrl-C.
      if (first.stoppedBy !== 'interrupted') await executor.built();
      return { outcome: first, graphWithEdges: withEdges.graph };
    } finally {
      await executor.close();
    }
  };
  let symmetry = options.symmetry && model.canonical !== undefined;
  const warnings: string[] = [];
  const singling = symmetry ? singledOut(model, plan) : undefined;
  if (singling !== undefined) {
    warnings.push(`symmetry reduction turned off: ${singling}`);
    symmetry = false;
  }
  let { outcome, graphWithEdges } = await search(symmetry);
  if (outcome.asymmetry !== undefined) {
    // Reduction would decide a property that is not symmetric on representatives only: wrong
    // verdicts. The full search is always right, so the run is redone without it, and says so.
    warnings.push(`symmetry reduction turned off: ${outcome.asymmetry}`);
    symmetry = false;
    ({ outcome, graphWithEdges } = await search(false));
  }
  const { properties, interrupted } = await judge(model, plan, { ...outcome, graph: graphWithEdges }, symmetry, hasher, options.signal);
  const stoppedBy = outcome.stoppedBy ?? (interrupted ? 'interrupted' : undefined);
  const { graph, generated } = outcome;
  const distinct = graph.size;
  return {
    schema: RESULT_SCHEMA,
    run: { ...run, symmetry, workers },
    completion: stoppedBy ? { complete: false, stoppedBy } : { complete: true },
    stats: {
      generated,
      distinct,
      depth: graph.levelStarts.length - 2,
      queue: outcome.queue,
      seconds: (Date.now() - started) / 1000,
      searchSeconds: outcome.seconds,
      distinctPerSecond: perSecond(distinct, outcome.seconds),
      // Never 0 states: every search numbers its initial states first, and checkInitial refuses
      // an init() that gives none.
      bytesPerState: Math.round(graph.byteLength / distinct),
      collisionProbability: (distinct * Math.max(0, generated - distinct)) / 2 ** 64,
    },
    processes: [...model.processes],
    properties,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** A rate for the stats: `count` itself when the search took under the clock's resolution (0 s). */
export function perSecond(count: number, seconds: number): number {
  return seconds > 0 ? Math.round(count / seconds) : count;
}
