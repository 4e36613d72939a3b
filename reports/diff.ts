/**
 * `mc diff` as text: what a patch changes in the verdicts of two variants (fixed, introduced,
 * kept), each change with its witness: a counterexample of one variant replayed on the other up
 * to where it stops failing, with the patches whose code runs there.
 */
import type { PatchInfo } from '../explorer/model';
import type { PropertyResult, Result } from '../explorer/result';
import type { ScheduleReplay } from '../explorer/schedule';
import { takenByName } from './coverage';
import { VERDICT_SYMBOL, caveatNotesOf, count, params, searchMode, shapeLine, stepName, type CaveatNote } from './format';
import { otherStateBefore, patchList, renderReplayLines, type ReplayTextOptions } from './replay';

export type ChangeKind = 'fixed' | 'introduced' | 'kept' | 'holds' | 'undecided';

export interface PropertyChange {
  readonly name: string;
  readonly kind: ChangeKind;
  readonly base: PropertyResult;
  readonly patched: PropertyResult;
  /**
   * fixed: the base's counterexample on the patched variant; introduced: the patched one's on
   * the base; kept: the base's on the patched (does the very same schedule still fail?).
   */
  readonly witness?: ScheduleReplay;
}

export interface VariantDiff {
  readonly base: Result;
  readonly patched: Result;
  /**
   * Patches the patched variant has and the base lacks, and the reverse; undefined when the spec
   * lists no patches for its variants (`VariantInfo.patches`).
   */
  readonly added?: readonly PatchInfo[];
  readonly removed?: readonly PatchInfo[];
  readonly changes: readonly PropertyChange[];
}

export function classify(base: PropertyResult, patched: PropertyResult): ChangeKind {
  if (base.verdict === 'unknown' || patched.verdict === 'unknown') return 'undecided';
  if (base.verdict === 'violated') return patched.verdict === 'violated' ? 'kept' : 'fixed';
  return patched.verdict === 'violated' ? 'introduced' : 'holds';
}

const HEADINGS: Readonly<Record<Exclude<ChangeKind, 'holds'>, string>> = {
  fixed: 'Fixed: violated on the base, holds on the patched variant',
  introduced: 'Introduced: holds on the base, violated on the patched variant',
  kept: 'Kept: violated on both',
  undecided: 'Undecided: a search stopped before deciding',
};

export function renderDiff(diff: VariantDiff): string {
  const b = diff.base.run.variant ?? diff.base.run.spec;
  const p = diff.patched.run.variant ?? diff.patched.run.spec;
  const out: string[] = [
    `mc diff: spec ${diff.base.run.spec}, base ${b} → patched ${p} (${params(diff.base.run)}, ${searchMode(diff.base, diff.patched)})`,
  ];
  if (diff.added === undefined || diff.removed === undefined) out.push(`  patches:   spec ${diff.base.run.spec} does not list its variants' patches`);
  else {
    out.push(
      `  ${p} adds:    ${diff.added.length > 0 ? patchList(diff.added) : '(nothing)'}`,
      `  ${p} drops:   ${diff.removed.length > 0 ? patchList(diff.removed) : '(nothing)'}`,
    );
  }
  const added = new Set((diff.added ?? []).map((x) => x.id));
  const removed = new Set((diff.removed ?? []).map((x) => x.id));
  const caveats = diffCaveats(diff);
  for (const kind of ['fixed', 'introduced', 'kept', 'undecided'] as const) {
    const entries = diff.changes.filter((c) => c.kind === kind);
    if (kind === 'undecided' && entries.length === 0) continue;
    out.push('', `${HEADINGS[kind]} (${entries.length})`);
    for (const c of entries) {
      out.push(`  ${c.name}: ${b} ${verdictText(c.base)}; ${p} ${verdictText(c.patched)}`);
      // Right under the verdict it qualifies: a ✓ that holds only within the model is no fix to quote bare.
      for (const n of caveats.filter((x) => x.properties.includes(c.name))) out.push(`    note on ${n.variant}: ${n.text}`);
      if (!c.witness) continue;
      const [from, on] = kind === 'introduced' ? [p, b] : [b, p];
      // At a step that differs, name only what one variant has and the other lacks.
      const options = { indent: '      ', showPatches: added, droppedPatches: removed, sides: { now: `on ${on}`, recorded: `on ${from}` } };
      out.push(...whereTheyPart(c.witness, options, p).map((l) => `    ${l}`));
      out.push(`    ${from}'s counterexample replayed on ${on}:`, ...renderReplayLines(c.witness, options));
    }
  }
  const same = diff.changes.filter((c) => c.kind === 'holds').map((c) => c.name);
  out.push('', `Holds on both: ${same.length > 0 ? same.join(', ') : '(none)'}`);
  // A ✓ may hold only under its variant's caveats: said beside the verdicts, as mc check does;
  // here those that name a property listed here or name none (then they qualify every verdict).
  for (const n of caveats.filter((x) => x.properties.length === 0 || x.properties.some((name) => same.includes(name)))) out.push(`  note on ${n.variant}: ${n.text}`);
  out.push(...behaviourLines(diff, b, p));
  out.push(`summary: ${summaryOf(diff)}`);
  return out.join('\n') + '\n';
}

/**
 * Both variants' caveats (base first), each with the properties it names: a caveat goes beside
 * the verdicts it qualifies (a fix that holds only within the model says so on its own line).
 */
