/**
 * What every step needs (the variant's kernel functions, the parameters, process names) and the
 * one place that turns a step body into a `Transition`, including the oops rule of MODEL.md §4.
 */
import type { Transition } from '../../../explorer/model';
import type { SourceLocation } from '../../../explorer/source-location';
import type { NfsParams } from '../params';
import { pageWith, requestWith, writerWith, type NfsState, type Page, type Writer } from '../state';
import { Oops, type DPage, type DState, type DWriter, type KernelFunctions } from './functions';
import { SITE_SOURCES } from './primitives';

/**
 * A fresh copy of every page, request and writer of `s`, for a step body to edit into the
 * successor. The state is a few dozen fields, so copying it whole is cheaper than immer's
 * copy-on-write proxies, which cost about half of the search's time (issue 11 profile: 22876f54
 * N=3, immer 40 % of samples, plus the garbage of its proxies). Built by state.ts's `...With`
 * (object literals in decode's field order: one hidden class per type, and cheaper than a spread
 * with an overridden field; the copy was the spec's largest cost). Programme counters and targets
 * are immutable values (see `DWriter`) and are shared.
 */
function draftOf(s: NfsState): DState {
  const pages: (DPage | null)[] = [];
  for (const p of s.pages) pages.push(pageCopy(p));
  const writers: DWriter[] = [];
  for (const w of s.writers) writers.push(writerCopy(w));
  return { pages, writers, rwsem: s.rwsem, nrequests: s.nrequests, wbErr: s.wbErr, faultsLeft: s.faultsLeft };
}

function writerCopy(w: Writer): DWriter {
  return writerWith(w, pageCopy(w.orphan));
}

function pageCopy(p: Page | null): DPage | null {
  return p === null ? null : pageWith(p, p.lockedBy, p.private === null ? null : requestWith(p.private, p.private.ctx));
}

export interface Env {
  readonly k: KernelFunctions;
  readonly params: NfsParams;
  /** Process names: W1..WN, F, C. */
  readonly names: readonly string[];
  /** Process index of the flusher and of RPC completion. */
  readonly F: number;
  readonly C: number;
}

/** What a step body reports: the normative bracket and the human sentence. */
export interface Effect {
  readonly outcome: string;
  readonly label: string;
}

export type NfsTransition = Transition<NfsState>;

/**
 * Records a step that changes nothing (a spin-loop iteration): its successor is `s` itself, the
 * same object, which tells the engine it is a self-loop without copying, encoding or hashing it
 * (explorer/model.ts `Transition.next`). Only for steps whose every field is left as it was.
 */
export function stutter(process: number, action: string, source: SourceLocation, effect: Effect, s: NfsState, out: NfsTransition[]): void {
  out.push({ process, action, outcome: effect.outcome, label: effect.label, source, next: s });
}

/**
 * The step bodies most recently run, kept alive for V8's sake. A body is a closure made afresh
 * at every call (it captures the writer, the page, the slot), and V8 keeps a function's optimized
 * code only while an instance of that function is alive: with every body dead by the time of a
 * full garbage collection, the collection dropped their code, and each body ran unoptimized again
 * until V8 had compiled it once more (`--trace-opt --trace-gc`, 22876f54 N=3: each body compiled
 * 5 times in a run, once after each of the first full collections). Holding the last 256, dozens
 * of states' worth, keeps an instance of each body that is run at all often.
 */
const LIVE_BODIES: unknown[] = new Array(256).fill(undefined);
let liveAt = 0;

/**
 * Runs `body` on a draft of `s` and records the transition. If the body dereferences an orphan's
 * mapping (throws Oops), the transition is a MappingNonNull violation whose target is the
 * pre-state with the acting writer's pc set to oops(site) (MODEL.md §4 "The oops").
 */
export function step(
  env: Env,
  s: NfsState,
  process: number,
  action: string,
  source: SourceLocation,
  body: (d: DState) => Effect,
  out: NfsTransition[],
): void {
  LIVE_BODIES[liveAt] = body;
  liveAt = (liveAt + 1) % LIVE_BODIES.length;
  try {
    const next = draftOf(s);
    const effect = body(next);
    out.push({ process, action, outcome: effect.outcome, label: effect.label, source, next });
  } catch (e) {
    if (!(e instanceof Oops)) throw e;
    if (process >= env.params.writers) throw new Error(`nfs model bug: ${env.names[process]} oopsed in ${e.site}`);
    const site = e.site;
    const next = draftOf(s);
    next.writers[process]!.pc = { at: 'oops', site };
    out.push({
      process,
      action,
      outcome: `oops in ${site}`,
      label: `${env.names[process]} ${e.before ? `${e.before}; ` : ''}${site}: the page left the page cache (page_file_mapping(page) == NULL): ${e.detail}`,
      source: SITE_SOURCES[site],
      next,
      violates: 'MappingNonNull',
    });
  }
}
