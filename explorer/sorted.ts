/** Binary search over the engine's sorted columns (level starts, CSR edge offsets). */

/** The last index i < length with sorted[i] <= value; `sorted` is nondecreasing, sorted[0] <= value. */
export function lastAtMost(sorted: ArrayLike<number>, length: number, value: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
