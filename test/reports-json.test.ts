import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { resultSchemaProblem } from '../cli/file-schemas';
import { RESULT_SCHEMA, STOP_SIGNALS, type Result } from '../explorer/result';
import itfSchema from '../reports/itf.schema.json';
import { renderJson, RESULT_JSON_SCHEMA } from '../reports/json';
import { CAVEAT_RESULT, INCOMPLETE_RESULT, INTERRUPTED_RESULT, LASSO_RESULT, TRACE_RESULT } from './reports-fixtures';
import { validate } from './reports-schema-validator';

const schema = RESULT_JSON_SCHEMA as Record<string, unknown>;

describe('reports/json', () => {
  it('renders the Result as pretty JSON that parses back to the same value', () => {
    const text = renderJson(TRACE_RESULT);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toContain('\n  "schema": "mc-result/2"');
    expect(JSON.parse(text)).toEqual(TRACE_RESULT);
  });

  it('has a schema whose title is the Result schema version', () => {
    expect(schema['title']).toBe(RESULT_SCHEMA);
    expect((schema['properties'] as Record<string, { const?: string }>)['schema']?.const).toBe(RESULT_SCHEMA);
  });

  it.each([
    ['a trace', TRACE_RESULT],
    ['a lasso', LASSO_RESULT],
    ['an incomplete run', INCOMPLETE_RESULT],
    ['an interrupted run: the signal, a violation without its counterexample', INTERRUPTED_RESULT],
    ["a variant's caveats", CAVEAT_RESULT],
  ])('validates %s against the schema', (_, result) => {
    expect(validate(schema, JSON.parse(renderJson(result)))).toEqual([]);
  });

  it("is a valid JSON Schema to ajv in strict mode, as is the ITF schema: mc replay compiles both without checking them again (cli/file-schemas.ts)", () => {
    const results = new Ajv2020({ strict: true });
    expect(results.validateSchema(schema), JSON.stringify(results.errors)).toBe(true);
    expect(() => results.compile(schema)).not.toThrow();
    const itf = new Ajv({ strict: true });
    expect(itf.validateSchema(itfSchema), JSON.stringify(itf.errors)).toBe(true);
    expect(() => itf.compile(itfSchema)).not.toThrow();
  });

  it.each([
    ['a trace', TRACE_RESULT],
    ['a lasso', LASSO_RESULT],
    ['an incomplete run', INCOMPLETE_RESULT],
    ['an interrupted run', INTERRUPTED_RESULT],
    ["a variant's caveats", CAVEAT_RESULT],
  ])("mc replay's reader (ajv) accepts %s, and says where a value breaks the schema", (_, result) => {
    const json = JSON.parse(renderJson(result)) as { properties: { counterexample?: { loopStart?: number } }[] };
    expect(resultSchemaProblem(RESULT_SCHEMA, json)).toBeUndefined();
    const i = json.properties.findIndex((p) => p.counterexample);
    if (i < 0) return;
    json.properties[i]!.counterexample!.loopStart = -1;
    expect(resultSchemaProblem(RESULT_SCHEMA, json)).toBe(`/properties/${i}/counterexample/loopStart must be >= 0`);
  });

  it('rejects what explorer/result.ts does not allow', () => {
    const bad = (mutate: (r: Record<string, unknown>) => void): string[] => {
      const r = JSON.parse(JSON.stringify(TRACE_RESULT)) as Record<string, unknown>;
      mutate(r);
      return validate(schema, r);
    };
    expect(bad((r) => (r['schema'] = 'mc-result/1'))).not.toEqual([]);
    expect(bad((r) => (r['extra'] = 1))).not.toEqual([]);
    expect(bad((r) => (r['completion'] = { complete: false }))).not.toEqual([]);
    expect(bad((r) => (r['completion'] = { complete: false, stoppedBy: 'boredom' }))).not.toEqual([]);
    expect(bad((r) => (r['completion'] = { complete: false, stoppedBy: 'interrupted', signal: 'SIGKILL' }))).not.toEqual([]);
    expect(bad((r) => (r['completion'] = { complete: true, signal: 'SIGINT' }))).not.toEqual([]);
    expect(bad((r) => ((r['properties'] as Record<string, unknown>[])[0]!['verdict'] = 'maybe'))).not.toEqual([]);
    expect(bad((r) => void delete (r['stats'] as Record<string, unknown>)['distinct'])).not.toEqual([]);
    expect(bad((r) => ((r['run'] as Record<string, unknown>)['params'] = { writers: 1.5 }))).not.toEqual([]);
    expect(bad((r) => ((r['run'] as Record<string, unknown>)['caveats'] = 'one sentence'))).not.toEqual([]);
    expect(bad((r) => ((r['run'] as Record<string, unknown>)['caveats'] = [1]))).not.toEqual([]);
    // Memory, when there: both figures, whole bytes, nothing else.
    const stats = (r: Record<string, unknown>) => r['stats'] as Record<string, unknown>;
    expect(bad((r) => (stats(r)['memory'] = { peakBytes: 1 }))).not.toEqual([]);
    expect(bad((r) => (stats(r)['memory'] = { peakBytes: 1.5, startBytes: 1 }))).not.toEqual([]);
    expect(bad((r) => (stats(r)['memory'] = { peakBytes: 2, startBytes: 1, rss: 1 }))).not.toEqual([]);
    expect(bad((r) => (stats(r)['memory'] = { peakBytes: 2, startBytes: 1, aboveStartBytes: 1 }))).toEqual([]);
  });

  it('lists every StopReason, Verdict and PropertyKind of explorer/result.ts', () => {
    // Exhaustive records: adding a member to a union in result.ts breaks compilation here until
    // the schema test (and so the schema) is updated.
    const stop: Record<Extract<Result['completion'], { complete: false }>['stoppedBy'], true> = {
      'max-states': true,
      'max-seconds': true,
      'max-memory': true,
      interrupted: true,
      'stop-on-violation': true,
    };
    const verdicts: Record<Result['properties'][number]['verdict'], true> = { holds: true, violated: true, unknown: true };
    const kinds: Record<Result['properties'][number]['kinds'][number], true> = {
      always: true,
      atQuiescence: true,
      step: true,
      leaves: true,
      deadlock: true,
    };
    const defs = schema['$defs'] as Record<string, { enum: string[] }>;
    expect(new Set(defs['StopReason']!.enum)).toEqual(new Set(Object.keys(stop)));
    const completion = (schema['properties'] as Record<string, { oneOf: { properties: Record<string, { enum?: string[] }> }[] }>)['completion']!;
    expect(completion.oneOf[1]!.properties['signal']!.enum).toEqual([...STOP_SIGNALS]);
    expect(new Set(defs['Verdict']!.enum)).toEqual(new Set(Object.keys(verdicts)));
    expect(new Set(defs['PropertyKind']!.enum)).toEqual(new Set(Object.keys(kinds)));
  });
});
