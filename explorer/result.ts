/**
 * What a search produces: the only thing reports and the CLI read. Plain JSON data, versioned,
 * so that a result saved with `--json` renders the same later.
 */
import type { ItfState } from './itf-value';
import type { SourceLocation } from './source-location';

export type { ItfState, ItfValue } from './itf-value';
export type { SourceFrame, SourceLocation } from './source-location';

/**
 * mc-result/2: `TraceStep.source` became structured (file, line, function) and a counterexample
 * may carry its states as typed values (`states`).
 */
export const RESULT_SCHEMA = 'mc-result/2' as const;

export type Verdict = 'holds' | 'violated' | 'unknown';

/** Why a search ended before exploring every reachable state. */
export type StopReason = 'max-states' | 'max-seconds' | 'max-memory' | 'interrupted' | 'stop-on-violation';

/** The signals that stop a run cleanly (cli/stop-signals.ts): Ctrl-C, `kill`, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Whether an abort's reason names a stop signal (`Incomplete.signal`). */
export function isStopSignal(reason: unknown): reason is StopSignal {
  return (STOP_SIGNALS as readonly unknown[]).includes(reason);
}

export interface Result {
  readonly schema: typeof RESULT_SCHEMA;
  /** What was checked, as the caller named it (spec, variant, parameters). */
  readonly run: RunInfo;
  /** `complete`: every reachable state was explored; otherwise why the search stopped. */
  readonly completion: { readonly complete: true } | Incomplete;
  readonly stats: Stats;
  readonly processes: readonly string[];
  /** One entry per model property, in the model's order, then the engine's `DeadlockFree`. */
  readonly properties: readonly PropertyResult[];
  /**
   * What the engine changed about the run and why, one sentence each (e.g. symmetry reduction
   * turned off because a property is not symmetric). Reports show them before the verdicts.
   */
  readonly warnings?: readonly string[];
  /** With `--coverage` (`ExploreOptions.coverage`): how often each step was taken (coverage.ts). */
  readonly coverage?: Coverage;
}

/**
 * How often each step of the spec was taken from the states the search expanded, as TLC's
 * `-coverage` counts its actions: a step no explored state enabled is one every verdict holds
 * over vacuously. Steps are grouped over processes and choices (`W2.start_io_write(p1,s2)` is a
 * `start_io_write`); with symmetry reduction the counts are those of the representatives.
 */
export interface Coverage {
  /**
   * The search explored every reachable state (but the targets of violating steps, which it never
   * expands): a step counted 0 is enabled in none of them. Otherwise it was not enabled in the
   * states explored, which says nothing of the others.
   */
  readonly complete: boolean;
  /**
   * Whether the model lists its step vocabulary (`Model.actions`): only then are the steps never
   * taken listed, with 0.
   */
  readonly vocabulary: boolean;
  /**
   * The initial states (representatives, with symmetry reduction): with every step's `distinct`
   * they add up to the states the search found.
   */
  readonly initial: number;
  /** In the vocabulary's order (else by name); those never taken have `taken` 0. */
  readonly steps: readonly StepCoverage[];
}

export interface StepCoverage {
  /** The step, without its process and choice: `wb_page_iter`, `TMRcvPrepared`. */
  readonly step: string;
  /** Transitions of this step from expanded states, repeats and self-loops included. */
  readonly taken: number;
  /**
   * The states these transitions reached first, in the search's order, as TLC's "distinct
   * states" per action: a step taken but with 0 here only ever revisited states or stuttered.
   * The same whatever the number of workers, since the search numbers states in one order. A
   * violating transition's target is a state of its own (a terminal, never expanded, told apart
   * from the same state reached otherwise), so each one that reaches a new target counts.
   */
  readonly distinct: number;
  /**
   * Of those, the transitions that violated a step property (absent when none): the search does
   * not expand their targets, so a step taken only this way has nothing after it explored.
   */
  readonly violating?: number;
  /** The named outcomes (branches) among them, by name; a step without outcomes has none. */
  readonly outcomes: readonly { readonly outcome: string; readonly taken: number; readonly distinct: number; readonly violating?: number }[];
}

/** How a search that did not explore every reachable state ended. */
export interface Incomplete {
  readonly complete: false;
  readonly stoppedBy: StopReason;
  /**
   * With `interrupted`: the signal that stopped the run, when the caller said (the reason it
   * aborted `ExploreOptions.signal` with). Absent for an abort from elsewhere.
   */
  readonly signal?: StopSignal;
}

export interface RunInfo {
  readonly spec: string;
  readonly variant?: string;
  readonly params: Readonly<Record<string, number>>;
  /**
   * The chosen variant's caveats, from the spec's `VariantInfo.notes`, one sentence each (absent
   * when it has none): a verdict that holds only because of what the model leaves out travels with
   * the result, so that every report of it, saved or rendered later, says so beside the ✓.
   */
  readonly caveats?: readonly string[];
  readonly symmetry: boolean;
  readonly workers: number;
}

