/**
 * NoRequestLeak (MODEL.md §6): (i) every live request is attached to a cached page; (ii) at
 * quiescence (every writer closed, nothing in flight) no request is left (nrequests == 0).
 *
 * Protects the request lifetime of fs/nfs/pagelist.c:311 nfs_create_request /
 * fs/nfs/write.c:779 nfs_inode_remove_request: a request on a page that left the page cache can
 * never be written or freed (i), and a request stranded on a clean page — what 22876f54's
 * out_launder leaves behind without 06c9fdf3's nfs_inode_remove_request — is never sent again:
 * nfs_release_page refuses while PG_private is set, so the page cannot be dropped from the cache
 * (the "cannot drop cache" symptom, ii).
 */
import type { Property } from '../../explorer/model';
import { requestName, type NfsState } from '../../spec/nfs/state';

export const NO_REQUEST_LEAK = 'NoRequestLeak';

function orphanedRequest(s: NfsState, names: readonly string[]): string | null {
  for (let w = 0; w < s.writers.length; w++) {
    const o = s.writers[w]!.orphan;
    if (o && o.private) {
      const t = s.writers[w]!.target;
      return `${requestName(o.private, names)} is attached to page ${t ? t.page : '?'}, which left the page cache while ${names[w]} held it`;
    }
  }
  return null;
}

function strandedRequests(s: NfsState, names: readonly string[]): string[] {
  const out: string[] = [];
  s.pages.forEach((pg, i) => {
    if (pg && pg.private) {
      const flags = [pg.dirty ? 'dirty' : 'clean', pg.error ? 'PG_error' : ''].filter(Boolean).join(', ');
      out.push(`${requestName(pg.private, names)} on page ${i} (${flags}, PG_private)`);
    }
  });
  return out;
}

export function noRequestLeak(names: readonly string[]): Property<NfsState> {
  return {
    name: NO_REQUEST_LEAK,
    description: 'every request is attached to a cached page, and none is left once every writer has closed (a stranded request pins its page)',
    checks: [
      {
        kind: 'always',
        holds: (s) => orphanedRequest(s, names) === null,
        explain: (s) => orphanedRequest(s, names) ?? 'no orphaned request',
      },
      {
        kind: 'atQuiescence',
        holds: (s) => s.nrequests === 0 && strandedRequests(s, names).length === 0,
        explain: (s) => {
          const st = strandedRequests(s, names);
          const one = st.length === 1;
          return `every writer closed, nothing in flight, nrequests ${s.nrequests}: ${st.join('; ')} stranded; writeback will never send ${one ? 'it' : 'them'} and drop_caches cannot free ${one ? 'the page' : 'their pages'}`;
        },
      },
    ],
  };
}
