/**
 * Replaying a saved counterexample by transition identity (explorer/schedule.ts), on small graphs
 * built for each verdict the replay can give: every reproduction kind, a step that is disabled or
 * does something else, the initial state found by typed value or by view fields, and lassos whose
 * cycle closes literally, only up to a renaming, or not at all. The `how` and `why` sentences are
 * what `mc replay` and `mc diff` print, so they are pinned whole.
 */
import { describe, expect, it } from 'vitest';
import type { Model, PatchInfo, Property } from '../explorer/model';
import type { Counterexample, PropertyKind } from '../explorer/result';
import { recordedViolation, replaySchedule, type RecordedViolation } from '../explorer/schedule';

/** An edge of a test graph: a state is a node name, and its bytes are the name's (lengths vary). */
interface Edge {
  readonly from: string;
  readonly process: number;
  readonly action: string;
  readonly to: string;
  readonly outcome?: string;
  readonly violates?: string;
}

interface Graph {
  readonly processes: readonly string[];
  readonly init: readonly string[];
  readonly edges: readonly Edge[];
  readonly properties: readonly Property<string>[];
  /** Quiescent nodes; absent: the model has no `quiescent` at all. */
  readonly quiescent?: readonly string[];
  /** Set: the model has a typed view, `{ node, length }`. */
  readonly typed?: boolean;
  readonly canonical?: Model<string>['canonical'];
  readonly whyDisabled?: Model<string>['whyDisabled'];
  /** `"<node> <action>"` -> the patches whose code runs there. */
  readonly patches?: Readonly<Record<string, readonly PatchInfo[]>>;
}

const labelOf = (g: Graph, e: Edge) => `${g.processes[e.process]} moves ${e.from} -> ${e.to}`;

function graphModel(g: Graph): Model<string> {
  return {
    processes: g.processes,
    init: () => [...g.init],
    next: (s) =>
      g.edges
        .filter((e) => e.from === s)
        .map((e) => ({
          process: e.process,
          action: e.action,
          label: labelOf(g, e),
          next: e.to,
          ...(e.outcome !== undefined ? { outcome: e.outcome } : {}),
          ...(e.violates !== undefined ? { violates: e.violates } : {}),
        })),
    encode: (s) => new TextEncoder().encode(s),
    decode: (b) => new TextDecoder().decode(b),
    properties: g.properties,
    // Every node of these graphs starting with `a` is a start node: a field two states can share.
    view: (s) => ({ node: s, side: s.startsWith('a') ? 'start' : 'rest' }),
    ...(g.quiescent ? { quiescent: (s: string) => g.quiescent!.includes(s) } : {}),
    ...(g.typed ? { itf: (s: string) => ({ node: s, length: s.length }) } : {}),
    ...(g.canonical ? { canonical: g.canonical } : {}),
    ...(g.whyDisabled ? { whyDisabled: g.whyDisabled } : {}),
    ...(g.patches ? { patchesAt: (s: string, action: string) => g.patches![`${s} ${action}`] ?? [] } : {}),
  };
}

/** The recorded steps of walking `actions` from `from` on `g` (what a saved trace of it holds). */
function walk(g: Graph, from: string, actions: readonly string[]): RecordedViolation['steps'] {
  let at = from;
  return actions.map((action) => {
    const e = g.edges.find((x) => x.from === at && x.action === action);
    if (!e) throw new Error(`test graph: no ${action} from ${at}`);
    at = e.to;
    return { action, label: labelOf(g, e), ...(e.outcome !== undefined ? { outcome: e.outcome } : {}) };
  });
}

function recorded(g: Graph, property: string, check: PropertyKind, from: string, actions: readonly string[], loopStart?: number): RecordedViolation {
  return {
    property,
    check,
    initial: { node: from, side: from.startsWith('a') ? 'start' : 'rest' },
    steps: walk(g, from, actions),
    ...(loopStart !== undefined ? { loopStart } : {}),
  };
}

/**
 * A chain for the safety verdicts: a -P.one-> b -P.two-> c -Q.three-> d (d: a dead end, not
 * quiescent); Q.bad from b is itself a violation; Q.rest ends quiescent, in q (untidy) from a or in
 * r (tidy) from b. a2 is a second initial state, the only one with P.solo.
 */
