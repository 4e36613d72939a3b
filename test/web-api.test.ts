/**
 * The explorer's HTTP/JSON API on nfs 22876f54 (two writers): a check run from the API gives the
 * same lasso as the engine, the lasso replays by transition identity back to its cycle's start,
 * 06c9fdf3 parts from it where the launder differs, and bad input is a 4xx with one clear
 * message while the server keeps answering.
 */
import * as http from 'http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Result } from '../explorer/result';
import type { CompareResponse, CoverageText } from '../web/api';
import type { JobStatus } from '../web/check-jobs';
import type { WirePath } from '../web/wire';
import { serveInProcess, type Served } from './support/explore-server';

let served: Served;
let result: Result;

beforeAll(async () => {
  served = await serveInProcess();
});
afterAll(async () => {
  await served.stop();
});

async function get<T>(url: string): Promise<{ status: number; body: T & { error?: string } }> {
  const res = await fetch(`${served.base}${url}`);
  return { status: res.status, body: (await res.json()) as T & { error?: string } };
}

/** fetch cannot set Host; node:http can, as a rebinding attack's browser would send it. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: { error?: string } }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${served.base}${url}`, { headers: { host } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { error?: string } }));
    });
    req.on('error', reject);
  });
}

async function post<T>(url: string, body: string, type = 'application/json'): Promise<{ status: number; body: T & { error?: string } }> {
  const res = await fetch(`${served.base}${url}`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, body: (await res.json()) as T & { error?: string } };
}

const query = (steps: readonly string[], extra = ''): string => steps.map((s) => `s=${encodeURIComponent(s)}`).join('&') + extra;

function lasso(): { steps: string[]; loopStart: number } {
  const cx = result.properties.find((p) => p.name === 'WbPageTerminates')!.counterexample!;
  return { steps: cx.steps.map((s) => s.action), loopStart: cx.loopStart! };
}

describe('a check run from the API', () => {
  test('runs in a child process, reports progress while running, and stores the result', async () => {
    const started = await post<{ job: JobStatus }>('/api/check', JSON.stringify({ variant: '22876f54' }));
    expect(started.status).toBe(202);
    expect(started.body.job.state).toBe('running');
    // A second check while one runs is refused, not queued behind the first.
    const again = await post('/api/check', JSON.stringify({ variant: '06c9fdf3' }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already running/);

    let listed: { results: { variant?: string; origin: string; result: Result; coverage?: CoverageText; certain?: Record<string, string> }[]; job?: JobStatus };
    const seen = new Set<string>();
    for (;;) {
      // The server answers while the search runs: it is in another process.
      listed = (await get<typeof listed>('/api/results')).body;
      seen.add(listed.job!.state);
      if (listed.job!.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(listed.job!.state).toBe('done');
    expect(seen.has('running')).toBe(true);
    const stored = listed.results.find((r) => r.variant === '22876f54')!;
    expect(stored.origin).toBe('check');
    result = stored.result;
    expect(Object.fromEntries(result.properties.map((p) => [p.name, p.verdict]))).toEqual({
      MappingNonNull: 'holds',
      WbPageTerminates: 'violated',
      NoRequestLeak: 'violated',
      DeadlockFree: 'holds',
    });
    // Counted with coverage, and rendered as mc check --coverage prints it, for the page.
    expect(result.coverage!.steps).toHaveLength(11);
    expect(stored.coverage).toMatchObject({ summary: 'coverage: all 11 steps taken', warns: false });
    expect(stored.coverage!.table[0]).toMatch(/^Coverage \(transitions taken from the explored states, and the states each reached first/);
    expect(stored.coverage!.table).toContainEqual(expect.stringMatching(/^ {4}\[nfs_commit_inode returns 0\] +[\d,]+ +0 {2}no new state$/));
    // Where the leak became certain, in mc check's words; the lasso has no such step.
    expect(stored.certain).toEqual({ NoRequestLeak: 'certain from step 10 on, W1 in nfs_writepages: no run from there reaches a quiescent state where NoRequestLeak holds' });
  });
});

describe('paths by transition identity', () => {
  test('the lasso replays, and its cycle comes back to the state it started from', async () => {
    const { steps, loopStart } = lasso();
    const { status, body } = await get<WirePath>(`/api/path?${query(steps)}`);
    expect(status).toBe(200);
    expect(body.steps.map((s) => s.action)).toEqual(steps);
    expect(body.steps.map((s) => s.label)).toEqual(result.properties[1]!.counterexample!.steps.map((s) => s.label));
    expect(body.states[steps.length]!.view).toEqual(body.states[loopStart]!.view);
    // In the cycle W1 spins and every other process is disabled: weak fairness does not end it.
    const end = body.states[steps.length]!;
    expect(end.processes.filter((p) => p.enabled).map((p) => p.name)).toEqual(['W1']);
    expect(end.processes.find((p) => p.name === 'W2')!.explain).toMatch(/i_rwsem held by W1/);
  });

  test('each step lists the fields it changed, and the state its enabled steps', async () => {
    const { body } = await get<WirePath>(`/api/path?${query(['W1.start_io_write(p0,s0)'])}`);
    expect(body.steps[0]!.changes).toContainEqual({ field: 'i_rwsem', before: 'free', after: 'W1' });
    expect(body.states[0]!.enabled.map((t) => t.process)).toContain('W2');
    expect(body.states[1]!.enabled.every((t) => t.process === 'W1')).toBe(true);
  });

  test('a step that is not enabled is a 400 naming it and the enabled ones, with the prefix that replays', async () => {
    const { status, body } = await get<{ at: number; path: WirePath }>(`/api/path?${query(['W1.start_io_write(p0,s0)', 'W2.start_io_write(p0,s0)'])}`);
    expect(status).toBe(400);
    expect(body.error).toMatch(/step 2 of the path, 'W2.start_io_write\(p0,s0\)', is not enabled there; enabled: W1.write_begin/);
    expect(body.at).toBe(1);
    expect(body.path.steps).toHaveLength(1);
  });
});

describe('comparing variants', () => {
  test('on 06c9fdf3 the lasso parts at the flusher\'s failed write: the request is freed instead of left attached', async () => {
    const { steps } = lasso();
    const { status, body } = await get<CompareResponse>(`/api/compare?w=06c9fdf3&${query(steps)}`);
    expect(status).toBe(200);
    expect(body.divergence).toEqual({ kind: 'outcome', step: 5 });
    expect(body.left.steps[5]!.label).toMatch(/stays attached/);
    expect(body.right.steps[5]!.label).toMatch(/removed and freed/);
    // Later the writer's wb_page loop is never entered on 06c9fdf3: the schedule gets stuck.
    expect(body.right.steps.length).toBeLessThan(steps.length);
  });

  test('on the same variant nothing differs', async () => {
    const { body } = await get<CompareResponse>(`/api/compare?w=22876f54&${query(lasso().steps)}`);
    expect(body.divergence).toEqual({ kind: 'none' });
  });
});

describe('bad requests are 4xx with one clear message, and the server keeps answering', () => {
  const cases: [string, () => Promise<{ status: number; body: { error?: string } }>, number, RegExp][] = [
    ['unknown variant', () => get('/api/path?v=nope'), 400, /unknown variant 'nope'; variants: .*22876f54/],
    ['bad initial state', () => get('/api/path?i=7'), 400, /initial state index must be an integer in 0..0, got '7'/],
    ['too many steps', () => get(`/api/path?${'s=x&'.repeat(2001)}`), 413, /at most 2000 steps/],
    ['unknown route', () => get('/api/nothing'), 404, /no such API route: GET \/api\/nothing/],
    ['a route asked with another method', () => post('/api/info', '{}'), 405, /^POST is not allowed on \/api\/info; use GET$/],
    ['a POST route asked with GET', () => get('/api/check'), 405, /^GET is not allowed on \/api\/check; use POST$/],
    ['a file outside the UI', () => get('/ui/../package.json'), 404, /no such page/],
    ['a POST that is not JSON', () => post('/api/check', 'variant=x', 'text/plain'), 415, /send JSON/],
    ['invalid JSON', () => post('/api/check', '{', 'application/json'), 400, /not valid JSON/],
    ['an oversized body', () => post('/api/check', JSON.stringify({ pad: 'x'.repeat(10_000) })), 413, /too large/],
    ['a foreign Host (DNS rebinding)', () => getWithHost('/api/info', 'evil.example:80'), 403, /answers only on localhost/],
    ['a result of other parameters', () => post('/api/results', JSON.stringify({ ...result, run: { ...result.run, params: { writers: 3 } } })), 400, /checked with writers=3, this explorer has writers=2/],
    ['not a result', () => post('/api/results', JSON.stringify({ schema: 'x' })), 400, /expected "mc-result\/2"/],
    ['caveats that are not sentences', () => post('/api/results', JSON.stringify({ ...result, run: { ...result.run, caveats: 'x' } })), 400, /\/run\/caveats must be array/],
    [
      'coverage that is not counts',
      () => post('/api/results', JSON.stringify({ ...result, coverage: { ...result.coverage, steps: [{ step: 'x', taken: -1, distinct: 0, outcomes: [] }] } })),
      400,
      /\/coverage\/steps\/0\/taken must be >= 0/,
    ],
    [
      'coverage whose violating transitions are not a count',
      () => post('/api/results', JSON.stringify({ ...result, coverage: { ...result.coverage, steps: [{ step: 'x', taken: 2, distinct: 1, violating: 'lots', outcomes: [] }] } })),
      400,
      /\/coverage\/steps\/0\/violating must be integer/,
    ],
    [
      'coverage with more violating transitions than taken (what the schema cannot say)',
      () => post('/api/results', JSON.stringify({ ...result, coverage: { ...result.coverage, steps: [{ step: 'x', taken: 2, distinct: 1, violating: 3, outcomes: [] }] } })),
      400,
      /its coverage is not the counts mc check --coverage writes: step x: violating must be a count from 1 to taken/,
    ],
    [
      'coverage whose outcomes add up to more than their step',
      () =>
        post('/api/results', JSON.stringify({ ...result, coverage: { ...result.coverage, steps: [{ step: 'x', taken: 2, distinct: 1, outcomes: [{ outcome: 'o', taken: 2, distinct: 2 }] }] } })),
      400,
      /step x: its outcomes have more distinct than it/,
    ],
    [
      'coverage of more steps than any spec has (refused, not a server error while rendering them)',
      () => post('/api/results', JSON.stringify({ ...result, coverage: { ...result.coverage, steps: Array.from({ length: 20_000 }, (_, i) => ({ step: `s${i}`, taken: 1, distinct: 1, outcomes: [] })) } })),
      400,
      /20000 steps, more than the 10000 any spec has/,
    ],
  ];
  test.each(cases)('%s', async (_name, request, status, message) => {
    const res = await request();
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message);
    expect((await get('/api/info')).status).toBe(200);
  });

  test('a saved result of the same parameters loads', async () => {
    const res = await post<{ origin: string; variant: string }>('/api/results?name=r.json', JSON.stringify(result));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ origin: 'upload', variant: '22876f54', coverage: { summary: 'coverage: all 11 steps taken' } });
    // Counts written before the states each step reached first: the result loads, without them.
    const older = {
      ...result,
      coverage: { complete: true, vocabulary: true, steps: result.coverage!.steps.map(({ distinct: _d, outcomes, ...s }) => ({ ...s, outcomes: outcomes.map(({ distinct: _o, ...o }) => o) })) },
    };
    const loaded = await post<{ coverage?: unknown; result: Result }>('/api/results?name=older.json', JSON.stringify(older));
    expect(loaded.status).toBe(200);
    expect(loaded.body).not.toHaveProperty('coverage');
    expect(loaded.body.result).not.toHaveProperty('coverage');
    // One without coverage (mc check without --coverage) loads too, with none shown.
    const { coverage: _, ...without } = result;
    const plain = await post<{ coverage?: unknown }>('/api/results?name=plain.json', JSON.stringify(without));
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('coverage');
  });

  test('the page is served with a strict content security policy', async () => {
    const res = await fetch(`${served.base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await res.text()).toMatch(/<script type="module" src="\/ui\/app.js">/);
  });
});
