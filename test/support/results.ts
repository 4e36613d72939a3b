/** Looking at results in tests. */
import type { Result } from '../../explorer';

/** Property name -> verdict. */
export function verdicts(result: Result): Record<string, string> {
  return Object.fromEntries(result.properties.map((p) => [p.name, p.verdict]));
}

/**
 * A result without what the machine decides (its timings and resident memory) and its worker
 * count, for comparing runs with different workers.
 */
export function timeless(result: Result): unknown {
  const { seconds: _s, searchSeconds: _ss, distinctPerSecond: _d, memory: _m, ...stats } = result.stats;
  return { ...result, run: { ...result.run, workers: 0 }, stats };
}
