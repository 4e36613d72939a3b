/**
 * One benchmark row: a configuration explored by the real engine `repeat` times per worker count,
 * each run in a child process of its own (one at a time, so runs do not compete for cores), beside
 * an idle run of the same configuration that gives the memory baseline. The repeats go round the
 * worker counts (1, 2, 1, 2, ...), so that a slow spell of a shared machine falls on both, and each
 * count reports its median run: on this machine one configuration's time varied by up to 50 %
 * from one run to the next.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { perSecond } from '../explorer/explore';
import type { BenchConfig } from './configs';
import type { ChildReport, ChildRequest } from './child';

export interface Measurement extends ChildReport {
  readonly workers: number;
  readonly distinctPerSecond: number;
  /**
   * Peak RSS of the idle run (same configuration and workers, stopped after its first batch).
   * None for a warm run, whose peak includes its warm-up searches.
   */
  readonly idleRssBytes?: number;
  /** (peak RSS - idle peak RSS) / distinct states: what a state really costs (none for a warm run). */
  readonly bytesPerState?: number;
  /** The search seconds of every repeat, fastest first (this measurement is the median one). */
  readonly searchSecondsOfRepeats: readonly number[];
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
  /** Searches each measured one followed in its process (bench/warm.ts); 0 for the cold runs users see. */
  readonly warmups: number;
  /** Whether each run had only as many cores as workers (`--pin`), its V8 threads sharing them. */
  readonly pinned: boolean;
}

/** How a row is measured (bench/run.ts's options). */
export interface MeasureOptions {
  readonly workers: readonly number[];
  readonly maxSeconds?: number;
  /** Runs per worker count; the row reports the median. */
  readonly repeat: number;
  /** Searches before each measured one, in its process (0: the cold runs users see). */
  readonly warmups: number;
  /**
   * Run a K-worker child on cores 0..K-1 only (`taskset`): a one-worker run otherwise has the
   * second core for V8's compiles and collector, so that the speed-up compares a search on one
   * core and its helpers on another with a search on two cores whose helpers take from it.
   */
  readonly pin: boolean;
}

/** How `mc` starts node: the environment it sets and node's flags. */
export interface McLaunch {
  readonly env: Readonly<Record<string, string>>;
  readonly flags: readonly string[];
}

/**
 * How `mc` starts node, read off bin/mc's first line (`#!/usr/bin/env -S [NAME=value ...] node
 * FLAGS`), so that each run is measured as a user runs it. `root` is the repository.
 */
export function mcLaunch(root: string): McLaunch {
  const first = fs.readFileSync(path.join(root, 'bin', 'mc'), 'utf8').split('\n', 1)[0]!;
  const line = /^#!\/usr\/bin\/env(?: -S)?((?: +[A-Za-z_][A-Za-z0-9_]*=\S*)*) +node(.*)$/.exec(first);
  if (!line) throw new Error(`bin/mc does not start with a node shebang: ${first}`);
  const words = (text: string) => text.split(' ').filter((word) => word !== '');
  const env = Object.fromEntries(words(line[1]!).map((assignment) => {
    const equals = assignment.indexOf('=');
    return [assignment.slice(0, equals), assignment.slice(equals + 1)];
  }));
  return { env, flags: words(line[2]!) };
}

/** taskset's list of the first `cores` cores. */
const firstCores = (cores: number): string => (cores === 1 ? '0' : `0-${cores - 1}`);

/** One child run; with `pin`, on as many cores as it has workers. */
function runChild(request: ChildRequest, pin: boolean): ChildReport {
  const script = path.join(__dirname, 'child.js');
  // dist/bench/ -> the repository.
  const launch = mcLaunch(path.join(__dirname, '..', '..'));
  const node = [process.execPath, ...launch.flags, script, JSON.stringify(request)];
  const [command, ...args] = pin ? ['taskset', '-c', firstCores(request.workers), ...node] : node;
  const output = execFileSync(command!, args, {
    encoding: 'utf8',
    env: { ...process.env, ...launch.env, NODE_ENV: 'production' },
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const report = JSON.parse(output.trim().split('\n').pop()!) as ChildReport;
  // A pinned figure is only worth its name if the child really had that many cores.
  if (pin && report.cores !== request.workers) throw new Error(`a run pinned to ${request.workers} core(s) could run on ${report.cores}`);
  return report;
}

/** The median run by search time (the lower of the two middle ones for an even count). */
export function medianRun<T extends { readonly searchSeconds: number }>(runs: readonly T[]): T {
  const sorted = [...runs].sort((a, b) => a.searchSeconds - b.searchSeconds);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export function measure(config: BenchConfig, options: MeasureOptions): BenchRow {
  const { workers: workerCounts, maxSeconds, repeat, warmups, pin } = options;
  const samples: Omit<Measurement, 'searchSecondsOfRepeats'>[][] = workerCounts.map(() => []);
  // The rate `mc check` reports, by the same rule.
  const rate = (report: ChildReport) => perSecond(report.distinct, report.searchSeconds);
  const limit = maxSeconds === undefined ? {} : { maxSeconds };
  for (let r = 0; r < repeat; r++) {
    workerCounts.forEach((workers, w) => {
      if (warmups > 0) {
        const report = runChild({ ...config, workers, ...limit, warmups }, pin);
        samples[w]!.push({ ...report, workers, distinctPerSecond: rate(report) });
        return;
      }
      const idle = runChild({ ...config, workers, idle: true }, pin);
      const report = runChild({ ...config, workers, ...limit }, pin);
      samples[w]!.push({
        ...report,
        workers,
        distinctPerSecond: rate(report),
        idleRssBytes: idle.maxRssBytes,
        bytesPerState: report.distinct > 0 ? Math.round((report.maxRssBytes - idle.maxRssBytes) / report.distinct) : 0,
      });
    });
  }
  const runs: Measurement[] = samples.map((repeats) => ({
    ...medianRun(repeats),
    searchSecondsOfRepeats: repeats.map((r) => r.searchSeconds).sort((a, b) => a - b),
  }));
  const [first, last] = [runs[0]!, runs[runs.length - 1]!];
  return {
    config,
    runs,
    speedup: last.searchSeconds > 0 ? first.searchSeconds / last.searchSeconds : 1,
    totalSpeedup: last.seconds > 0 ? first.seconds / last.seconds : 1,
    consistent: samples.flat().every((r) => r.complete && r.distinct === first.distinct && r.generated === first.generated && r.verdicts === first.verdicts),
    warmups,
    pinned: pin,
  };
}
