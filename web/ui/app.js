// The explorer's page: one state object, the URL as its durable form (so a link reproduces the
// exact state), and views that render from it. Every model fact comes from the server.
import { api, ApiError, pathQuery } from './api.js';
import { clear, h } from './dom.js';
import { renderExplore, handleExploreKey } from './explore-view.js';
import { renderCheck } from './check-view.js';
import { renderCompare } from './compare-view.js';
import { renderDiagram } from './diagram-view.js';
import { renderContext } from './context-bar.js';

const VIEWS = { explore: renderExplore, check: renderCheck, compare: renderCompare, diagram: renderDiagram };

export const app = {
  info: null,
  variant: undefined,
  init: 0,
  steps: [],
  at: 0,
  path: null,
  /** The counterexample being followed: { variant, property } (its data is in app.results). */
  cx: null,
  view: 'explore',
  other: undefined,
  selected: 0,
  filter: '',
  changedOnly: false,
  results: { results: [] },
  compare: null,
};

// ---- URL <-> state ----------------------------------------------------------------------------

function readUrl() {
  const q = new URLSearchParams(location.search);
  const variants = app.info.variants.map((v) => v.id);
  app.variant = q.get('v') || app.info.variant;
  app.init = Number(q.get('i') || 0) || 0;
  app.steps = q.getAll('s');
  const at = q.get('at');
  app.at = at === null ? app.steps.length : Number(at);
  const cx = q.get('cx');
  app.cx = cx ? { property: cx, variant: app.variant } : null;
  app.view = VIEWS[q.get('view')] ? q.get('view') : 'explore';
  const w = q.get('w');
  app.other = w || variants.find((v) => v !== app.variant && /06c9fdf3/.test(v)) || variants.find((v) => v !== app.variant);
  if (!Number.isInteger(app.at) || app.at < 0 || app.at > app.steps.length) {
    showError(`'at=${at}' is not a position on this ${app.steps.length}-step path; showing its end`);
    app.at = app.steps.length;
  }
}

export function urlFor(state = app) {
  const extra = {
    at: state.at !== state.steps.length ? state.at : undefined,
    cx: state.cx ? state.cx.property : undefined,
    view: state.view !== 'explore' ? state.view : undefined,
    w: state.view === 'compare' ? state.other : undefined,
  };
  return `/?${pathQuery(state.variant, state.init, state.steps, extra)}`;
}

