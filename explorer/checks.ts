/**
 * The model's properties flattened into numbered checks, the form the search evaluates. Numbering
 * is by order of appearance, so every thread agrees on it.
 */
import type { Check, Model, Property } from './model';

export interface NumberedCheck<S> {
  /** Position among all checks of the model. */
  readonly id: number;
  readonly property: Property<S>;
  readonly check: Check<S>;
}

export interface CheckPlan<S> {
  readonly all: readonly NumberedCheck<S>[];
  /** `always` and `atQuiescence` checks: bit i of a state's failure mask is `stateChecks[i]`. */
  readonly stateChecks: readonly NumberedCheck<S>[];
  /** `leaves` checks, in order: a state carries one region mask per entry. */
  readonly liveness: readonly NumberedCheck<S>[];
  /** Property name -> 1-based code stored on a violating edge. */
  readonly stepCodes: ReadonlyMap<string, number>;
  readonly stepChecks: readonly NumberedCheck<S>[];
}

export function planChecks<S>(model: Model<S>): CheckPlan<S> {
  const all: NumberedCheck<S>[] = [];
  for (const property of model.properties) {
    for (const check of property.checks) all.push({ id: all.length, property, check });
  }
  const stateChecks = all.filter((c) => c.check.kind === 'always' || c.check.kind === 'atQuiescence');
  if (stateChecks.length > 32) throw new Error('a model may have at most 32 state checks');
  const stepChecks = all.filter((c) => c.check.kind === 'step');
  const stepCodes = new Map(stepChecks.map((c, i) => [c.property.name, i + 1] as const));
  return { all, stateChecks, liveness: all.filter((c) => c.check.kind === 'leaves'), stepCodes, stepChecks };
}
