/**
 * What `npm run bench` measures. `default` is the fixed suite the README quotes (minutes);
 * `full` adds the large runs from issue 11 (tens of minutes, or hours for the unreduced N = 4).
 */

export interface BenchConfig {
  readonly spec: string;
  readonly variant?: string;
  readonly params: Readonly<Record<string, number>>;
  readonly symmetry: boolean;
}

/** nfs at N = 3: three writers, the spec's default pages/writes/faults spelled out. */
const NFS3 = { writers: 3, pages: 2, writes: 2, faults: 1 };

export const SUITES: Readonly<Record<string, readonly BenchConfig[]>> = {
  default: [
    // TLC's counts for these sizes are pinned in test/two-phase-support.ts; N = 8 is the row of
    // issue 11's comparison with TLC and SPIN (1,745,408 distinct states).
    { spec: 'two-phase', variant: 'correct', params: { rms: 6 }, symmetry: false },
    { spec: 'two-phase', variant: 'correct', params: { rms: 7 }, symmetry: false },
    { spec: 'two-phase', variant: 'correct', params: { rms: 8 }, symmetry: false },
    { spec: 'nfs', variant: '22876f54', params: NFS3, symmetry: false },
    { spec: 'nfs', variant: '22876f54', params: NFS3, symmetry: true },
    { spec: 'nfs', variant: 'mainline', params: NFS3, symmetry: false },
    { spec: 'nfs', variant: 'mainline', params: NFS3, symmetry: true },
  ],
  full: [
    { spec: 'nfs', variant: '22876f54', params: { ...NFS3, writers: 4 }, symmetry: true },
    { spec: 'nfs', variant: 'mainline', params: { writers: 3, pages: 3, writes: 3, faults: 2 }, symmetry: true },
    { spec: 'nfs', variant: '22876f54', params: { ...NFS3, writers: 4 }, symmetry: false },
  ],
};

/** Worker counts each configuration runs with; the speed-up is first vs last. */
export const DEFAULT_WORKERS: readonly number[] = [1, 2];

/** The TwoPhase sizes SPIN runs beside mc (the Promela model is bench/two-phase.pml). */
export const SPIN_RMS: readonly number[] = [6, 7, 8];

/**
 * TLC's rate on TwoPhase N = 8 as issue 11 measured it on this machine (tla2tools, 2 workers,
 * -XX:+UseParallelGC: 1,745,408 distinct states in 42.7 s). Quoted, not re-measured: TLC (Java)
 * is not installed here. The bench prints mc's rate as a multiple of it.
 */
export const TLC_TWO_PHASE_8 = { distinctPerSecond: 41_000, source: 'issue 11: TLC, 2 workers, 42.7 s' } as const;
