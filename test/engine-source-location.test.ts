/** Where a step is in the modelled code (explorer/source-location.ts): the frame with a line, and the printed chain. */
import { describe, expect, it } from 'vitest';
import { formatSource, pinnedFrame } from '../explorer/source-location';

describe('source locations', () => {
  it('pin the location itself when it has a line, else its innermost caller with one', () => {
    const pinned = { file: 'fs/nfs/write.c', line: 2036, function: 'nfs_wb_page' };
    expect(pinnedFrame(pinned)).toBe(pinned);
    const pinnedWithCallers = { ...pinned, via: [{ file: 'fs/nfs/write.c', line: 1, function: 'outer' }] };
    expect(pinnedFrame(pinnedWithCallers)).toBe(pinnedWithCallers);
    const outer = { file: 'fs/nfs/write.c', line: 1, function: 'outer' };
    const inner = { file: 'fs/nfs/write.c', line: 2, function: 'inner' };
    const helper = { file: 'mm/filemap.c', function: 'helper', via: [outer, inner, { file: 'mm/x.c', function: 'noline' }] };
    expect(pinnedFrame(helper)).toBe(inner);
    const unpinned = { file: 'mm/filemap.c', function: 'helper', via: [{ file: 'mm/x.c', function: 'noline' }] };
    expect(pinnedFrame(unpinned)).toBe(unpinned);
    const alone = { file: 'mm/filemap.c', function: 'helper' };
    expect(pinnedFrame(alone)).toBe(alone);
  });

  it('print the calls outermost first, not repeating a file for a frame without a line', () => {
    expect(formatSource({ file: 'fs/nfs/write.c', line: 2036, function: 'nfs_wb_page' })).toBe('fs/nfs/write.c:2036 nfs_wb_page');
    expect(
      formatSource({ file: 'fs/nfs/write.c', function: 'nfs_grow_file', via: [{ file: 'fs/nfs/write.c', line: 1173, function: 'nfs_writepage_setup' }] }),
    ).toBe('fs/nfs/write.c:1173 nfs_writepage_setup → nfs_grow_file');
    expect(
      formatSource({ file: 'fs/nfs/write.c', line: 711, function: 'nfs_writepages', via: [{ file: 'mm/page-writeback.c', function: 'write_cache_pages' }] }),
    ).toBe('mm/page-writeback.c write_cache_pages → fs/nfs/write.c:711 nfs_writepages');
    expect(formatSource({ file: 'a.c', line: 5, function: 'g', via: [{ file: 'a.c', line: 1, function: 'f' }] })).toBe('a.c:1 f → a.c:5 g');
    expect(formatSource({ file: 'b.c', function: 'g', via: [{ file: 'a.c', function: 'f' }] })).toBe('a.c f → b.c g');
  });
});
