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
}

export const SPECS: readonly SpecEntry[] = [
  { name: 'nfs', module: path.join(__dirname, 'nfs', 'index') },
  { name: 'two-phase', module: path.join(__dirname, 'two-phase', 'index') },
];

export const DEFAULT_SPEC = 'nfs';

export function loadSpec(entry: SpecEntry): SpecDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(entry.module) as { spec: SpecDefinition }).spec;
}
