/**
 * The search measured warm: the same breadth-first search run `warmups` times first, in one
 * process, over one model, one executor and the same worker threads, then once more and measured.
 * By then every thread's code is compiled and its young generation grown, so the measured search
 * shows what a second thread gives the search itself, apart from what starting and warming up a
 * second V8 isolate costs (its own compiles, on a core the search wants; its heap growing). A
 * user's run is always cold: the bench's main table measures that, and this one is its reading aid.
 *
 * It runs the engine's parts itself because `explore` starts each search's threads afresh and
 * closes them. It judges nothing: no verdicts, no traces, only the search.
 */
import { availableParallelism } from 'os';
import { breadthFirst } from '../explorer/bfs';
import { searchExecutor } from '../explorer/executor';
import { peakRss } from '../explorer/explore';
import { loadHasher } from '../explorer/fingerprint';
import { loadModel } from '../explorer/load';
import { resolveSearchContext } from '../explorer/search-context';
import type { SearchThreads } from '../explorer/search-threads';
import { threadCount } from '../explorer/thread-count';
import type { ChildReport, ChildRequest } from './child';
import { splitThreadCpu, threadTimes } from './thread-cpu';

/** `early`: the threads alive before the search's threads started (thread-cpu.ts). */
export async function warmSearch(module: string, request: ChildRequest, warmups: number, threads: SearchThreads | undefined, early: ReadonlySet<number>): Promise<ChildReport> {
  const source = { module, args: { variant: request.variant, params: request.params } };
  // As `explore` resolves it, so that a warm search is the cold one's search (its symmetry
  // warnings, which a bench does not show, aside).
  const { context } = resolveSearchContext(await loadModel(source), await loadHasher(), request.symmetry);
  const workers = threadCount(request.workers);
  const executor = searchExecutor(context, source, workers, (count) => {
    if (threads?.count !== count) throw new Error(`warm runs need the ${count} worker thread(s) started with the process`);
    return threads;
  });
  const search = () =>
    breadthFirst(context, executor, {
      workers,
      ...(request.maxSeconds === undefined ? {} : { maxSeconds: request.maxSeconds }),
    }, { edges: context.keepEdges });
  try {
    const seconds: number[] = [];
    for (let run = 0; run < warmups; run++) seconds.push((await search()).seconds);
    // The measured search's CPU only.
    const cpu = process.cpuUsage();
    const byThread = threadTimes();
    const outcome = await search();
    seconds.push(outcome.seconds);
    await executor.built();
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const threadCpu = splitThreadCpu(cpuSeconds, early, byThread);
    return {
      complete: outcome.stoppedBy === undefined,
      distinct: outcome.graph.size,
      generated: outcome.generated,
      seconds: outcome.seconds,
      searchSeconds: outcome.seconds,
      cpuSeconds,
      ...(threadCpu ? { threadCpu } : {}),
      maxRssBytes: peakRss(),
      graphBytesPerState: Math.round(outcome.graph.byteLength / outcome.graph.size),
      verdicts: 'not judged (warm run)',
      searchSecondsInOrder: seconds,
      cores: availableParallelism(),
    };
  } finally {
    await executor.close();
  }
}
