/**
 * Coverage (`--coverage`): how often each step was taken from the states the search expanded,
 * and how many states it reached first. A verdict of "holds" is only as good as the behaviour it
 * was checked over: a step that no explored state enabled (nfs_wb_page with one writer and one
 * write, say) is code every property holds over vacuously, and TLC users read `-coverage` for
 * exactly that; a step taken often that reaches no new state only revisits or stutters (the
 * spin of 22876f54).
 *
 * Each thread counts the transitions of the batches it expands (cheaply, by identity and
 * outcome); the merge, which alone knows which successors are new, credits each new state to the
 * pair of the transition that found it, and adds up the counts of the batches it merges, so they
 * are the same whatever the number of threads; the counts are grouped by step only here, once.
 */
import type { Model } from './model';
import type { Coverage, StepCoverage } from './result';

/**
 * A search's transitions, by identity (which one process always takes), then by outcome ('' when
 * it has none).
 */
export type StepCounts = Map<string, IdentityCounts>;

export interface IdentityCounts {
  readonly process: number;
  readonly outcomes: Map<string, OutcomeCounts>;
}

export interface OutcomeCounts {
  taken: number;
  /**
   * Of those, the transitions that violated a step property: the search never expands their
   * targets, so nothing after them was explored.
   */
  violating: number;
  /**
   * The states these transitions reached first, in the search's order (TLC's "distinct states"
   * of an action): a step taken a million times that finds none only revisits, or stutters.
   */
  found: number;
}

/** One (identity, outcome) pair a batch counted. */
export interface StepKey {
  readonly process: number;
  readonly action: string;
  readonly outcome: string;
}

/**
 * A batch's transitions counted by (identity, outcome) pair, in the thread that expands it, the
 * pairs numbered as first met: each listed successor carries its pair's number, so that the merge,
 * which alone knows which successors are new states, can credit them to their step. Plain arrays,
 * to cross threads as they are.
 */
export interface BatchCounts {
  readonly keys: StepKey[];
  readonly taken: number[];
  readonly violating: number[];
}

/** Counts one batch's transitions: two lookups and no string built per transition. */
export class BatchCounter {
  readonly counts: BatchCounts = { keys: [], taken: [], violating: [] };
  private readonly numbers = new Map<string, Map<string, number>>();

  /** One transition taken (`violating` when it violates a step property); returns its pair's number. */
  count(process: number, action: string, outcome: string | undefined, violating: boolean): number {
    let byOutcome = this.numbers.get(action);
    if (byOutcome === undefined) this.numbers.set(action, (byOutcome = new Map()));
    const named = outcome ?? '';
    let key = byOutcome.get(named);
    if (key === undefined) {
      key = this.counts.keys.length;
      byOutcome.set(named, key);
      this.counts.keys.push({ process, action, outcome: named });
      this.counts.taken.push(0);
      this.counts.violating.push(0);
    }
    this.counts.taken[key]!++;
    if (violating) this.counts.violating[key]!++;
    return key;
  }
}

/** A merged batch's counts, into the search's, with the new states it found by pair number. */
export function addCounts(into: StepCounts, batch: BatchCounts, found: Uint32Array): void {
  batch.keys.forEach(({ process, action, outcome }, key) => {
    let identity = into.get(action);
    if (identity === undefined) into.set(action, (identity = { process, outcomes: new Map() }));
    let counts = identity.outcomes.get(outcome);
    if (counts === undefined) identity.outcomes.set(outcome, (counts = { taken: 0, violating: 0, found: 0 }));
    counts.taken += batch.taken[key]!;
    counts.violating += batch.violating[key]!;
    counts.found += found[key]!;
  });
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

/**
 * The counts of a search, grouped by step (in the vocabulary's order when the model has one), and
 * the number of its initial states: with each step's new states they add up to the states found.
 */
export function coverageOf(model: Model<unknown>, counts: StepCounts, complete: boolean, initial: number): Coverage {
  const steps = new Map<string, OutcomeCounts & { outcomes: Map<string, OutcomeCounts> }>();
  const vocabulary = model.actions?.();
  const entry = (step: string) => {
    let e = steps.get(step);
    if (!e) steps.set(step, (e = { taken: 0, violating: 0, found: 0, outcomes: new Map() }));
    return e;
  };
  // The vocabulary first, so that its order is the report's and its untaken steps are listed.
  if (vocabulary) for (const action of vocabulary) entry(vocabularyStep(action, model.processes));
  const taken = [...counts].flatMap(([action, { process, outcomes }]) =>
    [...outcomes].map(([outcome, n]) => ({ step: stepOf(action, model.processes[process]), outcome, n })),
  );
  // Without a vocabulary the steps come in the order of their names, not of the search's batches.
  // Stryker disable next-line ConditionalExpression: with a vocabulary its steps are entered first, in its order, and spec-check makes every step taken one of them, so sorting what is taken changes nothing
  if (!vocabulary) taken.sort((a, b) => byName(a.step, b.step));
  const addTo = (into: OutcomeCounts, n: OutcomeCounts) => {
    into.taken += n.taken;
    into.violating += n.violating;
    into.found += n.found;
  };
  for (const { step, outcome, n } of taken) {
    const e = entry(step);
    addTo(e, n);
    if (outcome === '') continue;
    let o = e.outcomes.get(outcome);
    if (!o) e.outcomes.set(outcome, (o = { taken: 0, violating: 0, found: 0 }));
    addTo(o, n);
  }
  const row = (n: OutcomeCounts) => ({ taken: n.taken, distinct: n.found, ...(n.violating > 0 ? { violating: n.violating } : {}) });
  const out: StepCoverage[] = [...steps].map(([step, e]) => ({
    step,
    ...row(e),
    outcomes: [...e.outcomes].sort(([a], [b]) => byName(a, b)).map(([outcome, o]) => ({ outcome, ...row(o) })),
  }));
  return { complete, vocabulary: vocabulary !== undefined, initial, steps: out };
}
