/**
 * A model whose search is instant and whose properties all fail, so that almost all of a run is
 * the phase after the search (counterexamples). Its `view` calls `globalThis.mcOnView` and its
 * `next` calls `globalThis.mcOnNext` (with the count it expands) when a test sets them: the test
 * aborts the run from inside the search or the phase after it, deterministically.
 */
import type { Model, Property } from '../../explorer/model';
import type { SpecDefinition } from '../../explorer/spec';

interface Count {
  readonly n: number;
}

const hook = globalThis as { mcOnView?: () => void; mcOnNext?: (n: number) => void };
const PROPERTIES = ['Below1', 'Below2', 'Below3'];

function model(): Model<Count> {
  return {
    processes: ['P'],
    init: () => [{ n: 0 }],
    next: (s) => {
      hook.mcOnNext?.(s.n);
      return s.n < 4 ? [{ process: 0, action: 'P.inc', label: `P counts to ${s.n + 1}`, next: { n: s.n + 1 } }] : [];
    },
    encode: (s) => Uint8Array.of(s.n),
    decode: (b) => ({ n: b[0] }),
    properties: PROPERTIES.map(
      (name, i): Property<Count> => ({ name, description: `n stays below ${i + 1}`, checks: [{ kind: 'always', holds: (s) => s.n <= i }] }),
    ),
    quiescent: (s) => s.n === 4,
    view: (s) => {
      hook.mcOnView?.();
      return { n: String(s.n) };
    },
  };
}

export const spec: SpecDefinition = {
  name: 'post-search',
  summary: 'Every property fails: the run is mostly counterexamples.',
  parameters: [],
  symmetry: false,
  propertyNames: PROPERTIES,
  build: () => model(),
};
