/** From a Result (and an optional `--expect`) to the exit code, and the `--expect` differences. */
import type { Result, Verdict } from '../explorer/result';
import { EXIT, type ExitCode } from './exit-codes';
import type { ExpectedVerdict } from './parse';

export interface ExpectDifference {
  readonly property: string;
  readonly expected: ExpectedVerdict;
  /** `missing`: the result has no such property (a spec whose `propertyNames` is out of date). */
  readonly actual: Verdict | 'missing';
}

export interface Outcome {
  readonly exit: ExitCode;
  /** With `--expect`: the listed properties whose verdict is decided and differs, or is missing. */
  readonly differences: readonly ExpectDifference[];
  /** With `--expect`: listed properties the incomplete search left `unknown`. */
  readonly undecided: readonly string[];
}

/**
 * Without `--expect`: 1 when a property is violated (a violation found before a stop stands),
 * else 3 when the search stopped early, else 0.
 * With `--expect`: 1 when a listed verdict was decided and differs, else 3 when a listed
 * property is `unknown` because the search stopped early, else 0 (unlisted properties are ignored).
 */
export function outcome(result: Result, expected?: ReadonlyMap<string, ExpectedVerdict>): Outcome {
  if (!expected) {
    const violated = result.properties.some((p) => p.verdict === 'violated');
    const exit = violated ? EXIT.VIOLATION : !result.completion.complete ? EXIT.INCOMPLETE : EXIT.OK;
    return { exit, differences: [], undecided: [] };
  }
  const differences: ExpectDifference[] = [];
  const undecided: string[] = [];
  for (const [property, verdict] of expected) {
    const found = result.properties.find((p) => p.name === property);
    if (!found) differences.push({ property, expected: verdict, actual: 'missing' });
    else if (found.verdict === 'unknown') undecided.push(property);
    else if (found.verdict !== verdict) differences.push({ property, expected: verdict, actual: found.verdict });
  }
  const exit = differences.length > 0 ? EXIT.VIOLATION : undecided.length > 0 ? EXIT.INCOMPLETE : EXIT.OK;
  return { exit, differences, undecided };
}

/** The lines printed for `--expect`. */
export function expectReport(o: Outcome, expected: ReadonlyMap<string, ExpectedVerdict>): string {
  const lines: string[] = [];
  if (o.differences.length === 0 && o.undecided.length === 0) {
    lines.push(`expect: all ${expected.size} expected verdict${expected.size === 1 ? '' : 's'} match`);
  }
  if (o.differences.length > 0) {
    const n = o.differences.length;
    lines.push(`expect: ${n} verdict${n === 1 ? ' differs' : 's differ'}:`);
    for (const d of o.differences) {
      const actual = d.actual === 'missing' ? 'not in the result' : d.actual;
      lines.push(`  ${d.property}: expected ${d.expected}, got ${actual}`);
    }
  }
  if (o.undecided.length > 0) {
    lines.push(`expect: undecided (the search stopped early): ${o.undecided.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

/** Violated properties without a counterexample: an interrupt came before it was built. */
export function unbuiltViolations(result: Pick<Result, 'properties'>): string[] {
  return result.properties.filter((p) => p.verdict === 'violated' && p.counterexample === undefined).map((p) => p.name);
}
