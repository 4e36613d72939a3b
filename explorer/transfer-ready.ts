/**
 * Readies a thread's compiled code for the search's transfers between threads, before that code
 * is compiled. Until the first ArrayBuffer of an isolate is detached (as a `postMessage` transfer
 * does), V8 assumes none ever will be (its ArrayBufferDetaching "protector") and compiles typed
 * array accesses without the check for a detached buffer. The first transfer then invalidates
 * every function compiled under that assumption: an optimizing compile still running is thrown
 * away, compiled code is deoptimized, and both are compiled again.
 *
 * In a search with pool threads that first transfer came once the search was under way, in both
 * isolates: the calling thread's first batch sent to a pool thread, the pool thread's first
 * expansion sent back. `--trace-protector-invalidation --trace-opt` showed compiles of `decode`
 * and `seenElseAdd` aborted there, and code compiled before it compiled again, on the cores the
 * two search threads share. Detaching one empty buffer as the thread starts moves the
 * invalidation before any of the search's code is hot, where it costs nothing: TwoPhase N = 8
 * with two workers made 146-157 optimizing compiles in a run instead of 174-184 (three runs
 * each), nfs 22876f54 N = 3 with symmetry 312-327 instead of 321-332.
 *
 * Called where threads are started (the calling thread, search-threads.ts) and as each pool
 * thread starts (worker.ts). A one-worker search never transfers, keeps the protector, and does
 * not call it.
 */
export function readyForTransfers(): void {
  const buffer = new ArrayBuffer(0);
  structuredClone(buffer, { transfer: [buffer] });
}
