/**
 * The symmetry safety net of explorer/state-facts.ts, asked directly: on a state and a given
 * representative, which fact tells them apart (quiescence, a state check, a process's region), in
 * the sentence the run's warning carries; and which declared check singles processes out.
 */
import { describe, expect, it } from 'vitest';
import { planChecks } from '../explorer/checks';
import type { Model, Property } from '../explorer/model';
import { singledOut, stateFacts, symmetryWitness } from '../explorer/state-facts';

/** Two processes P and Q; a state is one letter per process: i idle, c critical, d done. */
function pair(properties: readonly Property<string>[], quiescent?: (s: string) => boolean): Model<string> {
  return {
    processes: ['P', 'Q'],
    init: () => ['ii'],
    next: () => [],
    encode: (s) => new TextEncoder().encode(s),
    decode: (b) => new TextDecoder().decode(b),
    properties,
    view: (s) => ({ P: s[0], Q: s[1] }),
    ...(quiescent ? { quiescent } : {}),
  };
}

/** The witness for `state` whose representative swaps P and Q. */
function witness(model: Model<string>, state: string): string | undefined {
  const plan = planChecks(model);
  const swapped = state[1] + state[0];
  return symmetryWitness(model, plan, stateFacts(model, plan, true), state, { state: swapped, perm: [1, 0] });
}

const always = (name: string, holds: (s: string) => boolean, names?: readonly number[]): Property<string> => ({
  name,
  description: name,
  checks: [{ kind: 'always', holds, ...(names ? { names } : {}) }],
});

describe('symmetryWitness names the first fact that differs between a state and its representative', () => {
  it('quiescence', () => {
    const model = pair([], (s) => s[0] === 'd');
    expect(witness(model, 'di')).toBe('Model.quiescent is not symmetric: it answers true and false on {P=d, Q=i} and its representative {P=i, Q=d}');
    expect(witness(model, 'dd')).toBeUndefined();
  });

  it('a state check that holds on the state and fails on its representative', () => {
    const model = pair([always('PNeverDone', (s) => s[0] !== 'd')]);
    expect(witness(model, 'id')).toBe('property PNeverDone is not symmetric: its always check holds on {P=i, Q=d} and its representative {P=d, Q=i}, where it fails');
  });

  it("a process's region, in it or not, through the renaming", () => {
    const model = pair([{ name: 'PLeavesCritical', description: 'P leaves c', checks: [{ kind: 'leaves', processes: [0, 1], inRegion: (s, p) => p === 0 && s[0] === 'c' }] }]);
    expect(witness(model, 'ci')).toBe('property PLeavesCritical is not symmetric: P is in its region in {P=c, Q=i} and its representative {P=i, Q=c}, where it is renamed Q');
    expect(witness(model, 'ic')).toBe('property PLeavesCritical is not symmetric: Q is not in its region in {P=i, Q=c} and its representative {P=c, Q=i}, where it is renamed P');
    expect(witness(model, 'ii')).toBeUndefined();
  });
});

describe('singledOut', () => {
  it('names every process a state check declares, by index when there is no such process', () => {
    const model = pair([always('Nobody', () => true, []), always('Watched', () => true, [1, 5])]);
    expect(singledOut(model, planChecks(model))).toBe('property Watched is not symmetric: its always check names Q, #5');
  });

  it('says nothing when the declared list is empty', () => {
    const model = pair([always('Nobody', () => true, [])]);
    expect(singledOut(model, planChecks(model))).toBeUndefined();
  });
});
