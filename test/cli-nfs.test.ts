/**
 * What the issues promise a kernel engineer, run exactly as a user types it (the built `mc`).
 */
import { describe, expect, it } from 'vitest';
import { mc } from './cli-helpers';

describe('mc check on the nfs spec, as the README runs it', () => {
  it("the main job: 22876f54 with three writers shows the seed's soft lockup and the stranded request", () => {
    const r = mc('check', '--variant', '22876f54', '--writers', '3', '--workers', '2');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✓ MappingNonNull\s+holds/);
    expect(r.stdout).toMatch(/✗ WbPageTerminates\s+violated\s+lasso/);
    expect(r.stdout).toMatch(/✗ NoRequestLeak\s+violated/);
    expect(r.stdout).toContain('complete: every reachable state was explored');
    // The R-state task: one writer spins in nfs_wb_page holding the page lock and i_rwsem...
    expect(r.stdout).toMatch(/W(\d)\s+spinning\s+in nfs_wb_page\(page \d\): page clean but PagePrivate, nfs_commit_inode returns 0; holds i_rwsem and the page lock/);
    const spinner = /W(\d)\s+spinning/.exec(r.stdout)![1];
    // ...and the D-state tasks: the other writers wait for i_rwsem.
    const blocked = [...r.stdout.matchAll(/W(\d)\s+blocked\s+D state: blocked in nfs_start_io_write on i_rwsem held by W(\d)/g)];
    expect(blocked).toHaveLength(2);
    for (const b of blocked) expect(b[2]).toBe(spinner);
    // NoRequestLeak (ii): the request stranded on a clean page.
    expect(r.stdout).toMatch(/NoRequestLeak fails at quiescence: .*stranded/);
  });

  it("14bebe3c, one writer, three writes: the seed's NULL dereference in nfs_inode_add_request", () => {
    const r = mc('check', '--variant', '14bebe3c', '--writers', '1', '--writes', '3');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✗ MappingNonNull\s+violated\s+trace: 17 steps/);
    expect(r.stdout).toContain('oops in nfs_inode_add_request');
    expect(mc('check', '--variant', '14bebe3c', '--writers', '1', '--writes', '2').code).toBe(0);
  });

  it('nullcheck only moves the oops, to nfs_grow_file', () => {
    const r = mc('check', '--variant', 'nullcheck', '--writers', '1', '--writes', '3', '--expect', 'MappingNonNull=violated,WbPageTerminates=holds,NoRequestLeak=holds');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('oops in nfs_grow_file');
    expect(r.stdout).toMatch(/W1 nfs_inode_add_request: NULL-mapping check returns without attaching R\(W1,\[\d,\d\)\); nfs_grow_file: the page left the page cache/);
  });

  it("mainline's write(2) error check is nfs_wb_all, not 4.19's vfs_fsync: the coverage names each variant's own call", () => {
    const main = mc('check', '--variant', 'mainline', '--writers', '1', '--coverage');
    expect(main.code, main.stderr).toBe(0);
    expect(main.stdout).toMatch(/\[check write: nfs_wb_all\]\s+\d/);
    expect(main.stdout).not.toMatch(/vfs_fsync|nfs_file_fsync/);
    expect(mc('check', '--variant', '06c9fdf3', '--writers', '1', '--coverage').stdout).toMatch(/\[check write: vfs_fsync\]\s+\d/);
  });

  it("return-ret's WbPageTerminates ✓ comes with MODEL.md §7's caveat, under the verdicts, in the full report and with --quiet", () => {
    const caveat = /\n {2}note: WbPageTerminates holds only because every modelled entry into nfs_wb_page starts on a dirty page; .*not modelled, docs\/MODEL\.md §9\)\.\n\ncomplete: /;
    for (const quiet of [[], ['--quiet']]) {
      const r = mc('check', '--variant', 'return-ret', '--writers', '1', ...quiet);
      expect(r.stdout).toMatch(/✓ WbPageTerminates\s+holds/);
      expect(r.stdout).toMatch(caveat);
    }
    expect(mc('check', '--variant', '06c9fdf3', '--writers', '1', '--quiet').stdout).not.toContain('note:');
  });

  it('--expect reports a calibration difference with exit 1', () => {
    const r = mc('check', '--variant', 'v4.19.90', '--writers', '1', '--expect', 'MappingNonNull=violated');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('MappingNonNull: expected violated, got holds');
  });
});
