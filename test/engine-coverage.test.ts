/**
 * Coverage (`ExploreOptions.coverage`, explorer/coverage.ts): every transition of every expanded
 * state counted once, grouped by step, with the states each step reached first. Checked by hand on
 * explicit graphs, against an independent count (a plain breadth-first search over `model.next`)
 * on nfs and TwoPhase, and by difference: the same counts with one or two workers, the same steps
 * never taken with or without symmetry reduction, new states that add up to the states found.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore, type Coverage, type Model, type Result } from '../explorer';
import { addCounts, BatchCounter, coverageOf, stepOf, type StepCounts } from '../explorer/coverage';
import { planChecks } from '../explorer/checks';
import { expandBatch } from '../explorer/expand';
import { loadHasher } from '../explorer/fingerprint';
import { loadModel } from '../explorer/load';
import { modulePath } from './support/engine-models';
import { spec as nfs } from '../spec/nfs';
import { spec as twoPhase } from '../spec/two-phase';
import { checkGraph } from './support/engine-models';
import { coverageSummary, coverageWarns } from '../reports/coverage';

const NFS = path.join(__dirname, '..', 'spec', 'nfs', 'index');
const TWO_PHASE = path.join(__dirname, '..', 'spec', 'two-phase', 'index');
const NFS_DEFAULTS = { writers: 2, pages: 2, writes: 2, faults: 1 };
const MODELS = path.join(__dirname, 'models');

function checkNfs(variant: string, params: Record<string, number>, options: { workers?: number; symmetry?: boolean; maxStates?: number } = {}): Promise<Result> {
  const all = { ...NFS_DEFAULTS, ...params };
  return explore({ module: NFS, args: { variant, params: all } }, { spec: 'nfs', variant, params: all }, { workers: 1, symmetry: false, coverage: true, ...options });
}

const untaken = (c: Coverage | undefined) => c!.steps.filter((s) => s.taken === 0).map((s) => s.step);
const counts = (c: Coverage | undefined) => Object.fromEntries(c!.steps.map((s) => [s.step, s.taken]));

/**
 * Every transition of every reachable state, by step and outcome, from a search of its own over
 * `model.next` (no symmetry, no engine code): what coverage must count on a model where no state is
 * a violation (every reachable state is expanded). Breadth-first, states and transitions in the
 * order the engine numbers them, so that the state a step reached first is the one the engine's
 * merge credits it with (`/new`).
 */
function independentCount(model: Model<unknown>): Record<string, number> {
  const key = (s: unknown) => Buffer.from(model.encode(s)).toString('hex');
  const seen = new Set<string>();
  const queue = model.init().filter((s) => !seen.has(key(s)) && seen.add(key(s)));
  const out: Record<string, number> = {};
  const add = (name: string, n: number) => {
    out[name] = (out[name] ?? 0) + n;
  };
  for (let at = 0; at < queue.length; at++) {
    for (const t of model.next(queue[at])) {
      const step = stepOf(t.action, model.processes[t.process]);
      const found = !seen.has(key(t.next));
      if (found) {
        seen.add(key(t.next));
        queue.push(t.next);
      }
      for (const name of [step, ...(t.outcome ? [`${step}[${t.outcome}]`] : [])]) {
        add(name, 1);
        add(`${name}/new`, found ? 1 : 0);
      }
    }
  }
  out['initial/new'] = new Set(model.init().map(key)).size;
  return out;
}

/** Every count of a coverage, named as `independentCount` names them; steps never taken left out. */
const flattened = (c: Coverage | undefined) => ({
  ...Object.fromEntries(
    c!.steps
      .filter((s) => s.taken > 0)
      .flatMap((s) => [[s.step, s], ...s.outcomes.map((o) => [`${s.step}[${o.outcome}]`, o] as const)] as const)
      .flatMap(([name, n]) => [[name, n.taken], [`${name}/new`, n.distinct]]),
  ),
  'initial/new': c!.initial,
});

