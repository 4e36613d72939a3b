/**
 * Wide BFS levels, for merging worker batches in frontier order: P first picks one of `width`
 * values (level 1 has `width` states, many batches), then Q counts 0, 1, 2 for each (levels 2
 * and 3 as wide). Every state of level 3 violates `CountBelowTwo`, all with the same path shape,
 * so the reported one is the lowest index: it shows the order in which level 1's batches were
 * merged. Expanding the first batch of level 1 is made slow on purpose (busy work in `next`), so
 * that with two workers a later batch finishes first: merging in completion order would number
 * the states differently.
 *
 * A state is 12 bytes, its fields after the first 8.
 */
import type { Model, Transition } from '../../explorer/model';
import type { SpecArgs, SpecDefinition } from '../../explorer/spec';

interface Wide {
  /** -1 before P picks. */
  readonly value: number;
  readonly count: number;
}

/** States of level 1 whose expansion is slow: the first batch (the engine's batches are 512). */
const SLOW_BELOW = 512;

function busyWork(): number {
  let x = 1;
  for (let i = 0; i < 20_000; i++) x = (x * 31 + i) | 0;
  return x;
}

function wide(width: number): Model<Wide> {
  return {
    processes: ['P', 'Q'],
    init: () => [{ value: -1, count: 0 }],
    next: (s): Transition<Wide>[] => {
      if (s.value < 0) {
        return Array.from({ length: width }, (_, v) => ({ process: 0, action: `P.pick(${v})`, label: `P picks ${v}`, next: { value: v, count: 0 } }));
      }
      if (s.count === 0 && s.value < SLOW_BELOW && busyWork() === 0.5) throw new Error('unreachable');
      return s.count < 2 ? [{ process: 1, action: 'Q.count', label: `Q counts to ${s.count + 1}`, next: { ...s, count: s.count + 1 } }] : [];
    },
    encode: (s) => Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, (s.value + 1) >> 8, (s.value + 1) & 0xff, s.count, 0),
    decode: (b) => ({ value: b[8] * 256 + b[9] - 1, count: b[10] }),
    properties: [
      {
        name: 'CountBelowTwo',
        description: 'Q never counts to 2.',
        checks: [{ kind: 'always', holds: (s) => s.count < 2, explain: (s) => `value ${s.value}, count ${s.count}` }],
      },
    ],
    quiescent: (s) => s.count === 2,
    view: (s) => ({ value: String(s.value), count: String(s.count) }),
  };
}

export const spec: SpecDefinition = {
  name: 'wide',
  summary: 'Wide BFS levels for worker merge order.',
  parameters: [{ name: 'width', min: 1, max: 60_000, default: 4096, help: 'values P may pick (states per level)' }],
  symmetry: false,
  propertyNames: ['CountBelowTwo'],
  build: (args: SpecArgs) => wide(args.params.width ?? 4096),
};
