/**
 * The bench measures `mc` as a user runs it (with the node flags of bin/mc's first line), and
 * reports the median of its repeats.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'child_process';
import { mcLaunch, medianRun, type BenchRow } from '../bench/measure';
import type { ChildReport } from '../bench/child';
import { renderText } from '../bench/table';

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

const child = path.join(__dirname, '..', 'dist', 'bench', 'child.js');
const runChild = (request: object) => {
  const r = spawnSync(process.execPath, [child, JSON.stringify(request)], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' }, timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildReport;
};

describe('where a run\'s CPU went, by thread (Linux)', () => {
  it.skipIf(process.platform !== 'linux')('gives the pool\'s threads nothing with one worker, and their start and batches with two', () => {
    // Big enough for the pool thread to expand batches (50,816 states), small enough for a test.
    const config = { spec: 'two-phase', variant: 'correct', params: { rms: 6 }, symmetry: false };
    const one = runChild({ ...config, workers: 1 }).threadCpu!;
    const two = runChild({ ...config, workers: 2 }).threadCpu!;
    // With one worker what is not the calling thread's or V8's is only the two clocks' rounding.
    expect(one.pool).toBeLessThan(0.03);
    expect(two.pool).toBeGreaterThan(0.1);
    for (const split of [one, two]) {
      expect(split.calling).toBeGreaterThan(0.1);
      expect(split.v8).toBeGreaterThan(0);
      expect(split.callingWaited).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('warm runs (bench --warm)', () => {
  const run = runChild;
  const config = { spec: 'two-phase', variant: 'correct', params: { rms: 4 }, symmetry: false };

  it('measure the search after the warm-ups, in the same process and threads, finding what a cold run finds', () => {
    const cold = run({ ...config, workers: 2 });
    for (const workers of [1, 2]) {
      const warm = run({ ...config, workers, warmups: 2 });
      expect({ complete: warm.complete, distinct: warm.distinct, generated: warm.generated }).toEqual({ complete: true, distinct: cold.distinct, generated: cold.generated });
      expect(warm.searchSecondsInOrder).toHaveLength(3);
      expect(warm.searchSecondsInOrder![2]).toBe(warm.searchSeconds);
      // Nothing is judged: a warm run is not a verdict.
      expect(warm.verdicts).toBe('not judged (warm run)');
      expect(cold.verdicts).toBe('TCConsistent=holds DeadlockFree=holds');
    }
  });

  it('are told apart in the table: a warning legend, no memory figures, and no comparison with the cold rates of SPIN and TLC', () => {
    const measurement = { complete: true, distinct: 1_745_408, generated: 18_507_778, seconds: 3, searchSeconds: 3, cpuSeconds: 6, maxRssBytes: 200 * 2 ** 20, graphBytesPerState: 18, verdicts: '', cores: 2, workers: 2, distinctPerSecond: 581_803, searchSecondsOfRepeats: [3] };
    const row = (warmups: number): BenchRow => ({
      config: { spec: 'two-phase', variant: 'correct', params: { rms: 8 }, symmetry: false },
      runs: [warmups > 0 ? measurement : { ...measurement, idleRssBytes: 60 * 2 ** 20, bytesPerState: 80 }],
      speedup: 1,
      totalSpeedup: 1,
      consistent: true,
      warmups,
      pinned: false,
    });
    const spin = { available: false, why: 'SPIN skipped (--no-spin)' } as const;
    const cold = renderText([row(0)], spin);
    const warm = renderText([row(1)], spin);
    expect(cold).not.toContain('WARM RUNS');
    expect(cold).toContain("TLC's 41,000 distinct states/s");
    expect(cold).toMatch(/ 200 +60 +80 +18 /);
    // No split by thread where the child had none to give.
    expect(cold).toMatch(/ 6\.0 +581,803 /);
    expect(renderText([{ ...row(0), runs: [{ ...row(0).runs[0]!, threadCpu: { calling: 3.1, callingWaited: 0.4, pool: 2.2, v8: 0.7 } }] }], spin)).toMatch(/ 6\.0 +3\.10 \/ 2\.20 \/ 0\.70 +0\.40 +581,803 /);
    expect(warm).toContain('WARM RUNS: each measured search followed 1 search(es)');
    expect(warm).not.toContain('TLC');
    expect(warm).not.toContain('SPIN');
    expect(warm).not.toMatch(/ 200 /);
  });
});

describe('pinned runs (bench --pin): cores for cores', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(__dirname, '..', 'dist', 'bench', 'run.js'), ...args], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' }, timeout: 120_000 });

  it('an unpinned child may run on every core', () => {
    expect(runChild({ spec: 'two-phase', variant: 'correct', params: { rms: 2 }, symmetry: false, workers: 1 }).cores).toBe(os.availableParallelism());
  });

  it.skipIf(process.platform !== 'linux' || os.availableParallelism() < 2)('runs a K-worker child on K cores, which the child confirms, and says so under the table', () => {
    const out = `test-pinned-${process.pid}`;
    const files = ['json', 'md'].map((ext) => path.join(__dirname, '..', 'bench', 'results', `${out}.${ext}`));
    try {
      const r = run('--spec', 'two-phase', '--rms', '3', '--workers', '1,2', '--repeat', '1', '--no-spin', '--pin', '--out', out);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('each on as many cores as workers');
      expect(r.stdout).toContain('PINNED RUNS: a run with K workers ran on cores 0..K-1 only');
      const rows = (JSON.parse(fs.readFileSync(files[0]!, 'utf8')) as { rows: BenchRow[] }).rows;
      expect(rows.map((row) => row.pinned)).toEqual([true]);
      expect(rows[0]!.runs.map((m) => [m.workers, m.cores])).toEqual([[1, 1], [2, 2]]);
      expect(fs.readFileSync(files[1]!, 'utf8')).toContain('PINNED RUNS');
    } finally {
      for (const file of files) fs.rmSync(file, { force: true });
    }
  });

  it('refuses more workers than cores: one line, exit 2', () => {
    const r = run('--spec', 'two-phase', '--rms', '2', '--workers', `1,${os.availableParallelism() + 1}`, '--pin');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`bench: --pin needs a core per worker: --workers ${os.availableParallelism() + 1} on ${os.availableParallelism()} core(s)`);
  });
});
