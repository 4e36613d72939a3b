/**
 * Where a run's CPU went, thread by thread: the calling thread (which expands and merges), the
 * search's pool threads, and the threads node started for V8 before any of them (its optimizing
 * compiler and its concurrent garbage collection). On two cores this is what decides the speed-up
 * of a second worker: a one-worker run gets V8's threads' work done on the idle core for nothing,
 * while a two-worker run must fit everything, both isolates' compiles included, on two cores, and
 * its search threads then wait for a core (the calling thread's `waited` seconds).
 *
 * Read from Linux's per-thread scheduler statistics (/proc/self/task/TID/schedstat: nanoseconds
 * on a core, nanoseconds runnable but waiting for one); elsewhere there is nothing to read and the
 * bench leaves the columns empty. A thread that has ended has no entry, so the pool threads' share
 * (they end with the search) is what the process used less the threads still there.
 */
import * as fs from 'fs';

/** One thread's scheduler times, seconds. */
interface Times {
  readonly cpu: number;
  readonly waited: number;
}

export interface ThreadCpu {
  /** CPU seconds of the calling thread, and the seconds it was ready to run but had no core. */
  readonly calling: number;
  readonly callingWaited: number;
  /** CPU seconds of the pool's search threads, their start included (and of any thread started after them). */
  readonly pool: number;
  /** CPU seconds of the threads node started for V8 before the search's threads. */
  readonly v8: number;
}

const TASKS = '/proc/self/task';

/** Every live thread's times by thread id; empty where /proc has no per-thread statistics. */
export function threadTimes(): Map<number, Times> {
  const times = new Map<number, Times>();
  let ids: string[];
  try {
    ids = fs.readdirSync(TASKS);
  } catch {
    return times;
  }
  for (const id of ids) {
    try {
      const [cpu, waited] = fs.readFileSync(`${TASKS}/${id}/schedstat`, 'utf8').trim().split(' ').map(Number);
      if (cpu !== undefined && waited !== undefined) times.set(Number(id), { cpu: cpu / 1e9, waited: waited / 1e9 });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return times;
}

/**
 * Splits `processCpu` seconds (the whole process, ended threads included) between the calling
 * thread, V8's threads (`early`: the thread ids alive before the search's threads started) and
 * the rest. With `before`, only what each thread used since then counts (a warm run's measured
 * search). Undefined where there are no per-thread statistics.
 */
export function splitThreadCpu(processCpu: number, early: ReadonlySet<number>, before?: Map<number, Times>): ThreadCpu | undefined {
  const now = threadTimes();
  const calling = now.get(process.pid);
  if (calling === undefined) return undefined;
  const since = (id: number, t: Times): Times => {
    const then = before?.get(id);
    return then === undefined ? t : { cpu: t.cpu - then.cpu, waited: t.waited - then.waited };
  };
  const own = since(process.pid, calling);
  let v8 = 0;
  for (const [id, t] of now) if (id !== process.pid && early.has(id)) v8 += since(id, t).cpu;
  return { calling: own.cpu, callingWaited: own.waited, pool: Math.max(0, processCpu - own.cpu - v8), v8 };
}
