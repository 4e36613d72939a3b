/**
 * One benchmark run in a process of its own, so that its peak resident memory (`maxRSS`, which
 * counts every thread of the process) belongs to that run alone. Prints one JSON line.
 *
 *   node dist/bench/child.js '{"spec":"two-phase","params":{"rms":8},"symmetry":false,"workers":2}'
 *
 * With `"idle": true` the search stops after its first batch: the same process with the model
 * built, the hasher compiled and the worker threads started, which is the baseline the
 * bytes-per-state figure is measured above.
 *
 * With `"warmups": N` the breadth-first search runs N times before the measured one, in this
 * process, over the same model, executor and worker threads (warm.ts).
 */
// The worker threads first, as `mc check` starts them (cli/threads-ahead.ts): before the engine
// and the spec load. The threads alive before them are node's and V8's own (thread-cpu.ts).
import { splitThreadCpu, threadTimes, type ThreadCpu } from './thread-cpu';
const early: ReadonlySet<number> = new Set(threadTimes().keys());
import { startSearchThreads, type SearchThreads } from '../explorer/search-threads';
import { SPECS } from '../spec/registry';
import type { BenchConfig } from './configs';

const request = JSON.parse(process.argv[2] ?? '') as ChildRequest;
const entry = SPECS.find((s) => s.name === request.spec);
const threads: SearchThreads | undefined = entry && request.workers >= 2 ? startSearchThreads(request.workers - 1, [entry.module]) : undefined;

import { availableParallelism } from 'os';
import { explore } from '../explorer';
import { peakRss } from '../explorer/explore';
import { warmSearch } from './warm';

export interface ChildRequest extends BenchConfig {
  readonly workers: number;
  readonly idle?: boolean;
  readonly maxSeconds?: number;
  /** Searches run before the measured one, in the same process and threads (warm.ts). */
  readonly warmups?: number;
}

export interface ChildReport {
  readonly complete: boolean;
  readonly distinct: number;
  readonly generated: number;
  readonly seconds: number;
  readonly searchSeconds: number;
  /** CPU seconds of the whole process (all threads), user + system. */
  readonly cpuSeconds: number;
  /** The same by thread, where the system says (Linux). */
  readonly threadCpu?: ThreadCpu;
  /** Peak resident set of the whole process, bytes. */
  readonly maxRssBytes: number;
  /** What the engine's own statistic counts: its graph's and seen set's arrays, per state. */
  readonly graphBytesPerState: number;
  readonly verdicts: string;
  /** Warm runs only: the search seconds of the warm-up searches, in order, then the measured one's. */
  readonly searchSecondsInOrder?: readonly number[];
  /** The cores this process may run on (its CPU affinity: fewer than the machine's under `bench --pin`). */
  readonly cores: number;
}

async function main(): Promise<void> {
  if (!entry) throw new Error(`unknown spec ${request.spec}`);
  if (request.warmups !== undefined && request.warmups > 0) {
    const report = await warmSearch(entry.module, request, request.warmups, threads, early);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const result = await explore(
    { module: entry.module, args: { variant: request.variant, params: request.params } },
    { spec: request.spec, variant: request.variant, params: request.params },
    {
      workers: request.workers,
      symmetry: request.symmetry,
      ...(threads ? { threads } : {}),
      ...(request.idle ? { maxStates: 0 } : {}),
      ...(request.maxSeconds === undefined ? {} : { maxSeconds: request.maxSeconds }),
    },
  );
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  const threadCpu = splitThreadCpu(cpuSeconds, early);
  const report: ChildReport = {
    complete: result.completion.complete,
    distinct: result.stats.distinct,
    generated: result.stats.generated,
    seconds: result.stats.seconds,
    searchSeconds: result.stats.searchSeconds,
    cpuSeconds,
    ...(threadCpu ? { threadCpu } : {}),
    maxRssBytes: peakRss(),
    graphBytesPerState: result.stats.bytesPerState,
    verdicts: result.properties.map((p) => `${p.name}=${p.verdict}`).join(' '),
    cores: availableParallelism(),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
