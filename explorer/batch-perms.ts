/**
 * The process permutations (renamings) of the batch a thread is expanding, numbered in the order
 * they are first met: a successor's renaming is recorded as its number here, and the batch's table
 * of them travels with its expansion (`Expansion.perms`), where the merge interns them once per batch.
 *
 * One per thread, reused batch after batch, and a class rather than closures made per batch,
 * which lose their optimized code at every full garbage collection (see `factsFor` in expand.ts).
 */
export class BatchPerms {
  private processCount = 0;
  private readonly index = new Map<number | string, number>();
  private readonly table: number[] = [];

  /** Starts a batch of a model with `processCount` processes: the identity is number 0. */
  start(processCount: number): void {
    this.processCount = processCount;
    this.index.clear();
    this.table.length = 0;
    const identity: number[] = [];
    for (let p = 0; p < processCount; p++) identity.push(p);
    this.intern(identity);
  }

  /** The number of `perm` in this batch, given it now if it has none. */
  intern(perm: readonly number[]): number {
    const key = this.key(perm);
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.index.size;
      this.index.set(key, id);
      for (const p of perm) this.table.push(p);
    }
    return id;
  }

  /** The batch's permutations, `processCount` entries each, in number order. */
  get entries(): readonly number[] {
    return this.table;
  }

  /** Up to 10 processes a permutation packs into one number (5 bits each): no string per successor. */
  private key(perm: readonly number[]): number | string {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: exact on both sides of the bound (10 processes pack into 50 bits); only packing more is caught (engine-expand, 16 processes), and Stryker cannot disable one replacement alone
    if (this.processCount > 10) return perm.join(',');
    let key = 0;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: perm[0] is implied by the others (a permutation), and key * 32 - perm[i] is as injective; key / 32, which is not, fails every symmetric liveness test
    for (let i = perm.length - 1; i >= 0; i--) key = key * 32 + perm[i]!;
    return key;
  }
}
