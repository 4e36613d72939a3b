// The server's JSON API. Every call either returns the body or throws an ApiError carrying the
// server's one-line message (shown in the UI) and its details (e.g. the part of a path that replayed).
export class ApiError extends Error {
  constructor(status, body) {
    super(body && typeof body.error === 'string' ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function call(method, url, body) {
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { error: `the explorer's server does not answer (${e.message}); is mc explore still running?` });
  }
  let data;
  try {
    data = await res.json();
  } catch {
    data = { error: `HTTP ${res.status}: the answer is not JSON` };
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Query string for a path: v (variant), i (initial state), s (one per step, transition identities). */
export function pathQuery(variant, init, steps, extra = {}) {
  const q = new URLSearchParams();
  if (variant) q.set('v', variant);
  if (init) q.set('i', String(init));
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  for (const s of steps) q.append('s', s);
  return q.toString();
}

export const api = {
  info: () => call('GET', '/api/info'),
  path: (variant, init, steps) => call('GET', `/api/path?${pathQuery(variant, init, steps)}`),
  compare: (variant, other, init, steps) => call('GET', `/api/compare?${pathQuery(variant, init, steps, { w: other })}`),
  results: () => call('GET', '/api/results'),
  check: (variant) => call('POST', '/api/check', { variant }),
  cancel: () => call('POST', '/api/check/cancel', {}),
  upload: (text, name) => call('POST', `/api/results?name=${encodeURIComponent(name)}`, text),
};
