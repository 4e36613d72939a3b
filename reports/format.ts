/** Wording and number formats shared by the renderers (they differ only in layout). */
import type { Counterexample, ProcessRole, ProcessStatus, PropertyResult, Result, StopReason, StopSignal, TraceStep, Verdict } from '../explorer/result';

export const VERDICT_SYMBOL: Readonly<Record<Verdict, string>> = {
  holds: '✓',
  violated: '✗',
  unknown: '?',
};

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function duration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h > 0 ? `${h} h ${m} min ${rest} s` : `${m} min ${rest} s`;
}

/** Bytes as MiB, whole above 10 (a resident-memory figure is not exact to the byte anyway). */
export function mebibytes(bytes: number): string {
  const mib = bytes / 2 ** 20;
  return `${mib < 10 ? mib.toFixed(1) : count(mib)} MiB`;
}

/**
 * The run's real memory: the process's peak, and what the search took above its start per
 * distinct state when this run set the peak (stats.memory in explorer/result.ts).
 */
export function memoryLine(stats: Result['stats']): string | undefined {
  const m = stats.memory;
  if (m === undefined) return undefined;
  const peak = `${mebibytes(m.peakBytes)} peak (the whole process, every thread)`;
  if (m.aboveStartBytes === undefined) return `${peak}, set before this search began`;
  const perState = stats.distinct > 0 ? `: ${count(m.aboveStartBytes / stats.distinct)} B/state` : '';
  return `${peak}, ${mebibytes(m.aboveStartBytes)} above its start${perState}`;
}

/**
 * Where the run's time went: the search, the second search that recorded the edges above the
 * first failure when one ran (as long as the levels above it took the first: a reader who sees
 * twice the search time should know why), then judging.
 */
export function timeLine(stats: Result['stats']): string {
  const recording = stats.recordingSeconds !== undefined ? `, a second search recording the edges above the first failure ${duration(stats.recordingSeconds)}` : '';
  return `${duration(stats.seconds)} (search ${duration(stats.searchSeconds)}${recording}, then liveness and traces)`;
}

export function probability(p: number): string {
  if (p === 0) return '0';
  if (p >= 0.001) return p.toPrecision(2);
  return p.toExponential(1);
}

/** What `--exact` did, which is why its search met no fingerprint collision (explorer/exact-states.ts). */
export const EXACT_MEANS = 'every state found again was compared byte for byte';

/** Why an `--exact` search met no fingerprint collision, and the seed it ended with when not 0. */
export function exactNote(stats: Result['stats']): string {
  const seed = stats.fingerprintSeed !== undefined ? `, fingerprint seed ${stats.fingerprintSeed}` : '';
  return `--exact: ${EXACT_MEANS}${seed}`;
}

/** How a pair of searches was run, as a report's header says it: `symmetry on`, and `exact` when both were. */
export function searchMode(a: Result, b: Result): string {
  const exact = a.stats.exact === true && b.stats.exact === true ? ', exact: no fingerprint collision' : '';
  return `symmetry ${a.run.symmetry ? 'on' : 'off'}${exact}`;
}

/** What the fingerprints leave to chance: TLC's optimistic estimate, or nothing with `--exact`. */
export function fingerprintRisk(stats: Result['stats']): string {
  if (stats.exact === true) return `none (${exactNote(stats)})`;
  return `${probability(stats.collisionProbability)} (optimistic fingerprint estimate)`;
}

export function params(run: Result['run']): string {
  const entries = Object.entries(run.params);
  return entries.length === 0 ? '(none)' : entries.map(([k, v]) => `${k}=${v}`).join(' ');
}

export const STOP_REASON: Readonly<Record<StopReason, string>> = {
  'max-states': 'max-states',
  'max-seconds': 'max-seconds',
  'max-memory': 'max-memory',
  interrupted: 'an interrupt (Ctrl-C)',
  'stop-on-violation': 'stop-on-violation',
};

/** What an interrupt was, when the run knows which signal it was. */
const SIGNAL_NAME: Readonly<Record<StopSignal, string>> = {
  SIGINT: STOP_REASON.interrupted,
  SIGTERM: 'SIGTERM (kill)',
  SIGHUP: 'SIGHUP (the terminal closed)',
};

