// When a counterexample is being followed: what it shows, where on it we are, and for a lasso the
// weak-fairness argument (who spins, who steps, who is blocked and on what), with the evidence
// read off the cycle's states: a process that is disabled somewhere in the cycle is never
// continuously enabled, so weak fairness does not force it to step.
import { app, currentCounterexample, follow, navigate, resultFor } from './app.js';
import { startCheck } from './check-view.js';
import { h, clear } from './dom.js';
import { procIndex, strip } from './explore-view.js';

const ROLE = {
  spinning: 'spins',
  steps: 'steps',
  blocked: 'blocked',
};

export function renderContext(el) {
  const cx = currentCounterexample();
  if (!cx) return clear(el, renderStartHere());
  const lasso = cx.shape === 'lasso';
  const loop = lasso ? cx.loopStart : undefined;
  const cycleLength = lasso ? cx.steps.length - loop : 0;
  // A failure at quiescence: the step after which it was certain (explorer/inevitable.ts).
  const certain = !lasso && cx.inevitableAfter !== undefined && cx.inevitableAfter < cx.steps.length ? cx.inevitableAfter : undefined;
  // In mc check's words, rendered by the server (web/api.ts).
  const certainLine = certain !== undefined ? resultFor(app.cx.variant)?.certain?.[app.cx.property] : undefined;
  const where =
    !lasso
      ? app.at === cx.steps.length
        ? 'at the violation'
        : app.at === certain && certain > 0
          ? `step ${app.at} of ${cx.steps.length}: from here the failure is certain`
          : `step ${app.at} of ${cx.steps.length}`
      : app.at < loop
        ? `in the prefix: step ${app.at} of ${loop}`
        : cycleLength === 0
          ? 'stopped for good'
          : app.at === loop
            ? 'at the start of the cycle: the next steps repeat forever'
          : `in the cycle (${app.at - loop} of ${cycleLength}): it repeats forever`;
  const shape = lasso
    ? cycleLength === 0
      ? `lasso: ${loop} steps, then no process can step again`
      : `lasso: ${loop}-step prefix, then a ${cycleLength}-step cycle that repeats forever`
    : `trace: ${cx.steps.length} steps`;
  clear(
    el,
    h(
      'div',
      { class: `context ${lasso ? 'lasso' : 'trace'}` },
      h(
        'div',
        { class: 'headline' },
        h('span', { class: 'bad' }, `✗ ${app.cx.property} violated`),
        ` on ${app.cx.variant} · ${shape} · `,
        h('b', { id: 'where' }, where),
        h('span', { class: 'actions' },
          lasso ? h('button', { onclick: () => navigate({ at: 0 }) }, 'start') : null,
          lasso ? h('button', { onclick: () => navigate({ at: loop }) }, 'cycle start') : null,
          certain !== undefined && certain > 0 ? h('button', { id: 'certain', onclick: () => navigate({ at: certain }) }, 'where it became certain') : null,
          h('button', { onclick: () => navigate({ at: cx.steps.length }) }, lasso ? 'cycle end' : 'violation'),
          h('button', { onclick: () => navigate({ view: 'compare' }) }, 'compare with another variant'),
          h('button', { class: 'link', onclick: () => navigate({ cx: null }) }, 'stop following'),
        ),
      ),
      h('div', { class: 'summary' }, cx.summary),
      certainLine ? h('div', { class: 'summary certain' }, `${certainLine[0].toUpperCase()}${certainLine.slice(1)}.`) : null,
      lasso && cx.processes && app.view !== 'diagram' ? renderFairness(cx) : null,
    ),
  );
}

