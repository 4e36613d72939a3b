/** Running the engine on the engine test models of test/models (graphs, ring, wide, big-region). */
import * as path from 'path';
import { explore, type ExploreOptions, type Result } from '../../explorer';

export type EngineModel = 'graphs' | 'ring' | 'wide' | 'big-region';

export function modulePath(model: EngineModel | 'toy'): string {
  return path.join(__dirname, '..', 'models', model);
}

export function checkModel(
  model: EngineModel,
  variant: string | undefined,
  params: Record<string, number> = {},
  options: Partial<ExploreOptions> = {},
): Promise<Result> {
  const args = { ...(variant !== undefined ? { variant } : {}), params };
  return explore({ module: modulePath(model), args }, { spec: model, ...args }, { workers: 1, symmetry: false, ...options });
}

/** The graph model `variant` of test/models/graphs.ts, one worker, no symmetry. */
export function checkGraph(variant: string, options: Partial<ExploreOptions> = {}): Promise<Result> {
  return checkModel('graphs', variant, {}, options);
}

/** A counterexample's actions, the cycle after a `|` for a lasso. */
export function actions(result: Result, property: string): string[] {
  const found = result.properties.find((p) => p.name === property);
  if (!found) throw new Error(`no property ${property}`);
  const ce = found.counterexample;
  if (!ce) return [];
  const names = ce.steps.map((s) => s.action);
  return ce.loopStart === undefined ? names : [...names.slice(0, ce.loopStart), '|', ...names.slice(ce.loopStart)];
}
