/**
 * What every part of a run must read the same way, resolved once per run: the model, its numbered
 * checks, the fingerprint function, whether the search reduces by symmetry, whether it keeps
 * every edge, and where it keeps the fingerprints it has seen. The search, the recording search,
 * the executors and the verdicts take it whole, so that no part re-derives one of these facts
 * (and none can disagree with another about it); `explore.ts` and the warm bench resolve it with
 * the same function.
 */
import type { Model } from './model';
import { planChecks, type CheckPlan } from './checks';
import type { Hasher } from './fingerprint';
import type { FingerprintSet } from './fingerprint-set';
import { SeenSet } from './seen-set';
import { singledOut } from './state-facts';

export interface SearchContext<S> {
  readonly model: Model<S>;
  readonly plan: CheckPlan<S>;
  readonly hasher: Hasher;
  /** The seed `hasher` hashes with: 0, or the seed `--exact` moved to after a collision (explore.ts). */
  readonly fingerprintSeed: number;
  /**
   * `--exact`: keep every state's bytes and compare them on each fingerprint found again, so that a
   * search that ends has met no fingerprint collision (exact-states.ts).
   */
  readonly exact: boolean;
  /**
   * The search stores representatives (`model.canonical`): asked for, the model has `canonical`,
   * and no check names particular processes (state-facts.ts).
   */
  readonly symmetry: boolean;
  /**
   * The first search keeps every edge, with each state's enabled processes and region masks: only
   * liveness reads the whole graph. A safety-only search keeps the seen set, and a failure's edges
   * are recorded by a second search (record-edges.ts).
   */
  readonly keepEdges: boolean;
  /** A fresh seen set for each search (fingerprint-set.ts): the in-memory table of seen-set.ts. */
  readonly newSeenSet: () => FingerprintSet;
}

/** A run's context, and why symmetry reduction was refused, when it was asked for and refused. */
export interface Resolved<S> {
  readonly context: SearchContext<S>;
  readonly symmetryOff: string | undefined;
}

export function resolveSearchContext<S>(model: Model<S>, hasher: Hasher, askedSymmetry: boolean, exact = false): Resolved<S> {
  const plan = planChecks(model);
  const keepEdges = plan.liveness.length > 0;
  const reducible = askedSymmetry && model.canonical !== undefined;
  const singling = reducible ? singledOut(model, plan) : undefined;
  const symmetry = reducible && singling === undefined;
  const context = { model, plan, hasher, fingerprintSeed: 0, exact, symmetry, keepEdges, newSeenSet: () => new SeenSet() };
  return { context, symmetryOff: singling };
}

/** The same run with fingerprints of another seed, hashed by `hasher` (a collision met under `--exact`). */
export function withFingerprintSeed<S>(context: SearchContext<S>, seed: number, hasher: Hasher): SearchContext<S> {
  return { ...context, fingerprintSeed: seed, hasher };
}

/** The same run without symmetry reduction (a check turned out not to be symmetric). */
export function withoutSymmetry<S>(context: SearchContext<S>): SearchContext<S> {
  return { ...context, symmetry: false };
}
