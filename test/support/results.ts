/** Looking at results in tests. */
import type { Result } from '../../explorer';

/** Property name -> verdict. */
export function verdicts(result: Result): Record<string, string> {
  return Object.fromEntries(result.properties.map((p) => [p.name, p.verdict]));
}

/**
 * A result without what the machine decides (its timings and resident memory) and its worker
 * count, for comparing runs with different workers. Whether a second search recorded a failure's
 * edges stays: that is the run's, not the machine's.
 */
export function timeless(result: Result): unknown {
  const { seconds: _s, searchSeconds: _ss, recordingSeconds, distinctPerSecond: _d, memory: _m, ...stats } = result.stats;
  return { ...result, run: { ...result.run, workers: 0 }, stats: { ...stats, recorded: recordingSeconds !== undefined } };
}
