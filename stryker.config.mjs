// Mutation testing of the engine (npm run mutation; not in CI). See docs/MUTATION.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Pure declarations (interfaces, re-exports) have nothing to mutate; worker.ts runs only in
  // worker threads, which load the compiled dist/ (never the mutated sources); transfer-ready.ts
  // shows only in V8's own trace, which its test reads from a child process loading dist/.
  mutate: [
    'explorer/**/*.ts',
    '!explorer/model.ts',
    '!explorer/spec.ts',
    '!explorer/options.ts',
    '!explorer/layered.ts',
    '!explorer/index.ts',
    '!explorer/worker.ts',
    '!explorer/transfer-ready.ts',
    '!explorer/itf-value.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 3_000,
  incremental: true,
  incrementalFile: '.mutation/incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: '.mutation/mutation.html' },
  jsonReporter: { fileName: '.mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
