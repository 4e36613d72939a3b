/**
 * The worker threads of `mc check`, started as the CLI's first module runs, before the rest of
 * the CLI and the spec load (about 0.1 s here): a search thread takes 0.13-0.26 s to start and
 * build its model, which the search's first moments otherwise spent expanding in one thread
 * (explorer/search-threads.ts).
 *
 * How many, and which spec's module they load, is guessed from the raw arguments before
 * commander has parsed them. The guess decides nothing: a search that needs other threads closes
 * these and starts its own (explorer/explore.ts), and main.ts closes them when no search took
 * them (bad usage, help).
 */
import { startSearchThreads, type SearchThreads } from '../explorer/search-threads';
import { SPECS } from '../spec/registry';
import { parseWorkers } from './parse';
import { flagValue, prescanSpec } from './prescan';
import { defaultWorkers, workerBound } from './workers';

/**
 * The threads a `check` with these arguments will want: how many, loading which module. Read
 * with the parsers the CLI itself uses; arguments they refuse want none (commander says why).
 */
export function threadsWanted(argv: readonly string[]): { count: number; module: string } | undefined {
  if (argv[0] !== 'check' || argv.some((a) => a === '-h' || a === '--help')) return undefined;
  try {
    const raw = flagValue(argv, '--workers');
    const workers = raw === undefined ? defaultWorkers() : parseWorkers(raw ?? '', workerBound());
    const spec = prescanSpec(argv);
    const entry = SPECS.find((s) => s.name === spec);
    return workers < 2 || entry === undefined ? undefined : { count: workers - 1, module: entry.module };
  } catch {
    return undefined;
  }
}

let ahead: SearchThreads | undefined;

/** Starts the threads `argv` (the process's arguments after `mc`) will want, if any. */
export function startThreadsAhead(argv: readonly string[]): void {
  const wanted = threadsWanted(argv);
  if (wanted) ahead = startSearchThreads(wanted.count, [wanted.module]);
}

/** The threads started ahead, for the one search that runs them (then none are left to take). */
export function takeThreadsAhead(): SearchThreads | undefined {
  const taken = ahead;
  ahead = undefined;
  return taken;
}

/** Closes the threads started ahead that no search took. */
export async function closeThreadsAhead(): Promise<void> {
  await takeThreadsAhead()?.close();
}
