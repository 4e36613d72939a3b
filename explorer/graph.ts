/**
 * The explored state graph, as columns indexed by state and by edge. States are numbered in BFS
 * order (so depth never decreases with the index) and store no state, only a fingerprint: a state
 * is rebuilt by re-executing recorded transitions from an initial state, as TLC and Stateright do.
 * (`--exact` keeps every state's bytes too, only to compare them: exact-states.ts.)
 */
import { Column, type Ctor } from './growable';
import type { ExactStates } from './exact-states';
import type { FingerprintSet } from './fingerprint-set';
import { SeenSet } from './seen-set';
import { lastAtMost } from './sorted';

/** Bit of `ExploredGraph.flags`: the state's successors are recorded (a violating step's target,
 * or the queue of a stopped search, never is). */
export const EXPANDED = 1;
/** Bit of `ExploredGraph.flags`, set with EXPANDED: the state is quiescent (`Model.quiescent`). */
export const QUIESCENT = 2;
/** State checks whose failure a state's flags record (the byte's other bits), for inevitable.ts. */
export const STATE_CHECK_FLAGS = 6;
/** The flags bit set with EXPANDED when state check `check` (below STATE_CHECK_FLAGS) fails there. */
export const failsFlag = (check: number): number => 1 << (2 + check);
/**
 * A state's flags once expanded, from what its expansion found (`failures`: bit c for state check
 * c). QUIESCENT is read for every state, not only in a branch for quiescent ones: the first
 * quiescent state comes deep in a search, and reading the constant there for the first time
 * deoptimized the merge it is compiled into (`--trace-deopt`, nfs: "insufficient type feedback").
 */
export const expandedFlags = (quiescent: boolean, failures: number): number =>
  EXPANDED | ((quiescent ? 1 : 0) * QUIESCENT) | ((failures & ((1 << STATE_CHECK_FLAGS) - 1)) << 2);

/** A set of processes, bit p for process p: as wide as the model's process count needs. */
type ProcessMasks = Uint8Array | Uint16Array | Uint32Array;

function processMasks(processCount: number): Ctor<ProcessMasks> {
  if (processCount <= 8) return Uint8Array;
  return processCount <= 16 ? Uint16Array : Uint32Array;
}

export class ExploredGraph {
  /** `levelStarts[d]` is the first state index at depth d; one past the last level at the end. */
  readonly levelStarts: number[] = [0];
  /** Per state. */
  readonly flags = new Column(Uint8Array);
  readonly enabled: Column<ProcessMasks>;
  /** `regionCount` masks per expanded state. */
  readonly regions: Column<ProcessMasks>;
  /** CSR: edges of state s are [edgeStart[s], edgeStart[s+1]); filled as states are expanded. */
  readonly edgeStart = new Column(Int32Array);
  /** Per edge. */
  readonly target = new Column(Int32Array);
  readonly proc = new Column(Uint8Array);
  readonly ordinal = new Column(Uint16Array);
  /**
   * Index into `perms`: how process indices map from the source's frame to the target's. Filled
   * only with `renamings` (symmetry reduction); without, every edge is the identity and the
   * column stays empty (2 bytes an edge saved): read it through `renamingOf`.
   */
  readonly perm = new Column(Uint16Array);
  /** Interned process permutations; 0 is the identity. */
  readonly perms: number[][] = [];
  private readonly permIds = new Map<string, number>();
  /** For each initial state (by position in `init()`), its state index and its permutation. */
  readonly roots: { readonly state: number; readonly init: number; readonly perm: number }[] = [];

  constructor(
    readonly processCount: number,
    readonly regionCount: number,
    readonly renamings = true,
    /** The fingerprints, and so the state numbering (in memory unless the search context says otherwise). */
    readonly seen: FingerprintSet = new SeenSet(),
    /** Every state's bytes, with `--exact` (exact-states.ts). */
    readonly states?: ExactStates,
  ) {
    this.enabled = new Column(processMasks(processCount));
    this.regions = new Column(processMasks(processCount));
    this.edgeStart.push(0);
    this.internPerm(Array.from({ length: processCount }, (_, p) => p));
  }

  get size(): number {
    return this.seen.size;
  }

  /** States whose edges are recorded (every state below this index). */
  get recorded(): number {
    return this.edgeStart.length - 1;
  }

  internPerm(perm: readonly number[]): number {
    const key = perm.join(',');
    let id = this.permIds.get(key);
    if (id === undefined) {
      id = this.perms.length;
      if (id > 0xffff) throw new Error('more than 65536 process renamings');
      this.perms.push([...perm]);
      this.permIds.set(key, id);
    }
    return id;
  }

  /** `compose(a, b)`: first rename by b, then by a. Memoised: liveness composes along every edge. */
  composePerms(a: number, b: number): number {
    // Stryker disable ConditionalExpression: shortcuts and the memo only save work: composing with the identity (id 0) gives the other renaming's id, and a composition recomputed is interned to the same id
    if (a === 0) return b;
    if (b === 0) return a;
    // Ids are 16 bits (internPerm): one integer key per pair.
    const key = (a << 16) | b;
    let id = this.compositions.get(key);
    if (id === undefined) {
      // Stryker restore ConditionalExpression
      const pa = this.perms[a];
      id = this.internPerm(this.perms[b].map((x) => pa[x]));
      this.compositions.set(key, id);
    }
    return id;
  }
  private readonly compositions = new Map<number, number>();

  /** The renaming (index into `perms`) along `edge`. */
  renamingOf(edge: number): number {
    return this.renamings ? this.perm.get(edge) : 0;
  }

  depthOf(state: number): number {
    // Levels are few; a binary search keeps per-state depth out of memory.
    return lastAtMost(this.levelStarts, this.levelStarts.length, state);
  }

  /** The state an edge leaves from: the last one whose edges start at or before it. */
  sourceOf(edge: number): number {
    return lastAtMost(this.edgeStart.data, this.recorded, edge);
  }

  /**
   * Bytes the columns would allocate to take `edges` more edges, hence at most as many new states
   * (see `Column.growthAhead`), of `bytes` bytes in all when the states' bytes are kept.
   */
  growthAhead(edges: number, bytes = 0): number {
    const perState = [this.flags, this.enabled, this.edgeStart].reduce((sum, c) => sum + c.growthAhead(edges), 0);
    const perEdge = [this.target, this.proc, this.ordinal, ...(this.renamings ? [this.perm] : [])].reduce((sum, c) => sum + c.growthAhead(edges), 0);
    const exact = this.states?.growthAhead(edges, bytes) ?? 0;
    return this.seen.growthAhead(edges) + perState + this.regions.growthAhead(edges * this.regionCount) + perEdge + exact;
  }

  get byteLength(): number {
    return (
      this.seen.byteLength + this.flags.bytes + this.enabled.bytes + this.regions.bytes + this.edgeStart.bytes +
      this.target.bytes + this.proc.bytes + this.ordinal.bytes + this.perm.bytes + (this.states?.byteLength ?? 0)
    );
  }
}
