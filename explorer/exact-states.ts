/**
 * Every numbered state's bytes, kept by `--exact` so that the search can prove that no two
 * different states shared a fingerprint.
 *
 * A fingerprint search (TLC's, and this engine's by default) takes two states with the same 64-bit
 * fingerprint for one: the second is never explored, and whatever lies only beyond it is missed,
 * so a property can wrongly hold. The result reports TLC's estimate of that risk (3.2e-8 for
 * the README's job, 6.6e-4 for nfs `--writers 4 --no-symmetry`'s 6.4e7 states). With `--exact` the
 * merge compares the bytes of every successor it finds in the seen set with the bytes of the state
 * it was found as: a search that ends has met no collision, and its verdicts owe nothing to luck.
 * SPIN stores states whole by default for the same reason. A collision, once met, is not patched
 * over: the search starts again with the next fingerprint seed (explore.ts), because every part of
 * a run that rebuilds a path (traces, the recording search) finds states by their fingerprint.
 *
 * The merge looks a stored state up once per successor found again (most of them), at a random
 * index: so a state is one record, its kind byte then its bytes, and while every state has the
 * same length (the specs here encode to a fixed width) a record is found by multiplication, with
 * no offsets to read first. Offsets are kept only once two lengths differ.
 */
import { Column } from './growable';

export class ExactStates {
  /**
   * Per state: 1 for a violating step's target (a terminal of its own, whose fingerprint is the
   * state's flipped: fingerprint.ts `asViolationTarget`), else 0, then the state's bytes. The same
   * bytes as a state of the other kind are a different node, and meeting one is a collision too.
   */
  private readonly records = new Column(Uint8Array);
  /** The width of every record so far, while they share one (0 before the first). */
  private width = 0;
  /** Where each record starts, one past the last at the end: kept once two widths differ. */
  private offsets: Column<Uint32Array> | undefined;
  private count = 0;

  /** Records the next state, `data[from, to)` (states are added in index order, as the seen set numbers them). */
  add(data: Uint8Array, from: number, to: number, violationTarget: boolean): void {
    const width = to - from + 1;
    const records = this.records;
    if (this.offsets === undefined && this.count > 0 && width !== this.width) this.offsets = this.offsetsSoFar();
    // Stryker disable next-line ConditionalExpression: the width is read only while every record has one, which is then the last record's too
    if (this.count === 0) this.width = width;
    records.reserve(width);
    const at = records.length;
    const d = records.data;
    d[at] = violationTarget ? 1 : 0;
    // Stryker disable next-line EqualityOperator: one byte more lands past the record, where the next record's kind byte overwrites it (or past the array, where a typed array ignores it)
    for (let i = from; i < to; i++) d[at + 1 + i - from] = data[i]!;
    records.length = at + width;
    this.count++;
    this.offsets?.push(records.length);
  }

  /** Whether state `index` is `data[from, to)`, of the same kind. */
  same(index: number, data: Uint8Array, from: number, to: number, violationTarget: boolean): boolean {
    let start: number;
    let width: number;
    if (this.offsets === undefined) {
      start = index * this.width;
      width = this.width;
    } else {
      start = this.offsets.get(index);
      width = this.offsets.get(index + 1) - start;
    }
    if (width !== to - from + 1) return false;
    const d = this.records.data;
    if (d[start] !== (violationTarget ? 1 : 0)) return false;
    for (let i = 1; i < width; i++) if (d[start + i] !== data[from + i - 1]) return false;
    return true;
  }

  /** As `Column.growthAhead`, for `states` more states of `bytes` bytes in all. */
  growthAhead(states: number, bytes: number): number {
    return this.records.growthAhead(bytes + states) + (this.offsets?.growthAhead(states) ?? 0);
  }

  get byteLength(): number {
    return this.records.bytes + (this.offsets?.bytes ?? 0);
  }

  private offsetsSoFar(): Column<Uint32Array> {
    const offsets = new Column(Uint32Array);
    for (let i = 0; i <= this.count; i++) offsets.push(i * this.width);
    return offsets;
  }
}
