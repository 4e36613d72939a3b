/**
 * WbPageTerminates (MODEL.md §6): every call of nfs_wb_page returns (weak fairness per process).
 *
 * Protects the loop of nfs_wb_page (fs/nfs/write.c:2036), which exits only when writepage fails,
 * when the page is clean and !PagePrivate, or when nfs_commit_inode fails. After 22876f54 the
 * out_launder path leaves the request attached to a clean page, nfs_commit_inode(FLUSH_SYNC)
 * returns 0 with nothing to commit, and the writer spins holding the page lock and i_rwsem (the
 * seed's soft lockup; other writers in D state in nfs_start_io_write).
 */
import type { Property } from '../../explorer/model';
import type { NfsState } from '../../spec/nfs/state';

export const WB_PAGE_TERMINATES = 'WbPageTerminates';

export function wbPageTerminates(writers: number): Property<NfsState> {
  return {
    name: WB_PAGE_TERMINATES,
    description: 'every nfs_wb_page call returns (a writer never spins in it forever holding the page lock and i_rwsem)',
    checks: [
      {
        kind: 'leaves',
        processes: Array.from({ length: writers }, (_, i) => i),
        // Asked about every process under symmetry: the flusher and rpciod are never in nfs_wb_page.
        inRegion: (s, w) => s.writers[w]?.pc.at === 'wb_page',
        region: 'nfs_wb_page',
      },
    ],
  };
}
