/** Help, `mc specs`, `mc variants`. */
import { describe, expect, it } from 'vitest';
import { mc } from './cli-helpers';

describe('mc help and listings', () => {
  it('mc --help shows the commands, an example and the exit codes', () => {
    const r = mc('--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Usage: mc /);
    for (const cmd of ['check', 'variants', 'specs']) expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    expect(r.stdout).toContain('mc check --variant 22876f54 --writers 3');
    expect(r.stdout).toMatch(/Exit codes:\n  0 .*\n  1 .*\n  2 .*\n  3 /);
  });

  it('mc with no arguments prints the help', () => {
    const r = mc();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: mc /);
  });

  it('mc help check shows the help of check', () => {
    const r = mc('help', 'check');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: mc check /);
  });

  it('mc help --help (and -h) is the help, not an unknown command', () => {
    for (const flag of ['--help', '-h']) {
      const r = mc('help', flag);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(mc('--help').stdout);
    }
  });

  it('mc --version', () => {
    const r = mc('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('mc check --spec two-phase --help lists its parameters with ranges and defaults, and its variants', () => {
    const r = mc('check', '--spec', 'two-phase', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--rms <n>\s+1\.\.10 \(default 3\): number of resource managers/);
    expect(r.stdout).toMatch(/^\s+correct\s+TwoPhase\.tla/m);
    expect(r.stdout).toMatch(/^\s+mutant\s+/m);
    for (const flag of ['--workers', '--no-symmetry', '--json', '--markdown', '--max-states', '--max-seconds', '--max-memory', '--stop-on-violation', '--expect', '--quiet']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).not.toContain('--writers');
  });

  it('mc check --help describes the nfs spec: parameters, variants, properties', () => {
    const r = mc('check', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--writers <n>\s+1\.\.4 \(default 2\): /);
    expect(r.stdout).toMatch(/--pages <n>\s+1\.\.3 \(default 2\): /);
    expect(r.stdout).toMatch(/--writes <n>\s+1\.\.4 \(default 2\): /);
    expect(r.stdout).toMatch(/--faults <n>\s+0\.\.3 \(default 1\): /);
    for (const v of ['v4.19.90', '14bebe3c', '22876f54', 'revert-14bebe3c', 'return-ret', '06c9fdf3', 'mainline', 'nullcheck']) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${v.replace(/\./g, '\\.')}\\s`, 'm'));
    }
    expect(r.stdout).toContain('MappingNonNull');
    expect(r.stdout).not.toContain('--rms');
  });

  it('mc specs lists every spec with a summary and its parameters', () => {
    const r = mc('specs');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^  nfs\s/m);
    expect(r.stdout).toMatch(/^  two-phase\s+Lamport's two-phase commit/m);
    expect(r.stdout).toContain('--rms 1..10 (3)');
  });

  it('mc variants --spec two-phase lists the variants with details', () => {
    const r = mc('variants', '--spec', 'two-phase');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^  correct\s+TwoPhase\.tla\s+.*\(default\)$/m);
    expect(r.stdout).toMatch(/^  mutant\s+/m);
  });

  it('mc variants lists the kernel variants with their versions', () => {
    const r = mc('variants');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^  22876f54\s+4\.19\.298/m);
    expect(r.stdout).toMatch(/^  14bebe3c\s+4\.19\.99/m);
    expect(r.stdout).toMatch(/^  mainline\s/m);
  });
});
