/**
 * The `run` the CLI hands a search for a chosen variant: what the user named, and the variant's
 * caveats from the spec's declaration. The engine echoes it into the Result without reading a
 * spec, and every report reads the caveats from there, so none of them needs the spec beside it.
 */
import type { RunInfo } from '../explorer/result';
import type { SpecArgs, SpecDefinition } from '../explorer/spec';

export function runInfo(spec: SpecDefinition, args: SpecArgs): Omit<RunInfo, 'symmetry' | 'workers'> {
  const caveats = args.variant === undefined ? undefined : spec.variants?.find((v) => v.id === args.variant)?.notes;
  return {
    spec: spec.name,
    ...(args.variant !== undefined ? { variant: args.variant } : {}),
    params: args.params,
    ...(caveats !== undefined && caveats.length > 0 ? { caveats } : {}),
  };
}
