/**
 * `mc explore` on the command line: bad flags are one line and exit 2 before anything is served;
 * a good run prints its loopback URL, serves the page, and stops cleanly on Ctrl-C.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, test } from 'vitest';
import { RESULT_SCHEMA } from '../explorer/result';
import { mc, oneLine } from './cli-helpers';
import { serveCli } from './support/explore-server';

describe('mc explore: bad usage is one line and exit 2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-explore-cli-'));
  const notJson = path.join(dir, 'not.json');
  fs.writeFileSync(notJson, '{');
  const otherSpec = path.join(dir, 'two-phase.json');
  fs.writeFileSync(otherSpec, JSON.stringify({ schema: RESULT_SCHEMA, run: { spec: 'two-phase', params: { rms: 3 } }, processes: [], properties: [] }));
  const cases: [string, string[], RegExp][] = [
    ['missing variant', [], /^mc: spec nfs needs --variant <id>; variants: .*22876f54/],
    ['unknown variant', ['--variant', 'nope'], /^mc: unknown variant 'nope' for spec nfs; variants: /],
    ['bad port', ['--variant', '22876f54', '--port', '70000'], /^mc: --port must be an integer in 0\.\.65535 \(0: any free port\), got '70000'$/],
    ['parameter out of range', ['--variant', '22876f54', '--writers', '9'], /^mc: --writers must be in 1\.\.4, got 9$/],
    ['missing result file', ['--variant', '22876f54', '--result', path.join(dir, 'none.json')], /^mc: cannot read --result file '.*none\.json': no such file or directory, open '.*none\.json'$/],
    ['result not JSON', ['--variant', '22876f54', '--result', notJson], /^mc: cannot read --result file '.*not\.json': /],
    ['result of another spec', ['--variant', '22876f54', '--result', otherSpec], /^mc: --result file '.*two-phase\.json' cannot be shown: it is a result of spec two-phase, this explorer runs spec nfs$/],
    ['stray argument', ['22876f54'], /^mc: unexpected argument '22876f54'; did you mean --variant 22876f54\?$/],
  ];
  test.each(cases)('%s', (_name, args, message) => {
    const r = mc('explore', ...args);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe('');
  });

  test('a port in use is a usage error naming it', async () => {
    const first = await serveCli('--variant', '22876f54');
    try {
      const port = new URL(first.base).port;
      const r = mc('explore', '--variant', '22876f54', '--port', port);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(`mc: cannot serve on 127.0.0.1:${port}: the port is in use; pick another with --port N (0: any free port) or --host`);
    } finally {
      await first.stop();
    }
  });
});

test('mc explore prints a loopback URL, serves the page and its variant, and stops on Ctrl-C', async () => {
  const served = await serveCli('--variant', '06c9fdf3', '--writers', '1');
  try {
    expect(served.stdout()).toMatch(/^mc explore: spec nfs, variant 06c9fdf3, writers=1, pages=2, writes=2, faults=1\n {2}http:\/\/127\.0\.0\.1:\d+\/\?v=06c9fdf3\n/);
    const info = (await (await fetch(`${served.base}/api/info`)).json()) as { variant: string; params: Record<string, number> };
    expect(info).toMatchObject({ variant: '06c9fdf3', params: { writers: 1 } });
    expect((await fetch(`${served.base}/`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
  } finally {
    await served.stop();
  }
});

test('mc explore --help lists its flags and examples', () => {
  const r = mc('explore', '--help');
  expect(r.code).toBe(0);
  for (const flag of ['--variant <id>', '--writers <n>', '--port <n>', '--host <address>', '--open', '--result <file>']) expect(r.stdout).toContain(flag);
  expect(r.stdout).toContain('mc explore --variant 22876f54 --writers 3 --open');
});
