/**
 * An independent, deliberately naive reading of TwoPhase.tla, for checking the spec against.
 *
 * It shares no code with spec/two-phase: states are TLA+-style values (a function RM -> state as
 * a record, sets as sorted arrays, messages as records), serialised to JSON to be compared, and
 * the actions are transcribed again straight from the TLA+ text. Only the action naming
 * convention (`TM.TMRcvPrepared(RM1)`, `RM2.RMPrepare`) is shared, so that traces from the engine
 * can be replayed here. Slow, but it only has to handle a few RMs.
 */

type Msg = { type: 'Prepared'; rm: string } | { type: 'Commit' } | { type: 'Abort' };

export interface TlaState {
  rmState: Record<string, string>;
  tmState: string;
  /** A set: sorted, no duplicates. */
  tmPrepared: string[];
  /** A set of messages, each kept as its JSON text: sorted, no duplicates. */
  msgs: string[];
}

export type Variant = 'correct' | 'mutant';

const msg = (m: Msg): string => JSON.stringify(m);
const union = (set: string[], x: string): string[] => [...new Set([...set, x])].sort();

export function rmNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `RM${i + 1}`);
}

/** Serialisation with a fixed key order, so equal TLA+ values give equal strings. */
export function key(s: TlaState): string {
  const rms = Object.keys(s.rmState).sort();
  return JSON.stringify([rms.map((r) => [r, s.rmState[r]]), s.tmState, s.tmPrepared, s.msgs]);
}

export function tpInit(n: number): TlaState {
  return { rmState: Object.fromEntries(rmNames(n).map((r) => [r, 'working'])), tmState: 'init', tmPrepared: [], msgs: [] };
}

/** TPNext, as (action name, successor) pairs. */
export function tpNext(s: TlaState, variant: Variant): Array<[string, TlaState]> {
  const RM = Object.keys(s.rmState).sort();
  const out: Array<[string, TlaState]> = [];
  const with_ = (changes: Partial<TlaState>): TlaState => ({ ...s, ...changes });
  const setRm = (r: string, v: string): Record<string, string> => ({ ...s.rmState, [r]: v });

  // TMCommit
  if (s.tmState === 'init' && RM.every((r) => s.tmPrepared.includes(r))) {
    out.push(['TM.TMCommit', with_({ tmState: 'committed', msgs: union(s.msgs, msg({ type: 'Commit' })) })]);
  }
  // TMAbort
  if (s.tmState === 'init') {
    out.push(['TM.TMAbort', with_({ tmState: 'aborted', msgs: union(s.msgs, msg({ type: 'Abort' })) })]);
  }
  for (const r of RM) {
    // TMRcvPrepared(r)
    if (s.tmState === 'init' && s.msgs.includes(msg({ type: 'Prepared', rm: r }))) {
      out.push([`TM.TMRcvPrepared(${r})`, with_({ tmPrepared: union(s.tmPrepared, r) })]);
    }
    // RMPrepare(r)
    if (s.rmState[r] === 'working') {
      out.push([`${r}.RMPrepare`, with_({ rmState: setRm(r, 'prepared'), msgs: union(s.msgs, msg({ type: 'Prepared', rm: r })) })]);
    }
    // RMChooseToAbort(r); the mutant also lets a prepared RM abort.
    if (s.rmState[r] === 'working' || (variant === 'mutant' && s.rmState[r] === 'prepared')) {
      out.push([`${r}.RMChooseToAbort`, with_({ rmState: setRm(r, 'aborted') })]);
    }
    // RMRcvCommitMsg(r)
    if (s.msgs.includes(msg({ type: 'Commit' }))) {
      out.push([`${r}.RMRcvCommitMsg`, with_({ rmState: setRm(r, 'committed') })]);
    }
    // RMRcvAbortMsg(r)
    if (s.msgs.includes(msg({ type: 'Abort' }))) {
      out.push([`${r}.RMRcvAbortMsg`, with_({ rmState: setRm(r, 'aborted') })]);
    }
  }
  return out;
}

/** TCConsistent == \A r1, r2 \in RM : ~(rmState[r1] = "aborted" /\ rmState[r2] = "committed") */
export function tcConsistent(s: TlaState): boolean {
  const states = Object.values(s.rmState);
  return !(states.includes('aborted') && states.includes('committed'));
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** The state with every RM name renamed by `rename`. */
function renamed(s: TlaState, rename: Record<string, string>): TlaState {
  return {
    rmState: Object.fromEntries(Object.entries(s.rmState).map(([r, v]) => [rename[r]!, v])),
    tmState: s.tmState,
    tmPrepared: s.tmPrepared.map((r) => rename[r]!).sort(),
    msgs: s.msgs
      .map((m) => {
        const parsed = JSON.parse(m) as Msg;
        return parsed.type === 'Prepared' ? msg({ type: 'Prepared', rm: rename[parsed.rm]! }) : m;
      })
      .sort(),
  };
}

/** TLC's SYMMETRY Permutations(RM), by brute force: the least key over all N! renamings. */
export function orbitKey(s: TlaState): string {
  const rms = Object.keys(s.rmState).sort();
  let least: string | undefined;
  for (const p of permutations(rms)) {
    const k = key(renamed(s, Object.fromEntries(rms.map((r, i) => [r, p[i]!]))));
    if (least === undefined || k < least) least = k;
  }
  return least!;
}

export interface Exploration {
  /** Distinct states (TLC: "distinct states found"). */
  distinct: number;
  /** Initial states plus every successor computed, repeats included (TLC: "states generated"). */
  generated: number;
  /** BFS levels, the initial one included (TLC: "depth of the complete state graph search"). */
  levels: number;
  /** Length of a shortest path to a state violating TCConsistent, if any. */
  shortestViolation?: number;
}

/** Plain breadth-first search, like TLC's, optionally on orbits (symmetry). */
export function exploreReference(n: number, variant: Variant, symmetry = false): Exploration {
  const id = symmetry ? orbitKey : key;
  const init = tpInit(n);
  const seen = new Set([id(init)]);
  let frontier = [init];
  let generated = 1;
  let levels = 0;
  let shortestViolation: number | undefined;
  while (frontier.length > 0) {
    if (shortestViolation === undefined && frontier.some((s) => !tcConsistent(s))) shortestViolation = levels;
    levels++;
    const next: TlaState[] = [];
    for (const s of frontier) {
      for (const [, t] of tpNext(s, variant)) {
        generated++;
        const k = id(t);
        if (!seen.has(k)) {
          seen.add(k);
          next.push(t);
        }
      }
    }
    frontier = next;
  }
  return { distinct: seen.size, generated, levels, ...(shortestViolation === undefined ? {} : { shortestViolation }) };
}

/** Replays named actions from the initial state; throws when a step is not enabled. */
export function replay(n: number, variant: Variant, actions: readonly string[]): TlaState {
  let s = tpInit(n);
  for (const a of actions) {
    const step = tpNext(s, variant).find(([name]) => name === a);
    if (!step) throw new Error(`${a} is not enabled in ${key(s)}`);
    s = step[1];
  }
  return s;
}