export interface Stats {
  /** Successor states computed (with repeats), TLC's "states generated". */
  readonly generated: number;
  readonly distinct: number;
  /** Length of the longest shortest path from an initial state (BFS levels - 1). */
  readonly depth: number;
  /** States left unexplored when the search stopped (0 when complete). */
  readonly queue: number;
  /** Wall-clock seconds of the whole run: search, then liveness and counterexamples. */
  readonly seconds: number;
  /** Wall-clock seconds of the breadth-first search alone (the part worker threads share). */
  readonly searchSeconds: number;
  /**
   * Wall-clock seconds of the second search that recorded the edges above the first failure, when
   * one ran: a run that keeps no edges (no liveness property) and found a violation searches the
   * levels above it again to find the shortest counterexample with the fewest context switches
   * (record-edges.ts). Absent when none ran.
   */
  readonly recordingSeconds?: number;
  /** Distinct states per second of the search phase. */
  readonly distinctPerSecond: number;
  /**
   * Bytes of the engine's own storage per distinct state at the end of the search: the
   * fingerprint set and the graph's columns (edges included when a liveness property keeps
   * them; with `exact`, every state's bytes), with their spare capacity. The BFS frontier (encoded states of one level), batches in
   * flight and the JavaScript heap are not counted: `memory` beside it is the real figure.
   */
  readonly bytesPerState: number;
  /** What the process held in memory (absent in a result made before it was measured). */
  readonly memory?: MemoryStats;
  /** TLC's optimistic estimate of a fingerprint collision: d*(g-d)/2^64; 0 with `exact`. */
  readonly collisionProbability: number;
  /**
   * `--exact`: every state's bytes were kept and compared whenever its fingerprint was found again,
   * so no collision went unseen (absent in a result made before the option existed).
   */
  readonly exact?: boolean;
  /** The fingerprint seed the search ended with, when `--exact` moved past 0 after a collision. */
  readonly fingerprintSeed?: number;
}

/**
 * Resident memory, the operating system's figure for the whole process (every thread's V8 heap,
 * the graph, the levels, the batches in flight), measured by the run itself.
 */
export interface MemoryStats {
  /**
   * The process's peak resident memory by the end of the run. A process that ran earlier searches
   * (tests, an embedding program) may have peaked in one of them: `aboveStartBytes` says whether
   * this run set it.
   */
  readonly peakBytes: number;
  /** Resident memory as the search began: the model built, the worker threads started or starting. */
  readonly startBytes: number;
  /**
   * Peak minus start, when this run set the peak (else absent): the memory the search itself
   * took, which `npm run bench` measures the same way against an idle run.
   */
  readonly aboveStartBytes?: number;
}

/** Every kind of check a counterexample can come from (what a saved file's `check` may be). */
export const PROPERTY_KINDS = ['always', 'atQuiescence', 'step', 'leaves', 'deadlock'] as const;
export type PropertyKind = (typeof PROPERTY_KINDS)[number];

export interface PropertyResult {
  readonly name: string;
  readonly description: string;
  readonly kinds: readonly PropertyKind[];
  readonly verdict: Verdict;
  /**
   * Present when violated, except for a violation the search found before an interrupt
   * (`completion.stoppedBy` is `interrupted`) that came before its counterexample was built: the
   * verdict stands, and a run bounded to where the stop came (`--max-states`) builds it.
   */
  readonly counterexample?: Counterexample;
}

export interface Counterexample {
  /** `trace`: a finite path to a bad state or step; `lasso`: steps[loopStart..] repeat forever. */
  readonly shape: 'trace' | 'lasso';
  /** Which check failed. */
  readonly check: PropertyKind;
  /** One sentence: what went wrong, in the spec's words. */
  readonly summary: string;
  /** The first state, as named fields. */
  readonly initial: Readonly<Record<string, string>>;
  readonly steps: readonly TraceStep[];
  /**
   * Every state of the path as typed variables (`Model.itf`): the initial state, then the state
   * after each step (`steps.length + 1` entries). Absent when the model has no typed view.
   */
  readonly states?: readonly ItfState[];
  /** For a lasso: index into `steps` where the repeated cycle begins. */
  readonly loopStart?: number;
  /** Changes of acting process between consecutive steps (over the prefix, for a lasso). */
  readonly contextSwitches: number;
  /** For a lasso or deadlock: what every process is doing or waiting for, in the cycle. */
  readonly processes?: readonly ProcessStatus[];
  /**
   * For a quiescence failure: after how many steps no path reaches a quiescent state where the
   * check holds (explorer/inevitable.ts), so step `inevitableAfter` (1-based) is the one that made
   * the failure certain; 0 when it is from the start. Absent when even the last state can still
   * reach one, or the run cannot say (it kept no edges, or stopped before it was complete).
   */
  readonly inevitableAfter?: number;
}

export interface TraceStep {
  readonly process: string;
  readonly action: string;
  readonly outcome?: string;
  readonly label: string;
  /** The code the step models (`Transition.source`). */
  readonly source?: SourceLocation;
  /** Fields of the state view that this step changed. */
  readonly changes: readonly FieldChange[];
  /** Set on the step that is itself a violation (a `step` check). */
  readonly violates?: string;
}

export interface FieldChange {
  readonly field: string;
  /** Absent when the field did not exist before / after the step. */
  readonly before?: string;
  readonly after?: string;
}

/**
 * `spinning`: never leaves the region and steps in the cycle; `steps`: takes steps in the cycle;
 * `blocked`: takes no step and is disabled somewhere in the cycle (for a deadlock: everywhere), so
 * weak fairness does not force it to step.
 */
export type ProcessRole = 'spinning' | 'steps' | 'blocked';

export interface ProcessStatus {
  readonly process: string;
  readonly role: ProcessRole;
  /** The spec's one line (`Model.explainProcess`) at the state that shows the role best. */
  readonly detail: string;
}
