/** The flag-value parsers and the exit-code decision, in-process. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../cli/exit-codes';
import { CliError } from '../cli/messages';
import { outcome } from '../cli/outcome';
import { parseExpect, parseParam, parseSeconds, parseSize, parseWorkers } from '../cli/parse';
import { addSymmetryOptions, checkSymmetryAsked } from '../cli/symmetry-flags';
import { INCOMPLETE_RESULT, LASSO_RESULT, TRACE_RESULT } from './reports-fixtures';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CliError) {
      expect(e.msg.exit).toBe(EXIT.USAGE);
      expect(e.msg.text).not.toContain('\n');
      return e.msg.text;
    }
    throw e;
  }
  throw new Error('expected a CliError');
}

describe('cli/parse', () => {
  it('sizes: units are powers of 1024, fractions allowed', () => {
    expect(parseSize('--max-memory', '512M')).toBe(512 * 1024 ** 2);
    expect(parseSize('--max-memory', '4G')).toBe(4 * 1024 ** 3);
    expect(parseSize('--max-memory', '1.5G')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('--max-memory', '64MiB')).toBe(64 * 1024 ** 2);
    expect(parseSize('--max-memory', '2gb')).toBe(2 * 1024 ** 3);
    expect(parseSize('--max-memory', '800000000')).toBe(800_000_000);
    for (const bad of ['', 'G', '4Q', '-1G', '0', '1..5G', 'lots']) {
      expect(message(() => parseSize('--max-memory', bad))).toContain('512M, 4G, 1.5G');
    }
  });

  it('parameters: integers within the declared range', () => {
    expect(parseParam('--writers', '3', 1, 4)).toBe(3);
    expect(parseParam('--faults', '0', 0, 3)).toBe(0);
    expect(message(() => parseParam('--writers', '5', 1, 4))).toBe('--writers must be in 1..4, got 5');
    expect(message(() => parseParam('--writers', '1e0', 1, 4))).toBe("--writers must be an integer in 1..4, got '1e0'");
    expect(message(() => parseParam('--writers', '0x2', 1, 4))).toContain('integer');
  });

  it('workers and seconds', () => {
    expect(parseWorkers('8', 8)).toBe(8);
    expect(message(() => parseWorkers('0', 8))).toContain('--workers');
    expect(message(() => parseWorkers('9', 8))).toContain('1..8');
    expect(message(() => parseWorkers('1.5', 8))).toContain('--workers');
    expect(parseSeconds('0.5')).toBe(0.5);
    expect(parseSeconds('60')).toBe(60);
    expect(message(() => parseSeconds('0'))).toContain('--max-seconds');
    expect(message(() => parseSeconds('1m'))).toContain('--max-seconds');
  });

  it('--expect: repeated and comma-separated, validated against the properties', () => {
    const props = ['MappingNonNull', 'WbPageTerminates', 'NoRequestLeak', 'DeadlockFree'];
    const e = parseExpect(['MappingNonNull=violated, WbPageTerminates=holds', 'NoRequestLeak=holds'], 'nfs', props);
    expect([...e]).toEqual([
      ['MappingNonNull', 'violated'],
      ['WbPageTerminates', 'holds'],
      ['NoRequestLeak', 'holds'],
    ]);
    expect(message(() => parseExpect(['Foo=holds'], 'nfs', props))).toBe(
      "--expect: spec nfs has no property 'Foo'; properties: MappingNonNull, WbPageTerminates, NoRequestLeak, DeadlockFree",
    );
    expect(message(() => parseExpect(['MappingNonNull=unknown'], 'nfs', props))).toContain('holds or violated');
    expect(message(() => parseExpect([','], 'nfs', props))).toContain('Property=holds|violated');
  });
});

describe('cli/outcome', () => {
  it('without --expect: violated 1, incomplete 3, else 0', () => {
    expect(outcome(TRACE_RESULT).exit).toBe(EXIT.VIOLATION);
    expect(outcome(INCOMPLETE_RESULT).exit).toBe(EXIT.INCOMPLETE);
    const holds = { ...TRACE_RESULT, properties: TRACE_RESULT.properties.filter((p) => p.verdict === 'holds') };
    expect(outcome(holds).exit).toBe(EXIT.OK);
    const stoppedWithViolation = { ...LASSO_RESULT, completion: { complete: false as const, stoppedBy: 'max-states' as const } };
    expect(outcome(stoppedWithViolation).exit).toBe(EXIT.VIOLATION);
  });

  it('with --expect: only the listed properties count', () => {
    const ok = outcome(TRACE_RESULT, new Map([['MappingNonNull', 'violated' as const]]));
    expect(ok).toEqual({ exit: EXIT.OK, differences: [], undecided: [] });
    const bad = outcome(TRACE_RESULT, new Map([['WbPageTerminates', 'violated' as const]]));
    expect(bad.exit).toBe(EXIT.VIOLATION);
    expect(bad.differences).toEqual([{ property: 'WbPageTerminates', expected: 'violated', actual: 'holds' }]);
    const undecided = outcome(INCOMPLETE_RESULT, new Map([['TCConsistent', 'holds' as const]]));
    expect(undecided).toEqual({ exit: EXIT.INCOMPLETE, differences: [], undecided: ['TCConsistent'] });
  });
});

describe('--symmetry and --no-symmetry', () => {
  const parsed = (symmetry: boolean, ...args: string[]) => {
    const cmd = new Command('check').exitOverride();
    addSymmetryOptions(cmd, { name: 'plain', symmetry }, 'turn off symmetry reduction');
    cmd.parse(args, { from: 'user' });
    return cmd;
  };

  it('on by default, off with --no-symmetry, on again with a later --symmetry', () => {
    expect(parsed(true).opts()['symmetry']).toBe(true);
    expect(parsed(true, '--no-symmetry').opts()['symmetry']).toBe(false);
    expect(parsed(true, '--no-symmetry', '--symmetry').opts()['symmetry']).toBe(true);
  });

  it('a spec without symmetry reduction hides --symmetry and refuses it, but takes --no-symmetry', () => {
    const cmd = parsed(false, '--symmetry');
    expect(cmd.options.find((o) => o.long === '--symmetry')?.hidden).toBe(true);
    expect(message(() => checkSymmetryAsked(cmd, { name: 'plain', symmetry: false }))).toBe(
      'spec plain has no symmetry reduction, so --symmetry cannot turn it on; drop --symmetry',
    );
    expect(() => checkSymmetryAsked(parsed(false, '--no-symmetry'), { name: 'plain', symmetry: false })).not.toThrow();
    expect(() => checkSymmetryAsked(parsed(false), { name: 'plain', symmetry: false })).not.toThrow();
    expect(() => checkSymmetryAsked(parsed(true, '--symmetry'), { name: 'plain', symmetry: true })).not.toThrow();
  });
});
