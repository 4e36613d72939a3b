/**
 * `mc explore`: build the model and serve the web explorer (web/) on loopback until Ctrl-C. The
 * flags it shares with `mc check` are validated by the same code; only what the user names on the
 * command line (`--result FILE`) is ever read from disk.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import type { AddressInfo } from 'net';
import type { Result } from '../explorer/result';
import { ExplorerApi, type ExplorerSetup } from '../web/api';
import { checkJobs } from '../web/check-jobs';
import { parseResult } from '../web/result-input';
import { createExplorerServer, isLoopback } from '../web/server';
import { planCheck, type CheckFlags } from './check';
import { EXIT, type ExitCode } from './exit-codes';
import { fail, MSG } from './messages';
import { parseJson, readFailure } from './json-text';
import { DEFAULT_HOST, DEFAULT_PORT } from './program';

export interface ExploreFlags extends Pick<CheckFlags, 'spec' | 'variant' | 'workers' | 'symmetry' | 'params' | 'foreign'> {
  readonly port?: string;
  readonly host?: string;
  readonly open: boolean;
  readonly result?: readonly string[];
}

export interface ExplorePlan {
  readonly setup: ExplorerSetup;
  readonly port: number;
  readonly host: string;
  readonly open: boolean;
}

export function planExplore(flags: ExploreFlags): ExplorePlan {
  const check = planCheck({ ...flags, outputs: [], quiet: true });
  const port = flags.port === undefined ? DEFAULT_PORT : parsePort(flags.port);
  const host = flags.host ?? DEFAULT_HOST;
  const params = check.params;
  const results = (flags.result ?? []).map((file) => ({ file, result: readResult(file, check.spec.name, params) }));
  return {
    setup: {
      spec: check.spec,
      module: check.module,
      ...(check.variant !== undefined ? { variant: check.variant } : {}),
      params,
      symmetry: check.options.symmetry,
      workers: check.options.workers,
      results,
    },
    port,
    host,
    open: flags.open,
  };
}

function parsePort(raw: string): number {
  const text = raw.trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) fail(MSG.badPort(raw));
  return port;
}

function readResult(file: string, spec: string, params: Readonly<Record<string, number>>): Result {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fail(MSG.resultUnreadable(file, readFailure(e)));
  }
  const json = parseJson(text);
  if (!json.ok) fail(MSG.resultUnreadable(file, json.why));
  const parsed = parseResult(json.value, spec, params);
  if (typeof parsed === 'string') fail(MSG.resultUnusable(file, parsed));
  return parsed;
}

/** Serves until SIGINT/SIGTERM; a port that cannot be bound is a usage error (exit 2). */
export async function runExplore(plan: ExplorePlan): Promise<ExitCode> {
  const jobs = checkJobs();
  const api = new ExplorerApi(plan.setup, jobs);
  const server = createExplorerServer(api, { host: plan.host });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(plan.port, plan.host, () => resolve());
  }).catch((e: NodeJS.ErrnoException) => {
    jobs.close();
    const why = e.code === 'EADDRINUSE' ? 'the port is in use' : e.code === 'EADDRNOTAVAIL' ? 'no such local address' : e.message;
    fail(MSG.cannotListen(plan.host, plan.port, why));
  });
  const { port } = server.address() as AddressInfo;
  const url = explorerUrl(plan.host, port, plan.setup.variant);
  const { spec, variant, params } = plan.setup;
  const what = [`spec ${spec.name}`, ...(variant !== undefined ? [`variant ${variant}`] : []), ...Object.entries(params).map(([k, v]) => `${k}=${v}`)];
  process.stdout.write(`mc explore: ${what.join(', ')}\n  ${url}\n`);
  if (!isLoopback(plan.host)) {
    process.stdout.write(`  warning: serving on ${plan.host}, not loopback: anyone who can reach it can browse and run checks\n`);
  }
  process.stdout.write('  (Ctrl-C to stop)\n');
  if (plan.open) openBrowser(url);

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      jobs.close();
      server.closeAllConnections();
      server.close(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.OK;
}

export function explorerUrl(host: string, port: number, variant: string | undefined): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/${variant !== undefined ? `?v=${encodeURIComponent(variant)}` : ''}`;
}

/** The platform's "open this URL" command; failing to start it only costs a line. */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stdout.write(`  (could not start ${cmd}: open the URL above yourself)\n`));
  child.unref();
}
