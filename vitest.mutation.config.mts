import { relative } from 'path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The tests Stryker runs against each mutant of explorer/ (npm run mutation; not part of npm test
 * or CI), in this order: a mutant stops at its first failing test, so the tests that kill most
 * mutants quickly come first and the slow ones last.
 */
const FAST = [
  'test/engine-search.test.ts',
  'test/bfs-outcome.test.ts',
  'test/engine-fairness.test.ts',
  'test/engine-symmetry.test.ts',
  'test/engine-scc.test.ts',
  'test/engine-seen-set.test.ts',
  // The seen set's seam and the search context that picks it (fingerprint-set.ts, search-context.ts).
  'test/engine-fingerprint-set.test.ts',
  'test/engine-search-context.test.ts',
  'test/engine-fingerprint.test.ts',
  'test/engine-load.test.ts',
  'test/engine-source-location.test.ts',
  'test/engine-expand.test.ts',
  'test/engine-expansion-buffers.test.ts',
  'test/engine-executor.test.ts',
  'test/engine-search-threads.test.ts',
  'test/engine-switches.test.ts',
  // Fewest switches against every shortest path of random layered graphs (fewest-switches.ts).
  'test/engine-switches-reference.test.ts',
  'test/engine-workers.test.ts',
  'test/engine-renamings.test.ts',
  'test/engine-limits.test.ts',
  'test/explorer.test.ts',
  // Replay by identity (schedule.ts) and the symmetry safety net (state-facts.ts) on small
  // purpose-built models, asked directly.
  'test/engine-schedule.test.ts',
  // Where two typed states differ, leaf by leaf (typed-diff.ts).
  'test/engine-typed-diff.test.ts',
  // Steps counted per batch and added up per search, grouped by step (coverage.ts).
  'test/engine-coverage.test.ts',
  'test/engine-state-facts.test.ts',
  // Verdicts and rendering, storage and small algorithms (graphs-more.ts, unit by unit).
  'test/engine-verdicts.test.ts',
  'test/engine-columns.test.ts',
  'test/engine-trace.test.ts',
  // The second, edge-recording search of a safety-only run (explorer/record-edges.ts).
  'test/engine-record-edges.test.ts',
  // Where a failure at quiescence became certain (inevitable.ts), on hand-built graphs, then nfs.
  'test/engine-inevitable.test.ts',
  // --exact: colliding fingerprint families, the byte store (exact-states.ts).
  'test/engine-exact.test.ts',
  // Every spec-author mistake's exact message, asked of spec-check.ts directly on small models.
  'test/engine-spec-check.test.ts',
  // The whole engine against a brute-force reference on hundreds of random models (support/random-reference.ts).
  // A lasso judged on its real states, clause by clause (lasso-check.ts).
  'test/engine-lasso-check.test.ts',
  'test/engine-random-reference.test.ts',
  // The spec-author mistakes (explorer/spec-check.ts), symmetry with properties that name
  // processes (state-facts.ts, liveness renaming), and replay by identity (schedule.ts). The last
  // two run small nfs models too, so they come last.
  'test/spec-check.test.ts',
  'test/symmetry-soundness.test.ts',
  'test/schedule-replay.test.ts',
];

/**
 * MUTATION_OLD_TESTS_FIRST=1 puts the engine tests older than issue 10 first: a mutant they kill
 * is then reported as killed by one of them, so one report gives their score alone as well
 * (docs/MUTATION.md).
 */
const OLD = ['test/explorer.test.ts', 'test/two-phase-verdicts.test.ts'];
const ORDER = process.env.MUTATION_OLD_TESTS_FIRST ? [...OLD, ...FAST.filter((f) => !OLD.includes(f))] : FAST;

class FixedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = ORDER.indexOf(relative(process.cwd(), f.moduleId).split('\\').join('/'));
      return i < 0 ? ORDER.length : i;
    };
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ORDER,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    sequence: { sequencer: FixedOrder },
  },
});