const chain: Graph = {
  processes: ['P', 'Q'],
  init: ['a', 'a2'],
  edges: [
    { from: 'a', process: 0, action: 'P.one', to: 'b', outcome: 'ok' },
    { from: 'b', process: 0, action: 'P.two', to: 'c' },
    { from: 'c', process: 1, action: 'Q.three', to: 'd' },
    { from: 'b', process: 1, action: 'Q.bad', to: 'e', violates: 'NoBadStep' },
    { from: 'a', process: 1, action: 'Q.rest', to: 'q' },
    { from: 'b', process: 1, action: 'Q.rest', to: 'r' },
    { from: 'a2', process: 0, action: 'P.solo', to: 'b' },
  ],
  quiescent: ['q', 'r'],
  typed: true,
  properties: [
    { name: 'NeverC', description: 'never c', checks: [{ kind: 'always', holds: (s) => s !== 'c', explain: (s) => `node ${s} is bad` }] },
    { name: 'NeverA', description: 'never a', checks: [{ kind: 'always', holds: (s) => s !== 'a' }] },
    { name: 'NoBadStep', description: 'no Q.bad', checks: [{ kind: 'step' }] },
    { name: 'Tidy', description: 'tidy at the end', checks: [{ kind: 'atQuiescence', holds: (s) => s !== 'q', explain: (s) => `${s} is untidy` }] },
    { name: 'TidyQuiet', description: 'tidy, unexplained', checks: [{ kind: 'atQuiescence', holds: (s) => s !== 'q' }] },
    {
      // Its quiescence check fails in b, which is not quiescent: only the invariant may be asked there.
      name: 'Mixed',
      description: 'never d, and not b at quiescence',
      checks: [
        { kind: 'always', holds: (s) => s !== 'd' },
        { kind: 'atQuiescence', holds: (s) => s !== 'b' },
      ],
    },
  ],
  whyDisabled: (s, action) => (action === 'Q.three' ? `Q waits for node c, not ${s}` : undefined),
  patches: { 'a P.one': [{ id: 'p1', summary: 'P.one as this variant has it' }] },
};

/** The same chain with other patches: another variant of the spec, for `patchesAlso`. */
const chainVariant = graphModel({
  ...chain,
  patches: {
    'a P.one': [
      { id: 'p1', summary: 'P.one as the other variant has it' },
      { id: 'p2', summary: 'P.one also does this' },
    ],
    'b Q.three': [{ id: 'p3', summary: 'lets Q.three run from b' }],
  },
});

const replayChain = (property: string, check: PropertyKind, actions: readonly string[], from = 'a') =>
  replaySchedule(graphModel(chain), recorded(chain, property, check, from, actions));

const NOT_SHOWN = 'every recorded step was taken and the violation did not show';

