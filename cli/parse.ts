/** Parsers for flag values. Each returns the value or throws a `CliError` from the registry. */
import { fail, MSG } from './messages';

const INTEGER = /^[+-]?\d+$/;

/** A spec parameter: an integer within its declared range. */
export function parseParam(flag: string, raw: string, min: number, max: number): number {
  const text = raw.trim();
  if (!INTEGER.test(text)) fail(MSG.paramNotInteger(flag, raw, min, max));
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) fail(MSG.paramOutOfRange(flag, value, min, max));
  return value;
}

export function parseWorkers(raw: string, max: number): number {
  const text = raw.trim();
  const value = Number(text);
  if (!INTEGER.test(text) || !Number.isSafeInteger(value) || value < 1 || value > max) fail(MSG.badWorkers(raw, max));
  return value;
}

/** The largest count mc takes: integers above 2^53 - 1 are not exact in a number. */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** A positive integer, at most `max` (a too large one is said to be, not to be no positive integer). */
export function parsePositiveInteger(flag: string, raw: string, max = MAX_COUNT): number {
  const text = raw.trim();
  const value = Number(text);
  if (!INTEGER.test(text) || value < 1) fail(MSG.badPositiveInteger(flag, raw));
  if (!Number.isSafeInteger(value) || value > max) fail(MSG.tooLarge(flag, raw, String(max)));
  return value;
}

/** The longest --max-seconds: the search's clock counts milliseconds, exact up to 2^53 - 1. */
export const MAX_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

/** Seconds: `60`, `0.5`, `1e3`. */
export function parseSeconds(raw: string): number {
  const text = raw.trim();
  const value = Number(text);
  if (!/^(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/.test(text) || value <= 0) fail(MSG.badSeconds(raw));
  if (!(value <= MAX_SECONDS)) fail(MSG.tooLarge('--max-seconds', raw, String(MAX_SECONDS)));
  return value;
}

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  B: 1,
  K: 1024,
  KB: 1024,
  KIB: 1024,
  M: 1024 ** 2,
  MB: 1024 ** 2,
  MIB: 1024 ** 2,
  G: 1024 ** 3,
  GB: 1024 ** 3,
  GIB: 1024 ** 3,
  T: 1024 ** 4,
  TB: 1024 ** 4,
  TIB: 1024 ** 4,
};

/** A memory size: `512M`, `4G`, `1.5G`, `64MiB`, or plain bytes. Units are powers of 1024. */
export function parseSize(flag: string, raw: string): number {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-zA-Z]*)$/.exec(raw.trim());
  const unit = m ? UNITS[m[2]!.toUpperCase()] : undefined;
  if (!m || unit === undefined) fail(MSG.badSize(flag, raw));
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes < 1) fail(MSG.badSize(flag, raw));
  // Byte counts are exact up to 2^53 - 1, just under 8192T.
  if (!Number.isSafeInteger(bytes)) fail(MSG.tooLarge(flag, raw, `${MAX_COUNT} bytes (just under 8192T)`));
  return bytes;
}

export type ExpectedVerdict = 'holds' | 'violated';

/**
 * `--expect A=holds,B=violated` (the flag may be repeated). Property names are checked against
 * `properties`; a property given two different verdicts is an error.
 */
export function parseExpect(
  items: readonly string[],
  spec: string,
  properties: readonly string[],
): ReadonlyMap<string, ExpectedVerdict> {
  const expected = new Map<string, ExpectedVerdict>();
  for (const item of items.flatMap((s) => s.split(','))) {
    const entry = item.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) fail(MSG.badExpectItem(entry));
    const name = entry.slice(0, eq).trim();
    const verdict = entry.slice(eq + 1).trim();
    if (!properties.includes(name)) fail(MSG.expectUnknownProperty(name, spec, properties));
    if (verdict !== 'holds' && verdict !== 'violated') fail(MSG.expectBadVerdict(name, verdict));
    const before = expected.get(name);
    if (before !== undefined && before !== verdict) fail(MSG.expectConflict(name));
    expected.set(name, verdict);
  }
  if (expected.size === 0) fail(MSG.badExpectItem(items.join(',')));
  return expected;
}
