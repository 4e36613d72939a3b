/**
 * The same TwoPhase model in SPIN (bench/two-phase.pml), built and run in the same bench run so
 * that mc's rate is compared with SPIN's on the same machine at the same moment. SPIN is
 * optional: without `spin` (or a C compiler) on PATH the bench says so and goes on.
 *
 * SPIN settings: exhaustive safety search without partial-order reduction (`-DNOREDUCE -DSAFETY`,
 * so it visits the same states as mc and TLC), one core, a 2^24-slot hash table.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface SpinRun {
  readonly rms: number;
  readonly stored: number;
  readonly transitions: number;
  /** pan's own "elapsed time" (the search). */
  readonly seconds: number;
  readonly distinctPerSecond: number;
  /** Peak RSS of pan, from /usr/bin/time when present (else pan's own memory report). */
  readonly maxRssBytes: number;
}

export type SpinOutcome = { readonly available: true; readonly version: string; readonly runs: readonly SpinRun[] } | { readonly available: false; readonly why: string };

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

function number(output: string, pattern: RegExp, what: string): number {
  const m = pattern.exec(output);
  if (!m) throw new Error(`SPIN output has no ${what}:\n${output}`);
  return Number(m[1]);
}

export function runSpin(model: string, sizes: readonly number[]): SpinOutcome {
  if (!onPath('spin')) return { available: false, why: 'spin is not installed (apt-get install spin): SPIN column skipped' };
  if (!onPath('gcc')) return { available: false, why: 'gcc is not installed: SPIN column skipped' };
  const version = execFileSync('spin', ['-V'], { encoding: 'utf8' }).trim();
  const timed = fs.existsSync('/usr/bin/time');
  const runs: SpinRun[] = [];
  for (const rms of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-bench-spin-'));
    try {
      execFileSync('spin', [`-DN=${rms}`, '-a', model], { cwd: dir, stdio: 'ignore' });
      execFileSync('gcc', ['-O2', '-DNOREDUCE', '-DSAFETY', '-DMEMLIM=16384', '-o', 'pan', 'pan.c'], { cwd: dir, stdio: 'ignore' });
      const command = timed ? ['/usr/bin/time', '-f', 'maxrss-kb %M', './pan', '-m100000', '-w24'] : ['./pan', '-m100000', '-w24'];
      const run = spawnSync(command[0]!, command.slice(1), { cwd: dir, encoding: 'utf8' });
      const output = `${run.stdout}\n${run.stderr}`;
      const seconds = number(output, /pan: elapsed time ([\d.e+-]+) seconds/, 'elapsed time');
      const stored = number(output, /(\d+) states, stored/, 'states stored');
      runs.push({
        rms,
        stored,
        transitions: number(output, /(\d+) transitions/, 'transitions'),
        seconds,
        distinctPerSecond: seconds > 0 ? Math.round(stored / seconds) : stored,
        maxRssBytes: timed
          ? number(output, /maxrss-kb (\d+)/, 'peak RSS') * 1024
          : Math.round(number(output, /([\d.]+)\s+total actual memory usage/, 'memory usage') * 1024 * 1024),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { available: true, version, runs };
}
