/**
 * The exact one-line message a spec author gets for each mistake the sanity check names
 * (explorer/spec-check.ts), asked directly of its checks on small broken models: the message is
 * what `mc check` prints, so every word of it is pinned, not just a pattern. Also which initial
 * states and which state of a batch are checked, and, at the end, two small units next to the
 * check (how checks.ts numbers the check kinds it accepts, how graph.ts interns renamings) whose
 * mutants no other test in the mutation run told apart.
 */
import { describe, expect, it } from 'vitest';
import { planChecks } from '../explorer/checks';
import { ExploredGraph } from '../explorer/graph';
import type { Check, Model, Transition } from '../explorer/model';
import { checkDeclaration, checkInitial, checkModelShape, checkState, describeState, sampleBatch } from '../explorer/spec-check';
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
/** A model with symmetry whose `canonical` keeps every state and answers `perm` (checked at START). */
const renaming = (perm: unknown) => () => {
  const m = good();
  checkState({ ...m, canonical: (s) => ({ state: s, perm }) as never }, START, true);
};
const PERMUTATION = 'canonical: canonical(s).perm must be a permutation of 0..1, got';
const LEAVES_INDEX = 'check kind: property Leaves: a leaves check lists processes by index, each in 0..1';
const PROCESS_INDEX = 'next: transition 0 (P1.inc): process must be an index in 0..1 of model.processes, got';

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
    // Each optional function by name: a misspelt name in the list would let any value through.
    [
      'explainProcess is a string',
      shape({ explainProcess: 'P1' }),
      'model object',
      'model object: model.explainProcess is optional but must be a function when given, got string',
    ],
    ['canonical is an object', shape({ canonical: {} }), 'model object', 'model object: model.canonical is optional but must be a function when given, got object'],
    ['itf is an array', shape({ itf: [] }), 'model object', 'model object: model.itf is optional but must be a function when given, got an array'],
    ['whyDisabled is a string', shape({ whyDisabled: 'no' }), 'model object', 'model object: model.whyDisabled is optional but must be a function when given, got string'],
    ['patchesAt is an array', shape({ patchesAt: [] }), 'model object', 'model object: model.patchesAt is optional but must be a function when given, got an array'],
    ['actions is a set, not a function giving one', shape({ actions: new Set() }), 'model object', 'model object: model.actions is optional but must be a function when given, got object'],
    ['no processes', shape({ processes: [] }), 'model object', 'model object: model.processes must be a list of 1..32 non-empty names'],
    // Every name is checked, not just one, and both for being a string and for being non-empty.
    ['a process with an empty name', shape({ processes: ['P1', ''] }), 'model object', 'model object: model.processes must be a list of 1..32 non-empty names'],
    ['a process named by a number', shape({ processes: ['P1', 2] }), 'model object', 'model object: model.processes must be a list of 1..32 non-empty names'],
    [
      '33 processes',
      shape({ processes: Array.from({ length: 33 }, (_, i) => `P${i}`) }),
      'model object',
      'model object: a model may have at most 32 processes, got 33',
    ],
    ['a process twice', shape({ processes: ['P1', 'P1'] }), 'model object', 'model object: model.processes has a name twice: P1, P1'],
    ['properties is null', shape({ properties: null }), 'properties', 'properties: model.properties must be an array, got null'],
    ['a property without a name', property({ checks: [] }), 'properties', 'properties: every property needs a non-empty name'],
    // Named, not a TypeError from reading null's name.
    ['a property that is null', property(null), 'properties', 'properties: every property needs a non-empty name'],
    [
      'a property with an empty name',
      property({ name: '', checks: [{ kind: 'always', holds: () => true }] }),
      'properties',
      'properties: every property needs a non-empty name',
    ],
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
      'a check that is null',
      property({ name: 'Safe', checks: [null] }),
      'check kind',
      'check kind: property Safe has a check of unknown kind undefined; kinds: always, atQuiescence, step, leaves',
    ],
    [
      // The correct model has quiescent(state): only the missing holds can be named.
      'an atQuiescence check without holds',
      property({ name: 'End', checks: [{ kind: 'atQuiescence' }] }),
      'check kind',
      'check kind: property End: an atQuiescence check needs holds(state)',
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
      LEAVES_INDEX,
    ],
    ['a leaves check listing no process', property({ name: 'Leaves', checks: [{ kind: 'leaves', inRegion: () => false, processes: [] }] }), 'check kind', LEAVES_INDEX],
    [
      'a leaves check listing process -1',
      property({ name: 'Leaves', checks: [{ kind: 'leaves', inRegion: () => false, processes: [0, -1] }] }),
      'check kind',
      LEAVES_INDEX,
    ],
    [
      'a leaves check whose region is named by a number',
      property({ name: 'Leaves', checks: [{ kind: 'leaves', inRegion: () => false, processes: [0], region: 7 }] }),
      'check kind',
      "check kind: property Leaves: a leaves check's region, when given, names it in words (a non-empty string), got 7",
    ],
    [
      'a leaves check whose region is named by blanks',
      property({ name: 'Leaves', checks: [{ kind: 'leaves', inRegion: () => false, processes: [0], region: ' ' }] }),
      'check kind',
      `check kind: property Leaves: a leaves check's region, when given, names it in words (a non-empty string), got " "`,
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
    ['a transition is a number', steps(() => 5), 'next', `next: transition 0 is number, not a Transition; state: ${AT_START}`],
    // Each bound of the process index: below, between and past the two processes.
    ['a transition of process -1', steps((t) => ({ ...t, process: -1 })), 'next', `${PROCESS_INDEX} -1; state: ${AT_START}`],
    ['a transition of process 0.5', steps((t) => ({ ...t, process: 0.5 })), 'next', `${PROCESS_INDEX} 0.5; state: ${AT_START}`],
    ['a transition of process 2 of 2', steps((t) => ({ ...t, process: 2 })), 'next', `${PROCESS_INDEX} 2; state: ${AT_START}`],
    [
      'a transition without an action',
      steps((t) => ({ ...t, action: undefined })),
      'next',
      `next: transition 0: action must be a non-empty string; state: ${AT_START}`,
    ],
    ['a transition with an empty action', steps((t) => ({ ...t, action: '' })), 'next', `next: transition 0 (): action must be a non-empty string; state: ${AT_START}`],
    ['a transition without a label', steps((t) => ({ ...t, label: 1 })), 'next', `next: transition 0 (P1.inc): label must be a string; state: ${AT_START}`],
    [
      'actions() lacks an action next gives',
      () => {
        const m = good();
        checkState({ ...m, actions: () => new Set(['P1.inc']) }, START, false);
      },
      'next',
      `next: transition 1 (P2.inc): actions() does not list "P2.inc"; it must list every action next gives; state: ${AT_START}`,
    ],
    [
      'actions() gives a list, not a Set',
      () => {
        const m = good();
        checkState({ ...m, actions: () => ['P1.inc', 'P2.inc'] as never }, START, false);
      },
      'next',
      `next: transition 0 (P1.inc): actions() must return a Set of identities, got an array; state: ${AT_START}`,
    ],
    [
      'actions() gives null',
      () => {
        const m = good();
        checkState({ ...m, actions: () => null as never }, START, false);
      },
      'next',
      `next: transition 0 (P1.inc): actions() must return a Set of identities, got null; state: ${AT_START}`,
    ],
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
      // Same action name, same successor: only the process tells the two calls apart.
      'next gives the same step to another process',
      nextCalls(same, (ts) => ts.map((t) => ({ ...t, process: 1 - t.process }))),
      'next deterministic',
      `${DETERMINISM}; transition 0 was P1.inc, then P1.inc by P2 instead of P1; state: ${AT_START}`,
    ],
    [
      // Same process, same successor: only the action's name changes.
      'next renames a step',
      nextCalls(same, (ts) => ts.map((t) => ({ ...t, action: `${t.action}'` }))),
      'next deterministic',
      `${DETERMINISM}; transition 0 was P1.inc, then P1.inc'; state: ${AT_START}`,
    ],
    // A renaming that is not a permutation of the two processes, each way it can fail.
    [
      'canonical returns nothing',
      () => {
        checkState({ ...good(), canonical: () => undefined as never }, START, true);
      },
      'canonical',
      `${PERMUTATION} undefined; state: ${AT_START}`,
    ],
    ['canonical.perm names process 1 twice after both', renaming([0, 1, 1]), 'canonical', `${PERMUTATION} [0,1,1]; state: ${AT_START}`],
    ['canonical.perm names process 0.5', renaming([0, 0.5]), 'canonical', `${PERMUTATION} [0,0.5]; state: ${AT_START}`],
    ['canonical.perm names process -1', renaming([0, -1]), 'canonical', `${PERMUTATION} [0,-1]; state: ${AT_START}`],
    ['canonical.perm names process 2 of 2', renaming([0, 2]), 'canonical', `${PERMUTATION} [0,2]; state: ${AT_START}`],
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

  it('lists every undeclared property, comma-separated', () => {
    const m = good();
    const two = { ...m, properties: [m.properties[0]!, { ...m.properties[0]!, name: 'Other' }] };
    expect(refusal(() => checkDeclaration([], two))).toEqual({
      rule: 'propertyNames',
      message: `${prefix} (in the model but not in propertyNames: NoLoneRunner, Other)`,
    });
  });

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

