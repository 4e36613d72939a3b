/**
 * One benchmark row: a configuration explored by the real engine, once per worker count, in this
 * process (one run at a time, so runs do not compete for cores).
 */
import { explore, type Result } from '../explorer';
import type { SpecEntry } from '../spec/registry';
import type { BenchConfig } from './configs';

export interface Measurement {
  readonly workers: number;
  readonly complete: boolean;
  readonly distinct: number;
  readonly generated: number;
  /** The whole run, and the breadth-first search alone (the part worker threads share). */
  readonly seconds: number;
  readonly searchSeconds: number;
  readonly distinctPerSecond: number;
  readonly bytesPerState: number;
  /** `TCConsistent=holds DeadlockFree=holds`: shows at a glance that runs agree. */
  readonly verdicts: string;
}

export interface BenchRow {
  readonly config: BenchConfig;
  readonly runs: readonly Measurement[];
  /** Search seconds with the first worker count over search seconds with the last. */
  readonly speedup: number;
  /** The same for the whole run (liveness and traces run in one thread after the search). */
  readonly totalSpeedup: number;
  /** Whether every run found the same states and verdicts (they must). */
  readonly consistent: boolean;
}

function measurement(workers: number, result: Result): Measurement {
  return {
    workers,
    complete: result.completion.complete,
    distinct: result.stats.distinct,
    generated: result.stats.generated,
    seconds: result.stats.seconds,
    searchSeconds: result.stats.searchSeconds,
    distinctPerSecond: result.stats.distinctPerSecond,
    bytesPerState: result.stats.bytesPerState,
    verdicts: result.properties.map((p) => `${p.name}=${p.verdict}`).join(' '),
  };
}

export async function measure(
  entry: SpecEntry,
  config: BenchConfig,
  workerCounts: readonly number[],
  maxSeconds: number | undefined,
): Promise<BenchRow> {
  const runs: Measurement[] = [];
  for (const workers of workerCounts) {
    const result = await explore(
      { module: entry.module, args: { variant: config.variant, params: config.params } },
      { spec: config.spec, variant: config.variant, params: config.params },
      { workers, symmetry: config.symmetry, ...(maxSeconds === undefined ? {} : { maxSeconds }) },
    );
    runs.push(measurement(workers, result));
  }
  const [first, last] = [runs[0]!, runs[runs.length - 1]!];
  return {
    config,
    runs,
    speedup: last.searchSeconds > 0 ? first.searchSeconds / last.searchSeconds : 1,
    totalSpeedup: last.seconds > 0 ? first.seconds / last.seconds : 1,
    consistent: runs.every((r) => r.complete && r.distinct === first.distinct && r.generated === first.generated && r.verdicts === first.verdicts),
  };
}
