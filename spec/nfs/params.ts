/** The model's parameters (MODEL.md §8), as the CLI sees them and as the model uses them. */
import type { IntParameter } from '../../explorer/spec';

export interface NfsParams {
  /** Writer processes W1..WN (same user: their open contexts match). */
  readonly writers: number;
  /** Page indices 0..pages-1 a write may target. */
  readonly pages: number;
  /** write(2) calls per writer before close(2). */
  readonly writes: number;
  /** Server-fatal errors (-EDQUOT) the environment may inject, shared by all actors. */
  readonly faults: number;
}

export const PARAMETERS: readonly IntParameter[] = [
  { name: 'writers', min: 1, max: 4, default: 2, help: 'writer processes (same user, matching open contexts)' },
  { name: 'pages', min: 1, max: 3, default: 2, help: 'pages of the file a write may target' },
  { name: 'writes', min: 1, max: 4, default: 2, help: 'write(2) calls per writer before close(2)' },
  { name: 'faults', min: 0, max: 3, default: 1, help: 'server-fatal -EDQUOT errors the server may return' },
];

/** Fills defaults and checks ranges; throws with the valid range on a bad value. */
export function parseParams(raw: Readonly<Record<string, number>>): NfsParams {
  const out: Record<string, number> = {};
  for (const p of PARAMETERS) {
    const v = raw[p.name] ?? p.default;
    if (!Number.isInteger(v) || v < p.min || v > p.max) {
      throw new Error(`nfs: --${p.name} must be an integer in ${p.min}..${p.max} (got ${v})`);
    }
    out[p.name] = v;
  }
  return out as unknown as NfsParams;
}

/** Slots a write may target: 0 and 2 are non-contiguous, a repeat of the same slot is contiguous. */
export const SLOTS: readonly number[] = [0, 2];
