/** `mc diff` through the built bin/mc, on the README's upstream fix (small parameters). */
import { describe, expect, it } from 'vitest';
import { mc, oneLine } from './cli-helpers';

describe('mc diff', () => {
  it('22876f54 → 06c9fdf3 (1 writer): both violations fixed, the witness stops where 06c9fdf3 removes the request; exit 0', () => {
    const r = mc('diff', '--base', '22876f54', '--patched', '06c9fdf3', '--writers', '1', '--workers', '1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('06c9fdf3 adds:    06c9fdf3 (the write-error path calls nfs_inode_remove_request)');
    expect(r.stdout).toMatch(/Fixed: violated on the base, holds on the patched variant \(2\)\n {2}WbPageTerminates: 22876f54 ✗ violated \(lasso: 10 steps to a 1-step cycle/);
    expect(r.stdout).toMatch(/ {2}NoRequestLeak: 22876f54 ✗ violated \(trace: 13 steps\); 06c9fdf3 ✓ holds/);
    expect(r.stdout).toMatch(/≠ {2}F\.flush\(p0,fault\)\[pageio_add_request fails EDQUOT\]/);
    // Only what 06c9fdf3 adds is named at the changed step (not the patches both variants share).
    expect(r.stdout).toContain('patch here: 06c9fdf3 (the write-error path calls nfs_inode_remove_request)\n');
    expect(r.stdout).not.toContain('patch here: 22876f54');
    expect(r.stdout).toContain('summary: 2 fixed, 0 introduced, 0 kept');
  });

  it('a patch that introduces violations exits 1', () => {
    const r = mc('diff', '--base', 'v4.19.90', '--patched', '14bebe3c', '--writers', '1', '--writes', '3', '--workers', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Introduced: holds on the base, violated on the patched variant \(1\)\n {2}MappingNonNull: v4\.19\.90 ✓ holds; 14bebe3c ✗ violated/);
    expect(r.stdout).toContain("14bebe3c's counterexample replayed on v4.19.90:");
  });

  it('a missing --patched: one line, exit 2', () => {
    const r = mc('diff', '--base', '14bebe3c');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^mc: mc diff needs --patched <id>; variants of spec nfs: v4\.19\.90, 14bebe3c/);
  });
});
