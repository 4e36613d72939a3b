import { defineConfig } from 'vitest/config';

// Model-checking tests explore real state spaces: give them room, and keep runs in one fork per
// file (worker threads of the engine are spawned from inside tests).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Two files at a time on this project's 2-core machines: vitest's default there is one, and
    // most files spend their time waiting on the mc processes they start. One at a time the suite
    // took 305 s (over the 5 minutes it must stay under), two at a time 221 s.
    maxWorkers: 2,
  },
});