/** One sentence on how complete the search was. */
export function completionLine(result: Result): string {
  if (result.completion.complete) {
    return `complete: every reachable state was explored (${count(result.stats.distinct)} distinct states)`;
  }
  const violated = result.properties.some((p) => p.verdict === 'violated');
  const undecided = result.properties.some((p) => p.verdict === 'unknown');
  const tail = !undecided
    ? 'every verdict was decided before the stop'
    : violated
      ? 'violations found stand; the other verdicts are unknown'
      : 'verdicts are unknown';
  const { stoppedBy, signal } = result.completion;
  const by = signal !== undefined ? SIGNAL_NAME[signal] : STOP_REASON[stoppedBy];
  // Plain digits: this sentence is what scripts and people grep for.
  return `incomplete: stopped by ${by} after ${count(result.stats.distinct)} states; ${tail}`;
}

/** `trace, 12 steps` / `lasso, 9-step prefix + 1-step cycle`. */
export function shapeLine(cx: Counterexample): string {
  if (cx.shape === 'lasso' && cx.loopStart !== undefined) {
    const cycle = cx.steps.length - cx.loopStart;
    if (cycle === 0) return `lasso: ${plural(cx.loopStart, 'step')}, then no process can step again (the last state repeats forever)`;
    return `lasso: ${plural(cx.loopStart, 'step')} to a ${cycle}-step cycle that repeats forever`;
  }
  return `trace: ${plural(cx.steps.length, 'step')}`;
}

/** A lasso whose cycle is empty: the system stops for good (stutters) in its last state. */
export function stopsForGood(cx: Counterexample): boolean {
  return cx.shape === 'lasso' && cx.loopStart === cx.steps.length;
}

export const CYCLE_START_LINE = '--- cycle: the following steps repeat forever ---';

