/**
 * A counterexample as a Mermaid `sequenceDiagram` (for the Markdown report): the processes and
 * the shared objects their steps change (`i_rwsem`, `page 0`, ...) are the participants; a step
 * is an arrow from its process to each object it changes (or to itself), labelled with its
 * number and kernel function; notes say what changed. A lasso's cycle is a `loop` block.
 *
 * Every label goes through `mermaidText`, so no spec text can break the diagram's syntax.
 */
import type { Counterexample, FieldChange, PropertyResult, TraceStep } from '../explorer/result';
import { processSentence, violationMark } from './format';
import { laneFunction } from './lanes';

/**
 * Mermaid entity codes (`#59;`) for what its parser or renderer would read as syntax: `;` ends
 * a statement, `#` starts an entity code, `%%` a comment, `<` `>` look like HTML to the
 * renderer, `"` and `\\` quote. Line breaks become spaces (a label is one line).
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[#;%<>"\\]/g, (c) => `#${c.charCodeAt(0)};`)
    .replace(/[\r\n]+/g, ' ')
    .trim();
}

/** A participant: its safe id and what the diagram shows. */
interface Participant {
  readonly id: string;
  readonly label: string;
}

/** Steps to leave out (the middle of a very long trace), with the marker's text. */
export interface Elision {
  readonly from: number;
  readonly to: number;
}

/** `page[0]` → `page 0`, `rmState[RM1]` → `rmState RM1`: how a shared object is named. */
function objectLabel(field: string): string {
  return field.replace(/\[([^\]]*)\]/g, ' $1').trim();
}

/** A field's owner: the process whose own field it is (`W1.pc`), or undefined for shared state. */
function ownerOf(field: string, processes: readonly string[]): string | undefined {
  return processes.find((p) => field.startsWith(`${p}.`));
}

export function sequenceDiagram(processes: readonly string[], prop: PropertyResult, cx: Counterexample, elision?: Elision): string {
  const shown = (i: number): boolean => !elision || i < elision.from || i > elision.to;
  const procs = new Map<string, Participant>(processes.map((name, i) => [name, { id: `p${i}`, label: name }]));
  const objects = new Map<string, Participant>();
  cx.steps.forEach((step, i) => {
    if (!shown(i)) return;
    for (const c of step.changes) {
      if (ownerOf(c.field, processes) !== undefined) continue;
      const label = objectLabel(c.field);
      if (!objects.has(label)) objects.set(label, { id: `o${objects.size}`, label });
    }
  });

  const out: string[] = ['sequenceDiagram'];
  for (const p of [...procs.values(), ...objects.values()]) out.push(`  participant ${p.id} as ${mermaidText(p.label)}`);
  const all = [...procs.values(), ...objects.values()];
  const span = all.length > 1 ? `${all[0]!.id},${all[all.length - 1]!.id}` : all[0]!.id;

  const cycle = cx.shape === 'lasso' && cx.loopStart !== undefined && cx.loopStart < cx.steps.length ? cx.loopStart : undefined;
  cx.steps.forEach((step, i) => {
    if (elision && i === elision.from) {
      out.push(`  Note over ${span}: ${mermaidText(`… steps ${elision.from + 1} to ${elision.to + 1} elided (${elision.to - elision.from + 1} steps; the full trace is in --json, --itf or --sarif) …`)}`);
    }
    if (!shown(i)) return;
    // A cycle that starts among the elided steps opens at the first step shown after them.
    const cycleHidden = elision !== undefined && cycle !== undefined && cycle >= elision.from && cycle <= elision.to;
    if (i === cycle || (cycleHidden && i === elision!.to + 1)) out.push(`  loop ${i === cycle ? 'repeats forever' : `repeats forever (from step ${cycle! + 1})`}`);
    const indent = cycle !== undefined && i >= cycle ? '    ' : '  ';
    out.push(...stepLines(step, i, procs.get(step.process)!, objects, processes, violationMark(prop, cx, i)).map((l) => indent + l));
  });
  if (cycle !== undefined) out.push('  end');
  if (cx.shape === 'lasso' && cycle === undefined) out.push(`  Note over ${span}: ${mermaidText('no process can step any more: the last state repeats forever')}`);
  for (const ps of cx.processes ?? []) {
    const p = procs.get(ps.process);
    if (p) out.push(`  Note over ${p.id}: ${mermaidText(processSentence(ps))}`);
  }
  return out.join('\n');
}

function stepLines(
  step: TraceStep,
  i: number,
  actor: Participant,
  objects: ReadonlyMap<string, Participant>,
  processes: readonly string[],
  mark: string | undefined,
): string[] {
  const head = `${i + 1}. ${laneFunction(step)}`;
  const outcome = step.outcome !== undefined && step.outcome !== '' ? ` [${step.outcome}]` : '';
  const shared = step.changes.filter((c) => ownerOf(c.field, processes) === undefined);
  const own = step.changes.filter((c) => ownerOf(c.field, processes) !== undefined);
  const lines: string[] = [];
  if (shared.length === 0) lines.push(`${actor.id}->>${actor.id}: ${mermaidText(head + outcome)}`);
  shared.forEach((c, k) => {
    const target = objects.get(objectLabel(c.field))!;
    lines.push(`${actor.id}->>${target.id}: ${mermaidText(k === 0 ? head + outcome : head)}`);
    lines.push(`Note over ${target.id}: ${mermaidText(after(c))}`);
  });
  // Processes' own fields (a pc, a target, W1's open context changed by F) in one note over the
  // actor, one per line; the actor's own need no prefix.
  if (own.length > 0) {
    const name = (c: FieldChange): string => (c.field.startsWith(`${step.process}.`) ? c.field.slice(step.process.length + 1) : c.field);
    lines.push(`Note over ${actor.id}: ${own.map((c) => mermaidText(`${name(c)} = ${after(c)}`)).join('<br/>')}`);
  }
  if (mark) lines.push(`Note over ${actor.id}: ${mermaidText(`✗ ${mark}`)}`);
  return lines;
}

function after(c: FieldChange): string {
  return c.after ?? '(none)';
}
