/**
 * The specs the CLI can offer: the registry's entries with their declarations loaded. A spec
 * whose module fails to load is still listed (so that `mc specs` can say why) but cannot run.
 */
import { DEFAULT_SPEC, SPECS, loadSpec, type SpecEntry } from '../spec/registry';
import type { SpecDefinition } from '../explorer/spec';
import { fail, MSG } from './messages';

export interface CatalogEntry {
  readonly entry: SpecEntry;
  readonly definition?: SpecDefinition;
  /** Why the module could not be loaded. */
  readonly error?: string;
}

/** The engine's own property, reported after the model's (see explorer/result.ts). */
export const DEADLOCK_PROPERTY = 'DeadlockFree';

let cache: readonly CatalogEntry[] | undefined;

export function catalog(): readonly CatalogEntry[] {
  cache ??= SPECS.map((entry) => {
    try {
      return { entry, definition: loadSpec(entry) };
    } catch (e) {
      const why = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      return { entry, error: why };
    }
  });
  return cache;
}

export const specNames = (): string[] => SPECS.map((s) => s.name);

export { DEFAULT_SPEC };

/** The named spec, loaded; a usage error when unknown, an internal error when it fails to load. */
export function findSpec(name: string): { entry: SpecEntry; definition: SpecDefinition } {
  const found = catalog().find((c) => c.entry.name === name);
  if (!found) return fail(MSG.unknownSpec(name, specNames()));
  if (!found.definition) return fail(MSG.specUnavailable(name, found.error ?? 'unknown error'));
  return { entry: found.entry, definition: found.definition };
}

/** Property names `--expect` may use: the spec's, then the engine's deadlock check. */
export function expectableProperties(spec: SpecDefinition): string[] {
  return spec.propertyNames.includes(DEADLOCK_PROPERTY)
    ? [...spec.propertyNames]
    : [...spec.propertyNames, DEADLOCK_PROPERTY];
}

export function paramRange(p: { min: number; max: number }): string {
  return `${p.min}..${p.max}`;
}
