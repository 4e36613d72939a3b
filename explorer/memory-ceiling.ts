/**
 * `--max-memory` is a ceiling, not a trigger: the search stops before the next growth of its
 * tables (counted ahead, `growthAhead` bytes) would take the process's resident memory past it.
 * A sixteenth of the ceiling is kept for the garbage-collected heaps (main thread and workers),
 * which grow between two looks.
 */
export function memoryCeilingReached(rss: number, growthAhead: number, maxMemory: number): boolean {
  return rss + growthAhead >= maxMemory * (15 / 16);
}
