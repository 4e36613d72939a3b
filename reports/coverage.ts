/**
 * A run's coverage (`mc check --coverage`) as people read it: every step with how often it was
 * taken and how many states it reached first, its outcomes under it, and first of all the steps
 * never taken, since a ✓ says nothing about their behaviour (WbPageTerminates' ✓ is vacuous when
 * nfs_wb_page was never entered).
 */
import type { Coverage, StepCoverage } from '../explorer/result';
import { count } from './format';
import { code, escapeMarkdown } from './markdown';
import { pad, padStart, palette, type Palette } from './palette';

const untaken = (c: Coverage) => c.steps.filter((s) => s.taken === 0).map((s) => s.step);

/**
 * Steps taken only by transitions that violate a step property: the search expands none of their
 * targets, so, as for a step never taken, no state after them was checked.
 */
const onlyViolating = (c: Coverage) => c.steps.filter((s) => s.taken > 0 && s.violating === s.taken).map((s) => s.step);

/**
 * Where a 0 was counted. A complete search expands every reachable state except the targets of
 * violating steps: once one was taken, "no reachable state" would claim what was not looked at.
 */
function explored(c: Coverage): string {
  if (!c.complete) return 'in the states explored before the search stopped';
  return c.steps.some((s) => (s.violating ?? 0) > 0)
    ? 'enabled in no explored state; the targets of violating steps are not explored'
    : 'enabled in no reachable state';
}

/**
 * What the counts say, without a prefix: what was never taken (and what only by violations), or
 * that every step was. The line under the verdicts, a document's sentence and a matrix's note
 * each put it in their own words.
 */
export function coverageFinding(c: Coverage): string {
  if (!c.vocabulary) return `${c.steps.length} steps taken (the spec lists no step vocabulary, Model.actions, so steps never taken cannot be named)`;
  const none = untaken(c);
  const violating = onlyViolating(c);
  // A ✗ stands whatever was covered; only a ✓ is vacuous over behaviour never explored.
  const vacuous = c.complete ? '; a ✓ says nothing about their behaviour' : '';
  const onlyBy = violating.length > 0 ? `${violating.length} taken only by transitions that violate a step property, with nothing explored after them: ${violating.join(', ')}` : '';
  if (none.length === 0) return `all ${c.steps.length} steps taken${onlyBy ? `, ${onlyBy}${vacuous}` : ''}`;
  return `${none.length} of ${c.steps.length} steps ${c.complete ? 'never' : 'not'} taken (${explored(c)}): ${none.join(', ')}${onlyBy ? `; ${onlyBy}` : ''}${vacuous}`;
}

/** One line, as under the verdicts. */
export function coverageSummary(c: Coverage): string {
  return `coverage: ${coverageFinding(c)}`;
}

/** The summary as a sentence of its own in a document (Markdown report, docs/PROPERTIES.md), escaped. */
export function coverageSentence(c: Coverage): string {
  return escapeMarkdown(`Coverage: ${coverageFinding(c)}`);
}

/**
 * What a row's counts hide: never taken, taken (in part) by violating transitions, or taken but
 * never to a new state (only revisits or stuttering, as a spin loop's iterations).
 */
function rowNote(taken: number, distinct: number, violating: number | undefined): string {
  if (taken === 0) return 'never taken';
  if (violating === taken) return 'all violating: nothing explored after them';
  const notes = [...(violating !== undefined ? [`${count(violating)} violating`] : []), ...(distinct === 0 ? ['no new state'] : [])];
  return notes.join('; ');
}

/** A row's name, counts and note; `warn` when it needs a reader's attention (never taken, or violating). */
type Row = readonly [name: string, taken: number | undefined, distinct: number, note: string, warn: boolean];

const row = (name: string, n: { taken: number; distinct: number; violating?: number }): Row => [
  name,
  n.taken,
  n.distinct,
  rowNote(n.taken, n.distinct, n.violating),
  n.taken === 0 || n.violating !== undefined,
];

/**
 * A step's row, then its outcomes'; when only some of its transitions name an outcome (TwoPhase
 * names only a receipt that changes nothing), the rest as a row of their own, so that the rows
 * under a step add up to it.
 */
function rowsOf(s: StepCoverage): Row[] {
  const named = s.outcomes.map((o) => row(`  [${o.outcome}]`, o));
  const rest = unnamed(s);
  const others = s.outcomes.length > 0 && rest.taken > 0 ? [row('  (no outcome named)', rest)] : [];
  return [row(s.step, s), ...named, ...others];
}

/** A step's transitions that name no outcome: the step less its named outcomes. */
function unnamed(s: StepCoverage): { taken: number; distinct: number; violating?: number } {
  const sum = (f: (o: StepCoverage['outcomes'][number]) => number) => s.outcomes.reduce((n, o) => n + f(o), 0);
  const violating = (s.violating ?? 0) - sum((o) => o.violating ?? 0);
  return { taken: s.taken - sum((o) => o.taken), distinct: s.distinct - sum((o) => o.distinct), ...(violating > 0 ? { violating } : {}) };
}