function renderFairness(cx) {
  const loop = cx.loopStart;
  const states = app.path.states.slice(loop, Math.max(loop + 1, cx.steps.length));
  const cycle = app.path.steps.slice(loop);
  const rows = cx.processes.map((ps) => {
    const taken = cycle.filter((s) => s.process === ps.process).length;
    const enabled = states.filter((s) => (s.processes.find((p) => p.name === ps.process) || {}).enabled).length;
    return h(
      'tr',
      { class: `role-${ps.role}` },
      h('td', {}, h('span', { class: `proc proc-${procIndex(ps.process)}` }, ps.process)),
      h('td', { class: 'role' }, ROLE[ps.role] || ps.role),
      h('td', {}, strip(ps.process, ps.detail)),
      h('td', { class: 'evidence' }, evidence(ps.role, taken, enabled, states.length, cycle.length)),
    );
  });
  const spinners = cx.processes.filter((p) => p.role === 'spinning').map((p) => p.process);
  return h(
    'div',
    { class: 'fairness' },
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'process'), h('th', {}, 'in the cycle'), h('th', {}, 'what it does or waits for'), h('th', {}, 'why weak fairness does not end the loop'))), h('tbody', {}, rows)),
    h(
      'p',
      { class: 'why' },
      cx.steps.length === loop
        ? 'No process can take a step in the last state: the run stops there for good, inside the region.'
        : `Why it loops forever: every process either keeps stepping in the cycle or is disabled somewhere in it, so repeating the cycle is a fair run` +
            (spinners.length ? `, and ${spinners.join(', ')} never leave${spinners.length === 1 ? 's' : ''} the region.` : '.'),
    ),
  );
}

function evidence(role, taken, enabled, states, steps) {
  if (taken > 0) {
    const share = `takes ${taken} of the cycle's ${steps} step${steps === 1 ? '' : 's'}`;
    return role === 'spinning' ? `${share} and stays in the region: fairness is satisfied by its own steps` : `${share}: fairness is satisfied`;
  }
  if (enabled === 0) return `disabled in all ${states} state${states === 1 ? '' : 's'} of the cycle: fairness never requires it to step`;
  return `disabled in ${states - enabled} of the cycle's ${states} states, so never continuously enabled: fairness does not force it`;
}

/** Not following anything: point at this variant's counterexamples, or at the check that finds them. */
function renderStartHere() {
  if (app.view === 'check') return null;
  const stored = resultFor(app.variant);
  const job = app.results.job;
  if (!stored) {
    const running = job && job.state === 'running';
    return h(
      'div',
      { class: 'context hint' },
      running
        ? h('span', {}, h('span', { class: 'spinner' }), ` checking ${job.variant || ''}… ${job.progress ? `${job.progress.distinct.toLocaleString('en-US')} distinct states, depth ${job.progress.depth}` : ''}`)
        : [h('button', { class: 'primary', id: 'hint-check', onclick: () => startCheck(app.variant) }, `Check ${app.variant || app.info.spec}`), ' to find which properties it violates and follow their counterexamples, or step through the states yourself below.'],
    );
  }
  const violated = stored.result.properties.filter((p) => p.counterexample);
  if (violated.length === 0) {
    // A ✓ over steps the search never took says nothing about them: said here too, not only on the Check tab.
    const vacuous = stored.coverage && stored.coverage.warns ? h('div', { class: 'caveat coverage' }, `but ${stored.coverage.summary}`) : null;
    return h('div', { class: 'context hint good' }, `✓ ${app.variant || app.info.spec}: every property holds (${stored.result.properties.map((p) => p.name).join(', ')}).`, vacuous);
  }
  return h(
    'div',
    { class: 'context hint' },
    h('span', { class: 'bad' }, `${app.variant || app.info.spec} violates ${violated.map((p) => p.name).join(' and ')}: `),
    violated.map((p) =>
      h('button', { class: 'primary follow', onclick: () => follow(app.variant, p.name) }, `follow ${p.name} (${p.counterexample.shape === 'lasso' ? 'lasso: a loop that never ends' : `trace, ${p.counterexample.steps.length} steps`}) →`),
    ),
  );
}