describe('replay of safety counterexamples', () => {
  it('an invariant fails at the same point, with the check explaining why', () => {
    const replay = replayChain('NeverC', 'always', ['P.one', 'P.two']);
    expect(replay).toStrictEqual({
      property: 'NeverC',
      check: 'always',
      steps: [
        { kind: 'same', step: { process: 'P', action: 'P.one', outcome: 'ok', label: 'P moves a -> b', changes: [{ field: 'node', before: 'a', after: 'b' }, { field: 'side', before: 'start', after: 'rest' }] } },
        { kind: 'same', step: { process: 'P', action: 'P.two', label: 'P moves b -> c', changes: [{ field: 'node', before: 'b', after: 'c' }] } },
      ],
      recordedLength: 2,
      reproduction: { reproduces: true, at: 2, how: 'NeverC fails after step 2, at the same point: node c is bad' },
      initialDiffers: false,
      patchesKnown: true,
    });
  });

  it('an invariant that fails earlier than recorded stops the replay there', () => {
    const replay = replayChain('NeverC', 'always', ['P.one', 'P.two', 'Q.three']);
    expect(replay.steps.map((s) => s.kind)).toEqual(['same', 'same']);
    expect(replay.reproduction).toEqual({ reproduces: true, at: 2, how: 'NeverC fails after step 2, earlier than recorded (3 steps): node c is bad' });
  });

  it('an invariant that fails in the initial state, without an explanation', () => {
    expect(replayChain('NeverA', 'always', []).reproduction).toEqual({ reproduces: true, at: 0, how: 'NeverA fails in the initial state, at the same point' });
    const early = replayChain('NeverA', 'always', ['P.one']);
    expect(early.steps).toEqual([]);
    expect(early.reproduction).toEqual({ reproduces: true, at: 0, how: 'NeverA fails in the initial state, earlier than recorded (1 steps)' });
  });

  it('an invariant that holds all along does not reproduce', () => {
    expect(replayChain('NeverC', 'always', ['Q.rest']).reproduction).toEqual({ reproduces: false, why: NOT_SHOWN });
  });

  it('only the invariant checks of a property are asked before its end, not its quiescence checks', () => {
    expect(replayChain('Mixed', 'always', ['P.one', 'P.two', 'Q.three']).reproduction).toEqual({ reproduces: true, at: 3, how: 'Mixed fails after step 3, at the same point' });
  });

  it('a violating step is violated again by the same step, or by an earlier one', () => {
    expect(replayChain('NoBadStep', 'step', ['P.one', 'Q.bad']).reproduction).toEqual({ reproduces: true, at: 2, how: 'NoBadStep is violated again by the same step: Q moves b -> e' });
    const g: Graph = { ...chain, edges: [...chain.edges, { from: 'e', process: 0, action: 'P.after', to: 'f' }] };
    const early = replaySchedule(graphModel(g), recorded(g, 'NoBadStep', 'step', 'a', ['P.one', 'Q.bad', 'P.after']));
    expect(early.steps.length).toBe(2);
    expect(early.reproduction).toEqual({ reproduces: true, at: 2, how: 'NoBadStep is violated again by step 2, earlier than recorded: Q moves b -> e' });
    expect(replayChain('NoBadStep', 'step', ['P.one', 'P.two']).reproduction).toEqual({ reproduces: false, why: NOT_SHOWN });
  });

  it('a quiescence check fails in the last state, holds there, or that state is not quiescent', () => {
    expect(replayChain('Tidy', 'atQuiescence', ['Q.rest']).reproduction).toEqual({ reproduces: true, at: 1, how: 'Tidy fails at quiescence after step 1: q is untidy' });
    expect(replayChain('TidyQuiet', 'atQuiescence', ['Q.rest']).reproduction).toEqual({ reproduces: true, at: 1, how: 'TidyQuiet fails at quiescence after step 1' });
    expect(replayChain('Tidy', 'atQuiescence', ['P.one', 'Q.rest']).reproduction).toEqual({ reproduces: false, why: 'Tidy holds in the last (quiescent) state' });
    expect(replayChain('Tidy', 'atQuiescence', ['P.one']).reproduction).toEqual({ reproduces: false, why: 'the last state is not quiescent' });
    // A model without `quiescent` has no quiescent state at all.
    const restless = graphModel({ ...chain, quiescent: undefined });
    expect(replaySchedule(restless, recorded(chain, 'Tidy', 'atQuiescence', 'a', ['Q.rest'])).reproduction).toEqual({ reproduces: false, why: 'the last state is not quiescent' });
  });

  it('a deadlock reproduces at a dead end that is not quiescent, and not elsewhere', () => {
    const replay = replayChain('DeadlockFree', 'deadlock', ['P.one', 'P.two', 'Q.three']);
    expect(replay.reproduction).toEqual({ reproduces: true, at: 3, how: 'no process can step after step 3 and the system is not quiescent' });
    expect('loopStart' in replay).toBe(false);
    expect(replayChain('DeadlockFree', 'deadlock', ['P.one']).reproduction).toEqual({ reproduces: false, why: 'the last state has enabled steps' });
    expect(replayChain('DeadlockFree', 'deadlock', ['Q.rest']).reproduction).toEqual({ reproduces: false, why: 'the last state is quiescent (a legitimate end)' });
    // Without `quiescent`, a dead end is never a legitimate one.
    const restless = graphModel({ ...chain, quiescent: undefined });
    expect(replaySchedule(restless, recorded(chain, 'DeadlockFree', 'deadlock', 'a', ['Q.rest'])).reproduction).toEqual({
      reproduces: true,
      at: 1,
      how: 'no process can step after step 1 and the system is not quiescent',
    });
  });

  it('refuses a property the model does not have', () => {
    expect(() => replayChain('Nope', 'always', [])).toThrow(new Error('the model has no property Nope'));
  });
});

