/**
 * Says on a BroadcastChannel that it was loaded, and in which thread: a test of
 * explorer/search-threads.ts's `preload` listens (test/engine-search-threads.test.ts).
 */
import { BroadcastChannel, isMainThread, threadId } from 'worker_threads';

export const PRELOAD_PROBE_CHANNEL = 'mc-preload-probe';

const channel = new BroadcastChannel(PRELOAD_PROBE_CHANNEL);
channel.postMessage({ isMainThread, threadId });
channel.close();