describe('the initial states checked', () => {
  // c = [0] encodes to one byte, which decodes to [0, undefined] and re-encodes to two: lossy.
  const BROKEN: Counters = { c: [0] };
  const starting = (states: Counters[]) => ({ ...good(), init: () => states });

  it('are the first 64: a broken 65th initial state is not looked at', () => {
    const states = [...Array.from({ length: 64 }, () => START), BROKEN];
    expect(checkInitial(starting(states), false)).toEqual(states);
  });

  it('include the 64th', () => {
    const states = [...Array.from({ length: 63 }, () => START), BROKEN];
    expect(refusal(() => checkInitial(starting(states), false))).toEqual({ rule: 'encode/decode round trip', message: `${LOSSY}; state: P1=0, P2=undefined` });
  });
});

describe('the state sampled from a batch during the search', () => {
  /** Two states of two bytes each, stored back to back as the search batches them. */
  const batch = (...bytes: number[]) => ({ data: Uint8Array.from(bytes), offsets: Uint32Array.of(0, 2, 4) });

  it('is the first one, checked from its stored bytes', () => {
    // decode forgets P2: the stored [1, 1] comes back as [1, 0].
    const lossy = { ...good(), decode: (b: Uint8Array) => ({ c: [b[0]!, 0] }) };
    expect(refusal(() => sampleBatch(lossy, false, batch(1, 1, 0, 0)))).toEqual({
      rule: 'encode/decode round trip',
      message: `${LOSSY}; state: P1=1, P2=0 (as decoded from the bytes 0101)`,
    });
    // The second state, [2, 1], would fail the same way, but is not sampled.
    expect(() => sampleBatch(lossy, false, batch(1, 0, 2, 1))).not.toThrow();
  });

  it('is none in an empty batch', () => {
    // Its bytes would be the whole (empty) data, which no state of two counters encodes to.
    expect(() => sampleBatch(good(), false, { data: new Uint8Array(0), offsets: Uint32Array.of(0) })).not.toThrow();
  });
});