describe('a step that no longer does what was recorded', () => {
  it('is changed when its outcome or label differ, with the patches that run there from both variants, each once', () => {
    const want: RecordedViolation = {
      property: 'NeverC',
      check: 'always',
      initial: { node: 'a', side: 'start' },
      steps: [
        { action: 'P.one', outcome: 'old', label: 'P moves a -> b' },
        { action: 'P.two', label: 'P used to move' },
      ],
    };
    const replay = replaySchedule(graphModel(chain), want, { patchesAlso: [chainVariant] });
    expect(replay.steps).toStrictEqual([
      {
        kind: 'changed',
        step: { process: 'P', action: 'P.one', outcome: 'ok', label: 'P moves a -> b', changes: [{ field: 'node', before: 'a', after: 'b' }, { field: 'side', before: 'start', after: 'rest' }] },
        recorded: { outcome: 'old', label: 'P moves a -> b' },
        patches: [
          { id: 'p1', summary: 'P.one as this variant has it' },
          { id: 'p2', summary: 'P.one also does this' },
        ],
      },
      {
        kind: 'changed',
        step: { process: 'P', action: 'P.two', label: 'P moves b -> c', changes: [{ field: 'node', before: 'b', after: 'c' }] },
        recorded: { label: 'P used to move' },
        patches: [],
      },
    ]);
    expect(replay.reproduction).toEqual({ reproduces: true, at: 2, how: 'NeverC fails after step 2, at the same point: node c is bad' });
  });

  it('is disabled: the replay stops there, saying why, what is enabled instead, and which patch enabled it', () => {
    // Recorded on a variant where Q.three runs from b already.
    const want = { ...recorded(chain, 'DeadlockFree', 'deadlock', 'a', ['P.one']), steps: [...walk(chain, 'a', ['P.one']), { action: 'Q.three', label: 'Q moves b -> d' }] };
    const replay = replaySchedule(graphModel(chain), want, { patchesAlso: [chainVariant] });
    expect(replay.steps.map((s) => s.kind)).toEqual(['same', 'disabled']);
    expect(replay.steps[1]).toStrictEqual({
      kind: 'disabled',
      action: 'Q.three',
      why: 'Q waits for node c, not b',
      enabled: ['P.two', 'Q.bad', 'Q.rest'],
      patches: [{ id: 'p3', summary: 'lets Q.three run from b' }],
    });
    expect(replay.reproduction).toEqual({ reproduces: false, why: 'step 2 is not enabled' });
  });
});

describe('what a changed step did, told by the typed states', () => {
  const typedOf = (...nodes: string[]) => nodes.map((node) => ({ node, length: node.length }));
  /** P.one recorded in other words, then P.two as it is; the recorded states are `nodes`. */
  const want = (nodes: readonly string[]): RecordedViolation => {
    const typedStates = typedOf(...nodes);
    return {
      property: 'NeverC',
      check: 'always',
      initial: {},
      initialTyped: typedStates[0]!,
      typedStates,
      steps: [{ action: 'P.one', outcome: 'ok', label: 'P used to say it otherwise' }, ...walk(chain, 'b', ['P.two'])],
    };
  };
  const kinds = (replay: ReturnType<typeof replaySchedule>) => replay.steps.map((s) => [s.kind, s.kind === 'changed' ? s.effect : undefined]);

  it('the same effect: the same variables changed from and to the same values, only the sentence differs', () => {
    const replay = replaySchedule(graphModel(chain), want(['a', 'b', 'c']));
    expect(kinds(replay)).toEqual([
      ['changed', 'same'],
      ['same', undefined],
    ]);
    expect(replay.statesMatch).toEqual([true, true, true]);
    expect(replay.firstMismatch).toBeUndefined();
  });

  it('a different effect when the record went elsewhere; a step that says what was recorded is the same whatever the states show', () => {
    const replay = replaySchedule(graphModel(chain), want(['a', 'bb', 'c']));
    expect(kinds(replay)).toEqual([
      ['changed', 'different'],
      ['same', undefined],
    ]);
    // From where the record went elsewhere, the states are not the recorded ones.
    expect(replay.statesMatch).toEqual([true, false, true]);
    expect(replay.firstMismatch).toEqual({ index: 1, path: 'node', recorded: '"bb"', replayed: '"b"' });
  });

  it('a different effect when the same variable went to another value; the first state that differs, with its leaf', () => {
    const replay = replaySchedule(graphModel(chain), want(['a', 'x', 'c']));
    expect(kinds(replay)).toEqual([
      ['changed', 'different'],
      ['same', undefined],
    ]);
    expect(replay.firstMismatch).toEqual({ index: 1, path: 'node', recorded: '"x"', replayed: '"b"' });
  });

  it('a first state that differs is state 0', () => {
    const typedStates = [{ node: 'a', length: 9 }, ...typedOf('b', 'c')];
    const replay = replaySchedule(graphModel(chain), { ...want(['a', 'b', 'c']), initialTyped: typedStates[0]!, typedStates });
    expect(replay.initialDiffers).toBe(true);
    expect(replay.statesMatch).toEqual([false, true, true]);
    expect(replay.firstMismatch).toEqual({ index: 0, path: 'length', recorded: '9', replayed: '1' });
  });

  it('nothing told when the record keeps typed states for some states only', () => {
    const replay = replaySchedule(graphModel(chain), { ...want(['a', 'bb', 'c']), typedStates: typedOf('a', 'bb') });
    expect(kinds(replay)).toEqual([
      ['changed', undefined],
      ['same', undefined],
    ]);
    expect(replay.statesMatch).toBeUndefined();
    expect(replay.firstMismatch).toBeUndefined();
  });

  it('nothing told when the model or the record has no typed states', () => {
    const untyped = replaySchedule(graphModel({ ...chain, typed: false }), { ...want(['a', 'b', 'c']), initial: { node: 'a', side: 'start' } });
    const unrecorded = replaySchedule(graphModel(chain), { ...want(['a', 'b', 'c']), typedStates: undefined });
    for (const replay of [untyped, unrecorded]) {
      expect(kinds(replay)).toEqual([
        ['changed', undefined],
        ['same', undefined],
      ]);
      expect(replay.statesMatch).toBeUndefined();
    }
  });

  it('says whether any model asked names the patches that run in a step', () => {
    const bare = graphModel({ ...chain, patches: undefined });
    const steps = recorded(chain, 'NeverC', 'always', 'a', ['P.one', 'P.two']);
    expect(replaySchedule(graphModel(chain), steps).patchesKnown).toBe(true);
    expect(replaySchedule(bare, steps).patchesKnown).toBe(false);
    expect(replaySchedule(bare, steps, { patchesAlso: [chainVariant] }).patchesKnown).toBe(true);
  });
});

