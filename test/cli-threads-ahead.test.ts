/**
 * `mc check`'s worker threads, started before commander parses (cli/threads-ahead.ts): what the
 * raw arguments make it start, and that a run it guessed wrong for still ends as it should.
 */
import { describe, expect, it } from 'vitest';
import { SPECS } from '../spec/registry';
import { flagValue } from '../cli/prescan';
import { threadsWanted } from '../cli/threads-ahead';
import { defaultWorkers, workerBound } from '../cli/workers';
import { mc, oneLine } from './cli-helpers';

const moduleOf = (name: string) => SPECS.find((s) => s.name === name)!.module;

describe('flagValue reads a flag off the raw arguments', () => {
  it('in either spelling, the last one, none after --, null when a value is missing', () => {
    expect(flagValue(['check', '--workers', '3'], '--workers')).toBe('3');
    expect(flagValue(['check', '--workers=3'], '--workers')).toBe('3');
    expect(flagValue(['check', '--workers', '1', '--workers=4'], '--workers')).toBe('4');
    expect(flagValue(['check', '--', '--workers', '3'], '--workers')).toBeUndefined();
    expect(flagValue(['--workers', '3'], '--workers')).toBeUndefined();
    expect(flagValue(['check', '--workers'], '--workers')).toBeNull();
    expect(flagValue(['check', '--workers', '--quiet'], '--workers')).toBeNull();
    expect(flagValue(['check', '--workersx', '3'], '--workers')).toBeUndefined();
  });
});

describe('threadsWanted: the worker threads a check will want', () => {
  it('one fewer than --workers, loading the named spec', () => {
    expect(threadsWanted(['check', '--spec', 'two-phase', '--workers', '3'])).toEqual({ count: 2, module: moduleOf('two-phase') });
    expect(threadsWanted(['check', '--workers=2', '--variant', 'mainline'])).toEqual({ count: 1, module: moduleOf('nfs') });
  });

  it('the default worker count without --workers', () => {
    const expected = defaultWorkers() >= 2 ? { count: defaultWorkers() - 1, module: moduleOf('nfs') } : undefined;
    expect(threadsWanted(['check', '--variant', '22876f54'])).toEqual(expected);
  });

  it('none for one worker, a count mc will refuse, an unknown spec, help, or another command', () => {
    for (const workers of ['1', '0', 'two', '2.5', String(workerBound() + 1)]) expect(threadsWanted(['check', '--workers', workers])).toBeUndefined();
    expect(threadsWanted(['check', '--workers'])).toBeUndefined();
    expect(threadsWanted(['check', '--workers', '2', '--spec', 'nope'])).toBeUndefined();
    expect(threadsWanted(['check', '--workers', '2', '--help'])).toBeUndefined();
    expect(threadsWanted(['check', '--workers', '2', '-h'])).toBeUndefined();
    for (const command of ['matrix', 'explore', 'diff', 'docs']) expect(threadsWanted([command, '--workers', '2'])).toBeUndefined();
  });
});

describe('a check with threads started ahead', () => {
  it('ends with one line and exit 2 on bad usage found after they started', () => {
    const r = mc('check', '--workers', '2', '--variant', 'nope');
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(oneLine(r.stderr)).toMatch(/^mc: unknown variant 'nope'/);
  });

  it('gives the verdicts one worker gives', () => {
    const args = ['check', '--spec', 'two-phase', '--rms', '3', '--no-symmetry', '--quiet'];
    const two = mc(...args, '--workers', '2');
    const one = mc(...args, '--workers', '1');
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });
});
