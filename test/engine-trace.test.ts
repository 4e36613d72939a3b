/**
 * Traces under symmetry follow the real processes (explorer/trace.ts), from any initial state;
 * replaying a path checks each step against the search, and a step's changes list every field.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore, type Result } from '../explorer';
import { breadthFirst } from '../explorer/bfs';
import { inlineExecutor } from '../explorer/executor';
import { loadHasher, type Hasher } from '../explorer/fingerprint';
import type { Model } from '../explorer/model';
import { SpecError } from '../explorer/spec-error';
import { changes, replay } from '../explorer/trace';
import { spec as symmetricStarts } from './models/symmetric-starts';
import { contextOf } from './support/search-context';

const MODULE = path.join(__dirname, 'models', 'symmetric-starts');

const run = (symmetry: boolean): Promise<Result> =>
  explore({ module: MODULE, args: { params: {} } }, { spec: 'symmetric-starts', params: {} }, { workers: 1, symmetry });

describe('a trace from an initial state that is not its own representative', () => {
  it.each([true, false])('starts from the real state, renamed back (symmetry %s): P1 counts from 1 to 2', async (symmetry) => {
    const result = await run(symmetry);
    expect(result.run.symmetry).toBe(symmetry);
    const lone = result.properties.find((p) => p.name === 'LoneRunner')!;
    expect(lone.verdict).toBe('violated');
    expect(lone.counterexample).toMatchObject({
      initial: { P1: '1', P2: '0' },
      steps: [{ process: 'P1', action: 'P1.inc', label: 'P1 counts to 2', changes: [{ field: 'P1', before: '1', after: '2' }] }],
      contextSwitches: 0,
    });
  });
});

/**
 * replay() asked directly: the graph comes from a search of one model, the replay re-executes a
 * path of it, and each way the re-execution can disagree with the search is a spec error (or, for
 * a root that is no initial state, an engine error) with an exact message.
 */