describe('the initial state of the replay', () => {
  const soloFrom = (initial: RecordedViolation['initial'], initialTyped?: RecordedViolation['initialTyped'], model = graphModel(chain)) =>
    replaySchedule(model, { property: 'NeverC', check: 'always', initial, ...(initialTyped ? { initialTyped } : {}), steps: walk(chain, 'a2', ['P.solo']) });

  it('is matched by typed value when the record and the model have typed states (key order aside)', () => {
    const replay = soloFrom({}, { length: 2, node: 'a2' });
    expect(replay.initialDiffers).toBe(false);
    expect(replay.steps.map((s) => s.kind)).toEqual(['same']);
  });

  it('is matched by all the view fields otherwise, whether or not the model has typed states', () => {
    for (const model of [graphModel(chain), graphModel({ ...chain, typed: false })]) {
      const replay = soloFrom({ node: 'a2', side: 'start' }, undefined, model);
      expect(replay.initialDiffers).toBe(false);
      expect(replay.steps.map((s) => s.kind)).toEqual(['same']);
    }
    expect(soloFrom({ node: 'a2', side: 'start' }, { node: 'a2', length: 2 }, graphModel({ ...chain, typed: false })).initialDiffers).toBe(false);
  });

  it('is the first initial state, flagged, when none has the recorded fields: not one sharing some, nor one with fewer fields', () => {
    const unmatched: RecordedViolation['initial'][] = [{ node: 'zz', side: 'start' }, { node: 'a2', side: 'start', extra: 'x' }, { node: 'a2' }];
    for (const initial of unmatched) {
      const replay = soloFrom(initial);
      expect(replay.initialDiffers).toBe(true);
      // The model has no answer for P.solo: no `why`, rather than a made-up one.
      expect(replay.steps).toStrictEqual([{ kind: 'disabled', action: 'P.solo', enabled: ['P.one', 'Q.rest'], patches: [] }]);
    }
    expect(soloFrom({}, { node: 'a2', length: 3 }).initialDiffers).toBe(true);
  });
});

/** A lasso verdict on `g`, walking `actions` from `from`, the cycle from `loopStart`. */
function lasso(g: Graph, property: string, from: string, actions: readonly string[], loopStart?: number) {
  return replaySchedule(graphModel(g), recorded(g, property, 'leaves', from, actions, loopStart));
}

const inside = (...nodes: string[]) => (s: string) => nodes.includes(s);

