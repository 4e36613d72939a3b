// Explore: the path so far as lanes (one column per process), the state at the current position
// grouped by object, and the steps enabled there (click or keys to take one).
import { app, go, take, navigate, currentCounterexample } from './app.js';
import { h, clear } from './dom.js';
import { renderLanes } from './lanes.js';
import { renderStatePanel } from './state-panel.js';

export function renderExplore(main) {
  const path = app.path;
  const state = path.states[app.at];
  const step = app.at > 0 ? path.steps[app.at - 1] : null;
  clear(
    main,
    h('section', { class: 'pane lanes-pane' }, h('h2', {}, 'Path ', h('span', { class: 'muted' }, `${app.steps.length} steps`)), renderLanes()),
    h(
      'section',
      { class: 'pane state-pane' },
      h('h2', {}, app.at === 0 ? 'Initial state' : `State after step ${app.at}`),
      step ? renderStepHeading(step) : h('p', { class: 'muted' }, 'Nothing has happened yet.'),
      renderStatePanel(state.view, step ? step.changes : [], app.info.processes),
    ),
    h('section', { class: 'pane next-pane' }, renderNav(), renderEnabled(state), renderProcesses(state)),
  );
  const selected = main.querySelector('.enabled li.selected');
  if (selected) selected.scrollIntoView({ block: 'nearest' });
}

function renderStepHeading(step) {
  return h(
    'div',
    { class: `step-heading${step.violates ? ' violation' : ''}` },
    h('div', { class: 'label' }, h('span', { class: `proc proc-${procIndex(step.process)}` }, step.process), ' ', step.label),
    h('div', { class: 'name' }, stepName(step), step.source ? h('span', { class: 'source' }, step.source) : null),
    step.violates ? h('div', { class: 'violates' }, `✗ this step violates ${step.violates}`) : null,
  );
}

function renderNav() {
  const cx = currentCounterexample();
  const wraps = cx && cx.shape === 'lasso' && app.at === app.steps.length && cx.loopStart < cx.steps.length;
  return h(
    'div',
    { class: 'nav' },
    h('button', { id: 'back', onclick: () => go(app.at - 1), disabled: app.at === 0, title: 'back (←)' }, '← back'),
    h('span', { class: 'pos' }, `${app.at} / ${app.steps.length}`),
    wraps
      ? h('button', { id: 'forward', onclick: () => go(cx.loopStart + 1), title: 'forward (→): round the cycle again' }, `↻ step ${cx.loopStart + 1}`)
      : h('button', { id: 'forward', onclick: () => go(app.at + 1), disabled: app.at === app.steps.length, title: 'forward (→)' }, 'forward →'),
    h('button', { onclick: () => copyLink(), title: 'copy a link to this exact state' }, 'copy link'),
  );
}

async function copyLink() {
  try {
    await navigator.clipboard.writeText(location.href);
  } catch {
    window.prompt('Link to this state:', location.href);
  }
}

function renderEnabled(state) {
  const items = state.enabled.map((t, i) =>
    h(
      'li',
      {
        class: `${i === app.selected ? 'selected' : ''}${t.violates ? ' violation' : ''}${app.steps[app.at] === t.action ? ' on-path' : ''}`,
        onclick: () => take(t.action),
        title: 'take this step',
        dataset: { action: t.action },
      },
      h('span', { class: 'key' }, i < 9 ? String(i + 1) : ''),
      h('span', { class: `proc proc-${procIndex(t.process)}` }, t.process),
      h('div', { class: 'what' }, h('div', { class: 'label' }, t.label), h('div', { class: 'name' }, stepName(t), t.source ? h('span', { class: 'source' }, t.source) : null)),
    ),
  );
  const empty = state.quiescent ? 'No step is enabled: every process is done (a legitimate end state).' : 'No step is enabled here.';
  return h('div', {}, h('h2', {}, 'Enabled steps ', h('span', { class: 'muted' }, String(state.enabled.length))), items.length ? h('ol', { class: 'enabled' }, items) : h('p', { class: 'muted' }, empty));
}

function renderProcesses(state) {
  return h(
    'div',
    {},
    h('h2', {}, 'Processes'),
    h(
      'ul',
      { class: 'processes' },
      state.processes.map((p) =>
        h('li', {}, h('span', { class: `proc proc-${procIndex(p.name)}` }, p.name), h('span', { class: p.enabled ? 'ok' : 'blocked' }, p.enabled ? 'can step' : 'cannot step'), ' ', h('span', { class: 'explain' }, strip(p.name, p.explain))),
      ),
    ),
  );
}

export function handleExploreKey(e) {
  const enabled = app.path.states[app.at].enabled;
  if (e.key === 'ArrowDown' || e.key === 'j') {
    e.preventDefault();
    app.selected = Math.min(enabled.length - 1, app.selected + 1);
    renderExplore(document.getElementById('main'));
  } else if (e.key === 'ArrowUp' || e.key === 'k') {
    e.preventDefault();
    app.selected = Math.max(0, app.selected - 1);
    renderExplore(document.getElementById('main'));
  } else if (e.key === 'Enter') {
    if (enabled[app.selected]) take(enabled[app.selected].action);
  } else if (/^[1-9]$/.test(e.key)) {
    const t = enabled[Number(e.key) - 1];
    if (t) take(t.action);
  } else if (e.key === '/') {
    e.preventDefault();
    const input = document.getElementById('filter');
    if (input) input.focus();
  } else if (e.key === 'Backspace') {
    navigate({ steps: app.steps.slice(0, app.at), at: app.at });
  }
}

export function stepName(t) {
  return t.outcome ? `${t.action}[${t.outcome}]` : t.action;
}

export function procIndex(name) {
  return Math.max(0, app.info.processes.indexOf(name)) % 8;
}

/** The spec's line without a leading `W1: ` that repeats the process name. */
export function strip(process, text) {
  return text.startsWith(`${process}: `) ? text.slice(process.length + 2) : text;
}
