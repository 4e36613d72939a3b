/**
 * The NFS write-path model: Init, Next as the disjunction of every process's steps (writers W1..WN,
 * then the flusher F, then RPC completion C), the properties, and the engine hooks.
 */
import type { Model } from '../../explorer/model';
import { mappingNonNull } from '../../invariants/nfs/mapping-non-null';
import { noRequestLeak } from '../../invariants/nfs/no-request-leak';
import { wbPageTerminates } from '../../invariants/nfs/wb-page-terminates';
import { decode, encode } from './encode';
import { explainProcess } from './explain';
import { itf } from './itf';
import { completion } from './kernel/completion';
import type { Env, NfsTransition } from './kernel/env';
import { flusher } from './kernel/flusher';
import { fsyncFlush, fsyncReport, fsyncWait } from './kernel/fsync';
import { wbPageIter } from './kernel/wb-page';
import { addRequest, startIoWrite, updatePage, writeBegin, writeEnd } from './kernel/write-syscall';
import type { NfsParams } from './params';
import { NONE, anyInFlight, type NfsState, type Writer } from './state';
import { canonical } from './symmetry';
import type { KernelPatch } from './variants/patches';
import { kernelOf } from './variants';
import { view } from './view';
import { whyDisabled } from './why-disabled';
import { patchesAt } from './patches-at';
import { actionNames } from './action-names';

export function initialState(p: NfsParams): NfsState {
  const writer: Writer = { pc: { at: 'start_io_write' }, writesLeft: p.writes, target: null, orphan: null, ctxError: 0, errorWrite: false, since: NONE };
  return {
    pages: Array.from({ length: p.pages }, () => null),
    writers: Array.from({ length: p.writers }, () => writer),
    rwsem: NONE,
    nrequests: 0,
    wbErr: 0,
    faultsLeft: p.faults,
  };
}

/**
 * The enabled steps of writer `w`, by its program counter. This is the hot path (every writer of
 * every state): a `switch` with `assertNever` is as exhaustive at compile time as ts-pattern's
 * `match(pc).exhaustive()` (used for the trace view and explanations) and allocates nothing.
 */
function writerSteps(env: Env, s: NfsState, w: number, out: NfsTransition[]): void {
  const pc = s.writers[w]!.pc;
  switch (pc.at) {
    case 'start_io_write': return startIoWrite(env, s, w, out);
    case 'write_begin': return writeBegin(env, s, w, out);
    case 'update_page': return updatePage(env, s, w, out);
    case 'add_request': return addRequest(env, s, w, out);
    case 'write_end': return writeEnd(env, s, w, pc.status, out);
    case 'wb_page': return wbPageIter(env, s, w, pc.caller, out);
    case 'fsync_flush': return fsyncFlush(env, s, w, pc.purpose, pc.index, pc.failed, out);
    case 'fsync_wait': return fsyncWait(env, s, w, pc.purpose, pc.failed, out);
    case 'fsync_report': return fsyncReport(env, s, w, pc.purpose, pc.failed, out);
    case 'closed': return;
    case 'oops': return;
    default: return assertNever(pc);
  }
}

function assertNever(x: never): never {
  throw new Error(`nfs: unhandled pc ${JSON.stringify(x)}`);
}

/** Next: every process's enabled steps, appended to `out` (an oops state is terminal). */
export function nextSteps(env: Env, s: NfsState, out: NfsTransition[]): NfsTransition[] {
  for (let w = 0; w < env.params.writers; w++) {
    if (s.writers[w]!.pc.at === 'oops') return out;
  }
  for (let w = 0; w < env.params.writers; w++) writerSteps(env, s, w, out);
  flusher(env, s, out);
  completion(env, s, out);
  return out;
}

/** Builds the model for a kernel given as patches over 4.19.90 (tests pass mutants here). */
export function buildNfsModel(patches: readonly KernelPatch[], params: NfsParams): Model<NfsState> {
  const names = [...Array.from({ length: params.writers }, (_, i) => `W${i + 1}`), 'F', 'C'];
  const k = kernelOf(patches);
  const env: Env = { k, params, names, F: params.writers, C: params.writers + 1 };
  const processes = names.length;
  const actions = actionNames(params, names);
  return {
    processes: names,
    init: () => [initialState(params)],
    next: (s) => nextSteps(env, s, []),
    encode,
    decode: (b) => decode(b, params.writers, params.pages),
    properties: [mappingNonNull(), wbPageTerminates(params.writers), noRequestLeak(names)],
    quiescent: (s) => s.writers.every((w) => w.pc.at === 'closed') && !anyInFlight(s),
    explainProcess: (s, p) => explainProcess(s, p, names),
    canonical: (s) => canonical(s, processes),
    view: (s) => view(s, names, k.errorReporting),
    itf: (s) => itf(s, names),
    whyDisabled: (s, action) => whyDisabled(env, s, action),
    patchesAt: (s, action) => patchesAt(env, patches, s, action),
    actions: () => actions,
  };
}