describe('coverage: each step counted over the states the search expanded', () => {
  it('counts nothing unless asked', async () => {
    expect((await checkGraph('fields')).coverage).toBeUndefined();
  });

  it('on a graph, by hand: each edge of an expanded node once, by step name, outcomes apart, in name order without a vocabulary', async () => {
    // 0 -P.raise[raised]-> 1 -Q.lower-> 2, and 2 -P.stay-> 2: node 2 violates NeverTwo.
    const result = await checkGraph('fields', { coverage: true });
    // stay is taken but only loops: it reaches no new state.
    expect(result.coverage).toEqual({
      complete: true,
      vocabulary: false,
      initial: 1,
      steps: [
        { step: 'lower', taken: 1, distinct: 1, outcomes: [] },
        { step: 'raise', taken: 1, distinct: 1, outcomes: [{ outcome: 'raised', taken: 1, distinct: 1 }] },
        { step: 'stay', taken: 1, distinct: 0, outcomes: [] },
      ],
    });
  });

  it('names a step from its identity: the process and the choice dropped, anything else kept whole', () => {
    expect(stepOf('W1.start_io_write(p0,s2)', 'W1')).toBe('start_io_write');
    expect(stepOf('C.complete(R@p0/W1,fault)', 'C')).toBe('complete');
    expect(stepOf('TM.TMRcvPrepared(RM2)', 'TM')).toBe('TMRcvPrepared');
    expect(stepOf('RM1.RMPrepare', 'RM1')).toBe('RMPrepare');
    // Not the acting process's prefix, or no choice to drop: kept.
    expect(stepOf('W2.write_end', 'W1')).toBe('W2.write_end');
    expect(stepOf('tick', 'P')).toBe('tick');
    expect(stepOf('(x)', 'P')).toBe('(x)');
  });

  it.each([
    ['nfs mainline, one writer', () => nfs.build({ variant: 'mainline', params: { ...NFS_DEFAULTS, writers: 1 } }), () => checkNfs('mainline', { writers: 1 })],
    ['two-phase, 3 RMs', () => twoPhase.build({ variant: 'correct', params: { rms: 3 } }), () => explore({ module: TWO_PHASE, args: { variant: 'correct', params: { rms: 3 } } }, { spec: 'two-phase', variant: 'correct', params: { rms: 3 } }, { workers: 1, symmetry: false, coverage: true })],
  ])('%s: the counts of an independent search over every reachable state', async (_name, build, check) => {
    const result = await check();
    expect(result.properties.every((p) => p.verdict === 'holds')).toBe(true);
    expect(flattened(result.coverage)).toEqual(independentCount(build() as Model<unknown>));
  });

  it('lists the vocabulary steps never taken: nfs_wb_page is never entered with one writer and one write, so WbPageTerminates holds vacuously there', async () => {
    const result = await checkNfs('22876f54', { writers: 1, writes: 1 });
    expect(result.properties.find((p) => p.name === 'WbPageTerminates')!.verdict).toBe('holds');
    expect(result.coverage!.vocabulary).toBe(true);
    expect(untaken(result.coverage)).toEqual(['wb_page_iter']);
    // In the write path's order (action-names.ts).
    expect(result.coverage!.steps.map((s) => s.step)).toEqual([
      'start_io_write', 'write_begin', 'update_page', 'add_request', 'write_end', 'wb_page_iter', 'fsync_flush', 'fsync_wait', 'fsync_report', 'flush', 'complete',
    ]);
    const twoWrites = await checkNfs('22876f54', { writers: 1 });
    expect(untaken(twoWrites.coverage)).toEqual([]);
  });

  it('counts a transition that violates a step property as taken and as violating; a step enabled only after one is not "enabled in no reachable state"', async () => {
    const result = await explore(
      { module: path.join(MODELS, 'graphs-more'), args: { variant: 'coverage-step-check', params: {} } },
      { spec: 'graphs-more', variant: 'coverage-step-check', params: {} },
      { workers: 1, symmetry: false, coverage: true },
    );
    expect(result.properties.find((p) => p.name === 'NoCrash')!.verdict).toBe('violated');
    // A violating step's target is a state of its own (a terminal), numbered as it is first
    // reached: crash reaches node 2 twice, the second time a state already found.
    expect(result.coverage!.steps).toEqual([
      { step: 'go', taken: 1, distinct: 1, outcomes: [] },
      { step: 'crash', taken: 2, distinct: 1, violating: 2, outcomes: [{ outcome: 'oops', taken: 2, distinct: 1, violating: 2 }] },
      { step: 'after', taken: 0, distinct: 0, outcomes: [] },
      { step: 'never', taken: 0, distinct: 0, outcomes: [] },
      { step: 'stop', taken: 2, distinct: 2, violating: 1, outcomes: [{ outcome: 'late', taken: 1, distinct: 1, violating: 1 }] },
      { step: 'slip', taken: 1, distinct: 1, outcomes: [{ outcome: 'slipped', taken: 1, distinct: 1 }] },
    ]);
    expect(result.coverage!.initial + result.coverage!.steps.reduce((n, s) => n + s.distinct, 0)).toBe(result.stats.distinct);
    // `after` is enabled at node 2, reachable (by P.crash) but never expanded: not "no reachable state".
    expect(coverageSummary(result.coverage!)).toBe(
      'coverage: 2 of 6 steps never taken (enabled in no explored state; the targets of violating steps are not explored): after, never; ' +
        '1 taken only by transitions that violate a step property, with nothing explored after them: crash; a ✓ says nothing about their behaviour',
    );
  });

  it('counts the final search only when symmetry reduction is turned off mid-run (a property that is not symmetric)', async () => {
    const run = (symmetry: boolean) =>
      explore(
        { module: path.join(MODELS, 'survivors-symmetric'), args: { variant: 'late-asymmetry', params: {} } },
        { spec: 'survivors-symmetric', variant: 'late-asymmetry', params: {} },
        { workers: 1, symmetry, coverage: true },
      );
    const plain = await run(false);
    const redone = await run(true);
    expect(redone.run.symmetry).toBe(false);
    expect(redone.warnings).toHaveLength(1);
    // The reduced search counted up to depth 5 before it stopped: none of it may be added.
    expect(redone.coverage).toEqual(plain.coverage);
    expect(redone.coverage!.steps.reduce((n, s) => n + s.taken, 0)).toBe(redone.stats.generated - 1);
  });

  it('gives the same counts with two workers as with one', async () => {
    const one = await checkNfs('22876f54', {}, { workers: 1 });
    const two = await checkNfs('22876f54', {}, { workers: 2 });
    expect(two.coverage).toEqual(one.coverage);
  });

  it('gives the same violating counts with two workers as with one (they cross from the worker threads too)', async () => {
    // 14bebe3c: add_request oopses (MappingNonNull) in some states.
    const one = await checkNfs('14bebe3c', {}, { workers: 1 });
    const two = await checkNfs('14bebe3c', {}, { workers: 2 });
    expect(one.coverage!.steps.find((s) => s.step === 'add_request')!.violating).toBeGreaterThan(0);
    expect(two.coverage).toEqual(one.coverage);
  });

  it('credits every state found but the initial ones to the step that reached it first: with symmetry, with violations, with two workers', async () => {
    const runs = [
      await checkNfs('22876f54', {}, { symmetry: true }),
      await checkNfs('14bebe3c', {}, { workers: 2 }),
      await explore({ module: TWO_PHASE, args: { variant: 'correct', params: { rms: 4 } } }, { spec: 'two-phase', variant: 'correct', params: { rms: 4 } }, { workers: 2, symmetry: true, coverage: true }),
    ];
    for (const result of runs) {
      const c = result.coverage!;
      expect(c.initial + c.steps.reduce((n, s) => n + s.distinct, 0)).toBe(result.stats.distinct);
      // A step's outcomes split its new states as they split its transitions.
      for (const s of c.steps.filter((s) => s.outcomes.length > 0)) {
        expect(s.outcomes.reduce((n, o) => n + o.distinct, 0)).toBeLessThanOrEqual(s.distinct);
        expect(s.outcomes.every((o) => o.distinct <= o.taken)).toBe(true);
      }
    }
    // The spin of 22876f54: nfs_wb_page's loop back (nfs_commit_inode returns 0) is taken, but
    // never to a state not already found.
    const spin = runs[0]!.coverage!.steps.find((s) => s.step === 'wb_page_iter')!.outcomes.find((o) => o.outcome === 'nfs_commit_inode returns 0')!;
    expect(spin.taken).toBeGreaterThan(0);
    expect(spin.distinct).toBe(0);
  });

  it('names the same steps never taken with symmetry reduction as without (it counts representatives only)', async () => {
    for (const [variant, params] of [['mainline', {}], ['22876f54', { writers: 1, writes: 1 }]] as const) {
      const full = await checkNfs(variant, params, { symmetry: false });
      const reduced = await checkNfs(variant, params, { symmetry: true });
      expect(reduced.run.symmetry).toBe(true);
      expect(untaken(reduced.coverage)).toEqual(untaken(full.coverage));
      for (const [step, n] of Object.entries(counts(reduced.coverage))) expect(n).toBeLessThanOrEqual(counts(full.coverage)[step]!);
    }
  });

  it('is complete when the search was, though an interrupt after it left the run incomplete', async () => {
    // post-search: next() is asked again by the search recording edges, after the search itself
    // expanded its last node (4); the abort there is first seen by judging.
    const hook = globalThis as { mcOnNext?: (n: number) => void };
    const controller = new AbortController();
    let searched = false;
    hook.mcOnNext = (n) => {
      if (n === 4) searched = true;
      else if (searched) controller.abort();
    };
    try {
      const result = await explore(
        { module: path.join(MODELS, 'post-search'), args: { params: {} } },
        { spec: 'post-search', params: {} },
        { workers: 1, symmetry: false, coverage: true, signal: controller.signal },
      );
      expect(controller.signal.aborted).toBe(true);
      expect(result.completion).toEqual({ complete: false, stoppedBy: 'interrupted' });
      expect(result.stats.queue).toBe(0);
      expect(result.coverage).toEqual({ complete: true, vocabulary: false, initial: 1, steps: [{ step: 'inc', taken: 4, distinct: 4, outcomes: [] }] });
    } finally {
      delete hook.mcOnNext;
    }
  });

  it('says a stopped search counted only the states it explored', async () => {
    const stopped = await checkNfs('mainline', {}, { maxStates: 40 });
    expect(stopped.completion.complete).toBe(false);
    expect(stopped.coverage!.complete).toBe(false);
    expect(untaken(stopped.coverage).length).toBeGreaterThan(0);
  });
});

