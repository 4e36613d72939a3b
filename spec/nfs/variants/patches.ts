/**
 * The patches over 4.19.90, as data: each overrides only the kernel functions its commit changes
 * (see ../kernel/functions.ts). Citations: KERNEL-NOTES §2 (docs/MODEL.md §5).
 */
import { EDQUOT, NONE } from '../state';
import type { KernelFunctions } from '../kernel/functions';

export interface KernelPatch {
  /** Short id, e.g. `14bebe3c`. */
  readonly id: string;
  /** Upstream commit or where the change comes from. */
  readonly commit: string;
  /** Kernel versions carrying it. */
  readonly versions: string;
  /** One line: what it changes, in the model's terms. */
  readonly summary: string;
  readonly overrides: Partial<KernelFunctions>;
}

/**
 * 14bebe3c90b3 "NFS: Don't interrupt file writeout due to fatal errors" (v5.2-rc1), backported to
 * 4.19.99 as 89047634f5ce: fs/nfs/write.c:649 out_launder `return ret;` → `return 0;`.
 */
export const P_14BEBE3C: KernelPatch = {
  id: '14bebe3c',
  commit: '14bebe3c90b3 (4.19.y 89047634f5ce)',
  versions: 'v5.2-rc1; 4.19.99',
  summary: 'out_launder returns 0 instead of the fatal error',
  overrides: { launderReturn: () => 0 },
};

/**
 * 22876f540bdf "NFS: Don't call generic_error_remove_page() while holding locks" (v5.2-rc1),
 * backported to 4.19.298: nfs_write_error_remove_page does SetPageError, end writeback, release;
 * the page stays cached and the request stays attached (no nfs_inode_remove_request).
 */
export const P_22876F54: KernelPatch = {
  id: '22876f54',
  commit: '22876f540bdf',
  versions: 'v5.2-rc1; 4.19.298',
  summary: 'out_launder only sets PG_error: the page stays cached, the request stays attached',
  overrides: {
    writeErrorMark: (_d, page) => {
      page.error = true;
      return 'SetPageError';
    },
    writeErrorRemovePage: () => false,
  },
};

/** The seed's proposed fix on a pre-22876f54 tree: revert 14bebe3c (out_launder returns ret). */
export const P_REVERT_14BEBE3C: KernelPatch = {
  id: 'revert-14bebe3c',
  commit: 'revert of 89047634f5ce (seed proposal)',
  versions: 'proposed for 4.19.99-297',
  summary: 'out_launder returns the fatal error again',
  overrides: { launderReturn: (ret) => ret },
};

/**
 * The author's 2024 4.19 patch "NFS: fix null-ptr-deref in nfs_inode_add_request()" on top of
 * 22876f54 (<20241209085410.601489-1-chenxiaosong@chenxiaosong.com>); never merged (4.19 EOL).
 */
export const P_RETURN_RET: KernelPatch = {
  id: 'return-ret',
  commit: '2024 4.19 patch (never merged)',
  versions: 'proposed for 4.19.325',
  summary: 'out_launder returns ret on top of 22876f54',
  overrides: { launderReturn: (ret) => ret },
};

/**
 * 06c9fdf3b9f1 "NFS: On fatal writeback errors, we need to call nfs_inode_remove_request()"
 * (v5.3): the error path removes the request (nfs_inode_remove_request) without removing the page.
 */
export const P_06C9FDF3: KernelPatch = {
  id: '06c9fdf3',
  commit: '06c9fdf3b9f1',
  versions: 'v5.3; 5.2.y',
  summary: 'the write-error path calls nfs_inode_remove_request',
  overrides: { writeErrorRemovesRequest: () => true },
};

/**
 * 6fbda89b257f "NFS: Replace custom error reporting mechanism with generic one" (v5.2-rc1), in the
 * form of v6.x (fs/nfs/write.c:582 nfs_do_writepage, write.c:569 nfs_write_error,
 * fs/nfs/file.c:696 nfs_file_write, file.c:141 nfs_file_flush): no per-ctx error; errors go to the
 * mapping's errseq; the only launder is a fatal pg_error of a fresh pgio, which is cleared.
 */
export const P_6FBDA89B: KernelPatch = {
  id: '6fbda89b',
  commit: '6fbda89b257f (+ v6.x folio forms)',
  versions: 'v5.2-rc1 .. v6.18',
  summary: 'errors reported through the mapping (errseq), not the open context',
  overrides: {
    errorReporting: 'errseq',
    // A fresh pgio has pg_error == 0: no check launders before nfs_pageio_add_request.
    fatalCheck: () => 0,
    // The pg_error goes straight to out_launder; nfs_write_error records it.
    pageioFailure: () => {},
    // `pgio->pg_error = 0` / out_launder returns 0: nfs_writepage_locked returns 0.
    writepageLockedReturn: (err) => err,
    // nfs_write_error → nfs_mapping_set_error (write.c:228): filemap_set_wb_err.
    writeErrorMark: (d) => {
      d.wbErr++;
      return 'mapping_set_error(-EDQUOT)';
    },
    // nfs_write_completion (write.c:909) → nfs_mapping_set_error.
    completionError: (d) => {
      d.wbErr++;
    },
    // nfs_file_write (file.c:696): `since = filemap_sample_wb_err(mapping)`.
    writeStart: (d, w) => {
      d.writers[w]!.since = d.wbErr;
    },
    // filemap_check_wb_err(mapping, since) != 0 → nfs_wb_all and report -EDQUOT.
    writeEndErrorCheck: (s, w) => s.wbErr !== s.writers[w]!.since,
    // nfs_file_flush (file.c:141): `since = filemap_sample_wb_err(file->f_mapping)` before nfs_wb_all.
    closeSample: (d, w) => {
      d.writers[w]!.since = d.wbErr;
    },
    // write: returns the error that triggered the check; close: filemap_check_wb_err (no SEEN flag).
    fsyncReport: (d, w, _failed, purpose) => {
      if (purpose === 'write') return EDQUOT;
      const since = d.writers[w]!.since;
      return since !== NONE && d.wbErr !== since ? EDQUOT : 0;
    },
  },
};

/**
 * Mutant (not a kernel): 14bebe3c + `if (!mapping) return;` in nfs_inode_add_request after
 * nfs_lock_request — a "fix" a reviewer might propose. nfs_grow_file then dereferences the same
 * NULL mapping.
 */
export const P_NULLCHECK: KernelPatch = {
  id: 'nullcheck',
  commit: 'mutant',
  versions: 'none',
  summary: 'nfs_inode_add_request returns early on a NULL mapping',
  overrides: {
    inodeAddRequest: (d, page, cached, req) => {
      if (!cached) return false; // `if (!mapping) return;` after nfs_lock_request
      page.private = { ...req };
      d.nrequests++;
      return true;
    },
  },
};
