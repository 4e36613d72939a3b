/**
 * The exact one-line message a spec author gets for each mistake the sanity check names
 * (explorer/spec-check.ts), asked directly of its checks on small broken models: the message is
 * what `mc check` prints, so every word of it is pinned, not just a pattern.
 */
import { describe, expect, it } from 'vitest';
import type { Model, Transition } from '../explorer/model';
import { checkDeclaration, checkInitial, checkModelShape, checkState, describeState } from '../explorer/spec-check';
import { SpecError } from '../explorer/spec-error';
import { spec as broken } from './models/broken';

interface Counters {
  readonly c: readonly number[];
}

/** Two symmetric counters 0..2 (test/models/broken.ts, variant `correct`). */
const good = (): Model<Counters> => broken.build({ variant: 'correct', params: {} }) as Model<Counters>;
const START: Counters = { c: [0, 0] };
const AT_START = 'P1=0, P2=0';
const DETERMINISM =
  'next deterministic: next must be deterministic: the same state must give the same transitions in the same order (counterexamples re-execute them by position)';
const LOSSY = 'encode/decode round trip: encode(decode(encode(s))) differs from encode(s): encode or decode loses information';

/** The SpecError `act` throws, as the user sees it: its rule and its whole message. */
function refusal(act: () => unknown): { rule: string; message: string } {
  try {
    act();
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return { rule: (e as SpecError).rule, message: (e as SpecError).message };
  }
  throw new Error('the mistake was not refused');
}

const shape = (patch: Record<string, unknown>) => () => checkModelShape({ ...good(), ...patch });
const property = (p: unknown) => shape({ properties: [p] });
/** A model whose `next` changes each transition of the correct one with `change`. */
const steps = (change: (t: Transition<Counters>) => unknown) => () => {
  const m = good();
  checkInitial({ ...m, next: (s) => m.next(s).map(change) as Transition<Counters>[] }, false);
};
/** A model whose `next` answers `answers[i]` on its i-th call (from the correct one's transitions). */
const nextCalls = (...answers: ((ts: Transition<Counters>[]) => Transition<Counters>[])[]) => () => {
  const m = good();
  let call = 0;
  checkState({ ...m, next: (s) => answers[call++ % answers.length]!(m.next(s)) }, START, false);
};
const same = (ts: Transition<Counters>[]) => ts;

