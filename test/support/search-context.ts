/**
 * A search context built by hand, for tests that drive the engine's parts directly: exactly the
 * symmetry asked for (explorer/search-context.ts's resolution, which may refuse it, has tests of
 * its own), and edges kept as the run would keep them.
 */
import { planChecks } from '../../explorer/checks';
import type { Hasher } from '../../explorer/fingerprint';
import type { Model } from '../../explorer/model';
import type { SearchContext } from '../../explorer/search-context';
import { SeenSet } from '../../explorer/seen-set';

export function contextOf<S>(model: Model<S>, hasher: Hasher, symmetry = false, exact = false): SearchContext<S> {
  const plan = planChecks(model);
  return { model, plan, hasher, fingerprintSeed: 0, exact, symmetry, keepEdges: plan.liveness.length > 0, newSeenSet: () => new SeenSet() };
}
