/**
 * What one variant changes over another, as the spec lists its variants' patches
 * (`VariantInfo.patches`): the patches one has and the other lacks. `mc diff` heads its report
 * with them and names only them at a step where the variants part; `mc replay` names only them at
 * a step that does something else on the variant replayed on than on the one recorded.
 */
import type { PatchInfo } from '../explorer/model';
import type { SpecDefinition } from '../explorer/spec';

export interface PatchDifference {
  /** Patches `to` has and `from` lacks. */
  readonly added: readonly PatchInfo[];
  /** Patches `from` has and `to` lacks. */
  readonly removed: readonly PatchInfo[];
}

/**
 * The patches `to` adds to `from` and those it drops; undefined when the spec lists the patches
 * of neither (nothing is then known of what one adds) or does not know one of them (a file
 * recorded on a variant this version of the spec no longer has).
 */
export function patchDifference(spec: SpecDefinition, from: string | undefined, to: string | undefined): PatchDifference | undefined {
  const find = (id: string | undefined) => spec.variants?.find((v) => v.id === id);
  const a = find(from);
  const b = find(to);
  if (a === undefined || b === undefined || (a.patches === undefined && b.patches === undefined)) return undefined;
  const before = a.patches ?? [];
  const after = b.patches ?? [];
  const has = (list: readonly PatchInfo[], id: string) => list.some((x) => x.id === id);
  return { added: after.filter((x) => !has(before, x.id)), removed: before.filter((x) => !has(after, x.id)) };
}
