// The path as a sequence diagram: processes and the shared objects the path changes are the
// participants; a step is an arrow from its process to each object whose fields it changed,
// labelled with the new values (a self-arrow when it changes only its own context). A lasso's
// cycle is framed as a loop. Plain SVG with inline attributes, so the exported file stands alone.
import { h } from './dom.js';
import { objectOf } from './objects.js';

const COL = 128;
const LEFT = 310;
const TOP = 60;
const ROW = 30;
const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const PALETTE = ['#2563eb', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#be123c', '#4d7c0f', '#7c3aed'];

/** Rows of the diagram: each step's arrows, one per touched participant. */
function layout(steps, processes) {
  const objects = [];
  const rows = [];
  steps.forEach((step, i) => {
    const byObject = new Map();
    for (const c of step.changes) {
      const o = objectOf(c.field);
      if (!byObject.has(o)) byObject.set(o, []);
      byObject.get(o).push(c);
    }
    const targets = [...byObject.keys()].filter((o) => o !== step.process);
    for (const o of targets) if (!processes.includes(o) && !objects.includes(o)) objects.push(o);
    const arrows = targets.length ? targets.map((o) => ({ to: o, changes: byObject.get(o) })) : [{ to: step.process, changes: byObject.get(step.process) || [] }];
    arrows.forEach((a, k) => rows.push({ step: i, first: k === 0, ...a }));
  });
  return { participants: [...processes, ...objects], rows };
}

function changeText(changes, object) {
  return changes
    .map((c) => {
      const field = c.field === object ? '' : c.field.startsWith(`${object}.`) ? `${c.field.slice(object.length + 1)}=` : `${c.field}=`;
      return `${field}${c.after === undefined ? '(gone)' : c.after}`;
    })
    .join(' ');
}

function clip(s, n) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * @param steps  the path's steps (action, outcome, process, label, changes)
 * @param options { processes, title, loopStart?, current? }
 */
export function sequenceDiagram(steps, { processes, title, loopStart, current }) {
  const { participants, rows } = layout(steps, processes);
  const x = (p) => LEFT + participants.indexOf(p) * COL + COL / 2;
  const width = LEFT + participants.length * COL + 20;
  const height = TOP + 40 + rows.length * ROW + 50;
  const color = (p) => (processes.includes(p) ? PALETTE[processes.indexOf(p) % PALETTE.length] : '#475569');
  const text = (attrs, ...children) => h('text', { 'font-family': FONT, 'font-size': 11, fill: '#0f172a', ...attrs }, ...children);
  const y = (r) => TOP + 50 + r * ROW;

  const parts = [
    h('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }),
    h('defs', {}, h('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, h('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#334155' }))),
    text({ x: 12, y: 22, 'font-size': 14, 'font-weight': 'bold' }, title),
  ];
  for (const p of participants) {
    const cx = x(p);
    parts.push(
      h('line', { x1: cx, y1: TOP + 28, x2: cx, y2: height - 20, stroke: '#cbd5e1', 'stroke-dasharray': '4 3' }),
      h('rect', { x: cx - COL / 2 + 8, y: TOP, width: COL - 16, height: 28, rx: processes.includes(p) ? 14 : 3, fill: processes.includes(p) ? color(p) : '#f1f5f9', stroke: color(p) }),
      text({ x: cx, y: TOP + 18, 'text-anchor': 'middle', 'font-weight': 'bold', fill: processes.includes(p) ? '#ffffff' : '#0f172a' }, clip(p, 16)),
    );
  }
  if (loopStart !== undefined && loopStart < steps.length) {
    const first = rows.findIndex((r) => r.step >= loopStart);
    const top = y(first) - ROW / 2 - 4;
    const bottom = y(rows.length - 1) + ROW / 2 + 2;
    parts.push(
      h('rect', { x: 6, y: top, width: width - 12, height: bottom - top, fill: '#fef2f2', stroke: '#dc2626', 'stroke-width': 1.5 }),
      text({ x: width - 12, y: top + 12, fill: '#dc2626', 'font-weight': 'bold', 'text-anchor': 'end' }, 'loop: repeats forever'),
    );
  }
  rows.forEach((r, i) => {
    const step = steps[r.step];
    const yy = y(i);
    if (current !== undefined && r.step === current - 1) parts.push(h('rect', { x: 2, y: yy - ROW / 2, width: width - 4, height: ROW, fill: '#fef9c3' }));
    if (r.first) {
      const name = step.outcome ? `${step.action}[${step.outcome}]` : step.action;
      parts.push(text({ x: 12, y: yy + 4, fill: step.violates ? '#dc2626' : '#0f172a' }, h('title', {}, step.label), `${r.step + 1}. ${clip(name, 44)}`));
    }
    const from = x(step.process);
    const to = x(r.to);
    const label = clip(changeText(r.changes, r.to), 26) || 'no change';
    if (from === to) {
      parts.push(
        h('path', { d: `M ${from} ${yy - 8} h 22 v 14 h -20`, fill: 'none', stroke: color(step.process), 'stroke-width': 1.5, 'marker-end': 'url(#arrow)' }),
        text({ x: from + 26, y: yy + 4 }, h('title', {}, step.label), label),
      );
    } else {
      const dir = to > from ? 1 : -1;
      parts.push(
        h('line', { x1: from, y1: yy, x2: to - dir * 4, y2: yy, stroke: color(step.process), 'stroke-width': 1.5, 'marker-end': 'url(#arrow)' }),
        text({ x: (from + to) / 2, y: yy - 5, 'text-anchor': 'middle' }, h('title', {}, step.label), label),
      );
    }
  });
  return h('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, id: 'sequence' }, parts);
}
