/**
 * Where in the modelled program a step is: the kernel (or TLA+) file, line and function. Plain
 * data, carried unchanged from `Transition.source` into the `Result`, so that every report can
 * point at code (SARIF locations, lanes, Markdown) without parsing free text.
 */
export interface SourceFrame {
  /** Path as in the modelled tree, e.g. `fs/nfs/write.c` or `TwoPhase.tla`. */
  readonly file: string;
  /**
   * 1-based line in that tree's version (4.19.90 for nfs). Absent when the model does not pin the
   * line (a helper such as `mm/filemap.c filemap_fdatawait_range` modelled as a whole): a line
   * number is only given where it was checked against the source, never guessed.
   */
  readonly line?: number;
  readonly function: string;
}

export interface SourceLocation extends SourceFrame {
  /**
   * The calls that lead to `function`, outermost first, when they matter to the reader, e.g.
   * `nfs_writepage_setup` for the NULL dereference in `nfs_grow_file`.
   */
  readonly via?: readonly SourceFrame[];
}

/** The frame a report can point at with a line: the location itself, else its innermost caller with one. */
export function pinnedFrame(source: SourceLocation): SourceFrame {
  if (source.line !== undefined) return source;
  return [...(source.via ?? [])].reverse().find((f) => f.line !== undefined) ?? source;
}

/**
 * The one-line form reports print, outermost call first:
 * `fs/nfs/write.c:1173 nfs_writepage_setup → nfs_grow_file`,
 * `mm/page-writeback.c write_cache_pages → fs/nfs/write.c:711 nfs_writepages`.
 * A frame in the same file as the one before it does not repeat the file.
 */
export function formatSource(source: SourceLocation): string {
  const chain = [...(source.via ?? []), source];
  return chain
    .map((f, i) => {
      const line = f.line !== undefined ? `:${f.line}` : '';
      const sameFile = i > 0 && chain[i - 1]!.file === f.file;
      return sameFile && line === '' ? f.function : `${f.file}${line} ${f.function}`;
    })
    .join(' → ');
}
