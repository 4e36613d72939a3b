/**
 * The spec sanity check names each spec-author mistake, before or during the search, instead of a
 * silent wrong verdict or an "internal error" blaming the engine.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore, type Result } from '../explorer';
import { checkDeclaration } from '../explorer/spec-check';
import { asSpecError, SpecError } from '../explorer/spec-error';
import { spec as broken } from './models/broken';

const MODULE = path.join(__dirname, 'models', 'broken');

function run(variant: string, symmetry = true): Promise<Result> {
  return explore({ module: MODULE, args: { variant, params: {} } }, { spec: 'broken', variant, params: {} }, { workers: 1, symmetry });
}

async function mistake(variant: string, symmetry = true): Promise<SpecError> {
  const error = await run(variant, symmetry).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `variant ${variant} must be refused`).toBeInstanceOf(SpecError);
  const e = error as SpecError;
  expect(e.message).not.toContain('\n');
  return e;
}

describe('the spec sanity check', () => {
  it('the correct model passes and finds its violation', async () => {
    const result = await run('correct');
    expect(result.properties.find((p) => p.name === 'NoLoneRunner')?.verdict).toBe('violated');
  });

  const cases: readonly [variant: string, rule: string, detail: RegExp, state?: string][] = [
    ['decode-buffer', 'encode/decode round trip', /decode receives a view into a batch and must read bytes\[i\]/, 'P1=0, P2=0'],
    ['lossy', 'encode/decode round trip', /encode or decode loses information/, 'P1=0, P2=0 (as decoded from the bytes 0001)'],
    ['empty-init', 'init', /init\(\) returned no state/],
    ['plain-array-encode', 'encode', /encode must return a Uint8Array, got an array/, 'P1=0, P2=0'],
    ['no-quiescent', 'check kind', /atQuiescence check but the model has no quiescent/],
    ['unknown-kind', 'check kind', /unknown kind "eventually"; kinds: always, atQuiescence, step, leaves/],
    ['reserved-name', 'properties', /DeadlockFree is the engine's own deadlock check/],
    ['no-decode', 'model object', /model\.decode must be a function, got undefined/],
    ['next-not-array', 'next', /next must return an array of transitions, got object/, 'P1=0, P2=0'],
    ['process-out-of-range', 'next', /transition 1 \(P2\.inc\): process must be an index in 0\.\.1 of model\.processes, got 2/, 'P1=0, P2=0'],
    ['action-not-string', 'next', /action must be a non-empty string/],
    ['shuffled-next', 'next deterministic', /same transitions in the same order.*transition 0 was P1\.inc, then P2\.inc/, 'P1=0, P2=0'],
    ['perm-not-permutation', 'canonical', /perm must be a permutation of 0\.\.1, got \[0,0\]/],
    ['wrong-perm', 'canonical', /perm does not say how processes were renamed/, 'P1=1, P2=0'],
    ['canonical-not-idempotent', 'canonical', /must be idempotent/],
  ];
  for (const [variant, rule, detail, state] of cases) {
    it(`${variant}: ${rule}`, async () => {
      const e = await mistake(variant);
      expect(e.rule).toBe(rule);
      expect(e.detail).toMatch(detail);
      if (state !== undefined) expect(e.state).toBe(state);
    });
  }

  it('a mistake first seen in a worker thread arrives as the same spec error', async () => {
    // The lossy decode passes at the initial state (P2 is 0 there); a worker's sample catches it.
    const error = await explore(
      { module: MODULE, args: { variant: 'lossy', params: {} } },
      { spec: 'broken', variant: 'lossy', params: {} },
      { workers: 2, symmetry: true },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).rule).toBe('encode/decode round trip');
    expect((error as SpecError).state).toBe('P1=0, P2=0 (as decoded from the bytes 0001)');
  });

  it('nondeterminism the samples miss is named when the counterexample is replayed (not "internal error")', async () => {
    const e = await mistake('late-shuffle', false);
    expect(e.rule).toBe('replay');
    expect(e.detail).toMatch(/step 2 \(transition 0 of next, now P2\.inc\).*next is not deterministic, or encode\/decode lose information/);
    expect(e.state).toBe('P1=1, P2=0');
  });

  it('nondeterminism between the first search and the one recording its edges is named, not a counterexample to another state', async () => {
    const e = await mistake('shuffle-between-searches', false);
    expect(e.rule).toBe('next deterministic');
    expect(e.detail).toMatch(/^next is not deterministic: the search that records the steps above the first failure did not repeat the first search \(state 3 is another state/);
    expect(e.state).toBe('P1=1, P2=0');
  });

  it('a violating step that is another edge in the recording search is named too', async () => {
    const e = await mistake('step-shuffle-between-searches', false);
    expect(e.rule).toBe('next deterministic');
    expect(e.detail).toMatch(/did not repeat the first search \(step \d+, which violated a step property, is not the same violating step to state \d+\)/);
  });

  it("the model's property names must equal the spec's propertyNames", () => {
    const model = broken.build({ variant: 'correct', params: {} });
    expect(() => checkDeclaration(['NoLoneRunner'], model)).not.toThrow();
    expect(() => checkDeclaration(['NoLoneRunner', 'Gone'], model)).toThrow(/in propertyNames but not in the model: Gone/);
    expect(() => checkDeclaration([], model)).toThrow(/in the model but not in propertyNames: NoLoneRunner/);
    expect(() => checkDeclaration(['NoLoneRunner', 'DeadlockFree'], model)).toThrow(SpecError);
  });
});

/**
 * What workerpool does to an error thrown in a worker thread: its own properties are copied into
 * a plain object (worker side), cloned across, and assigned onto a fresh Error (main side).
 */
function acrossWorkerThread(e: Error): Error {
  const wire: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(e)) wire[name] = (e as unknown as Record<string, unknown>)[name];
  return Object.assign(new Error(''), structuredClone(wire));
}

describe('a SpecError', () => {
  it('is one line: the rule, the detail, and the state when there is one', () => {
    expect(new SpecError('init', 'init() returned no state', 'P1=0, P2=0').message).toBe('init: init() returned no state; state: P1=0, P2=0');
    expect(new SpecError('init', 'init() returned no state').message).toBe('init: init() returned no state');
  });

  it('is recognised again after crossing from a worker thread, fields and message intact', () => {
    for (const original of [new SpecError('replay', 'next is not deterministic', 'P1=0'), new SpecError('init', 'no state')]) {
      const rebuilt = asSpecError(acrossWorkerThread(original));
      expect(rebuilt).toBeInstanceOf(SpecError);
      expect({ rule: rebuilt!.rule, detail: rebuilt!.detail, state: rebuilt!.state, message: rebuilt!.message }).toEqual({
        rule: original.rule,
        detail: original.detail,
        state: original.state,
        message: original.message,
      });
    }
  });

  it('is not read into other errors', () => {
    expect(asSpecError(new Error('boom'))).toBeUndefined();
    expect(asSpecError(acrossWorkerThread(new TypeError('x is not a function')))).toBeUndefined();
    expect(asSpecError(null)).toBeUndefined();
    expect(asSpecError({ name: 'SpecError', rule: 'init' })).toBeUndefined();
    // Another error's copy with the same fields is still another error.
    expect(asSpecError({ name: 'RangeError', rule: 'init', detail: 'x' })).toBeUndefined();
  });
});