describe('replay of a lasso', () => {
  /**
   * s0 -P.enter-> s1, then P and Q both step between s1 and s2. Q is listed and in the region
   * there; P is in it too but not listed; the second check lists P, never in its region.
   */
  const spin: Graph = {
    processes: ['P', 'Q'],
    init: ['s0'],
    edges: [
      { from: 's0', process: 0, action: 'P.enter', to: 's1' },
      { from: 's1', process: 0, action: 'P.spin', to: 's2' },
      { from: 's1', process: 1, action: 'Q.work', to: 's2' },
      { from: 's2', process: 0, action: 'P.spin', to: 's1' },
      { from: 's2', process: 1, action: 'Q.work', to: 's1' },
    ],
    properties: [
      {
        name: 'Spins',
        description: 'Q leaves s1/s2; P leaves nowhere',
        checks: [
          { kind: 'leaves', processes: [1], inRegion: inside('s1', 's2') },
          { kind: 'leaves', processes: [0], inRegion: () => false },
        ],
      },
    ],
  };

  it('closes literally and is fair: names the listed process that stays, and the cycle after the prefix', () => {
    const replay = lasso(spin, 'Spins', 's0', ['P.enter', 'P.spin', 'Q.work'], 1);
    expect(replay.loopStart).toBe(1);
    expect(replay.reproduction).toEqual({ reproduces: true, at: 3, how: 'the 2-step cycle closes again and is fair: Q never leaves the region (Spins)' });
  });

  /** P spins on s1 while Q and R, enabled all along, never step. */
  const unfair: Graph = {
    processes: ['P', 'Q', 'R'],
    init: ['s1'],
    edges: [
      { from: 's1', process: 0, action: 'P.spin', to: 's1' },
      { from: 's1', process: 1, action: 'Q.go', to: 's9' },
      { from: 's1', process: 2, action: 'R.go', to: 's9' },
    ],
    properties: [{ name: 'PLeaves', description: 'P leaves s1', checks: [{ kind: 'leaves', processes: [0], inRegion: (s, p) => p === 0 && s === 's1' }] }],
  };

  it('is not fair when processes enabled throughout never step, and names them', () => {
    expect(lasso(unfair, 'PLeaves', 's1', ['P.spin'], 0).reproduction).toEqual({
      reproduces: false,
      why: 'the cycle closes but is not fair: Q, R is enabled throughout and never steps',
    });
  });

  /** P goes s1 -> s2 -> s1; Q is enabled only in s1, where the cycle begins. */
  const partly: Graph = {
    processes: ['P', 'Q'],
    init: ['s1'],
    edges: [
      { from: 's1', process: 0, action: 'P.spin', to: 's2' },
      { from: 's2', process: 0, action: 'P.spin', to: 's1' },
      { from: 's1', process: 1, action: 'Q.go', to: 's9' },
    ],
    properties: [
      { name: 'PLeaves', description: 'P leaves s1/s2', checks: [{ kind: 'leaves', processes: [0], inRegion: inside('s1', 's2') }] },
      { name: 'PLeavesS1', description: 'P leaves s1', checks: [{ kind: 'leaves', processes: [0], inRegion: inside('s1') }] },
    ],
  };

  it('is fair when a process that never steps is enabled in only some states of the cycle', () => {
    expect(lasso(partly, 'PLeaves', 's1', ['P.spin', 'P.spin'], 0).reproduction).toEqual({
      reproduces: true,
      at: 2,
      how: 'the 2-step cycle closes again and is fair: P never leaves the region (PLeaves)',
    });
  });

  it('does not reproduce when the process is out of the region somewhere in the cycle', () => {
    expect(lasso(partly, 'PLeavesS1', 's1', ['P.spin', 'P.spin'], 0).reproduction).toEqual({
      reproduces: false,
      why: 'the cycle closes but no process stays in the region through it',
    });
  });

  // The same cycle, each check's region named in the spec's words: the replay names the region of
  // the check whose process stays, or every named region where none does.
  const named: Graph = {
    ...partly,
    properties: [
      {
        name: 'PLeavesNamed',
        description: 'P leaves its spin loop and its lock wait',
        checks: [
          { kind: 'leaves', processes: [0], inRegion: inside('s1'), region: 'the lock wait' },
          { kind: 'leaves', processes: [0], inRegion: inside('s1', 's2'), region: 'the spin loop' },
        ],
      },
      { name: 'PLeavesS1Named', description: 'P leaves s1', checks: [{ kind: 'leaves', processes: [0], inRegion: inside('s1'), region: 'the lock wait' }] },
    ],
  };

  it("names the region of the check the process stays in, in the spec's words", () => {
    expect(lasso(named, 'PLeavesNamed', 's1', ['P.spin', 'P.spin'], 0).reproduction).toEqual({
      reproduces: true,
      at: 2,
      how: 'the 2-step cycle closes again and is fair: P never leaves the spin loop (PLeavesNamed)',
    });
    expect(lasso(named, 'PLeavesS1Named', 's1', ['P.spin', 'P.spin'], 0).reproduction).toEqual({
      reproduces: false,
      why: 'the cycle closes but no process stays in the lock wait through it',
    });
  });

  /** x -> xy -> xz: states of the same length with bytes in common, and one a prefix of the next. */
  const open: Graph = {
    processes: ['P'],
    init: ['x'],
    edges: [
      { from: 'x', process: 0, action: 'P.a', to: 'xy' },
      { from: 'xy', process: 0, action: 'P.b', to: 'xz' },
    ],
    properties: [{ name: 'PLeaves', description: 'P leaves', checks: [{ kind: 'leaves', processes: [0], inRegion: () => true }] }],
  };

  it('does not close when the last state differs from the entry, and the model has no renaming', () => {
    expect(lasso(open, 'PLeaves', 'x', ['P.a'], 0).reproduction).toEqual({
      reproduces: false,
      why: 'the cycle does not close: the state after step 1 differs from the one after step 0',
    });
    expect(lasso(open, 'PLeaves', 'x', ['P.a', 'P.b'], 1).reproduction).toEqual({
      reproduces: false,
      why: 'the cycle does not close: the state after step 2 differs from the one after step 1',
    });
  });

  /**
   * Two processes pass a token; the representative is the state where P holds it. The one
   * without the token may also ping, leaving the ring.
   */
  const ring: Graph = {
    processes: ['P', 'Q'],
    init: ['tP', 'tQ'],
    edges: [
      { from: 'tP', process: 0, action: 'P.pass', to: 'tQ' },
      { from: 'tQ', process: 1, action: 'Q.pass', to: 'tP' },
    ],
    properties: [
      { name: 'RingTurns', description: 'nobody leaves the ring', checks: [{ kind: 'leaves', processes: [0, 1], inRegion: () => true }] },
      { name: 'EveryoneGetsToken', description: 'a process without the token gets it', checks: [{ kind: 'leaves', processes: [0, 1], inRegion: (s, p) => s !== `t${'PQ'[p]}` }] },
    ],
    canonical: (s) => (s === 'tQ' ? { state: 'tP', perm: [1, 0] } : { state: s, perm: [0, 1] }),
  };
  const pinging: Graph = {
    ...ring,
    edges: [...ring.edges, { from: 'tP', process: 1, action: 'Q.ping', to: 'z' }, { from: 'tQ', process: 0, action: 'P.ping', to: 'z' }],
  };

  it('closes up to a renaming of interchangeable processes, and says so', () => {
    expect(lasso(ring, 'RingTurns', 'tP', ['P.pass'], 0).reproduction).toEqual({
      reproduces: true,
      at: 1,
      how: 'the 1-step cycle closes again (up to a renaming of interchangeable processes) and is fair: P never leaves the region (RingTurns)',
    });
    expect(lasso(ring, 'RingTurns', 'tP', ['P.pass', 'Q.pass'], 0).reproduction).toEqual({
      reproduces: true,
      at: 2,
      how: 'the 2-step cycle closes again and is fair: P never leaves the region (RingTurns)',
    });
  });

  it('closing up to a renaming, is judged on the behaviour that repeats the cycle renamed', () => {
    // P passes to Q, then (renamed) Q passes to P: Q, waiting in the cycle's only state, gets the token next round.
    expect(lasso(ring, 'EveryoneGetsToken', 'tP', ['P.pass'], 0).reproduction).toEqual({
      reproduces: false,
      why: 'the cycle closes but no process stays in the region through it',
    });
    // The same from the state that is not its own representative.
    expect(lasso(ring, 'EveryoneGetsToken', 'tQ', ['Q.pass'], 0).reproduction).toEqual({
      reproduces: false,
      why: 'the cycle closes but no process stays in the region through it',
    });
    // Q could ping all through the cycle and never does, but it passes the token next round: fair.
    expect(lasso(pinging, 'RingTurns', 'tP', ['P.pass'], 0).reproduction).toEqual({
      reproduces: true,
      at: 1,
      how: 'the 1-step cycle closes again (up to a renaming of interchangeable processes) and is fair: P never leaves the region (RingTurns)',
    });
    // Literally, the same two rounds are fair and keep nobody waiting either.
    expect(lasso(pinging, 'RingTurns', 'tP', ['P.pass', 'Q.pass'], 0).reproduction.reproduces).toBe(true);
    expect(lasso(ring, 'EveryoneGetsToken', 'tP', ['P.pass', 'Q.pass'], 0).reproduction.reproduces).toBe(false);
  });

  it('closing up to a renaming, a process stays in the region only if every process its part passes to does', () => {
    // y is x with P and Q swapped: in the behaviour that repeats the cycle, P plays Q's part every other round.
    const swap: Graph = {
      processes: ['P', 'Q'],
      init: ['x'],
      edges: [{ from: 'x', process: 0, action: 'P.go', to: 'y' }],
      properties: [{ name: 'POnly', description: 'P is in the region, Q is not', checks: [{ kind: 'leaves', processes: [0, 1], inRegion: (_s, p) => p === 0 }] }],
      canonical: (s) => (s === 'y' ? { state: 'x', perm: [1, 0] } : { state: s, perm: [0, 1] }),
    };
    expect(lasso(swap, 'POnly', 'x', ['P.go'], 0).reproduction).toEqual({
      reproduces: false,
      why: 'the cycle closes but no process stays in the region through it',
    });
  });

  it('does not close when the last state is not even a renaming of the entry', () => {
    const far: Graph = { ...ring, edges: [{ from: 'tP', process: 0, action: 'P.drop', to: 'tX' }] };
    expect(lasso(far, 'RingTurns', 'tP', ['P.drop'], 0).reproduction).toEqual({
      reproduces: false,
      why: 'the cycle does not close: the state after step 1 differs from the one after step 0',
    });
  });

  /** From s0: P enters s1 and everything stops; P quits to s3 and everything stops; Q wanders forever. */
  const stop: Graph = {
    processes: ['P', 'Q'],
    init: ['s0'],
    edges: [
      { from: 's0', process: 0, action: 'P.enter', to: 's1' },
      { from: 's0', process: 0, action: 'P.quit', to: 's3' },
      { from: 's0', process: 1, action: 'Q.wander', to: 's4' },
      { from: 's4', process: 1, action: 'Q.wander', to: 's4' },
    ],
    properties: [{ name: 'Stuck', description: 'P leaves s1', checks: [{ kind: 'leaves', processes: [0], inRegion: (s, p) => p === 0 && s === 's1' }] }],
  };

  it('with an empty cycle reproduces when the system stops inside the region (loopStart recorded or not)', () => {
    for (const loopStart of [1, undefined]) {
      const replay = lasso(stop, 'Stuck', 's0', ['P.enter'], loopStart);
      expect(replay.reproduction).toEqual({ reproduces: true, at: 1, how: 'P is stuck in the region and no process can step (Stuck)' });
      expect(replay.loopStart).toBe(loopStart);
    }
  });

  it('with an empty cycle does not reproduce when the system can still step, or stops outside the region', () => {
    expect(lasso(stop, 'Stuck', 's0', ['Q.wander'], 1).reproduction).toEqual({ reproduces: false, why: 'the system can still step at the end of the prefix' });
    expect(lasso(stop, 'Stuck', 's0', ['P.quit'], 1).reproduction).toEqual({ reproduces: false, why: 'no process is left inside the region' });
  });
});

