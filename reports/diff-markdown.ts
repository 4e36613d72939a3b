/**
 * `mc diff --markdown`: the same report as the text one, for a patch or pull-request review. A
 * table of every property on both variants first, then each change with the line a reviewer
 * quotes (where the variants part, and the patch whose code runs there) and its witness folded
 * beneath, then the behaviour one variant has and the other lacks. Built from the same data as
 * the text report (reports/diff.ts), never from another search.
 */
import type { ChangeKind, PropertyChange, VariantDiff } from './diff';
import { BEHAVIOUR_WHAT, NOT_COMPARED, behaviourCounts, behaviourOf, diffCaveats, summaryOf, verdictText, whereTheyPart } from './diff';
import { caveatMarks, params, searchMode } from './format';
import { GITHUB_COMMENT_LIMIT, code, escapeMarkdown, footnote } from './markdown';
import { patchList, renderReplayLines } from './replay';

const CHANGE_WORDS: Readonly<Record<ChangeKind, string>> = {
  fixed: '**fixed**',
  introduced: '**introduced**',
  kept: 'kept (violated on both)',
  holds: 'holds on both',
  undecided: 'undecided (a search stopped)',
};

export function renderDiffMarkdown(diff: VariantDiff, limit = GITHUB_COMMENT_LIMIT): string {
  const b = diff.base.run.variant ?? diff.base.run.spec;
  const p = diff.patched.run.variant ?? diff.patched.run.spec;
  const caveats = diffCaveats(diff);
  // A verdict a caveat qualifies carries its mark, and so does the change it makes (`**fixed**\*`).
  const marks = (variant: string, name: string) => escapeMarkdown(caveatMarks(caveats, variant, name));
  const out: string[] = [
    `### ${code('mc diff')}: ${code(b)} → ${code(p)}`,
    '',
    `Spec ${diff.base.run.spec}, ${escapeMarkdown(params(diff.base.run))}, ${searchMode(diff.base, diff.patched)}. ${patchesLine(diff, p)}`,
    '',
    `| property | ${code(b)} | ${code(p)} | change |`,
    '|---|---|---|---|',
    // escapeMarkdown escapes `|` too, which would end a table cell.
    ...diff.changes.map(
      (c) =>
        `| ${escapeMarkdown(c.name)} | ${escapeMarkdown(verdictText(c.base))}${marks(b, c.name)} | ${escapeMarkdown(verdictText(c.patched))}${marks(p, c.name)} | ${CHANGE_WORDS[c.kind]}${marks(b, c.name)}${marks(p, c.name)} |`,
    ),
  ];
  // The marked caveats' footnotes right under the table: a review that pastes the table pastes them.
  const marked = caveats.filter((n) => n.mark !== undefined);
  if (marked.length > 0) out.push('', ...marked.flatMap((n, i) => [...(i > 0 ? [''] : []), `${footnote(n)}**Note** on ${code(n.variant)}: ${escapeMarkdown(n.text)}`]));
  const added = new Set((diff.added ?? []).map((x) => x.id));
  const removed = new Set((diff.removed ?? []).map((x) => x.id));
  for (const c of diff.changes) out.push(...witness(c, b, p, added, removed, marks(b, c.name) + marks(p, c.name)));
  out.push(...behaviour(diff, b, p));
  // A caveat that names no property qualifies every verdict on its variant.
  for (const n of caveats.filter((x) => x.mark === undefined)) out.push('', `**Note** on ${code(n.variant)}: ${escapeMarkdown(n.text)}`);
  out.push('', `Summary: ${summaryOf(diff)}.`);
  return fit(out.join('\n') + '\n', limit);
}

function patchesLine(diff: VariantDiff, p: string): string {
  if (diff.added === undefined || diff.removed === undefined) return `The spec does not list its variants' patches.`;
  const adds = diff.added.length > 0 ? escapeMarkdown(patchList(diff.added)) : 'nothing';
  const drops = diff.removed.length > 0 ? escapeMarkdown(patchList(diff.removed)) : 'nothing';
  return `${code(p)} adds ${adds}; drops ${drops}.`;
}

/**
 * A change's quotable line and its witness, folded (a replay runs to dozens of lines). `marks`:
 * the change's caveat marks, escaped, as in its table row (the line to quote says `fixed\*` too).
 */
function witness(c: PropertyChange, b: string, p: string, added: ReadonlySet<string>, removed: ReadonlySet<string>, marks: string): string[] {
  if (!c.witness) return [];
  const [from, on] = c.kind === 'introduced' ? [p, b] : [b, p];
  const options = { indent: '', showPatches: added, droppedPatches: removed, sides: { now: `on ${on}`, recorded: `on ${from}` } };
  const part = whereTheyPart(c.witness, options, p);
  return [
    '',
    `**${escapeMarkdown(c.name)}** (${c.kind}${marks}): ${part.length > 0 ? escapeMarkdown(part.join(' ')) : 'the variants do not part on this counterexample'}`,
    '',
    '<details>',
    `<summary>${escapeMarkdown(`${from}'s counterexample replayed on ${on}`)}</summary>`,
    '',
    '```text',
    ...renderReplayLines(c.witness, options),
    '```',
    '',
    '</details>',
  ];
}

function behaviour(diff: VariantDiff, b: string, p: string): string[] {
  const found = behaviourOf(diff);
  if (found === undefined) return [];
  const heading = `**Behaviour**: ${escapeMarkdown(BEHAVIOUR_WHAT)}`;
  if (!found.compared) return ['', heading, '', escapeMarkdown(NOT_COMPARED)];
  const list = (entries: typeof found.gone) => (entries.length > 0 ? entries.map((e) => `  - ${code(e.name)}: ${behaviourCounts(e)}`) : ['  - none']);
  return ['', heading, '', `- gone on ${code(p)} (taken on ${code(b)} only):`, ...list(found.gone), `- new on ${code(p)} (never taken on ${code(b)}):`, ...list(found.added)];
}

/** Over GitHub's comment limit, the witnesses are what goes: the table, the lines to quote and the behaviour stay. */
function fit(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const folded = text.replace(/<details>\n<summary>[^\n]*<\/summary>\n\n```text\n[\s\S]*?```\n\n<\/details>/g, '*(witness left out: the report is over GitHub\'s comment limit; `mc diff` without `--markdown` prints it)*');
  return folded.length <= limit ? folded : folded.slice(0, limit - 80) + '\n\n*(cut at GitHub\'s comment limit)*\n';
}