function writeUrl(push) {
  const url = urlFor();
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

// ---- errors --------------------------------------------------------------------------------------

export function showError(message) {
  const el = document.getElementById('error');
  clear(el, h('span', {}, message), h('button', { class: 'close', title: 'dismiss', onclick: () => (el.hidden = true) }, '×'));
  el.hidden = false;
}

function clearError() {
  document.getElementById('error').hidden = true;
}

// ---- navigation ----------------------------------------------------------------------------------

/** Replays `steps` on the server; a step that is not enabled lands on the longest valid prefix. */
async function loadPath() {
  try {
    app.path = await api.path(app.variant, app.init, app.steps);
  } catch (e) {
    if (e instanceof ApiError && e.body && e.body.path) {
      app.path = e.body.path;
      app.steps = app.steps.slice(0, e.body.at);
      app.at = Math.min(app.at, app.steps.length);
      showError(`This link's path does not replay: ${e.message}. Showing the ${app.steps.length} steps that do.`);
      writeUrl(false);
      return;
    }
    if (e instanceof ApiError && e.status === 400 && app.variant !== app.info.variant) {
      showError(`${e.message}. Showing variant ${app.info.variant}.`);
      app.variant = app.info.variant;
      app.steps = [];
      app.at = 0;
      return loadPath();
    }
    throw e;
  }
}

export async function navigate(change, { push = true } = {}) {
  const before = { variant: app.variant, steps: app.steps.join('\n'), init: app.init };
  Object.assign(app, change);
  if (change.steps || change.variant !== undefined || change.init !== undefined) {
    if (before.variant !== app.variant || before.steps !== app.steps.join('\n') || before.init !== app.init || !app.path) {
      clearError();
      await loadPath();
      app.compare = null;
    }
  }
  if (change.at !== undefined || change.steps) app.selected = 0;
  writeUrl(push);
  render();
}

export function go(at) {
  if (at < 0 || at > app.steps.length) return;
  navigate({ at });
}

/** Take an enabled step from the current state: the path after the current position is replaced. */
export function take(action) {
  const steps = [...app.steps.slice(0, app.at), action];
  const keep = app.cx && sameAsCounterexample(steps);
  navigate({ steps, at: steps.length, ...(keep ? {} : { cx: null }) });
}

function sameAsCounterexample(steps) {
  const cx = currentCounterexample();
  return cx && steps.every((s, i) => cx.steps[i] && cx.steps[i].action === s);
}

/** Step forward; on a lasso's last state, forward goes round the cycle again. */
export function forward() {
  const cx = currentCounterexample();
  if (app.at < app.steps.length) return go(app.at + 1);
  if (cx && cx.shape === 'lasso' && cx.loopStart < cx.steps.length && app.steps.length === cx.steps.length) {
    return go(cx.loopStart + 1);
  }
}

export function currentCounterexample() {
  if (!app.cx) return null;
  const stored = app.results.results.find((r) => (r.variant || '') === (app.cx.variant || ''));
  const prop = stored && stored.result.properties.find((p) => p.name === app.cx.property);
  return (prop && prop.counterexample) || null;
}

export function resultFor(variant) {
  return app.results.results.find((r) => (r.variant || '') === (variant || ''));
}

/** Opens a counterexample's trace in the explorer. */
export function follow(variant, property) {
  const stored = resultFor(variant);
  const prop = stored.result.properties.find((p) => p.name === property);
  const steps = prop.counterexample.steps.map((s) => s.action);
  const cx = prop.counterexample;
  const at = cx.shape === 'lasso' ? cx.loopStart : steps.length;
  navigate({ variant, steps, at, cx: { variant, property }, view: 'explore' });
}

export async function refreshResults() {
  app.results = await api.results();
}

/** Fetches the results again and redraws; a failed fetch is shown and nothing is redrawn. */
export async function refreshAndRender() {
  try {
    await refreshResults();
  } catch (e) {
    showError(e.message);
    return;
  }
  render();
}

// ---- rendering -----------------------------------------------------------------------------------

export function render() {
  const info = app.info;
  const params = Object.entries(info.params).map(([k, v]) => `${k}=${v}`).join(' ');
  clear(
    document.getElementById('run'),
    h('span', { class: 'muted' }, `spec ${info.spec}`),
    app.variant ? h('span', { class: 'variant' }, ` · variant `, h('b', {}, app.variant)) : null,
    h('span', { class: 'muted' }, ` · ${params}`),
  );
  for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('active', a.dataset.view === app.view);
  renderContext(document.getElementById('context'));
  const main = document.getElementById('main');
  main.dataset.view = app.view;
  VIEWS[app.view](main);
  if (app.results.job && app.results.job.state === 'running') schedulePoll();
}

let polling = null;

/** While a check runs, its progress is fetched a few times a second, whatever the view. */
function schedulePoll() {
  if (polling !== null) return;
  polling = setTimeout(() => {
    polling = null;
    refreshAndRender();
  }, 400);
}

function onKey(e) {
  if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.metaKey || e.ctrlKey || e.altKey) {
    if (e.key === 'Escape' && e.target instanceof HTMLInputElement) e.target.blur();
    return;
  }
  const views = { e: 'explore', c: 'check', v: 'compare', d: 'diagram' };
  if (views[e.key]) {
    e.preventDefault();
    return navigate({ view: views[e.key] });
  }
  if (e.key === 'ArrowLeft') return e.preventDefault(), go(app.at - 1);
  if (e.key === 'ArrowRight') return e.preventDefault(), forward();
  if (e.key === 'Home') return e.preventDefault(), go(0);
  if (e.key === 'End') return e.preventDefault(), go(app.steps.length);
  if (app.view === 'explore') handleExploreKey(e);
}

async function start() {
  try {
    app.info = await api.info();
    readUrl();
    await Promise.all([loadPath(), refreshResults()]);
    if (app.cx && !currentCounterexample()) {
      showError(`No result of ${app.cx.variant} has a counterexample for ${app.cx.property} yet: run the check (Check tab) to see it as a counterexample.`);
    }
    writeUrl(false);
    render();
  } catch (e) {
    showError(e.message);
    clear(document.getElementById('main'), h('p', { class: 'muted' }, 'The explorer could not start.'));
    return;
  }
  document.addEventListener('keydown', onKey);
  for (const a of document.querySelectorAll('#tabs a')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      navigate({ view: a.dataset.view });
    });
  }
  window.addEventListener('popstate', async () => {
    try {
      const steps = app.steps.join('\n');
      const variant = app.variant;
      readUrl();
      if (steps !== app.steps.join('\n') || variant !== app.variant) await loadPath();
      render();
    } catch (e) {
      showError(e.message);
    }
  });
  window.addEventListener('unhandledrejection', (e) => showError(e.reason && e.reason.message ? e.reason.message : String(e.reason)));
}

start();
