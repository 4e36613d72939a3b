/**
 * How many threads a search expands in for `--workers K`: a whole number, at least one. A
 * fractional count rounds down, as the pool of K - 1 threads must, and the same number sets how
 * many batches go ahead of the merge and the room `--max-memory` keeps (bfs.ts).
 */
export function threadCount(workers: number): number {
  return Math.max(1, Math.floor(workers));
}
