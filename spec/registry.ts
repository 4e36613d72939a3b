/**
 * The specs `mc` knows, by name. The CLI reads this list and each spec's declaration; it never
 * looks inside a model. Worker threads load a spec by the module path given here.
 */
import * as path from 'path';
import type { SpecDefinition } from '../explorer/spec';

export interface SpecEntry {
  readonly name: string;
  /** The module that exports `spec: SpecDefinition`. */
  readonly module: string;
  /**
   * The source folders (from the repository root) whose TypeScript files define the spec and its
   * properties: their hash identifies the spec in docs/PROPERTIES.md's certificates.
   */
  readonly sources: readonly string[];
}

export const SPECS: readonly SpecEntry[] = [
  { name: 'nfs', module: path.join(__dirname, 'nfs', 'index'), sources: ['spec/nfs', 'invariants/nfs'] },
  { name: 'two-phase', module: path.join(__dirname, 'two-phase', 'index'), sources: ['spec/two-phase', 'invariants/two-phase'] },
];

export const DEFAULT_SPEC = 'nfs';

export function loadSpec(entry: SpecEntry): SpecDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(entry.module) as { spec: SpecDefinition }).spec;
}
