/** The two-phase model's own machinery: encoding, symmetry, labels, the spec declaration. */
import { describe, expect, it } from 'vitest';
import type { Model } from '../explorer';
import { spec } from '../spec/two-phase';
import type { TwoPhaseState } from '../spec/two-phase/state';

function build(rms: number, variant = 'correct'): Model<TwoPhaseState> {
  return spec.build({ variant, params: { rms } }) as Model<TwoPhaseState>;
}

/** Every reachable state, by a plain search over the model itself. */
function reachable(model: Model<TwoPhaseState>): TwoPhaseState[] {
  const seen = new Map<string, TwoPhaseState>();
  const todo = model.init();
  while (todo.length > 0) {
    const s = todo.pop()!;
    const k = Buffer.from(model.encode(s)).toString('hex');
    if (seen.has(k)) continue;
    seen.set(k, s);
    for (const t of model.next(s)) todo.push(t.next);
  }
  return [...seen.values()];
}

describe('two-phase model', () => {
  it.each([3, 4])('decode inverts encode on every reachable state (%i RMs)', (rms) => {
    const model = build(rms);
    for (const s of reachable(model)) {
      const bytes = model.encode(s);
      expect(bytes.length).toBe(1 + Math.ceil(rms / 2));
      expect(model.decode(bytes)).toEqual(s);
    }
  });

  it('canonical is idempotent, and perm says where each RM went', () => {
    const model = build(4, 'mutant');
    for (const s of reachable(model)) {
      const { state, perm } = model.canonical!(s);
      expect(perm[0]).toBe(0); // the TM stays put
      expect([...perm].sort()).toEqual([0, 1, 2, 3, 4]);
      for (let p = 1; p < perm.length; p++) {
        const [from, to] = [p - 1, perm[p]! - 1];
        expect(state.rmState[to]).toBe(s.rmState[from]);
        expect(state.tmPrepared[to]).toBe(s.tmPrepared[from]);
        expect(state.msgs.prepared[to]).toBe(s.msgs.prepared[from]);
      }
      const again = model.canonical!(state);
      expect(model.encode(again.state)).toEqual(model.encode(state));
      expect(again.perm).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('names actions by process and TLA+ operator, with a sentence and a source', () => {
    const model = build(2);
    const [init] = model.init();
    const first = model.next(init!);
    expect(first.map((t) => t.action)).toEqual([
      'TM.TMAbort',
      'RM1.RMPrepare',
      'RM1.RMChooseToAbort',
      'RM2.RMPrepare',
      'RM2.RMChooseToAbort',
    ]);
    expect(first.map((t) => model.processes[t.process])).toEqual(['TM', 'RM1', 'RM1', 'RM2', 'RM2']);
    const prepare = first[1]!;
    expect(prepare.label).toBe('RM1 prepares and sends Prepared to the TM');
    expect(prepare.source).toEqual({ file: 'TwoPhase.tla', line: 104, function: 'RMPrepare' });
    const received = model.next(prepare.next).find((t) => t.action === 'TM.TMRcvPrepared(RM1)')!;
    expect(received.outcome).toBeUndefined();
    const again = model.next(received.next).find((t) => t.action === 'TM.TMRcvPrepared(RM1)')!;
    expect(again.outcome).toBe('no change');
    expect(model.encode(again.next)).toEqual(model.encode(received.next));
  });

  it('actions() names exactly the steps the model takes, on both variants', () => {
    for (const variant of ['correct', 'mutant']) {
      const model = build(3, variant);
      const taken = new Set(reachable(model).flatMap((s) => model.next(s).map((t) => t.action)));
      expect(taken.size).toBe(2 + 3 + 4 * 3); // TMCommit, TMAbort; TMRcvPrepared per RM; four RM steps each
      expect([...model.actions!()].sort()).toEqual([...taken].sort());
      for (const a of ['TM.bogus', 'RM4.RMPrepare', 'TM.TMRcvPrepared(RM4)', 'RM1.TMCommit', 'TM.TMCommit(RM1)', 'rm1.RMPrepare']) expect([a, model.actions!().has(a)]).toEqual([a, false]);
    }
  });

  it('shows the state as TLC would', () => {
    const model = build(2);
    const [init] = model.init();
    expect(model.view(init!)).toEqual({
      'rmState[RM1]': '"working"',
      'rmState[RM2]': '"working"',
      tmState: '"init"',
      tmPrepared: '{}',
      msgs: '{}',
    });
    const prepared = model.next(init!).find((t) => t.action === 'RM2.RMPrepare')!.next;
    expect(model.view(prepared)['msgs']).toBe('{[type |-> "Prepared", rm |-> RM2]}');
    expect(model.explainProcess!(prepared, 2)).toBe('prepared, waiting for the TM decision');
    expect(model.explainProcess!(prepared, 0)).toBe('undecided, 0 of 2 Prepared votes counted');
  });

  it('is quiescent exactly when every RM has decided', () => {
    const model = build(3);
    for (const s of reachable(model)) {
      expect(model.quiescent!(s)).toBe(s.rmState.every((st) => st === 'committed' || st === 'aborted'));
      expect(model.next(s).length).toBeGreaterThan(0); // TwoPhase never deadlocks
    }
  });

  it('declares its parameters and variants, and rejects bad ones', () => {
    expect(spec.name).toBe('two-phase');
    expect(spec.defaultVariant).toBe('correct');
    expect(spec.variants!.map((v) => v.id)).toEqual(['correct', 'mutant']);
    expect(spec.propertyNames).toEqual(['TCConsistent']);
    expect(spec.parameters).toEqual([expect.objectContaining({ name: 'rms', min: 1, default: 3 })]);
    expect(build(3).properties.map((p) => p.name)).toEqual(spec.propertyNames);
    expect(spec.build({ params: {} }).processes).toEqual(['TM', 'RM1', 'RM2', 'RM3']);
    expect(() => spec.build({ params: { rms: 0 } })).toThrow(/rms/);
    expect(() => spec.build({ variant: 'nope', params: { rms: 2 } })).toThrow(/variant/);
  });
});