export function diffCaveats(diff: VariantDiff): CaveatNote[] {
  const side = (r: Result) => ({ variant: r.run.variant ?? r.run.spec, caveats: r.run.caveats ?? [] });
  return caveatNotesOf([side(diff.base), side(diff.patched)], diff.changes.map((c) => c.name));
}

/**
 * One sentence a reviewer can quote: the first step where the two variants part on this
 * counterexample (it is not enabled, or has another outcome or effect: a step that does the same
 * in other words does not part them), and the patches (added or dropped by the patched variant)
 * whose code runs there. When none does, only what is known: that the spec does not say, or
 * where the replay first left the recorded states (when typed states were compared).
 */
export function whereTheyPart(witness: ScheduleReplay, options: ReplayTextOptions, patched: string): string[] {
  const index = witness.steps.findIndex((s) => s.kind === 'disabled' || (s.kind === 'changed' && s.effect !== 'same'));
  const step = witness.steps[index];
  if (step === undefined || step.kind === 'same') return [];
  const at = `where they part: step ${index + 1}, ${step.kind === 'disabled' ? step.action : stepName(step.step)}`;
  const why = step.patches.flatMap((x) => {
    if (options.droppedPatches?.has(x.id)) return [`${patched} drops ${x.id}, whose code runs there (${x.summary})`];
    return options.showPatches?.has(x.id) ? [`${x.id}'s code runs there (${x.summary})`] : [];
  });
  if (why.length > 0) return [`${at}: ${why.join('; ')}`];
  if (!witness.patchesKnown) return [`${at}; the spec does not say which patch's code runs in a step`];
  return [`${at}; no patch that differs runs in that step${otherStateBefore(witness, index)}`];
}

/**
 * `2 fixed, 0 introduced, 0 kept`; a change whose verdicts a caveat qualifies is counted apart,
 * `1 fixed (1 under a caveat)`, so that the line a review quotes does not say more than its note.
 */
export function summaryOf(diff: VariantDiff): string {
  const caveats = diffCaveats(diff);
  return (['fixed', 'introduced', 'kept'] as const)
    .map((k) => {
      const changes = diff.changes.filter((c) => c.kind === k);
      const qualified = changes.filter((c) => caveats.some((n) => n.properties.includes(c.name))).length;
      return `${changes.length} ${k}${qualified > 0 ? ` (${qualified} under a caveat)` : ''}`;
    })
    .join(', ');
}

/** A step or outcome one variant took and the other never did, with its counts where it was taken. */
export interface BehaviourEntry {
  readonly name: string;
  readonly taken: number;
  readonly distinct: number;
}

/**
 * What the patch changes in behaviour, not only in verdicts: the steps and outcomes one search
 * took and the other never did (both searches count coverage), e.g. 06c9fdf3 never takes
 * nfs_wb_page's loop back, the spin of 22876f54. Compared by name; with symmetry reduction each
 * search counts representatives, which take the same steps and outcomes as the states they stand
 * for. Undefined without coverage; not compared when a search stopped.
 */
export function behaviourOf(diff: VariantDiff): { readonly compared: false } | { readonly compared: true; readonly gone: BehaviourEntry[]; readonly added: BehaviourEntry[] } | undefined {
  const before = diff.base.coverage;
  const after = diff.patched.coverage;
  if (before === undefined || after === undefined) return undefined;
  if (!before.complete || !after.complete) return { compared: false };
  const was = takenByName(before);
  const is = takenByName(after);
  const only = (a: typeof was, other: typeof was) => [...a].filter(([name]) => !other.has(name)).map(([name, n]) => ({ name, ...n }));
  return { compared: true, gone: only(was, is), added: only(is, was) };
}

export const BEHAVIOUR_WHAT = "steps and outcomes taken on one variant only (each search's coverage, by name)";
const BEHAVIOUR_HEADING = `Behaviour: ${BEHAVIOUR_WHAT}`;
export const NOT_COMPARED = 'not compared: a search stopped before exploring every reachable state';

/** `taken 1,236 times, 0 new states`. */
export function behaviourCounts(e: BehaviourEntry): string {
  return `taken ${count(e.taken)} time${e.taken === 1 ? '' : 's'}, ${count(e.distinct)} new state${e.distinct === 1 ? '' : 's'}`;
}

function behaviourLines(diff: VariantDiff, b: string, p: string): string[] {
  const behaviour = behaviourOf(diff);
  if (behaviour === undefined) return [];
  if (!behaviour.compared) return ['', BEHAVIOUR_HEADING, `  ${NOT_COMPARED}`];
  const lines = (entries: readonly BehaviourEntry[]) => entries.map((e) => `    ${e.name}: ${behaviourCounts(e)}`);
  return [
    '',
    BEHAVIOUR_HEADING,
    `  gone on ${p} (taken on ${b} only):${behaviour.gone.length > 0 ? '' : ' (none)'}`,
    ...lines(behaviour.gone),
    `  new on ${p} (never taken on ${b}):${behaviour.added.length > 0 ? '' : ' (none)'}`,
    ...lines(behaviour.added),
  ];
}

export function verdictText(p: PropertyResult): string {
  const cx = p.counterexample;
  return `${VERDICT_SYMBOL[p.verdict]} ${p.verdict}${cx ? ` (${shapeLine(cx)})` : ''}`;
}
