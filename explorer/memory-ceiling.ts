/**
 * `--max-memory` is a ceiling, not a trigger: the search stops before the next growth of its
 * tables (counted ahead, `growthAhead` bytes) would take the process's resident memory past it.
 *
 * Room is kept for what grows between two looks without being a table: each thread's
 * garbage-collected heap and the expansions in flight, and after the stop the batches a pool
 * thread is still expanding. That is per thread, not a share of the ceiling: nfs 22876f54 N = 3
 * with 2 threads under load grew up to 7.3 MiB (7,500 KiB) within one batch's merge, and a
 * 150 MiB ceiling that kept only a sixteenth (9.4 MiB) peaked at 153.8 MiB. So a sixteenth of the
 * ceiling, or `SLACK_PER_THREAD` for each thread, whichever is more.
 */
export const SLACK_PER_THREAD = 16 * 2 ** 20;

export function memoryCeilingReached(rss: number, growthAhead: number, maxMemory: number, threads: number): boolean {
  const slack = Math.max(maxMemory / 16, threads * SLACK_PER_THREAD);
  return rss + growthAhead >= maxMemory - slack;
}
