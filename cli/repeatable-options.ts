/**
 * Which options may be given more than once, each time adding a value (`--expect`, `--result`).
 * Every other option with a value takes one: given twice with two values it is refused (run.ts),
 * since taking the last would run another search than half of the command line says.
 */
import type { Option } from 'commander';

const REPEATABLE = new WeakSet<Option>();

/** `option`, made to collect every value it is given, in order. */
export function repeatable(option: Option): Option {
  REPEATABLE.add(option);
  return option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
}

export function isRepeatable(option: Option): boolean {
  return REPEATABLE.has(option);
}
