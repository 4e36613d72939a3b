/**
 * What `npm run bench` measures by default: one configuration per spec, each big enough that a
 * run takes tens of seconds (so start-up and thread spawning are noise) and small enough to fit
 * in memory on a laptop.
 */

export interface BenchConfig {
  readonly spec: string;
  readonly variant?: string;
  readonly params: Readonly<Record<string, number>>;
  readonly symmetry: boolean;
}

export const DEFAULT_CONFIGS: readonly BenchConfig[] = [
  // 296,448 distinct states, 2.7 million generated; TLC counts the same (see test/two-phase-support.ts).
  { spec: 'two-phase', variant: 'correct', params: { rms: 7 }, symmetry: false },
  // The soft-lockup tree from the issue, at the size it names.
  { spec: 'nfs', variant: '22876f54', params: { writers: 3, pages: 2, writes: 2, faults: 1 }, symmetry: false },
];

/** Worker counts each configuration runs with; the speed-up is first vs last. */
export const DEFAULT_WORKERS: readonly number[] = [1, 2];
