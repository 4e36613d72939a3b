/**
 * MappingNonNull (MODEL.md §6): no write-path step dereferences the mapping of a page instance
 * that left the page cache.
 *
 * Protects every `page_file_mapping(page)->...` on the write path: nfs_inode_add_request
 * (fs/nfs/write.c:743, `spin_lock(&mapping->private_lock)` at NULL+0x80 — the seed's oops on
 * 4.19.99-297), nfs_grow_file / nfs_mark_uptodate (nfs_writepage_setup, write.c:1173),
 * nfs_updatepage (write.c:1330), nfs_lock_and_join_requests (write.c:458) and
 * nfs_inode_remove_request (write.c:779). The model's steps detect the dereference themselves
 * (spec/nfs/kernel/primitives.ts derefMapping) and mark the transition `violates`; this is a
 * `step` check.
 */
import type { Property } from '../../explorer/model';
import type { NfsState } from '../../spec/nfs/state';

export const MAPPING_NON_NULL = 'MappingNonNull';

export function mappingNonNull(): Property<NfsState> {
  return {
    name: MAPPING_NON_NULL,
    description: 'no write-path step dereferences the mapping of a page that left the page cache (the seed\'s oops in nfs_inode_add_request)',
    checks: [{ kind: 'step' }],
  };
}
