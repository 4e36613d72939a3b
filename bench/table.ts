/** The benchmark as one table, in plain text (the terminal) and Markdown (bench/results/, README). */
import type { BenchRow } from './measure';
import type { SpinOutcome } from './spin';
import { TLC_TWO_PHASE_8 } from './configs';

const MIB = 1024 * 1024;

function describe(row: BenchRow): string {
  const params = Object.entries(row.config.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [row.config.spec, row.config.variant, params, row.config.symmetry ? 'symmetry' : 'no symmetry'].filter(Boolean).join(' ');
}

const count = (n: number) => n.toLocaleString('en-US');

const HEADER = [
  'model', 'workers', 'distinct', 'generated', 'wall s', 'search s', 'search s of repeats', 'cpu s', 'cpu s: calling / pool / V8', 'calling waited s', 'distinct/s', 'peak RSS MiB', 'idle MiB',
  'B/state', 'graph B/state', 'speed-up search (wall)',
];

function cells(rows: readonly BenchRow[]): string[][] {
  const lines: string[][] = [];
  for (const row of rows) {
    row.runs.forEach((run, i) => {
      lines.push([
        i === 0 ? describe(row) : '',
        String(run.workers),
        count(run.distinct) + (run.complete ? '' : ' (stopped)'),
        count(run.generated),
        run.seconds.toFixed(2),
        run.searchSeconds.toFixed(2),
        run.searchSecondsOfRepeats.length > 1 ? `${run.searchSecondsOfRepeats[0]!.toFixed(2)}-${run.searchSecondsOfRepeats[run.searchSecondsOfRepeats.length - 1]!.toFixed(2)}` : '',
        run.cpuSeconds.toFixed(1),
        run.threadCpu === undefined ? '' : [run.threadCpu.calling, run.threadCpu.pool, run.threadCpu.v8].map((s) => s.toFixed(2)).join(' / '),
        run.threadCpu === undefined ? '' : run.threadCpu.callingWaited.toFixed(2),
        count(run.distinctPerSecond),
        row.warmups > 0 ? '' : (run.maxRssBytes / MIB).toFixed(0),
        run.idleRssBytes === undefined ? '' : (run.idleRssBytes / MIB).toFixed(0),
        run.bytesPerState === undefined ? '' : String(run.bytesPerState),
        String(run.graphBytesPerState),
        i === row.runs.length - 1 && row.runs.length > 1 ? `${row.speedup.toFixed(2)}x (${row.totalSpeedup.toFixed(2)}x)` : '',
      ]);
    });
  }
  return lines;
}

/** Lines under the table: what the columns mean and the comparisons with SPIN and TLC. */
const LEGEND = [
  'Each row is the median run (by search time) of the repeats, which alternate between worker counts; the range beside it',
  'is the fastest and slowest search of the repeats. The speed-up compares the medians.',
  'wall s: the whole run (search, then liveness and counterexamples in one thread); search s: the breadth-first search;',
  'cpu s: CPU time of all threads, then (Linux) split between the calling thread, the pool\'s search threads and the threads',
  'V8 runs for itself (its optimizing compiler, concurrent GC); calling waited s: the calling thread ready to run but with',
  'no core free (bench/thread-cpu.ts). distinct/s = distinct / search s. peak RSS: the run\'s process, all threads (maxRSS).',
  'B/state = (peak RSS - idle peak RSS) / distinct, where the idle run is the same configuration stopped after its first',
  'batch (model built, workers started). graph B/state is the engine\'s own statistic: only its graph and seen-set arrays.',
];

/** Under a table of warm runs (bench/warm.ts): what differs from the runs users see. */
function warmLegend(rows: readonly BenchRow[]): string[] {
  const warmups = rows.find((r) => r.warmups > 0)?.warmups;
  if (warmups === undefined) return [];
  return [
    `WARM RUNS: each measured search followed ${warmups} search(es) of the same model in the same process, executor and worker`,
    'threads (code compiled, heaps grown); a user\'s run is always cold. Only the search runs: wall s and cpu s are the',
    'measured search\'s, nothing is judged, and there are no memory figures (the peak includes the warm-ups).',
  ];
}

/** Under a table of pinned runs (`--pin`): what the speed-up then compares. */
function pinLegend(rows: readonly BenchRow[]): string[] {
  if (!rows.some((r) => r.pinned)) return [];
  return [
    'PINNED RUNS: a run with K workers ran on cores 0..K-1 only (taskset; each child checked its affinity), V8\'s own threads',
    '(its compiler, its collector\'s helpers) sharing them: the speed-up compares equal numbers of cores. Unpinned, a',
    'one-worker run has another core for those threads.',
  ];
}

function notes(rows: readonly BenchRow[], spin: SpinOutcome): string[] {
  const out: string[] = [];
  for (const row of rows.filter((r) => !r.consistent)) out.push(`warning: runs of ${describe(row)} disagree (or did not complete)`);
  // SPIN's and TLC's rates are cold runs' rates: compared with cold runs only.
  if (rows.some((r) => r.warmups > 0)) return out;
  const twoPhase8 = rows.find((r) => r.config.spec === 'two-phase' && r.config.params['rms'] === 8 && !r.config.symmetry);
  if (!spin.available) out.push(spin.why);
  else {
    for (const s of spin.runs) {
      const mine = rows.find((r) => r.config.spec === 'two-phase' && r.config.params['rms'] === s.rms && !r.config.symmetry);
      const best = mine ? Math.max(...mine.runs.map((r) => r.distinctPerSecond)) : undefined;
      out.push(
        `SPIN (${spin.version}) TwoPhase N=${s.rms}: ${count(s.stored)} states stored, ${count(s.transitions)} transitions, ${s.seconds.toFixed(2)} s, ` +
          `${count(s.distinctPerSecond)} states/s, peak RSS ${(s.maxRssBytes / MIB).toFixed(0)} MiB` +
          (best !== undefined ? `; mc's best rate is ${(best / s.distinctPerSecond).toFixed(2)}x SPIN's` : ''),
      );
    }
  }
  if (twoPhase8) {
    for (const run of twoPhase8.runs) {
      out.push(`TwoPhase N=8, ${run.workers} worker(s): ${(run.distinctPerSecond / TLC_TWO_PHASE_8.distinctPerSecond).toFixed(2)}x TLC's ${count(TLC_TWO_PHASE_8.distinctPerSecond)} distinct states/s (${TLC_TWO_PHASE_8.source})`);
    }
  }
  return out;
}

export function renderText(rows: readonly BenchRow[], spin: SpinOutcome): string {
  const lines = [HEADER, ...cells(rows)];
  const widths = HEADER.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  const out = lines.map((l) => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return [...out, '', ...warmLegend(rows), ...pinLegend(rows), ...LEGEND, ...notes(rows, spin)].join('\n');
}

export function renderMarkdown(rows: readonly BenchRow[], spin: SpinOutcome, context: string): string {
  const line = (cellsOfLine: readonly string[]) => `| ${cellsOfLine.join(' | ')} |`;
  return [
    context,
    '',
    line(HEADER),
    line(HEADER.map((_, c) => (c === 0 ? '---' : '---:'))),
    ...cells(rows).map(line),
    '',
    ...warmLegend(rows),
    ...pinLegend(rows),
    ...LEGEND,
    '',
    ...notes(rows, spin).map((n) => `- ${n}`),
    '',
  ].join('\n');
}
