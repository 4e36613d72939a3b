/** Spawns the built `mc` (bin/mc → dist/cli/main.js; `npm test` builds first). */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'mc');

if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
  throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does it first)');
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const ENV = { ...process.env, NO_COLOR: '1', MC_DEBUG: '' };

export function mc(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: ENV, timeout: 170_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `mc`, sends SIGINT after `afterMs`, and collects the result. */
export function mcInterrupted(afterMs: number, ...args: string[]): Promise<Run> {
  return mcSignalled('SIGINT', afterMs, ...args);
}

/** Starts `mc`, sends `signal` after `afterMs`, and collects the result. */
export function mcSignalled(signal: NodeJS.Signals, afterMs: number, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(signal), afterMs);
    // A search that ignores the interrupt must not hang the test run.
    const killer = setTimeout(() => child.kill('SIGKILL'), afterMs + 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Exactly one line on stderr, starting `mc: `, without a stack trace. */
export function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l !== '');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${stderr}`);
  const line = lines[0]!;
  if (!line.startsWith('mc: ')) throw new Error(`stderr line does not start with 'mc: ': ${line}`);
  if (/\bat .*\.js:\d+/.test(line)) throw new Error(`stack trace on stderr: ${line}`);
  return line;
}

