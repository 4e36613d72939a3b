/**
 * The explorer's HTTP server, on node:http: the API is seven small routes with JSON in and out,
 * which node:http serves with no dependency, and owning the request loop keeps the safety rules in
 * one visible place: bounded bodies, JSON-only POSTs, a Host check against DNS rebinding while
 * bound to loopback, a fixed set of static files read once at start (no path ever reaches the file
 * system), and every failure answered as a JSON error instead of taking the server down.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { ApiError, type ExplorerApi } from './api';

/** A result upload may be large (long traces); every other body is a few bytes. */
const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
const MAX_BODY_BYTES = 4 * 1024;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

interface StaticFile {
  readonly type: string;
  readonly body: Buffer;
}

/** The UI's files, by URL path, read once: `/` is index.html, the rest under `/ui/`. */
export function loadUi(dir: string = uiDir()): ReadonlyMap<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type === undefined) continue;
    const file = { type, body: fs.readFileSync(path.join(dir, name)) };
    files.set(`/ui/${name}`, file);
    if (name === 'index.html') files.set('/', file);
  }
  return files;
}

/** web/ui in the package (the same from the sources under vitest and from dist/). */
function uiDir(): string {
  let root = __dirname;
  while (!fs.existsSync(path.join(root, 'package.json'))) {
    const up = path.dirname(root);
    if (up === root) throw new Error(`no package.json above ${__dirname}`);
    root = up;
  }
  return path.join(root, 'web', 'ui');
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface ServerOptions {
  /** The address the server binds; when it is loopback, requests must name a loopback host. */
  readonly host: string;
}

export function createExplorerServer(api: ExplorerApi, options: ServerOptions): http.Server {
  const ui = loadUi();
  const guardHost = isLoopback(options.host);
  return http.createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    handle(api, ui, guardHost, req, res).catch((e: unknown) => {
      const error = e instanceof ApiError ? e : undefined;
      if (!error) process.stderr.write(`mc explore: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(
        res,
        error?.status ?? 500,
        error ? { error: error.message, ...error.details } : { error: `internal error: ${e instanceof Error ? e.message : String(e)}` },
      );
    });
  });
}

/**
 * The API: each route (method and path) and what answers it, status and JSON body. One table, so
 * that a path asked with another method can be told which method it takes.
 */
type Answer = readonly [status: number, body: unknown];
type Route = (api: ExplorerApi, req: http.IncomingMessage, query: URLSearchParams) => Answer | Promise<Answer>;
const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['GET /api/info', (api) => [200, api.info()]],
  ['GET /api/path', (api, _req, query) => [200, api.path(query)]],
  ['GET /api/state', (api, _req, query) => [200, api.state(query)]],
  ['GET /api/compare', (api, _req, query) => [200, api.compare(query)]],
  ['GET /api/results', (api) => [200, api.listResults()]],
  ['POST /api/results', async (api, req, query) => [200, api.upload(await readJson(req, MAX_UPLOAD_BYTES), query.get('name')?.slice(0, 200) ?? undefined)]],
  ['POST /api/check', async (api, req) => [202, api.startCheck(await readJson(req, MAX_BODY_BYTES))]],
  [
    'POST /api/check/cancel',
    async (api, req) => {
      await readJson(req, MAX_BODY_BYTES);
      return [200, api.cancelCheck()];
    },
  ],
]);

async function handle(
  api: ExplorerApi,
  ui: ReadonlyMap<string, StaticFile>,
  guardHost: boolean,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  if (guardHost && !isLoopback(hostName(req.headers.host ?? ''))) {
    throw new ApiError(403, `host '${req.headers.host ?? ''}' refused: this explorer answers only on localhost`);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  const answer = ROUTES.get(route);
  if (answer) {
    const [status, body] = await answer(api, req, url.searchParams);
    return sendJson(res, status, body);
  }
  if (url.pathname.startsWith('/api/')) {
    // A route that exists under another method is no 'no such route': say which method it takes.
    const allowed = [...ROUTES.keys()].filter((r) => r.endsWith(` ${url.pathname}`)).map((r) => r.split(' ')[0]!);
    if (allowed.length > 0) throw new ApiError(405, `${req.method ?? 'GET'} is not allowed on ${url.pathname}; use ${allowed.join(' or ')}`);
    throw new ApiError(404, `no such API route: ${route}`);
  }
  const file = ui.get(url.pathname);
  if (!file) throw new ApiError(404, `no such page: ${url.pathname} (the explorer is at /)`);
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new ApiError(405, `${req.method} is not allowed on ${url.pathname}`);
  res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length, ...SECURITY_HEADERS });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** `127.0.0.1:8080` → `127.0.0.1`, `[::1]:8080` → `::1`. */
function hostName(header: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(header);
  if (bracketed) return bracketed[1]!;
  return header.replace(/:\d+$/, '');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...SECURITY_HEADERS,
  });
  res.end(text);
}

async function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    req.resume();
    throw new ApiError(415, `send JSON (content-type: application/json), got '${type || 'no content-type'}'`);
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume();
    throw new ApiError(413, `request body too large: ${declared} bytes, at most ${limit}`);
  }
  // Listeners rather than for-await: leaving a for-await loop early destroys the socket, and the
  // 413 must still reach the browser. The rest of an oversized body is read and dropped.
  const chunks = await new Promise<Buffer[]>((resolve, reject) => {
    const got: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        got.length = 0;
        return;
      }
      got.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(new ApiError(413, `request body too large: more than ${limit} bytes`)) : resolve(got)));
    req.on('error', reject);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ApiError(400, `the body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
