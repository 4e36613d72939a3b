import { defineConfig } from 'vitest/config';

// Model-checking tests explore real state spaces: give them room, and keep runs in one fork per
// file (worker threads of the engine are spawned from inside tests).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
