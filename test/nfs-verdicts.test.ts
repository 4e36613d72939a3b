/**
 * The verdict table of docs/MODEL.md §7 through the engine (`explore`), for one writer (2 and 3
 * writes) and two writers, every variant. The expected table is test data
 * (test/data/nfs-expected-verdicts.json), copied from MODEL.md §7.
 *
 * Cells MODEL.md §7 leaves implicit, checked against the kernel notes before being written down:
 * - nullcheck with one writer and 2 writes holds MappingNonNull, like 14bebe3c: it is 14bebe3c
 *   plus a check after the same launder, so it needs the same schedule (3 writes for one writer).
 * - 22876f54 with one writer already spins at 2 writes: the flusher's pageio failure on page 0
 *   (write.c:620, ctx error set, out_launder) leaves R attached to the clean page (22876f54's
 *   nfs_write_error_remove_page), and the second write's non-contiguous update of R takes
 *   out_flushme (write.c:1140) → nfs_wb_page → launder again → clean but PagePrivate → spin.
 *   The seed's 3-write shape is needed only where the launder removes R (14bebe3c).
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore, type Result } from '../explorer';
import { verdicts } from './support/results';
import expected from './data/nfs-expected-verdicts.json';

const NFS_MODULE = path.join(__dirname, '..', 'spec', 'nfs', 'index');

type Cell = Record<string, string>;
const table = expected.expected as Record<string, Record<string, Cell>>;

async function check(variant: string, writers: number, writes: number, symmetry = false): Promise<Result> {
  const params = { ...expected.params, writers, writes };
  return explore({ module: NFS_MODULE, args: { variant, params } }, { spec: 'nfs', variant, params }, { workers: 1, symmetry });
}


describe('nfs: MODEL.md §7 verdicts through the engine', () => {
  for (const config of expected.configs) {
    for (const variant of Object.keys(table)) {
      const cell = table[variant]![config.id]!;
      it(`${variant} ${config.id}`, async () => {
        const result = await check(variant, config.writers, config.writes);
        expect(result.completion).toEqual({ complete: true });
        expect(verdicts(result)).toEqual({
          MappingNonNull: cell.MappingNonNull,
          WbPageTerminates: cell.WbPageTerminates,
          NoRequestLeak: cell.NoRequestLeak,
          DeadlockFree: cell.DeadlockFree,
        });
        const byName = (n: string) => result.properties.find((p) => p.name === n)!;
        if (cell.site) {
          const trace = byName('MappingNonNull').counterexample!;
          const last = trace.steps[trace.steps.length - 1]!;
          expect(last.violates).toBe('MappingNonNull');
          expect(last.outcome).toBe(`oops in ${cell.site}`);
        }
        if (cell.WbPageTerminates === 'violated') {
          const lasso = byName('WbPageTerminates').counterexample!;
          expect(lasso.shape).toBe('lasso');
          const cycle = lasso.steps.slice(lasso.loopStart);
          expect(cycle.map((s) => `${s.action}[${s.outcome}]`)).toContain(`${cycle[0]!.process}.wb_page_iter[nfs_commit_inode returns 0]`);
          expect(lasso.processes!.find((p) => p.role === 'spinning')!.detail).toMatch(/spinning in nfs_wb_page\(page \d\): page clean but PagePrivate, nfs_commit_inode returns 0; holds i_rwsem and the page lock/);
        }
        if (cell.leakCheck) expect(byName('NoRequestLeak').counterexample!.check).toBe(cell.leakCheck);
        // WbPageTerminates keeps every edge: a violation needs no second search to record them.
        expect(result.stats).not.toHaveProperty('recordingSeconds');
      }, 120_000);
    }
  }
});

describe('nfs: symmetry reduction keeps every verdict (two writers)', () => {
  for (const variant of Object.keys(table)) {
    it(variant, async () => {
      const [plain, reduced] = [await check(variant, 2, 2), await check(variant, 2, 2, true)];
      expect(verdicts(reduced)).toEqual(verdicts(plain));
      expect(reduced.stats.distinct).toBeLessThan(plain.stats.distinct);
      // Shortest counterexamples keep their length under symmetry.
      for (const p of plain.properties) {
        const q = reduced.properties.find((x) => x.name === p.name)!;
        expect(q.counterexample?.steps.length).toBe(p.counterexample?.steps.length);
      }
    }, 120_000);
  }
});
