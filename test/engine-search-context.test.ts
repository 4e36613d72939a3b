/**
 * The run's search context (explorer/search-context.ts), resolved once for the search, the
 * recording search, the executors and the verdicts: symmetry only when asked for, when the model
 * has `canonical` and when no check names processes (with the reason when refused); edges kept
 * exactly when a liveness check will read them. On the spinlock test model, whose variants hold
 * each kind of property over the same transitions.
 */
import { describe, expect, it } from 'vitest';
import { loadHasher } from '../explorer/fingerprint';
import type { Model } from '../explorer/model';
import { resolveSearchContext, withoutSymmetry } from '../explorer/search-context';
import { spec as spinlock } from './models/spinlock';

const build = (variant: string) => spinlock.build({ variant, params: { n: 3 } });

describe('the search context of a run', () => {
  it('reduces by symmetry when asked, for a model with canonical and only symmetric checks', async () => {
    const { context, symmetryOff } = resolveSearchContext(build('mutex'), await loadHasher(), true);
    expect([context.symmetry, symmetryOff]).toEqual([true, undefined]);
    expect(resolveSearchContext(build('mutex'), await loadHasher(), false).context.symmetry).toBe(false);
  });

  it('searches by fingerprint unless --exact is asked for', async () => {
    expect(resolveSearchContext(build('mutex'), await loadHasher(), false).context.exact).toBe(false);
    expect(resolveSearchContext(build('mutex'), await loadHasher(), false, true).context.exact).toBe(true);
  });

  it('does not reduce a model without canonical, and says nothing: there was nothing to refuse', async () => {
    const { canonical: _, ...model } = build('mutex') as Model<unknown>;
    const resolved = resolveSearchContext(model, await loadHasher(), true);
    expect([resolved.context.symmetry, resolved.symmetryOff]).toEqual([false, undefined]);
  });

  it('refuses symmetry, saying why, when a check names a process', async () => {
    const { context, symmetryOff } = resolveSearchContext(build('asym-always'), await loadHasher(), true);
    expect(context.symmetry).toBe(false);
    expect(symmetryOff).toBe('property WatchedNeverCritical is not symmetric: its always check names P1');
    // Not asked, not refused.
    expect(resolveSearchContext(build('asym-always'), await loadHasher(), false).symmetryOff).toBeUndefined();
  });

  it('keeps edges exactly when a liveness check reads the graph', async () => {
    const hasher = await loadHasher();
    expect(resolveSearchContext(build('everyone'), hasher, true).context.keepEdges).toBe(true);
    expect(resolveSearchContext(build('mutex'), hasher, true).context.keepEdges).toBe(false);
  });

  it('carries the model, its plan and the hasher it was given; without symmetry changes only that', async () => {
    const hasher = await loadHasher();
    const model = build('everyone');
    const { context } = resolveSearchContext(model, hasher, true);
    expect(context.model).toBe(model);
    expect(context.hasher).toBe(hasher);
    expect(context.plan.liveness.map((n) => n.property.name)).toEqual(['AllLeaveTry']);
    const plain = withoutSymmetry(context);
    expect(plain).toEqual({ ...context, symmetry: false });
    expect(context.symmetry).toBe(true);
  });
});
