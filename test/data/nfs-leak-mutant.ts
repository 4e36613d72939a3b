/**
 * Test-only mutant (MODEL.md §6): no kernel variant violates NoRequestLeak part (i), so this one
 * shows the check can fail. It is 14bebe3c whose generic_error_remove_page skips the
 * invalidation (truncate_cleanup_page's do_invalidatepage → nfs_wb_page_cancel →
 * nfs_inode_remove_request): the page leaves the page cache with its request still attached.
 */
import type { SpecDefinition } from '../../explorer/spec';
import { spec as nfs } from '../../spec/nfs';
import { buildNfsModel } from '../../spec/nfs/model';
import { parseParams } from '../../spec/nfs/params';
import { findVariant } from '../../spec/nfs/variants';
import type { KernelPatch } from '../../spec/nfs/variants/patches';

export const P_NO_INVALIDATE: KernelPatch = {
  id: 'no-invalidate',
  commit: 'mutant',
  versions: 'none',
  summary: 'generic_error_remove_page deletes the page without nfs_wb_page_cancel',
  overrides: {
    writeErrorRemovePage: (_d, page) => {
      page.dirty = false; // cancel_dirty_page; delete_from_page_cache
      return true;
    },
  },
};

export const MUTANT_PATCHES: readonly KernelPatch[] = [...findVariant('14bebe3c').patches, P_NO_INVALIDATE];

export const spec: SpecDefinition = {
  ...nfs,
  name: 'nfs-leak-mutant',
  variants: undefined,
  build: (args) => buildNfsModel(MUTANT_PATCHES, parseParams(args.params)),
};
