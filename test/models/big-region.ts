/**
 * Liveness over regions too big for an argument list: more than 200,000 states, where a spread
 * (`push(...nodes)`, `Math.min(...xs)`) overflows V8's call stack. One process P, always in the
 * region of `PStays` (violated).
 *
 * P picks a first digit, then a second, each one of 450 (202,951 states, three levels), then:
 * - `cycle`: goes back to the start, where it may also spin: one strongly connected component of
 *   every state; the lasso is the spin at the start.
 * - `fan`: stops: 202,500 dead ends in the region, each a place P stays forever; the lasso stops
 *   at the first.
 *
 * A state is 16 bytes, its two fields after the first 8.
 */
import type { Model } from '../../explorer/model';
import type { SpecArgs, SpecDefinition } from '../../explorer/spec';

interface Count {
  /** The first digit, -1 before P picks it. */
  readonly n: number;
  /** The second digit, -1 before P picks it. */
  readonly m: number;
}

const DIGITS = 450;
const START: Count = { n: -1, m: -1 };

function bigRegion(variant: string): Model<Count> {
  const step = (next: Count, action: string) => ({ process: 0, action: `P.${action}`, label: `P ${action}s ${next.n}.${next.m}`, next });
  const digits = (pick: (d: number) => Count) => Array.from({ length: DIGITS }, (_, d) => step(pick(d), 'pick'));
  return {
    processes: ['P'],
    init: () => [START],
    next: (s) => {
      if (s.n < 0) return [...digits((n) => ({ n, m: -1 })), ...(variant === 'cycle' ? [step(s, 'spin')] : [])];
      if (s.m < 0) return digits((m) => ({ n: s.n, m }));
      return variant === 'cycle' ? [step(START, 'restart')] : [];
    },
    encode: (s) => {
      const bytes = new Uint8Array(16);
      const view = new DataView(bytes.buffer);
      view.setInt32(8, s.n);
      view.setInt32(12, s.m);
      return bytes;
    },
    decode: (b) => {
      const view = new DataView(b.buffer, b.byteOffset, b.length);
      return { n: view.getInt32(8), m: view.getInt32(12) };
    },
    properties: [{ name: 'PStays', description: 'P leaves the region (it never does).', checks: [{ kind: 'leaves', processes: [0], inRegion: () => true }] }],
    view: (s) => ({ n: String(s.n), m: String(s.m) }),
  };
}

export const spec: SpecDefinition = {
  name: 'big-region',
  summary: 'Liveness regions of more than 200,000 states.',
  parameters: [],
  variants: [
    { id: 'cycle', version: '-', summary: 'one big cycle' },
    { id: 'fan', version: '-', summary: 'many dead ends' },
  ],
  defaultVariant: 'cycle',
  symmetry: false,
  propertyNames: ['PStays'],
  build: (args: SpecArgs) => bigRegion(args.variant ?? 'cycle'),
};
