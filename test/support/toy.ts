/** Running the engine on the hand-built toy models. */
import * as path from 'path';
import { explore, type ExploreOptions, type Result } from '../../explorer';

export const TOY_MODULE = path.join(__dirname, '..', 'models', 'toy');

export function checkToy(variant: string, params: Record<string, number> = {}, options: Partial<ExploreOptions> = {}): Promise<Result> {
  return explore({ module: TOY_MODULE, args: { variant, params } }, { spec: 'toy', variant, params }, { workers: 1, symmetry: false, ...options });
}
