/**
 * The bench measures `mc` as a user runs it (with the node flags of bin/mc's first line), and
 * reports the median of its repeats.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { mcLaunch, medianRun } from '../bench/measure';

function repoWith(firstLine: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-flags-'));
  fs.mkdirSync(path.join(root, 'bin'));
  fs.writeFileSync(path.join(root, 'bin', 'mc'), `${firstLine}\n// the rest\n`);
  return root;
}

describe('how the bench starts node', () => {
  it("is bin/mc's: glibc's malloc asking for huge pages, the young generation capped at 8 MB a semi-space and emptied by its own thread alone", () => {
    expect(mcLaunch(path.join(__dirname, '..'))).toEqual({
      env: { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' },
      flags: ['--max-semi-space-size=8', '--no-parallel-scavenge'],
    });
  });

  it('is read off the shebang: variables before node, flags after it, none for a plain one; a file that is not a node script is an error', () => {
    expect(mcLaunch(repoWith('#!/usr/bin/env node'))).toEqual({ env: {}, flags: [] });
    expect(mcLaunch(repoWith('#!/usr/bin/env -S node --a=1  --b'))).toEqual({ env: {}, flags: ['--a=1', '--b'] });
    expect(mcLaunch(repoWith('#!/usr/bin/env -S A=1 B_2=x=y node --c'))).toEqual({ env: { A: '1', B_2: 'x=y' }, flags: ['--c'] });
    expect(() => mcLaunch(repoWith('#!/bin/sh'))).toThrow('bin/mc does not start with a node shebang: #!/bin/sh');
    expect(() => mcLaunch(repoWith('#!/usr/bin/env -S 1A=1 node'))).toThrow('bin/mc does not start with a node shebang');
  });
});

describe('the run a row reports', () => {
  const runs = (...seconds: number[]) => seconds.map((searchSeconds, i) => ({ searchSeconds, i }));
  it('is the median by search time, the lower middle one of an even count, whatever the order of the repeats', () => {
    expect(medianRun(runs(5)).i).toBe(0);
    expect(medianRun(runs(3, 1, 2)).i).toBe(2);
    expect(medianRun(runs(9, 4, 1, 3)).i).toBe(3);
    expect(medianRun(runs(2, 8, 1, 7, 3)).i).toBe(4);
  });
});
