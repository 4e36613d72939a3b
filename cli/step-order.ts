import type { TraceStep } from '../explorer/result';

/**
 * The order of a counterexample's steps that a search gives and a schema cannot say: a step that
 * violates a property leads to a state the search never expands, so nothing follows it, and a step
 * check's counterexample ends with the step that violates it. Each file format names the broken
 * rule in its own terms (cli/saved-result.ts, cli/saved-itf.ts).
 */
export type StepOrderProblem = { readonly stepAfterViolation: number } | { readonly stepCheckEnd: true };

export function stepOrderProblem(steps: readonly TraceStep[], check: string, property: string): StepOrderProblem | undefined {
  const early = steps.findIndex((t, j) => t.violates !== undefined && j < steps.length - 1);
  if (early >= 0) return { stepAfterViolation: early };
  if (check === 'step' && steps[steps.length - 1]?.violates !== property) return { stepCheckEnd: true };
  return undefined;
}