/**
 * Every row, then the initial states as a last one: its new states and the steps' add up to the
 * states the search found, as TLC's coverage counts Init's.
 */
const allRows = (c: Coverage): Row[] => [...c.steps.flatMap(rowsOf), ['initial states', undefined, c.initial, '', false]];

/** Reduced counts differ from --no-symmetry's: the reader comparing the two must know why. */
const reducedNote = (symmetry: boolean) => (symmetry ? '; with symmetry reduction, from representatives only' : '');

/** The widest of the rows' `width`s, at least `least` (a loop: a spread of many rows overflows the stack). */
function widest(rows: readonly Row[], width: (row: Row) => number, least: number): number {
  let most = least;
  for (const row of rows) most = Math.max(most, width(row));
  return most;
}

/** The terminal's section: a row per step, its outcomes indented under it (the summary is under the verdicts). */
export function coverageLines(c: Coverage, p: Palette = palette(false), symmetry = false): string[] {
  const rows = allRows(c);
  const width = widest(rows, ([name]) => [...name].length, 4);
  const TAKEN = 'taken';
  const NEW = 'new states';
  const takenWidth = widest(rows, ([, n]) => (n === undefined ? 0 : count(n).length), TAKEN.length);
  const newWidth = widest(rows, ([, , d]) => count(d).length, NEW.length);
  const out = [
    p.bold('Coverage') + p.dim(` (transitions taken from the explored states, and the states each reached first, every process and choice together${reducedNote(symmetry)})`),
    p.dim(`  ${pad('', width)}  ${padStart(TAKEN, takenWidth)}  ${padStart(NEW, newWidth)}`),
  ];
  for (const [name, n, d, note, warn] of rows) {
    const line = `  ${pad(name, width)}  ${padStart(n === undefined ? '' : count(n), takenWidth)}  ${padStart(count(d), newWidth)}`;
    if (note === '') out.push(line);
    else out.push(warn ? p.yellow(`${line}  ${note}`) : `${line}  ${p.dim(note)}`);
  }
  return out;
}

/**
 * A step never taken, taken only by violating transitions, or no step taken at all: a ✓ says
 * nothing about their behaviour.
 */
export function coverageWarns(c: Coverage): boolean {
  // A spec that lists no vocabulary lists only the steps taken: none at all is every ✓ vacuous.
  return untaken(c).length > 0 || onlyViolating(c).length > 0 || c.steps.every((s) => s.taken === 0);
}

/** The summary under the verdicts (full report and `--quiet`), in yellow when a step was never taken. */
export function coverageVerdictLine(c: Coverage, p: Palette = palette(false)): string {
  const line = `  ${coverageSummary(c)}`;
  return coverageWarns(c) ? p.yellow(line) : line;
}

/**
 * What a search took, by name: a step's named outcomes as `step [outcome]`, its transitions that
 * name none as `step`, each with its counts (only those taken). Two searches compare by these
 * names (mc diff), whatever the order and processes of their transitions.
 */
export function takenByName(c: Coverage): Map<string, { taken: number; distinct: number }> {
  const out = new Map<string, { taken: number; distinct: number }>();
  for (const s of c.steps) {
    for (const o of s.outcomes) out.set(`${s.step} [${o.outcome}]`, { taken: o.taken, distinct: o.distinct });
    const { taken, distinct } = unnamed(s);
    if (taken > 0) out.set(s.step, { taken, distinct });
  }
  return out;
}

/** Steps taken out of the vocabulary's (`10/11`), or only how many were taken when the spec lists none. */
export function stepsTakenText(c: Coverage): string {
  const taken = c.steps.filter((s) => s.taken > 0).length;
  return c.vocabulary ? `${taken}/${c.steps.length}` : String(taken);
}

/** A table cell's text: GitHub ends a cell at any `|`, inside a code span too, unless escaped. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The Markdown report's section: the summary, then the table in a collapsed block. */
export function coverageMarkdown(c: Coverage, symmetry = false): string[] {
  const rows = allRows(c).map(([name, n, d, note]) => {
    // An outcome's name in code, as the spec gives it; the rest of a step's transitions in words.
    const inner = name.trimStart();
    const label = name.startsWith('  ') ? `&nbsp;&nbsp;${inner.startsWith('(') ? `*${inner}*` : cell(code(inner))}` : n === undefined ? name : cell(code(name));
    return `| ${label} | ${n === undefined ? '' : count(n)} | ${count(d)}${note ? ` **${escapeMarkdown(note)}**` : ''} |`;
  });
  return [
    `**${coverageSentence(c)}**`,
    '',
    '<details>',
    `<summary>Steps taken, and the states each reached first, every process and choice together${reducedNote(symmetry)}</summary>`,
    '',
    '| step | taken | new states |',
    '|---|---:|---:|',
    ...rows,
    '',
    '</details>',
  ];
}
