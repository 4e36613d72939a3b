/**
 * A replayed counterexample (explorer/schedule.ts) as text: one line per recorded step, marked
 * `=` (did the same), `≠` (did something else: both sentences, and the patches that ran
 * there) or `✗` (not enabled: the guard and what is enabled instead), then the verdict.
 */
import { regionName, type PatchInfo } from '../explorer/model';
import type { ReplayedStep, ScheduleReplay } from '../explorer/schedule';
import { plural, stepName } from './format';

export interface ReplayTextOptions {
  /** Prefix of every line. */
  readonly indent?: string;
  /** Name only these patches at a step that differs (those the variant compared with lacks); default all. */
  readonly showPatches?: ReadonlySet<string>;
  /** Patches to name, apart, as dropped: the base has them, the variant compared with does not. */
  readonly droppedPatches?: ReadonlySet<string>;
  /** What to call the two sentences of a changed step; default `now` and `recorded`. */
  readonly sides?: { readonly now: string; readonly recorded: string };
  /**
   * At a step that differs where no patch of `showPatches` or `droppedPatches` runs, say so, and
   * where the replay first left the recorded states before it (when the model says which patches
   * run and typed states were compared): the difference comes from earlier.
   */
  readonly sayWhenNoPatchDiffers?: boolean;
}

export function renderReplayLines(replay: ScheduleReplay, options: ReplayTextOptions = {}): string[] {
  const indent = options.indent ?? '';
  const width = String(replay.recordedLength).length;
  const out: string[] = [];
  if (replay.initialDiffers) out.push(`${indent}note: no initial state has the recorded fields; replaying from the first one`);
  replay.steps.forEach((s, i) => {
    if (replay.loopStart === i) out.push(`${indent}${' '.repeat(width + 2)}--- cycle (recorded): the following steps repeated forever ---`);
    const n = String(i + 1).padStart(width);
    const more = `${indent}${' '.repeat(width + 6)}`;
    out.push(`${indent}${n}  ${line(s, options.sides?.recorded ?? 'recorded')}`);
    if (s.kind === 'changed') {
      const now = `${options.sides?.now ?? 'now'}:`;
      const recorded = `${options.sides?.recorded ?? 'recorded'}:`;
      const width = Math.max(now.length, recorded.length) + 1;
      out.push(`${more}${now.padEnd(width)}${s.step.label}`, `${more}${recorded.padEnd(width)}${s.recorded.label}`);
    } else if (s.kind === 'disabled') {
      out.push(`${more}enabled here: ${s.enabled.length > 0 ? s.enabled.join(', ') : 'nothing (no process can step)'}`);
    }
    if (s.kind === 'same') return;
    const patches = patchLines(s.patches, options);
    if (patches.length === 0 && options.sayWhenNoPatchDiffers && replay.patchesKnown) patches.push(`no patch that differs runs here${otherStateBefore(replay, i)}`);
    out.push(...patches.map((l) => more + l));
  });
  const taken = replay.steps.filter((s) => s.kind !== 'disabled').length;
  if (taken < replay.recordedLength && replay.reproduction.reproduces) {
    out.push(`${indent}(the remaining ${plural(replay.recordedLength - taken, 'recorded step')} were not needed)`);
  }
  out.push(`${indent}${verdictLine(replay)}`);
  return out;
}

function line(s: ReplayedStep, recorded: string): string {
  switch (s.kind) {
    case 'same':
      return `=  ${stepName(s.step)}`;
    case 'changed':
      return `≠  ${stepName(s.step)}  (${changedWhat(s, recorded)})`;
    case 'disabled':
      return `✗  ${s.action}  not enabled${s.why !== undefined ? `: ${s.why}` : ''}`;
  }
}

/**
 * How a changed step differs: its outcome, else its effect (when typed states were compared),
 * else only its sentence. A step with the same outcome and effect and another sentence did the
 * same thing from a state an earlier difference left otherwise.
 */
function changedWhat(s: Extract<ReplayedStep, { kind: 'changed' }>, recorded: string): string {
  if (s.recorded.outcome !== s.step.outcome) return `${recorded}: ${s.recorded.outcome ?? s.recorded.label}`;
  if (s.effect === 'same') return 'same outcome and effect; only its sentence differs';
  return s.effect === 'different' ? 'same outcome, different effect' : 'same outcome, another sentence';
}

/** What to say of the patches whose code runs in a step that differs. */
export function patchLines(patches: readonly PatchInfo[], options: ReplayTextOptions): string[] {
  const dropped = patches.filter((p) => options.droppedPatches?.has(p.id));
  const shown = patches.filter((p) => !dropped.includes(p) && (options.showPatches?.has(p.id) ?? true));
  return [...(shown.length > 0 ? [`patch here: ${patchList(shown)}`] : []), ...(dropped.length > 0 ? [`dropped patch here: ${patchList(dropped)}`] : [])];
}

/** Where the replay left the recorded states before step `index` (0-based), when that is known. */
export function otherStateBefore(replay: ScheduleReplay, index: number): string {
  const match = replay.statesMatch;
  if (match === undefined) return '';
  const first = match.findIndex((m) => !m);
  if (first < 0 || first > index) return ', though it starts from the recorded state';
  return first === 0 ? ' (the initial state is not the recorded one)' : ` (step ${first} left another state than recorded)`;
}

/**
 * One line for a replay that does not reproduce and stops with a process inside a liveness
 * property's region: it may never leave, which only a search decides (`decide`: the command that
 * would). Undefined when the replay reproduces or no process is inside a region.
 */
export function endsInsideLine(replay: ScheduleReplay, decide: string): string | undefined {
  const inside = replay.endsInside ?? [];
  if (replay.reproduction.reproduces || inside.length === 0) return undefined;
  const who = inside.map((h) => {
    const region = `${h.property}'${h.property.endsWith('s') ? '' : 's'} region${h.region !== regionName(undefined) ? `, ${h.region}` : ''}`;
    return `${h.process} inside ${region}${h.detail !== undefined ? ` (${h.detail})` : ''}`;
  });
  const it = inside.length === 1 ? 'it leaves' : 'they leave';
  return `note: the replay ends with ${who.join('; ')}; a replay cannot tell whether ${it}: run ${decide} to decide it`;
}

export function verdictLine(replay: ScheduleReplay): string {
  const r = replay.reproduction;
  return r.reproduces ? `reproduces: ${r.how}` : `does not reproduce: ${r.why}`;
}

export function patchList(patches: readonly PatchInfo[]): string {
  return patches.map((p) => `${p.id} (${p.summary})`).join('; ');
}
