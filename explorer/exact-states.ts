/**
 * Every numbered state's bytes, kept by `--exact` so that the search can prove that no two
 * different states shared a fingerprint.
 *
 * A fingerprint search (TLC's, and this engine's by default) takes two states with the same 64-bit
 * fingerprint for one: the second is never explored, and whatever lies only beyond it is missed,
 * so a property can wrongly hold. The result reports TLC's estimate of that risk (3.2e-8 for
 * the README's job, 6.6e-4 for nfs `--writers 4 --no-symmetry`'s 6.4e7 states). With `--exact` the merge compares the
 * bytes of every successor it finds in the seen set with the bytes of the state it was found as:
 * a search that ends has met no collision, and its verdicts owe nothing to luck. SPIN stores
 * states whole by default for the same reason. A collision, once met, is not patched over: the
 * search starts again with the next fingerprint seed (explore.ts), because every part of a run
 * that rebuilds a path (traces, the recording search) finds states by their fingerprint.
 */
import { Column, RecordBuffer } from './growable';
import { equalBytes } from './spec-check';

export class ExactStates {
  private readonly bytes = new RecordBuffer();
  /**
   * 1 for a violating step's target (a terminal of its own, whose fingerprint is the state's
   * flipped: fingerprint.ts `asViolationTarget`), else 0: the same bytes as a state of the other
   * kind are a different node, and meeting one by fingerprint is a collision too.
   */
  private readonly kinds = new Column(Uint8Array);

  /** Records the next state's bytes (states are added in index order, as the seen set numbers them). */
  add(bytes: Uint8Array, violationTarget: boolean): void {
    this.bytes.add(bytes);
    this.kinds.push(violationTarget ? 1 : 0);
  }

  /** Whether state `index` is `bytes`, of the same kind. */
  same(index: number, bytes: Uint8Array, violationTarget: boolean): boolean {
    return this.kinds.get(index) === (violationTarget ? 1 : 0) && equalBytes(this.bytes.record(index), bytes);
  }

  /** As `Column.growthAhead`, for `states` more states of `bytes` bytes in all. */
  growthAhead(states: number, bytes: number): number {
    return this.bytes.growthAhead(states, bytes) + this.kinds.growthAhead(states);
  }

  get byteLength(): number {
    return this.bytes.byteLength + this.kinds.bytes;
  }
}