describe('replaying a path of the explored graph', () => {
  /** Node models: a state is a number, encoded in one byte; `steps[s]` lists [process, action, to]. */
  type Steps = Record<number, readonly (readonly [number, string, number])[]>;
  function nodeModel(steps: Steps, extra: Partial<Model<number>> = {}): Model<number> {
    return {
      processes: ['P', 'Q'],
      init: () => [0],
      next: (s) => (steps[s] ?? []).map(([process, action, to]) => ({ process, action, label: `${action}: ${s} -> ${to}`, next: to })),
      encode: (s) => Uint8Array.of(s),
      decode: (b) => b[0],
      properties: [{ name: 'Inv', description: 'Holds.', checks: [{ kind: 'always', holds: () => true }] }],
      quiescent: () => true,
      view: (s) => ({ node: String(s) }),
      ...extra,
    };
  }
  async function searched<S>(model: Model<S>, symmetry: boolean, hasher?: Hasher) {
    const hash = hasher ?? (await loadHasher());
    const context = contextOf(model, hash, symmetry);
    const graph = (await breadthFirst(context, inlineExecutor(context), { workers: 1 })).graph;
    /** The edge of `state` that is transition `ordinal` of its `next`. */
    const edgeOf = (state: number, ordinal: number): number => {
      for (let e = graph.edgeStart.get(state); e < graph.edgeStart.get(state + 1); e++) if (graph.ordinal.get(e) === ordinal) return e;
      throw new Error(`no edge ${ordinal} from ${state}`);
    };
    return { graph, hash, edgeOf };
  }
  const thrown = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      return e;
    }
    throw new Error('did not throw');
  };

  it('refuses a root that is no initial state (an engine error, not the spec author’s)', async () => {
    const model = nodeModel({ 0: [[0, 'P.a', 1]] });
    const { graph, hash } = await searched(model, false);
    expect(() => replay(model, graph, false, hash, 1, [])).toThrow(new Error('internal: 1 is not an initial state'));
  });

  it('names the step whose re-execution reaches another state, whichever fingerprint half differs', async () => {
    // The search saw 0 -P.a-> 1 and 0 -P.b-> 2; the replaying model swaps the targets, so
    // transition 0 (still P.a) now reaches 2. A hasher that pins one half of every fingerprint
    // leaves only the other half to show the difference.
    const real = await loadHasher();
    const half = (keep: 0 | 1): Hasher => (bytes, out, at) => {
      real(bytes, out, at);
      out[at + keep] = 7;
    };
    const searchedModel = nodeModel({ 0: [[0, 'P.a', 1], [0, 'P.b', 2]] });
    const replayingModel = nodeModel({ 0: [[0, 'P.a', 2], [0, 'P.b', 1]] });
    for (const hasher of [real, half(0), half(1)]) {
      const { graph, edgeOf } = await searched(searchedModel, false, hasher);
      const error = thrown(() => replay(replayingModel, graph, false, hasher, 0, [{ edge: edgeOf(0, 0), process: 0 }]));
      expect(error).toBeInstanceOf(SpecError);
      expect(error).toMatchObject({
        rule: 'replay',
        detail:
          're-executing step 1 (transition 0 of next, now P.a) gave another successor than in the search: ' +
          'next is not deterministic, or encode/decode lose information, or canonical is not a function of the state',
        state: 'node=0',
      });
    }
  });

  it('without symmetry takes the recorded transition itself, even where another of the same process reaches the same state', async () => {
    // P.a and P.b both go 0 -> 1. The path takes P.b (transition 1): the trace must show P.b, not
    // the first step of P that reaches the same state. The model has a canonical; the run does
    // not use it.
    const model = nodeModel({ 0: [[0, 'P.a', 1], [0, 'P.b', 1]] }, { canonical: (s) => ({ state: s, perm: [0, 1] }) });
    const { graph, hash, edgeOf } = await searched(model, false);
    const replayed = replay(model, graph, false, hash, 0, [{ edge: edgeOf(0, 1), process: 0 }]);
    expect(replayed.transitions.map((t) => t.action)).toEqual(['P.b']);
    expect(replayed.states).toEqual([0, 1]);
  });

  it('under symmetry, a step the real state cannot take is a symmetry error naming the process (by number when the model has no such process)', async () => {
    // symmetric-starts: init 1 is [1,0], represented by [0,1] with the counters swapped. The
    // representative's P2.inc reaches [0,2]; from the real [1,0], P2's own step reaches [1,1],
    // another representative: no step of P2 matches, as when canonical's perm is wrong.
    const model = symmetricStarts.build({ params: {} }) as Model<{ c: number[] }>;
    const { graph, hash, edgeOf } = await searched(model, true);
    const root = graph.roots.find((r) => r.init === 1)!;
    expect(root.perm).not.toBe(0);
    const edge = edgeOf(root.state, 1);
    expect(replay(model, graph, true, hash, root.state, [{ edge, process: 0 }], 1).states.map((s) => s.c)).toEqual([[1, 0], [2, 0]]);
    const because =
      "canonical's perm does not say how processes were renamed (perm[p] is the representative's index of the process that is p), or the model is not symmetric";
    for (const [process, who] of [[1, 'P2'], [5, 'process 5']] as const) {
      const error = thrown(() => replay(model, graph, true, hash, root.state, [{ edge, process }], 1));
      expect(error).toBeInstanceOf(SpecError);
      expect(error).toMatchObject({
        rule: 'symmetry',
        detail: `no step of ${who} from the real state matches step 1 (P2.inc) of the representative: ${because}`,
        state: 'P1=1, P2=0',
      });
    }
  });
});

describe('the fields a step changed', () => {
  it('lists a field that disappears with its value before and no value after', () => {
    // No `after` key at all (not `after: undefined`): the field is gone.
    expect(changes({ node: '1', flag: 'up' }, { node: '2' })).toStrictEqual([
      { field: 'node', before: '1', after: '2' },
      { field: 'flag', before: 'up' },
    ]);
    expect(changes({ node: '2' }, { node: '2', flag: 'up' })).toStrictEqual([{ field: 'flag', after: 'up' }]);
  });
});
