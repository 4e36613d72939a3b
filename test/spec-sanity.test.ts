/**
 * Every registered spec, every variant, passes the spec sanity check (explorer/spec-check.ts):
 * its declaration matches its model, its initial states and a sample of reachable ones keep the
 * `Model` contract, with symmetry on and off. Reads the registry, so a new spec is checked too.
 */
import { describe, expect, it } from 'vitest';
import { explore } from '../explorer';
import { checkDeclaration, checkInitial, checkModelShape } from '../explorer/spec-check';
import type { SpecDefinition } from '../explorer/spec';
import { SPECS } from '../spec/registry';


describe('the spec sanity check on every registered spec', () => {
  for (const entry of SPECS) {
    it(`${entry.name}, every variant`, async () => {
      // The registry's loader requires compiled JavaScript; this process runs the TypeScript sources.
      const { spec } = (await import(entry.module)) as { spec: SpecDefinition };
      const variants = spec.variants?.map((v) => v.id) ?? [undefined];
      const params = Object.fromEntries(spec.parameters.map((p) => [p.name, p.default]));
      for (const variant of variants) {
        const args = { ...(variant !== undefined ? { variant } : {}), params };
        const model: unknown = spec.build(args);
        checkModelShape(model);
        checkDeclaration(spec.propertyNames, model);
        for (const symmetry of spec.symmetry ? [true, false] : [false]) expect(checkInitial(model, symmetry).length).toBeGreaterThan(0);
        // The search samples one state per batch of 512: a few levels' worth.
        const result = await explore({ module: entry.module, args }, { spec: entry.name, params }, { workers: 1, symmetry: spec.symmetry, maxStates: 600 });
        expect(result.stats.distinct).toBeGreaterThan(0);
      }
    });
  }
});