describe('coverage: grouping and order, unit by unit', () => {
  // Counted in an order that is neither the names' nor the reverse of it, outcomes likewise.
  // Counted in two batches, each transition finding a new state but the last of each.
  const counted = (): StepCounts => {
    const counts: StepCounts = new Map();
    for (const batch of [
      [[0, 'P.mid', 'b'], [1, 'Q.zeta(x)', undefined], [0, 'P.alpha', 'y'], [0, 'P.mid', 'c']],
      [[0, 'P.mid', 'a'], [1, 'Q.zeta(y)', undefined], [0, 'P.alpha', 'x']],
    ] as const) {
      const counter = new BatchCounter();
      const keys = batch.map(([process, action, outcome]) => counter.count(process, action, outcome, false));
      const found = new Uint32Array(counter.counts.keys.length);
      for (const key of keys.slice(0, -1)) found[key]!++;
      addCounts(counts, counter.counts, found);
    }
    return counts;
  };
  const model = (actions?: string[]) => ({ processes: ['P', 'Q'], ...(actions ? { actions: () => new Set(actions) } : {}) }) as unknown as Model<unknown>;

  it('without a vocabulary: steps and outcomes in name order, whatever the order they were counted in', () => {
    expect(coverageOf(model(), counted(), true, 3).steps).toEqual([
      { step: 'alpha', taken: 2, distinct: 1, outcomes: [{ outcome: 'x', taken: 1, distinct: 0 }, { outcome: 'y', taken: 1, distinct: 1 }] },
      { step: 'mid', taken: 3, distinct: 2, outcomes: [{ outcome: 'a', taken: 1, distinct: 1 }, { outcome: 'b', taken: 1, distinct: 1 }, { outcome: 'c', taken: 1, distinct: 0 }] },
      { step: 'zeta', taken: 2, distinct: 2, outcomes: [] },
    ]);
  });

  it("with one: the vocabulary's order, its steps never taken listed with 0", () => {
    const c = coverageOf(model(['Q.zeta(x)', 'Q.zeta(y)', 'P.never', 'P.mid', 'P.alpha']), counted(), false, 3);
    expect(c).toMatchObject({ complete: false, vocabulary: true, initial: 3 });
    expect(c.steps.map((s) => [s.step, s.taken])).toEqual([['zeta', 2], ['never', 0], ['mid', 3], ['alpha', 2]]);
  });

  it('a batch numbers each (identity, outcome) pair once, however often it is taken: the numbers its successors carry', () => {
    const counter = new BatchCounter();
    const keys = [
      counter.count(0, 'P.a', 'x', false),
      counter.count(0, 'P.a', 'x', true),
      counter.count(0, 'P.a', undefined, false),
      counter.count(1, 'Q.b', 'x', false),
      counter.count(0, 'P.a', 'x', false),
    ];
    expect(keys).toEqual([0, 0, 1, 2, 0]);
    expect(counter.counts).toEqual({
      keys: [
        { process: 0, action: 'P.a', outcome: 'x' },
        { process: 0, action: 'P.a', outcome: '' },
        { process: 1, action: 'Q.b', outcome: 'x' },
      ],
      taken: [3, 1, 1],
      violating: [1, 0, 0],
    });
  });

  it('warns when a spec without a vocabulary took no step at all: every ✓ is then vacuous', () => {
    const none = coverageOf(model(), new Map(), true, 1);
    expect(none.steps).toEqual([]);
    expect(coverageWarns(none)).toBe(true);
    expect(coverageWarns(coverageOf(model(), counted(), true, 3))).toBe(false);
  });

  it('drops a choice only where it ends the identity, and a prefix only of the acting process', () => {
    expect(stepOf('P.f(a)b', 'P')).toBe('f(a)b');
    expect(stepOf('P.f(a)', undefined)).toBe('P.f');
  });

  it('a batch counts its transitions only when asked (Batch.countSteps)', async () => {
    const graph = await loadModel({ module: modulePath('graphs'), args: { variant: 'fields', params: {} } });
    const encoded = graph.encode(graph.init()[0]);
    const batch = { data: encoded, offsets: Uint32Array.of(0, encoded.length) };
    const hasher = await loadHasher();
    expect(expandBatch(graph, planChecks(graph), false, hasher, batch)).not.toHaveProperty('steps');
    const expansion = expandBatch(graph, planChecks(graph), false, hasher, { ...batch, countSteps: true });
    expect(expansion.steps).toEqual({ keys: [{ process: 0, action: 'P.raise', outcome: 'raised' }], taken: [1], violating: [0] });
    // The listed successor names its pair, for the merge to credit the state it finds.
    expect([...expansion.stepKeys]).toEqual([0]);
  });
});