describe('what a counterexample records, for replay', () => {
  const steps = [{ process: 'P', action: 'P.spin', label: 'P moves s1 -> s1', changes: [] }];
  const base: Omit<Counterexample, 'states' | 'loopStart'> = { shape: 'trace', check: 'always', summary: 'PLeaves', initial: { node: 's1' }, steps, contextSwitches: 0 };

  it('carries the typed first state and where the cycle begins when the counterexample has them', () => {
    const cx: Counterexample = { ...base, shape: 'lasso', check: 'leaves', states: [{ node: 's1' }, { node: 's1' }], loopStart: 0 };
    expect(recordedViolation({ name: 'PLeaves', counterexample: cx })).toStrictEqual({
      property: 'PLeaves',
      check: 'leaves',
      initial: { node: 's1' },
      initialTyped: { node: 's1' },
      typedStates: [{ node: 's1' }, { node: 's1' }],
      steps,
      loopStart: 0,
    });
  });

  it('carries the typed first state only when the states are not one per step and one more', () => {
    const cx: Counterexample = { ...base, states: [{ node: 's1' }] };
    expect(recordedViolation({ name: 'NeverC', counterexample: cx })).toStrictEqual({ property: 'NeverC', check: 'always', initial: { node: 's1' }, initialTyped: { node: 's1' }, steps });
  });

  it('leaves them out when it has not', () => {
    expect(recordedViolation({ name: 'NeverC', counterexample: base })).toStrictEqual({ property: 'NeverC', check: 'always', initial: { node: 's1' }, steps });
  });

  it('refuses a property without a counterexample', () => {
    expect(() => recordedViolation({ name: 'NeverC' })).toThrow(new Error('NeverC has no counterexample'));
  });
});
