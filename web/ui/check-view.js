// Check: run the search from the UI (in a child process on the server; progress is polled live),
// or load a saved `mc check --json` result; the verdicts, and a button into each counterexample.
import { app, follow, refreshAndRender, refreshResults, render, showError } from './app.js';
import { api } from './api.js';
import { h, clear } from './dom.js';

export function renderCheck(main) {
  const variants = app.info.variants;
  const job = app.results.job;
  const running = job && job.state === 'running';
  const select = h(
    'select',
    { id: 'check-variant' },
    variants.length ? variants.map((v) => h('option', { value: v.id, selected: v.id === app.variant }, `${v.id} — ${v.summary}`)) : h('option', { value: '' }, app.info.spec),
  );
  clear(
    main,
    h(
      'section',
      { class: 'pane wide' },
      h('h2', {}, 'Run the check'),
      h('p', { class: 'muted' }, `Every reachable state of spec ${app.info.spec} with ${Object.entries(app.info.params).map(([k, v]) => `${k}=${v}`).join(' ')} is explored, and each property gets a verdict.`),
      h(
        'div',
        { class: 'row' },
        select,
        h('button', { id: 'run-check', class: 'primary', disabled: running, onclick: () => startCheck(select.value) }, 'Run check'),
        running ? h('button', { onclick: () => api.cancel().then(refreshAndRender) }, 'Cancel') : null,
        h('label', { class: 'upload' }, 'or load a saved result (mc check --json): ', h('input', { type: 'file', id: 'upload', accept: '.json,application/json', onchange: (e) => upload(e.target.files[0]) })),
      ),
      job ? renderJob(job) : null,
    ),
    app.results.results.length === 0
      ? h('section', { class: 'pane wide' }, h('p', { class: 'muted' }, 'No result yet: run the check, or load a saved one.'))
      : app.results.results.map(renderResult),
  );
}

function renderJob(job) {
  const p = job.progress;
  const who = job.variant ? ` of ${job.variant}` : '';
  switch (job.state) {
    case 'running':
      return h(
        'p',
        { class: 'progress', id: 'progress' },
        h('span', { class: 'spinner' }),
        ` checking${who}… `,
        p ? `${fmt(p.distinct)} distinct states, ${fmt(p.generated)} generated, ${fmt(p.queue)} queued, depth ${p.depth}, ${p.seconds.toFixed(1)} s` : 'starting',
      );
    case 'done':
      return h('p', { class: 'progress done', id: 'progress' }, `✓ check${who} finished`);
    case 'failed':
      return h('p', { class: 'progress failed', id: 'progress' }, `✗ check${who} failed: ${job.error}`);
    case 'cancelled':
      return h('p', { class: 'progress', id: 'progress' }, `check${who} cancelled`);
  }
}

function renderResult(stored) {
  const r = stored.result;
  const origin = stored.origin === 'check' ? 'checked here' : `loaded from ${stored.name || 'a file'}`;
  const complete = r.completion.complete
    ? `complete: every reachable state was explored (${fmt(r.stats.distinct)} distinct states, ${r.stats.seconds.toFixed(1)} s)`
    : `incomplete: stopped by ${r.completion.stoppedBy} after ${fmt(r.stats.distinct)} states`;
  return h(
    'section',
    { class: 'pane wide result', dataset: { variant: stored.variant || '' } },
    h('h2', {}, `Verdicts${stored.variant ? ` of ${stored.variant}` : ''} `, h('span', { class: 'muted' }, `(${origin}; ${Object.entries(r.run.params).map(([k, v]) => `${k}=${v}`).join(' ')})`)),
    h(
      'table',
      { class: 'verdicts' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'property'), h('th', {}, 'verdict'), h('th', {}, 'counterexample'), h('th', {}, ''))),
      h(
        'tbody',
        {},
        r.properties.map((p) =>
          h(
            'tr',
            { class: `verdict-${p.verdict}`, dataset: { property: p.name } },
            h('td', { class: 'symbol' }, p.verdict === 'holds' ? '✓' : p.verdict === 'violated' ? '✗' : '?'),
            h('td', {}, h('b', {}, p.name), h('div', { class: 'muted small' }, p.description)),
            h('td', {}, p.verdict),
            h('td', {}, p.counterexample ? shape(p.counterexample) : ''),
            h('td', {}, p.counterexample ? followButton(stored, p) : ''),
          ),
        ),
      ),
    ),
    // Under the table, as mc check prints them: a ✓ that holds only because of what the model leaves out says so.
    (r.run.caveats || []).map((caveat) => h('p', { class: 'caveat' }, `Note: ${caveat}`)),
    // Coverage, as mc check --coverage prints it (the server renders the lines): the steps never
    // taken are those a ✓ above says nothing about.
    stored.coverage ? h('p', { class: stored.coverage.warns ? 'caveat coverage' : 'muted coverage' }, stored.coverage.summary) : null,
    stored.coverage ? h('details', { class: 'coverage-table' }, h('summary', {}, 'Steps taken, and the states each reached first'), h('pre', {}, stored.coverage.table.join('\n'))) : null,
    h('p', { class: 'muted' }, complete),
  );
}

// The row says which property; a screen reader reading the buttons alone hears it too.
function followButton(stored, p) {
  const what = p.counterexample.shape === 'lasso' ? 'lasso' : 'trace';
  return h('button', { class: 'primary follow', 'aria-label': `follow ${p.name}'s ${what}`, onclick: () => follow(stored.variant, p.name) }, `follow the ${what} →`);
}

function shape(cx) {
  if (cx.shape === 'lasso') {
    const cycle = cx.steps.length - cx.loopStart;
    return cycle === 0 ? `lasso: ${cx.loopStart} steps, then stops for good` : `lasso: ${cx.loopStart} steps to a ${cycle}-step cycle that repeats forever`;
  }
  return `trace: ${cx.steps.length} steps`;
}

export async function startCheck(variant) {
  try {
    await api.check(variant || undefined);
    await refreshAndRender();
  } catch (e) {
    showError(e.message);
  }
}

async function upload(file) {
  if (!file) return;
  try {
    const stored = await api.upload(await file.text(), file.name);
    await refreshResults();
    render();
    if (stored.variant && stored.variant !== app.variant) showError(`Loaded a result of ${stored.variant}; its traces open on that variant.`);
  } catch (e) {
    showError(e.message);
  }
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}
