/** The explorer's server for tests: in this process (API tests) or the built `mc explore` (e2e, CLI). */
import { spawn } from 'child_process';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { ExplorerApi } from '../../web/api';
import { checkJobs } from '../../web/check-jobs';
import { createExplorerServer } from '../../web/server';
import { spec } from '../../spec/nfs';

export interface Served {
  /** `http://127.0.0.1:PORT` */
  readonly base: string;
  /** What `mc explore` printed (e2e only). */
  readonly stdout: () => string;
  stop(): Promise<void>;
}

export const NFS_PARAMS = { writers: 2, pages: 2, writes: 2, faults: 1 } as const;

/** The API over nfs 22876f54 with two writers, served on a free loopback port. */
export async function serveInProcess(): Promise<Served> {
  const jobs = checkJobs();
  const api = new ExplorerApi(
    {
      spec,
      module: path.join(__dirname, '..', '..', 'spec', 'nfs', 'index'),
      variant: '22876f54',
      params: NFS_PARAMS,
      symmetry: true,
      workers: 1,
      results: [],
    },
    jobs,
  );
  const server = createExplorerServer(api, { host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    stdout: () => '',
    stop: () =>
      new Promise((resolve) => {
        jobs.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'mc');

/** The built `mc explore ARGS --port 0`, once it has printed its URL. */
export function serveCli(...args: string[]): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'explore', ...args, '--port', '0'], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    const exited = new Promise<void>((done) => child.on('close', () => done()));
    const timer = setTimeout(() => reject(new Error(`mc explore printed no URL in 20 s: ${out}${err}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (!url) return;
      clearTimeout(timer);
      resolve({
        base: url[0],
        stdout: () => out,
        stop: async () => {
          child.kill('SIGINT');
          await exited;
        },
      });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`mc explore exited with ${code} before printing its URL: ${err}`));
    });
  });
}
