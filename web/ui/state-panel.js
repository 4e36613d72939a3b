// The state, readable: fields grouped by object, the ones the last step changed highlighted with
// their old value, and a filter (by name or value) that hides the rest.
import { app, render } from './app.js';
import { h } from './dom.js';
import { groupFields, shortField } from './objects.js';

export function renderStatePanel(view, changes, processes) {
  const changed = new Map(changes.map((c) => [c.field, c]));
  const needle = app.filter.trim().toLowerCase();
  const show = (field) =>
    (!app.changedOnly || changed.has(field)) && (needle === '' || field.toLowerCase().includes(needle) || String(view[field] ?? '').toLowerCase().includes(needle));
  const removed = changes.filter((c) => c.after === undefined);
  const groups = groupFields(view, processes)
    .map((g) => ({ ...g, fields: g.fields.filter(show) }))
    .filter((g) => g.fields.length > 0);
  return h(
    'div',
    { class: 'state' },
    h(
      'div',
      { class: 'filter' },
      h('input', {
        id: 'filter',
        type: 'search',
        placeholder: 'filter fields (name or value), e.g. page, W1, locked',
        value: app.filter,
        oninput: (e) => {
          app.filter = e.target.value;
          rerenderKeepingFocus();
        },
      }),
      h('label', {}, h('input', { type: 'checkbox', id: 'changed-only', checked: app.changedOnly, onchange: (e) => ((app.changedOnly = e.target.checked), render()) }), ' changed only'),
    ),
    h(
      'div',
      { class: 'groups' },
      groups.map((g) =>
        h(
          'div',
          { class: `group${g.process ? ' process-group' : ''}`, dataset: { group: g.name } },
          h('h3', {}, g.name),
          h(
            'table',
            {},
            g.fields.map((f) => {
              const c = changed.get(f);
              return h(
                'tr',
                { class: c ? 'changed' : '', dataset: { field: f } },
                h('th', {}, shortField(f, g.name)),
                h('td', {}, h('span', { class: 'value' }, view[f]), c && c.before !== undefined ? h('span', { class: 'before' }, `was ${c.before}`) : c ? h('span', { class: 'before' }, 'new') : null),
              );
            }),
          ),
        ),
      ),
      groups.length === 0 ? h('p', { class: 'muted' }, 'No field matches the filter.') : null,
      removed.length > 0 ? h('p', { class: 'muted' }, `Gone after this step: ${removed.map((c) => `${c.field} (was ${c.before})`).join(', ')}`) : null,
    ),
  );
}

function rerenderKeepingFocus() {
  const input = document.getElementById('filter');
  const pos = input ? input.selectionStart : null;
  render();
  const again = document.getElementById('filter');
  if (again) {
    again.focus();
    if (pos !== null) again.setSelectionRange(pos, pos);
  }
}