// The check kinds spec-check.ts accepts, as the search numbers them (explorer/checks.ts).
describe("a model's checks, numbered for the search", () => {
  it('gives failure-mask bits to always and atQuiescence checks only', () => {
    const holds = () => true;
    const checks: Check<Counters>[][] = [
      [{ kind: 'always', holds }, { kind: 'step' }],
      [{ kind: 'leaves', processes: [0], inRegion: () => false }, { kind: 'atQuiescence', holds }],
    ];
    const plan = planChecks({ ...good(), properties: checks.map((c, i) => ({ name: `Q${i}`, description: '', checks: c })) });
    expect(plan.all.map((n) => n.id)).toEqual([0, 1, 2, 3]);
    expect(plan.stateChecks.map((n) => n.id)).toEqual([0, 3]);
    expect(plan.stepChecks.map((n) => n.id)).toEqual([1]);
    expect(plan.liveness.map((n) => n.id)).toEqual([2]);
    expect([...plan.stepCodes]).toEqual([['Q0', 1]]);
  });
});

// Renamings interned by the explored graph (explorer/graph.ts), keyed by their text.
describe('renamings interned by the graph', () => {
  it('keeps apart two renamings of 12 processes whose indices run together without a separator', () => {
    // Both read 11023456789110 with nothing between the indices.
    const a = [1, 10, 2, 3, 4, 5, 6, 7, 8, 9, 11, 0];
    const b = [11, 0, 2, 3, 4, 5, 6, 7, 8, 9, 1, 10];
    const graph = new ExploredGraph(12, 0);
    expect([graph.internPerm(a), graph.internPerm(b), graph.internPerm(a)]).toEqual([1, 2, 1]);
    expect(graph.perms.slice(1)).toEqual([a, b]);
  });
});
