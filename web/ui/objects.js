// The model's view is flat `key -> value`. Objects come from the keys alone, so the UI needs no
// knowledge of any spec: `W1.pc` belongs to object `W1`, `page[0]` is object `page[0]` of group
// `page`, a key with neither (`i_rwsem`) is an object of its own.

/** `W1.ctx` -> `W1`; `page[0]` -> `page[0]`; `i_rwsem` -> `i_rwsem`. */
export function objectOf(field) {
  const dot = field.indexOf('.');
  return dot > 0 ? field.slice(0, dot) : field;
}

/** `page[0]` -> `page`; `W1` -> `W1`. */
export function groupOf(object) {
  const bracket = object.indexOf('[');
  return bracket > 0 ? object.slice(0, bracket) : object;
}

/**
 * The view's fields grouped for display: indexed families (`page[0]`, `page[1]`), each process's
 * context, and the remaining single fields together under `shared`. Keeps the view's order.
 */
export function groupFields(view, processes) {
  const groups = new Map();
  const singles = [];
  for (const field of Object.keys(view)) {
    const object = objectOf(field);
    const group = groupOf(object);
    const indexed = group !== object;
    if (object === field && !indexed && !processes.includes(field)) {
      singles.push(field);
      continue;
    }
    const name = processes.includes(group) ? group : group;
    if (!groups.has(name)) groups.set(name, { name, process: processes.includes(group), fields: [] });
    groups.get(name).fields.push(field);
  }
  const out = [];
  if (singles.length > 0) out.push({ name: 'shared', process: false, fields: singles });
  const list = [...groups.values()];
  out.push(...list.filter((g) => !g.process), ...list.filter((g) => g.process));
  return out;
}

/** Within a process's group, `W1.pc` reads better as `pc`. */
export function shortField(field, group) {
  return field.startsWith(`${group}.`) ? field.slice(group.length + 1) : field;
}

/** The shared objects a path touches (participants of the sequence diagram besides processes). */
export function sharedObjects(views, processes) {
  const seen = new Set();
  for (const view of views) for (const field of Object.keys(view)) {
    const o = objectOf(field);
    if (!processes.includes(o)) seen.add(o);
  }
  return [...seen];
}
