// The path as lanes: one row per step, one column per process, the step in its process's column
// (like the terminal's lane view). A lasso's cycle is framed; a click moves to that step.
import { app, go, currentCounterexample } from './app.js';
import { h } from './dom.js';
import { procIndex } from './explore-view.js';

export function renderLanes() {
  const processes = app.info.processes;
  const cx = currentCounterexample();
  const loop = cx && cx.shape === 'lasso' ? cx.loopStart : undefined;
  const rows = [
    h('tr', { class: `${app.at === 0 ? 'current' : ''}`, onclick: () => go(0) }, h('td', { class: 'num' }, '0'), h('td', { colspan: processes.length, class: 'muted' }, 'initial state')),
  ];
  app.path.steps.forEach((step, i) => {
    if (loop !== undefined && i === loop) {
      rows.push(h('tr', { class: 'marker' }, h('td', {}), h('td', { colspan: processes.length }, '↻ cycle: these steps repeat forever')));
    }
    const cls = [app.at === i + 1 ? 'current' : '', loop !== undefined && i >= loop ? 'cycle' : '', step.violates ? 'violation' : ''].join(' ');
    rows.push(
      h(
        'tr',
        { class: cls, onclick: () => go(i + 1), title: step.label, dataset: { step: String(i + 1) } },
        h('td', { class: 'num' }, String(i + 1)),
        processes.map((p) => h('td', { class: p === step.process ? `cell proc-bg-${procIndex(p)}` : '' }, p === step.process ? laneText(step) : '')),
      ),
    );
  });
  if (loop !== undefined && loop < app.path.steps.length) {
    rows.push(h('tr', { class: 'marker' }, h('td', {}), h('td', { colspan: processes.length }, `↻ back to step ${loop + 1}, forever`)));
  }
  return h(
    'div',
    { class: 'lanes-scroll' },
    h('table', { class: 'lanes' }, h('thead', {}, h('tr', {}, h('th', {}, '#'), processes.map((p) => h('th', { class: `proc-fg-${procIndex(p)}` }, p)))), h('tbody', {}, rows)),
  );
}

/** `W1.wb_page_iter[nfs_commit_inode returns 0]` -> `wb_page_iter: nfs_commit_inode returns 0`. */
function laneText(step) {
  const dot = step.action.indexOf('.');
  const name = dot >= 0 ? step.action.slice(dot + 1) : step.action;
  return step.outcome ? `${name}: ${step.outcome}` : name;
}