/** The line that closes a lasso's steps, or undefined for a trace. */
export function lassoEndLine(cx: Counterexample): string | undefined {
  if (stopsForGood(cx)) return '--- no process can step any more: the last state repeats forever ---';
  return cx.shape === 'lasso' ? '--- back to the start of the cycle ---' : undefined;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The step's normative name: `W1.wb_page_iter[writepage: launder(ctx->error)]`. */
export function stepName(step: TraceStep): string {
  return step.outcome !== undefined && step.outcome !== '' ? `${step.action}[${step.outcome}]` : step.action;
}

export function change(c: { field: string; before?: string; after?: string }): string {
  return `${c.field}: ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`;
}

/**
 * What to say on the step where the violation shows, or undefined. A `step` violation is the
 * step that carries `violates`; a state check shows in the state after the last step of a trace.
 */
export function violationMark(property: PropertyResult, cx: Counterexample, index: number): string | undefined {
  const step = cx.steps[index]!;
  if (step.violates !== undefined) return `violates ${step.violates} here`;
  // The step that made a quiescence failure certain, unless it is the last one (said below).
  if (cx.inevitableAfter === index + 1 && index < cx.steps.length - 1) return inevitableText(property);
  if (cx.shape !== 'trace' || index !== cx.steps.length - 1) return undefined;
  if (cx.steps.some((s) => s.violates !== undefined)) return undefined;
  switch (cx.check) {
    case 'always':
      return `the state after this step violates ${property.name}`;
    case 'atQuiescence':
      return `the quiescent state after this step violates ${property.name}`;
    case 'deadlock':
      return 'deadlock: no process can take a step after this';
    case 'leaves':
      return `no step is possible after this, still inside the region (${property.name})`;
    case 'step':
      return `violates ${property.name} here`;
  }
}

/** After the step that made it certain (explorer/inevitable.ts): what no later step can undo. */
function inevitableText(property: PropertyResult): string {
  return `from here on ${property.name} cannot hold at quiescence: no run from this state reaches a quiescent state where it holds`;
}

/**
 * The line under a counterexample's summary that names the step that made a quiescence failure
 * certain (`Counterexample.inevitableAfter`), when the run could say and it is not the last step.
 */
export function inevitableLine(property: PropertyResult, cx: Counterexample): string | undefined {
  const when = inevitableWhen(cx);
  return when === undefined ? undefined : `${when}: no run from there reaches a quiescent state where ${property.name} holds`;
}

/** `certain from step 10 on, W1 in nfs_writepages` (the first half of `inevitableLine`), or undefined. */
export function inevitableWhen(cx: Counterexample): string | undefined {
  const k = cx.inevitableAfter;
  if (k === undefined || k >= cx.steps.length) return undefined;
  if (k === 0) return 'certain from the initial state';
  const step = cx.steps[k - 1]!;
  return `certain from step ${k} on${step.source !== undefined ? `, ${step.process} in ${step.source.function}` : ''}`;
}

/** When the very first state is already bad (a trace of zero steps), or certain to end badly. */
export function initialViolation(property: PropertyResult, cx: Counterexample): string | undefined {
  if (cx.inevitableAfter === 0 && cx.steps.length > 0) return inevitableText(property);
  if (cx.steps.length > 0 || cx.shape !== 'trace') return undefined;
  return cx.check === 'deadlock'
    ? 'the initial state has no successor (deadlock)'
    : `the initial state violates ${property.name}`;
}

export const ROLE_TEXT: Readonly<Record<ProcessRole, string>> = {
  spinning: 'spinning',
  steps: 'steps',
  blocked: 'blocked',
};

const ROLE_GLOSS_TEXT: Readonly<Record<ProcessRole, string>> = {
  spinning: 'spinning: stays in the region and keeps stepping',
  steps: 'steps: takes steps in the cycle',
  blocked: 'blocked: disabled somewhere in the cycle, so fairness does not force it',
};

/** What the roles that appear mean, in one line. */
export function roleGloss(roles: readonly ProcessRole[]): string {
  const order = ['spinning', 'steps', 'blocked'] as const;
  return order.filter((r) => roles.includes(r)).map((r) => ROLE_GLOSS_TEXT[r]).join('; ');
}

/** The spec's process line without a leading `W1: ` that repeats the process name. */
export function processDetail(process: string, detail: string): string {
  return detail.startsWith(`${process}: `) ? detail.slice(process.length + 2) : detail;
}

/**
 * What a process does in a lasso's cycle (or at its end), its role said once: the spec's line
 * after the role (`blocked: no WRITE in flight`), or the line alone when its first clause (up to
 * a `;`) already says the role (`spinning in nfs_wb_page(page 0): …`, `D state: blocked in
 * nfs_start_io_write …`), where `spinning: spinning in` would say it twice.
 */
export function processSentence(ps: ProcessStatus): string {
  const detail = processDetail(ps.process, ps.detail);
  const role = ROLE_TEXT[ps.role];
  return new RegExp(word(role), 'i').test(detail.split(';')[0]!) ? detail : `${role}: ${detail}`;
}

/**
 * The spec's line for a layout that shows the role in a column of its own: without a first word
 * that repeats it (`spinning  in nfs_wb_page(page 0): …`).
 */
export function detailAfterRole(ps: ProcessStatus): string {
  const detail = processDetail(ps.process, ps.detail);
  const repeat = new RegExp(`^${word(ROLE_TEXT[ps.role])}[:\\s]*`, 'i').exec(detail);
  return repeat !== null && repeat[0].length < detail.length ? detail.slice(repeat[0].length) : detail;
}

/** A regular expression's source matching `text` as a whole word. */
function word(text: string): string {
  return `(?<![A-Za-z0-9_])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`;
}

/**
 * A run's caveat (`RunInfo.caveats`, from the spec's `VariantInfo.notes`) and the verdicts it
 * qualifies: those of the properties it names. A report puts it beside those verdicts, not only
 * under a table where it reads as a note on whatever is above it.
 */
export interface CaveatNote {
  /** The variant whose caveat it is, as the report names it. */
  readonly variant: string;
  readonly text: string;
  /** The properties it names (a whole word): empty when it names none, so qualifies the whole run. */
  readonly properties: readonly string[];
  /** Its footnote mark (`*`, `†`, ...) when it names a property. */
  readonly mark?: string;
}

const FOOTNOTE_MARKS = ['*', '†', '‡', '§'];

/**
 * The caveats of `runs`, each with the properties among `names` it names; those that name one
 * get footnote marks, in order across all the runs (one table, one set of marks).
 */
export function caveatNotesOf(runs: readonly { readonly variant: string; readonly caveats?: readonly string[] }[], names: readonly string[]): CaveatNote[] {
  const notes: CaveatNote[] = [];
  let marked = 0;
  for (const run of runs) {
    for (const text of run.caveats ?? []) {
      const properties = names.filter((name) => new RegExp(word(name)).test(text));
      const mark = properties.length > 0 ? (FOOTNOTE_MARKS[marked] ?? `*${marked + 1}`) : undefined;
      if (mark !== undefined) marked++;
      notes.push({ variant: run.variant, text, properties, ...(mark !== undefined ? { mark } : {}) });
    }
  }
  return notes;
}

/** The marks of the caveats that qualify `property`'s verdict on `variant`, `''` when none does. */
export function caveatMarks(notes: readonly CaveatNote[], variant: string, property: string): string {
  return notes.filter((n) => n.mark !== undefined && n.variant === variant && n.properties.includes(property)).map((n) => n.mark).join('');
}
