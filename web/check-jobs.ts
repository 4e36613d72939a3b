/**
 * Checks started from the browser: at most one search at a time (a search wants every core), each
 * in a child process (see check-child.ts) so the server stays responsive and a crash of the search
 * cannot take it down. The browser polls a job's status to show progress live.
 */
import { fork, type ChildProcess } from 'child_process';
import * as path from 'path';
import { compiledModule } from '../explorer/load';
import type { Progress } from '../explorer/options';
import type { Result } from '../explorer/result';
import type { CheckMessage, CheckRequest } from './check-child';

export type JobStatus =
  | { readonly state: 'running'; readonly variant?: string; readonly progress?: Progress; readonly started: number }
  | { readonly state: 'done'; readonly variant?: string }
  | { readonly state: 'failed'; readonly variant?: string; readonly error: string }
  | { readonly state: 'cancelled'; readonly variant?: string };

export interface CheckJobs {
  /** Starts a check; false when one is already running. */
  start(request: CheckRequest, onResult: (result: Result) => void): boolean;
  /** The running job, or the last one to end. */
  status(): JobStatus | undefined;
  cancel(): boolean;
  close(): void;
}

export function checkJobs(): CheckJobs {
  let child: ChildProcess | undefined;
  let status: JobStatus | undefined;
  const script = compiledModule(path.join(__dirname, 'check-child'));

  return {
    start(request, onResult) {
      if (child) return false;
      const variant = request.run.variant;
      const v = variant !== undefined ? { variant } : {};
      status = { state: 'running', ...v, started: Date.now() };
      const proc = fork(script, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
      child = proc;
      let stderr = '';
      proc.stderr?.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-2000);
      });
      proc.on('message', (message: CheckMessage) => {
        switch (message.type) {
          case 'progress':
            if (status?.state === 'running') status = { ...status, progress: message.progress };
            return;
          case 'result':
            onResult(message.result);
            status = { state: 'done', ...v };
            return;
          case 'error':
            status = { state: 'failed', ...v, error: message.message };
            return;
        }
      });
      proc.on('exit', (code, signal) => {
        if (child === proc) child = undefined;
        if (status?.state === 'running') {
          const why = signal ? `killed by ${signal}` : `exited with status ${code}`;
          status = { state: 'failed', ...v, error: `the search ${why}${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}` };
        }
      });
      proc.send({ ...request, source: { ...request.source, module: compiledModule(request.source.module) } });
      return true;
    },
    status: () => status,
    cancel() {
      if (!child || status?.state !== 'running') return false;
      status = { state: 'cancelled', ...(status.variant !== undefined ? { variant: status.variant } : {}) };
      child.kill('SIGTERM');
      return true;
    },
    close() {
      child?.kill('SIGTERM');
      child = undefined;
    },
  };
}
