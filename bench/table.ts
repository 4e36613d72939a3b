/** The benchmark as a plain-text table, one line per (configuration, worker count). */
import type { BenchRow } from './measure';

function describe(row: BenchRow): string {
  const params = Object.entries(row.config.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [row.config.spec, row.config.variant, params, row.config.symmetry ? 'symmetry' : ''].filter(Boolean).join(' ');
}

export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['model', 'workers', 'distinct', 'generated', 'search s', 'total s', 'distinct/s', 'bytes/state', 'speed-up search (total)'];
  const lines: string[][] = [header];
  for (const row of rows) {
    row.runs.forEach((run, i) => {
      lines.push([
        i === 0 ? describe(row) : '',
        String(run.workers),
        run.distinct.toLocaleString('en-US') + (run.complete ? '' : ' (stopped)'),
        run.generated.toLocaleString('en-US'),
        run.searchSeconds.toFixed(2),
        run.seconds.toFixed(2),
        run.distinctPerSecond.toLocaleString('en-US'),
        String(run.bytesPerState),
        i === row.runs.length - 1 && row.runs.length > 1 ? `${row.speedup.toFixed(2)}x (${row.totalSpeedup.toFixed(2)}x)` : '',
      ]);
    });
  }
  const widths = header.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  const out = lines.map((l) => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const notes = rows.filter((r) => !r.consistent).map((r) => `warning: runs of ${describe(r)} disagree (or did not complete)`);
  return [...out, ...notes].join('\n');
}
