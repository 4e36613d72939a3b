/**
 * Coverage (`--coverage`): how often each step was taken from the states the search expanded.
 * A verdict of "holds" is only as good as the behaviour it was checked over: a step that no
 * explored state enabled (nfs_wb_page with one writer and one write, say) is code every
 * property holds over vacuously, and TLC users read `-coverage` for exactly that.
 *
 * Each thread counts the transitions of the batches it expands (cheaply, by identity and
 * outcome); the search adds up the counts of the batches it merges, so they are the same whatever
 * the number of threads; and the counts are grouped by step only here, once.
 */
import type { Model } from './model';
import type { Coverage, StepCoverage } from './result';

/**
 * Transitions taken, by identity (which one process always takes), then by outcome ('' when it has
 * none): two lookups and no string built per transition.
 */
export type StepCounts = Map<string, IdentityCounts>;

export interface IdentityCounts {
  readonly process: number;
  readonly outcomes: Map<string, number>;
  /**
   * Of those, the transitions that violated a step property, by outcome: the search never expands
   * their targets, so nothing after them was explored (made only when one is counted).
   */
  violating?: Map<string, number>;
}

function add(counts: StepCounts, process: number, action: string, outcome: string, n: number, violating: number): void {
  let identity = counts.get(action);
  if (identity === undefined) counts.set(action, (identity = { process, outcomes: new Map() }));
  identity.outcomes.set(outcome, (identity.outcomes.get(outcome) ?? 0) + n);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a map of zeros reads as no violating transitions (coverageOf adds them up and keeps only sums above 0); the test only saves making it
  if (violating > 0) {
    const v = (identity.violating ??= new Map());
    v.set(outcome, (v.get(outcome) ?? 0) + violating);
  }
}

/** One transition taken (in the thread expanding its state); `violating` when it violates a step property. */
export function countStep(counts: StepCounts, process: number, action: string, outcome: string | undefined, violating: boolean): void {
  add(counts, process, action, outcome ?? '', 1, violating ? 1 : 0);
}

/** A merged batch's counts, into the search's. */
export function addCounts(into: StepCounts, from: StepCounts): void {
  for (const [action, { process, outcomes, violating }] of from) {
    for (const [outcome, n] of outcomes) add(into, process, action, outcome, n, violating?.get(outcome) ?? 0);
  }
}

/**
 * The step an identity names, in the `Process.step(choice)` form MODEL.md §4 gives (and
 * TwoPhase's `TM.TMRcvPrepared(RM1)` follows): the acting process's name and the choice dropped.
 * An identity in another form is its own step.
 */
export function stepOf(action: string, processName: string | undefined): string {
  const unprefixed = processName !== undefined && action.startsWith(`${processName}.`) ? action.slice(processName.length + 1) : action;
  const choice = unprefixed.indexOf('(');
  return choice > 0 && unprefixed.endsWith(')') ? unprefixed.slice(0, choice) : unprefixed;
}

/** The step of a vocabulary identity, whose process is whichever name prefixes it. */
function vocabularyStep(action: string, processes: readonly string[]): string {
  return stepOf(action, processes.find((p) => action.startsWith(`${p}.`)));
}

/** Code-unit order, the same in every locale (not localeCompare). */
// Stryker disable next-line EqualityOperator,ConditionalExpression: V8's sort asks only whether a comparison is below 0, so what a greater pair answers (1 or 0) never changes the order, and equal names (one step's outcomes) are added together whatever their order
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The counts of a search, grouped by step (in the vocabulary's order when the model has one). */
export function coverageOf(model: Model<unknown>, counts: StepCounts, complete: boolean): Coverage {
  const steps = new Map<string, { taken: number; violating: number; outcomes: Map<string, { taken: number; violating: number }> }>();
  const vocabulary = model.actions?.();
  const entry = (step: string) => {
    let e = steps.get(step);
    if (!e) steps.set(step, (e = { taken: 0, violating: 0, outcomes: new Map() }));
    return e;
  };
  // The vocabulary first, so that its order is the report's and its untaken steps are listed.
  if (vocabulary) for (const action of vocabulary) entry(vocabularyStep(action, model.processes));
  const taken = [...counts].flatMap(([action, { process, outcomes, violating }]) =>
    [...outcomes].map(([outcome, n]) => ({ step: stepOf(action, model.processes[process]), outcome, n, v: violating?.get(outcome) ?? 0 })),
  );
  // Without a vocabulary the steps come in the order of their names, not of the search's batches.
  // Stryker disable next-line ConditionalExpression: with a vocabulary its steps are entered first, in its order, and spec-check makes every step taken one of them, so sorting what is taken changes nothing
  if (!vocabulary) taken.sort((a, b) => byName(a.step, b.step));
  for (const { step, outcome, n, v } of taken) {
    const e = entry(step);
    e.taken += n;
    e.violating += v;
    if (outcome === '') continue;
    const o = e.outcomes.get(outcome) ?? { taken: 0, violating: 0 };
    e.outcomes.set(outcome, { taken: o.taken + n, violating: o.violating + v });
  }
  const out: StepCoverage[] = [...steps].map(([step, e]) => ({
    step,
    taken: e.taken,
    ...(e.violating > 0 ? { violating: e.violating } : {}),
    outcomes: [...e.outcomes]
      .sort(([a], [b]) => byName(a, b))
      .map(([outcome, o]) => ({ outcome, taken: o.taken, ...(o.violating > 0 ? { violating: o.violating } : {}) })),
  }));
  return { complete, vocabulary: vocabulary !== undefined, steps: out };
}
