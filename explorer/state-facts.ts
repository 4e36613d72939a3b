/**
 * What the search records about a state besides its successors: whether it is quiescent, which
 * state checks fail, and which processes are inside each liveness region.
 *
 * Under symmetry the search only sees representatives, so every one of these facts must be
 * symmetric: the same on a state and on its representative once processes are renamed. A check
 * that names particular processes ("P1 never enters its critical section", "P1 eventually leaves
 * try") is not, and evaluating it on representatives alone gives wrong verdicts. Two things keep
 * the reduced search exact:
 * - region membership is recorded for every process, not just the listed ones, so that a real
 *   process keeps its region whatever index it has in the representative (liveness maps the
 *   bits back to real processes and then keeps the listed ones);
 * - a state check declared to name processes (`StateCheck.names`) turns reduction off up front
 *   (`singledOut`), and `symmetryWitness` compares the facts of each renamed successor with its
 *   representative's: a difference means an undeclared property is not symmetric, and the run is
 *   redone without reduction. That comparison is a safety net, not a proof: it sees only the
 *   renamings the search generates.
 */
import type { Canonical, Model } from './model';
import type { CheckPlan } from './checks';

export interface StateFacts {
  readonly quiescent: boolean;
  /** Bit i set when `plan.stateChecks[i]` fails. */
  readonly failures: number;
  /** One mask per `plan.liveness` entry: bit p set when process p is in that check's region. */
  readonly regions: Uint32Array;
}

/**
 * The fact-finder for a model. `reduced`: the search stores representatives, so regions are
 * evaluated for every process (a `leaves` check's `inRegion` is then asked about every process,
 * and must answer false for those that can never be in the region). It hands back the same
 * record at every call, filled for that state: read it before asking about another.
 */
export function stateFacts<S>(model: Model<S>, plan: CheckPlan<S>, reduced: boolean): (state: S) => StateFacts {
  const everyone = model.processes.map((_, p) => p);
  const asked = plan.liveness.map((n) => (n.check.kind !== 'leaves' ? [] : reduced ? everyone : n.check.processes));
  // One record, filled again at each call and read before the next: the search asks for the facts
  // of every state and, under symmetry, of two more per renamed successor (`symmetryWitness`), and
  // a fresh object and Uint32Array each time were 6 % of what nfs 22876f54 N = 3 allocated.
  // Stryker disable next-line BooleanLiteral: every call writes `quiescent` before it hands the record back
  const facts = { quiescent: false, failures: 0, regions: new Uint32Array(plan.liveness.length) };
  return (state) => {
    const quiescent = model.quiescent?.(state) ?? false;
    // Loops, not forEach: a callback made per state loses its optimized code at every full
    // garbage collection (see `factsFor` in expand.ts; nfs 22876f54 N = 3: 6-8 compiles of each).
    let failures = 0;
    for (let bit = 0; bit < plan.stateChecks.length; bit++) {
      const check = plan.stateChecks[bit]!.check;
      if (check.kind === 'always' ? !check.holds(state) : check.kind === 'atQuiescence' && quiescent && !check.holds(state)) {
        failures |= 1 << bit;
      }
    }
    const regions = facts.regions;
    for (let j = 0; j < plan.liveness.length; j++) {
      const check = plan.liveness[j]!.check;
      regions[j] = 0;
      if (check.kind !== 'leaves') continue;
      let mask = 0;
      for (const p of asked[j]!) if (check.inRegion(state, p)) mask |= 1 << p;
      regions[j] = mask >>> 0;
    }
    facts.quiescent = quiescent;
    facts.failures = failures >>> 0;
    return facts;
  };
}

/**
 * Undefined when `state` and its representative have the same facts (regions compared through
 * the renaming); otherwise one sentence naming the first property that tells them apart.
 */
export function symmetryWitness<S>(
  model: Model<S>,
  plan: CheckPlan<S>,
  facts: (state: S) => StateFacts,
  state: S,
  canonical: Canonical<S>,
): string | undefined {
  // The fact-finder fills one record (see `stateFacts`): the state's facts are copied out of it
  // first, into this thread's copy, before it is filled with the representative's.
  const found = facts(state);
  // Stryker disable next-line ConditionalExpression: a new array every time holds the same copy
  if (realRegions.length !== found.regions.length) realRegions = new Uint32Array(found.regions.length);
  realRegions.set(found.regions);
  const real = { quiescent: found.quiescent, failures: found.failures, regions: realRegions };
  const rep = facts(canonical.state);
  const shown = () => `${compact(model.view(state))} and its representative ${compact(model.view(canonical.state))}`;
  if (real.quiescent !== rep.quiescent) {
    return `Model.quiescent is not symmetric: it answers ${real.quiescent} and ${rep.quiescent} on ${shown()}`;
  }
  // Stryker disable next-line EqualityOperator: one more round (bit = length) compares bit `length` of both masks, 0 in both (at most 32 checks; `>>> 32` is `>>> 0`, bit 0, already found equal)
  for (let bit = 0; bit < plan.stateChecks.length; bit++) {
    const failsReal = (real.failures >>> bit) & 1;
    if (failsReal !== ((rep.failures >>> bit) & 1)) {
      const n = plan.stateChecks[bit];
      return `property ${n.property.name} is not symmetric: its ${n.check.kind} check ${failsReal ? 'fails' : 'holds'} on ${shown()}, where it ${failsReal ? 'holds' : 'fails'}`;
    }
  }
  // Stryker disable next-line EqualityOperator: one more round (j = length) reads regions[length], undefined in both, and `undefined >>> p` is 0 in both
  for (let j = 0; j < plan.liveness.length; j++) {
    for (let p = 0; p < model.processes.length; p++) {
      const inReal = (real.regions[j] >>> p) & 1;
      if (inReal !== ((rep.regions[j] >>> canonical.perm[p]) & 1)) {
        const n = plan.liveness[j];
        return `property ${n.property.name} is not symmetric: ${model.processes[p]} is ${inReal ? '' : 'not '}in its region in ${shown()}, where it is renamed ${model.processes[canonical.perm[p]]}`;
      }
    }
  }
  return undefined;
}

/** `symmetryWitness`'s copy of a state's regions (one per thread, reused). */
let realRegions = new Uint32Array(0);

function compact(view: Record<string, string>): string {
  return `{${Object.entries(view).map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}

/** A sentence naming the first state check declared to single out processes, if any. */
export function singledOut<S>(model: Model<S>, plan: CheckPlan<S>): string | undefined {
  for (const n of plan.stateChecks) {
    const check = n.check;
    if ((check.kind === 'always' || check.kind === 'atQuiescence') && check.names && check.names.length > 0) {
      const who = check.names.map((p) => model.processes[p] ?? `#${p}`).join(', ');
      return `property ${n.property.name} is not symmetric: its ${check.kind} check names ${who}`;
    }
  }
  return undefined;
}
