/**
 * A replayed counterexample (explorer/schedule.ts) as text: one line per recorded step, marked
 * `=` (did the same), `≠` (did something else: both sentences, and the variant's patches that ran
 * there) or `✗` (not enabled: the guard and what is enabled instead), then the verdict.
 */
import type { PatchInfo } from '../explorer/model';
import type { ReplayedStep, ScheduleReplay } from '../explorer/schedule';
import { plural, stepName } from './format';

export interface ReplayTextOptions {
  /** Prefix of every line. */
  readonly indent?: string;
  /** Name only these patches at a changed step (those the variant compared with lacks); default all. */
  readonly showPatches?: ReadonlySet<string>;
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
    out.push(`${indent}${n}  ${line(s)}`);
    if (s.kind === 'changed') {
      out.push(`${more}now:      ${s.step.label}`, `${more}recorded: ${s.recorded.label}`);
      const patches = s.patches.filter((p) => options.showPatches?.has(p.id) ?? true);
      if (patches.length > 0) out.push(`${more}patch here: ${patchList(patches)}`);
    } else if (s.kind === 'disabled') {
      out.push(`${more}enabled here: ${s.enabled.length > 0 ? s.enabled.join(', ') : 'nothing (no process can step)'}`);
    }
  });
  const taken = replay.steps.filter((s) => s.kind !== 'disabled').length;
  if (taken < replay.recordedLength && replay.reproduction.reproduces) {
    out.push(`${indent}(the remaining ${plural(replay.recordedLength - taken, 'recorded step')} were not needed)`);
  }
  out.push(`${indent}${verdictLine(replay)}`);
  return out;
}

function line(s: ReplayedStep): string {
  switch (s.kind) {
    case 'same':
      return `=  ${stepName(s.step)}`;
    case 'changed':
      return s.recorded.outcome === s.step.outcome
        ? `≠  ${stepName(s.step)}  (same outcome, different effect)`
        : `≠  ${stepName(s.step)}  (recorded: ${s.recorded.outcome ?? s.recorded.label})`;
    case 'disabled':
      return `✗  ${s.action}  not enabled: ${s.why}`;
  }
}

export function verdictLine(replay: ScheduleReplay): string {
  const r = replay.reproduction;
  return r.reproduces ? `reproduces: ${r.how}` : `does not reproduce: ${r.why}`;
}

export function patchList(patches: readonly PatchInfo[]): string {
  return patches.map((p) => `${p.id} (${p.summary})`).join('; ');
}
