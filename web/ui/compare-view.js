// Compare: replay the current path on another variant beside it, and show the first step where
// the two part ways and why (a guard that disables the step, or a patched function that does
// something else), with the other variant's verdict when it has been checked.
import { app, navigate, render, resultFor, showError, currentCounterexample } from './app.js';
import { api } from './api.js';
import { h, clear } from './dom.js';
import { startCheck } from './check-view.js';
import { procIndex, stepName, strip } from './explore-view.js';

export function renderCompare(main) {
  const variants = app.info.variants.filter((v) => v.id !== app.variant);
  if (variants.length === 0) return clear(main, h('section', { class: 'pane wide' }, h('p', { class: 'muted' }, `Spec ${app.info.spec} has no other variant to compare with.`)));
  const select = h(
    'select',
    { id: 'compare-variant', onchange: (e) => navigate({ other: e.target.value }, { push: false }) },
    variants.map((v) => h('option', { value: v.id, selected: v.id === app.other }, `${v.id} — ${v.summary}`)),
  );
  if (app.steps.length === 0) {
    return clear(main, h('section', { class: 'pane wide' }, h('h2', {}, 'Replay this path on another variant'), h('p', { class: 'muted' }, 'The path is empty: take some steps in Explore, or follow a counterexample from Check, then compare.')));
  }
  const fresh = app.compare && app.compare.other === app.other && app.compare.key === key();
  clear(
    main,
    h(
      'section',
      { class: 'pane wide' },
      h('h2', {}, `Replay this path on another variant`),
      h('div', { class: 'row' }, h('span', {}, `The ${app.steps.length} steps of ${app.variant}, by transition identity, on `), select),
      fresh ? renderComparison(app.compare.data) : h('p', { class: 'muted' }, 'Replaying…'),
    ),
  );
  if (!fresh) load();
}

function key() {
  return `${app.variant}\n${app.init}\n${app.steps.join('\n')}`;
}

async function load() {
  const other = app.other;
  const k = key();
  try {
    const data = await api.compare(app.variant, other, app.init, app.steps);
    app.compare = { other, key: k, data };
  } catch (e) {
    showError(e.message);
    app.compare = { other, key: k, data: null };
  }
  if (app.view === 'compare') render();
}

function renderComparison(data) {
  if (!data) return h('p', { class: 'muted' }, 'The comparison failed (see the message above).');
  const { left, right, divergence: d } = data;
  const a = app.variant;
  const b = app.other;
  const rows = left.steps.map((ls, i) => {
    const rs = right.steps[i];
    const first = d.kind !== 'none' && i === d.step;
    const after = d.kind !== 'none' && i > d.step;
    return h(
      'tr',
      { class: first ? 'diverges' : after ? 'after' : 'same', dataset: { step: String(i + 1) } },
      h('td', { class: 'num' }, String(i + 1)),
      h('td', {}, h('span', { class: `proc proc-${procIndex(ls.process)}` }, ls.process), ' ', ls.label),
      h('td', {}, rs ? [h('span', { class: `proc proc-${procIndex(rs.process)}` }, rs.process), ' ', rs.label] : h('span', { class: 'muted' }, i === right.steps.length ? `✗ ${ls.action} is not enabled here` : '')),
    );
  });
  return h(
    'div',
    { class: 'comparison' },
    renderWhy(data),
    renderVerdict(),
    h('table', { class: 'side-by-side' }, h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, a), h('th', {}, b))), h('tbody', {}, rows)),
  );
}

