/**
 * The bench measures `mc` as a user runs it (with the node flags of bin/mc's first line), and
 * reports the median of its repeats.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { mcNodeFlags, medianRun } from '../bench/measure';

function repoWith(firstLine: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-flags-'));
  fs.mkdirSync(path.join(root, 'bin'));
  fs.writeFileSync(path.join(root, 'bin', 'mc'), `${firstLine}\n// the rest\n`);
  return root;
}

describe('the node flags the bench runs with', () => {
  it("are bin/mc's: the young generation capped at 8 MB a semi-space and emptied by its own thread alone", () => {
    expect(mcNodeFlags(path.join(__dirname, '..'))).toEqual(['--max-semi-space-size=8', '--no-parallel-scavenge']);
  });

  it('are read off the shebang, none for a plain one, and a file that is not a node script is an error', () => {
    expect(mcNodeFlags(repoWith('#!/usr/bin/env node'))).toEqual([]);
    expect(mcNodeFlags(repoWith('#!/usr/bin/env -S node --a=1  --b'))).toEqual(['--a=1', '--b']);
    expect(() => mcNodeFlags(repoWith('#!/bin/sh'))).toThrow('bin/mc does not start with a node shebang: #!/bin/sh');
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
