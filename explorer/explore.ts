import type { ModelSource } from './spec';
import type { ExploreOptions } from './options';
import type { Result, RunInfo } from './result';

/**
 * Explore every reachable state of the model `source` names and give every property a verdict.
 * `run` is echoed into the result (the engine does not interpret it).
 */
export async function explore(source: ModelSource, run: Omit<RunInfo, 'symmetry' | 'workers'> , options: ExploreOptions): Promise<Result> {
  void source; void run; void options;
  throw new Error('explore: not implemented yet');
}
