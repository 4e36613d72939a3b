/**
 * The variants of MODEL.md §5: each is the 4.19.90 base plus an ordered list of patches.
 */
import type { VariantInfo } from '../../../explorer/spec';
import { BASE_4_19_90 } from '../kernel/base';
import type { KernelFunctions } from '../kernel/functions';
import {
  P_06C9FDF3,
  P_14BEBE3C,
  P_22876F54,
  P_6FBDA89B,
  P_NULLCHECK,
  P_RETURN_RET,
  P_REVERT_14BEBE3C,
  type KernelPatch,
} from './patches';

export interface Variant {
  readonly id: string;
  /** Kernel versions it stands for. */
  readonly version: string;
  readonly summary: string;
  readonly patches: readonly KernelPatch[];
}

export const VARIANTS: readonly Variant[] = [
  { id: 'v4.19.90', version: '4.19.40-4.19.98', summary: 'out_launder removes the page and returns the error', patches: [] },
  { id: '14bebe3c', version: '4.19.99-4.19.297', summary: 'out_launder removes the page and returns 0 (the seed\'s NULL dereference)', patches: [P_14BEBE3C] },
  { id: '22876f54', version: '4.19.298-4.19.325', summary: 'out_launder keeps page and request: nfs_wb_page spins (the seed\'s soft lockup)', patches: [P_14BEBE3C, P_22876F54] },
  { id: 'revert-14bebe3c', version: 'proposed on 4.19.99-297', summary: 'the seed\'s fix: revert 14bebe3c', patches: [P_14BEBE3C, P_REVERT_14BEBE3C] },
  { id: 'return-ret', version: 'proposed on 4.19.325 (never merged)', summary: '22876f54 + out_launder returns ret', patches: [P_14BEBE3C, P_22876F54, P_RETURN_RET] },
  { id: '06c9fdf3', version: '4.19 + 22876f54 + 06c9fdf3 (as mainline v5.3)', summary: 'the error path removes the request, keeps the page', patches: [P_14BEBE3C, P_22876F54, P_06C9FDF3] },
  { id: 'mainline', version: 'v6.x (6.18.2)', summary: 'errseq error reporting; the error path removes the request, keeps the page', patches: [P_14BEBE3C, P_22876F54, P_6FBDA89B, P_06C9FDF3] },
  { id: 'nullcheck', version: 'mutant of 4.19.99-297', summary: '14bebe3c + a NULL-mapping check in nfs_inode_add_request (the oops only moves)', patches: [P_14BEBE3C, P_NULLCHECK] },
];

/** The kernel a variant runs: the base with its patches applied in order. */
export function kernelOf(patches: readonly KernelPatch[]): KernelFunctions {
  return Object.assign({}, BASE_4_19_90, ...patches.map((p) => p.overrides)) as KernelFunctions;
}

export function findVariant(id: string | undefined): Variant {
  const v = VARIANTS.find((x) => x.id === id);
  if (!v) throw new Error(`nfs: --variant is required, one of: ${VARIANTS.map((x) => x.id).join(', ')}${id ? ` (got '${id}')` : ''}`);
  return v;
}

/** Caveats a verdict needs next to it (docs/MODEL.md §7: "say so in the documentation"). */
const NOTES: Readonly<Record<string, readonly string[]>> = {
  'return-ret': [
    'WbPageTerminates holds only because every modelled entry into nfs_wb_page starts on a dirty page; ' +
      "readpage, launder_page and a non-matching context would enter on the stranded request's clean page " +
      'and spin as on 22876f54 (not modelled, docs/MODEL.md §9).',
  ],
};

/** A note as `mc variants` lines: `note: ` then the words, wrapped at about 100 columns. */
function noteLines(note: string): string[] {
  const lines: string[] = [];
  for (const word of note.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 1 + word.length <= 106) lines[last] += ` ${word}`;
    else lines.push(`${last < 0 ? 'note:' : '     '} ${word}`);
  }
  return lines;
}

/**
 * What the model leaves out (docs/MODEL.md §9), shown with every variant's details so that no
 * verdict is read as covering it.
 */
export const NOT_MODELLED: readonly string[] = [
  'readers (nfs_readpage -> nfs_wb_page), which would enter nfs_wb_page on a clean page',
  'O_TRUNC and truncate',
  'unstable writes and COMMIT (every WRITE reply is stable)',
  'non-matching open contexts (different users or lock owners): nfs_flush_incompatible never flushes',
  'page groups and subrequests',
  'retries of non-fatal errors',
  'swap files',
  'nfs_can_extend_write (a real uptodate page widens every write to the whole page)',
];

export const VARIANT_INFOS: readonly VariantInfo[] = VARIANTS.map((v) => ({
  id: v.id,
  version: v.version,
  summary: v.summary,
  details: [
    'base: Linux 4.19.90 fs/nfs/write.c (blob 117ffd90419e2)',
    ...v.patches.map((p) => `+ ${p.id} (${p.commit}; ${p.versions}): ${p.summary}`),
    ...(NOTES[v.id] ?? []).flatMap(noteLines),
  ],
  ...(NOTES[v.id] ? { notes: NOTES[v.id] } : {}),
  patches: v.patches.map((p) => ({ id: p.id, summary: p.summary })),
}));