function renderWhy({ left, right, divergence: d, rightStuck }) {
  const a = app.variant;
  const b = app.other;
  const explore = (n) =>
    h('button', { onclick: () => navigate({ variant: b, steps: app.steps.slice(0, n), at: n, cx: null, view: 'explore' }) }, `explore ${b} from here →`);
  switch (d.kind) {
    case 'none':
      return h('div', { class: 'why same', id: 'divergence' }, h('b', {}, `No difference: every step does the same on ${b}.`), ` The path replays step for step with the same outcomes and the same state.`);
    case 'outcome': {
      const ls = left.steps[d.step];
      const rs = right.steps[d.step];
      return h(
        'div',
        { class: 'why', id: 'divergence' },
        h('b', {}, `They part at step ${d.step + 1}: the same choice, ${ls.action}, does something else on ${b}.`),
        h('dl', {},
          h('dt', {}, a), h('dd', {}, ls.label, h('div', { class: 'name' }, stepName(ls), ls.source ? h('span', { class: 'source' }, ls.source) : null)),
          h('dt', {}, b), h('dd', {}, rs.label, h('div', { class: 'name' }, stepName(rs), rs.source ? h('span', { class: 'source' }, rs.source) : null)),
        ),
        fieldDiff(left.states[d.step + 1].view, right.states[d.step + 1].view, a, b),
        explore(d.step + 1),
      );
    }
    case 'state':
      return h(
        'div',
        { class: 'why', id: 'divergence' },
        h('b', {}, `They part at step ${d.step + 1}: the same step (${left.steps[d.step].label}) leaves a different state on ${b}.`),
        fieldDiff(left.states[d.step + 1].view, right.states[d.step + 1].view, a, b),
        explore(d.step + 1),
      );
    case 'disabled': {
      const ls = left.steps[d.step];
      const proc = rightStuck.processes.find((p) => p.name === ls.process);
      const enabled = rightStuck.enabled;
      return h(
        'div',
        { class: 'why', id: 'divergence' },
        h('b', {}, `They part at step ${d.step + 1}: ${ls.action} is not enabled on ${b}.`),
        proc && proc.explain ? h('p', {}, `On ${b}, ${ls.process} there: ${strip(ls.process, proc.explain)}.`) : null,
        h('p', {}, `On ${a}: ${ls.label}`),
        h('p', { class: 'muted' }, enabled.length ? `Enabled on ${b} there: ${enabled.map((t) => t.action).join(', ')}` : `No step is enabled on ${b} there.`),
        explore(d.step),
      );
    }
  }
}

function fieldDiff(lv, rv, a, b) {
  const fields = Object.keys(lv).filter((f) => f in rv && lv[f] !== rv[f]);
  if (fields.length === 0) return null;
  return h(
    'table',
    { class: 'field-diff' },
    h('thead', {}, h('tr', {}, h('th', {}, 'state after it'), h('th', {}, a), h('th', {}, b))),
    h('tbody', {}, fields.map((f) => h('tr', {}, h('th', {}, f), h('td', {}, lv[f]), h('td', {}, rv[f])))),
  );
}

/** The other variant's verdict on the property being followed, or a button to get it. */
function renderVerdict() {
  const b = app.other;
  const stored = resultFor(b);
  const property = app.cx ? app.cx.property : null;
  const cx = currentCounterexample();
  if (stored) {
    const props = stored.result.properties.filter((p) => !property || p.name === property);
    return h(
      'div',
      { class: 'other-verdict', id: 'other-verdict' },
      `${b} (${stored.origin === 'check' ? 'checked here' : 'loaded result'}): `,
      props.map((p) => h('span', { class: `verdict-${p.verdict}` }, `${p.verdict === 'holds' ? '✓' : p.verdict === 'violated' ? '✗' : '?'} ${p.name} ${p.verdict}`)),
      property && props[0] && props[0].verdict === 'holds' && cx
        ? h('span', {}, ` — no schedule at all violates it on ${b}, not only this one.`)
        : null,
    );
  }
  const job = app.results.job;
  const running = job && job.state === 'running';
  return h(
    'div',
    { class: 'other-verdict', id: 'other-verdict' },
    running
      ? h('span', {}, h('span', { class: 'spinner' }), ` checking ${job.variant || ''}… ${job.progress ? `${job.progress.distinct.toLocaleString('en-US')} states` : ''}`)
      : h('button', { class: 'primary', id: 'check-other', onclick: () => startCheck(b) }, `Check ${b} to see whether any other schedule still violates ${property || 'a property'}`),
  );
}