describe('each spec-author mistake gets its exact one-line message', () => {
  const cases: readonly [mistake: string, act: () => unknown, rule: string, message: string][] = [
    ['build() returns null', () => checkModelShape(null), 'model object', 'model object: build() must return a Model object, got null'],
    ['build() returns nothing', () => checkModelShape(undefined), 'model object', 'model object: build() must return a Model object, got undefined'],
    ['init is an array', shape({ init: [START] }), 'model object', 'model object: model.init must be a function, got an array'],
    ['view is null', shape({ view: null }), 'model object', 'model object: model.view must be a function, got null'],
    [
      'quiescent is a number',
      shape({ quiescent: 3 }),
      'model object',
      'model object: model.quiescent is optional but must be a function when given, got number',
    ],
    ['no processes', shape({ processes: [] }), 'model object', 'model object: model.processes must be a list of 1..32 non-empty names'],
    [
      '33 processes',
      shape({ processes: Array.from({ length: 33 }, (_, i) => `P${i}`) }),
      'model object',
      'model object: a model may have at most 32 processes, got 33',
    ],
    ['a process twice', shape({ processes: ['P1', 'P1'] }), 'model object', 'model object: model.processes has a name twice: P1, P1'],
    ['properties is null', shape({ properties: null }), 'properties', 'properties: model.properties must be an array, got null'],
    ['a property without a name', property({ checks: [] }), 'properties', 'properties: every property needs a non-empty name'],
    [
      'two properties of one name',
      () => {
        const m = good();
        checkModelShape({ ...m, properties: [m.properties[0], m.properties[0]] });
      },
      'properties',
      'properties: two properties are named NoLoneRunner',
    ],
    ['a property without checks', property({ name: 'Empty', checks: [] }), 'properties', 'properties: property Empty has no checks'],
    [
      'an always check without holds',
      property({ name: 'Safe', checks: [{ kind: 'always' }] }),
      'check kind',
      'check kind: property Safe: an always check needs holds(state)',
    ],
    [
      'a leaves check without inRegion',
      property({ name: 'Leaves', checks: [{ kind: 'leaves', processes: [0] }] }),
      'check kind',
      'check kind: property Leaves: a leaves check needs inRegion(state, process)',
    ],
    [
      'a leaves check listing process 2 of 2',
      property({ name: 'Leaves', checks: [{ kind: 'leaves', inRegion: () => false, processes: [0, 2] }] }),
      'check kind',
      'check kind: property Leaves: a leaves check lists processes by index, each in 0..1',
    ],
    [
      'init returns one state, not an array',
      () => checkInitial({ ...good(), init: () => START as never }, false),
      'init',
      'init: init() must return an array of states, got object',
    ],
    [
      'decode throws',
      () =>
        checkInitial(
          {
            ...good(),
            decode: () => {
              throw new RangeError('offset out of bounds');
            },
          },
          false,
        ),
      'encode/decode round trip',
      `${LOSSY}; state: ${AT_START}`,
    ],
    [
      // The re-encoding is one byte shorter, a prefix of the original.
      'decode drops the last counter',
      () => checkInitial({ ...good(), decode: (b) => ({ c: [b[0]!] }) }, false),
      'encode/decode round trip',
      `${LOSSY}; state: ${AT_START}`,
    ],
    [
      // encode returns a view at offset 4 of its own buffer, and decode reads the buffer from 0:
      // only a fresh copy of the bytes, at offset 0, decodes right.
      'decode reads bytes.buffer from 0, encode returns a view',
      () => {
        const m = good();
        checkInitial(
          {
            ...m,
            encode: (s) => new Uint8Array([7, 7, 7, 7, ...s.c]).subarray(4),
            decode: (b) => ({ c: Array.from(new Uint8Array(b.buffer, 0, 2)) }),
          },
          false,
        );
      },
      'encode/decode round trip',
      `encode/decode round trip: decode works on a fresh copy but not on a view into a larger buffer: decode receives a view into a batch and must read bytes[i] / bytes.subarray, not bytes.buffer from offset 0 (see explorer/model.ts); state: ${AT_START}`,
    ],
    ['a transition is null', steps(() => null), 'next', `next: transition 0 is null, not a Transition; state: ${AT_START}`],
    [
      'a transition without an action',
      steps((t) => ({ ...t, action: undefined })),
      'next',
      `next: transition 0: action must be a non-empty string; state: ${AT_START}`,
    ],
    ['a transition without a label', steps((t) => ({ ...t, label: 1 })), 'next', `next: transition 0 (P1.inc): label must be a string; state: ${AT_START}`],
    [
      'a transition without a next state',
      steps(({ next: _next, ...t }) => t),
      'next',
      `next: transition 0 (P1.inc) has no next state; state: ${AT_START}`,
    ],
    [
      'violates is not a name',
      steps((t) => ({ ...t, violates: true })),
      'next',
      `next: transition 0 (P1.inc): violates must be a property name; state: ${AT_START}`,
    ],
    [
      'next drops a transition on its second call',
      nextCalls(same, (ts) => ts.slice(1)),
      'next deterministic',
      `${DETERMINISM}; got 2 then 1 transitions; state: ${AT_START}`,
    ],
    [
      'next changes its order',
      nextCalls(same, (ts) => ts.reverse()),
      'next deterministic',
      `${DETERMINISM}; transition 0 was P1.inc, then P2.inc; state: ${AT_START}`,
    ],
    [
      'next gives the same step another successor',
      nextCalls(same, (ts) => ts.map((t) => ({ ...t, next: { c: [2, 2] } }))),
      'next deterministic',
      `${DETERMINISM}; transition 0 was P1.inc, then P1.inc with another successor; state: ${AT_START}`,
    ],
    [
      // Sorts the counters but always says "nobody was renamed": wrong at the successor [1,0].
      'canonical says nobody was renamed',
      () => {
        const m = good();
        checkState({ ...m, canonical: (s) => ({ ...m.canonical!(s), perm: [0, 1] }) }, START, true);
      },
      'canonical',
      "canonical: canonical(s).perm does not say how processes were renamed: P1's step P1.inc has no matching step of P1 (perm[0] = 0) in the representative; " +
        "perm[p] must be the representative's index of the process that is p in s (or the model is not symmetric under this renaming); state: P1=1, P2=0",
    ],
  ];
  for (const [mistake, act, rule, message] of cases) {
    it(mistake, () => {
      expect(refusal(act)).toEqual({ rule, message });
    });
  }
});

describe("the spec's propertyNames against the model's properties", () => {
  const prefix = "propertyNames: the spec's propertyNames must list exactly the model's properties";
  const cases: readonly [declared: string[], message: string][] = [
    [['NoLoneRunner', 'Gone'], `${prefix} (in propertyNames but not in the model: Gone)`],
    [[], `${prefix} (in the model but not in propertyNames: NoLoneRunner)`],
    [['Gone', 'Lost'], `${prefix} (in the model but not in propertyNames: NoLoneRunner; in propertyNames but not in the model: Gone, Lost)`],
    // The model cannot have this property, but naming it is the mistake to report.
    [['NoLoneRunner', 'DeadlockFree'], "propertyNames: DeadlockFree is the engine's own; drop it from propertyNames"],
  ];
  for (const [declared, message] of cases) {
    it(`[${declared.join(', ')}]`, () => {
      expect(refusal(() => checkDeclaration(declared, good()))).toEqual({ rule: 'propertyNames', message });
    });
  }

  it('the same names pass', () => {
    expect(() => checkDeclaration(['NoLoneRunner'], good())).not.toThrow();
  });
});

describe("a state's view in a message", () => {
  const viewing = (view: Model<Counters>['view']) => describeState({ ...good(), view }, START);

  it('is one line: each run of control characters becomes one space', () => {
    expect(viewing(() => ({ P1: 'a\r\n\tb', P2: 'c\u007fd\u0000' }))).toBe('P1=a b, P2=c d ');
  });

  it('names a view that throws instead of throwing', () => {
    expect(
      viewing(() => {
        throw new Error('no view yet');
      }),
    ).toBe('(view threw: no view yet)');
    expect(
      viewing(() => {
        throw 'a string';
      }),
    ).toBe('(view threw: a string)');
  });
});
