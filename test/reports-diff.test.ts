/**
 * `mc diff`'s explanations (reports/diff.ts) say only what the replay knows: where the variants
 * part (not at a step that does the same in other words), the patch whose code runs there, and
 * when none is named, whether the spec says nothing of patches or where the replay first left the
 * recorded states.
 */
import { describe, expect, it } from 'vitest';
import type { ReplayedStep, ScheduleReplay } from '../explorer/schedule';
import type { TraceStep } from '../explorer/result';
import { renderDiff, whereTheyPart } from '../reports/diff';
import { INCOMPLETE_RESULT, LASSO_RESULT } from './reports-fixtures';

const step = (action: string, label: string, outcome?: string): TraceStep => ({ process: 'P', action, label, ...(outcome ? { outcome } : {}), changes: [] });
const same = (action: string): ReplayedStep => ({ kind: 'same', step: step(action, `${action} as recorded`) });
const reworded = (action: string, effect?: 'same' | 'different'): ReplayedStep => ({
  kind: 'changed',
  step: step(action, `${action} now`, 'ok'),
  recorded: { outcome: 'ok', label: `${action} then` },
  patches: [],
  ...(effect ? { effect } : {}),
});
const disabled: ReplayedStep = { kind: 'disabled', action: 'P.gone', enabled: ['P.other'], patches: [] };

function witness(steps: ReplayedStep[], more: Partial<ScheduleReplay> = {}): ScheduleReplay {
  return {
    property: 'Inv',
    check: 'always',
    steps,
    recordedLength: steps.length,
    reproduction: { reproduces: false, why: `step ${steps.length} is not enabled` },
    initialDiffers: false,
    patchesKnown: true,
    ...more,
  };
}

const options = { showPatches: new Set(['p1']), droppedPatches: new Set(['p0']) };

describe('where they part', () => {
  it('names the patch that runs there, added or dropped', () => {
    const at = { ...reworded('P.b', 'different'), patches: [{ id: 'p1', summary: 'adds b' }, { id: 'p0', summary: 'b as it was' }, { id: 'shared', summary: 'both have it' }] };
    expect(whereTheyPart(witness([same('P.a'), at]), options, 'v2')).toEqual([
      "where they part: step 2, P.b[ok]: p1's code runs there (adds b); v2 drops p0, whose code runs there (b as it was)",
    ]);
  });

  it('skips a step that did the same with other words: the variants part at the next one', () => {
    expect(whereTheyPart(witness([same('P.a'), reworded('P.b', 'same'), disabled], { statesMatch: [true, true, true] }), options, 'v2')).toEqual([
      'where they part: step 3, P.gone; no patch that differs runs in that step, though it starts from the recorded state',
    ]);
    // Nothing parts them when every difference is in the words.
    expect(whereTheyPart(witness([same('P.a'), reworded('P.b', 'same')]), options, 'v2')).toEqual([]);
  });

  it('with no patch named: the step where the replay first left the recorded states, when the typed states say', () => {
    expect(whereTheyPart(witness([same('P.a'), same('P.b'), disabled], { statesMatch: [true, false, false] }), options, 'v2')).toEqual([
      'where they part: step 3, P.gone; no patch that differs runs in that step (step 1 left another state than recorded)',
    ]);
    expect(whereTheyPart(witness([disabled], { statesMatch: [false], initialDiffers: true }), options, 'v2')).toEqual([
      'where they part: step 1, P.gone; no patch that differs runs in that step (the initial state is not the recorded one)',
    ]);
    // Without typed states, no guess about an earlier step.
    expect(whereTheyPart(witness([same('P.a'), disabled]), options, 'v2')).toEqual(['where they part: step 2, P.gone; no patch that differs runs in that step']);
  });

  it('says so when the spec does not say which patches run in a step', () => {
    expect(whereTheyPart(witness([same('P.a'), disabled], { patchesKnown: false, statesMatch: [true, true] }), options, 'v2')).toEqual([
      "where they part: step 2, P.gone; the spec does not say which patch's code runs in a step",
    ]);
  });
});

describe('the patches a diff lists', () => {
  const result = { ...INCOMPLETE_RESULT, completion: { complete: true as const } };

  it('what the patched variant adds and drops, or that the spec lists no patches', () => {
    const listed = renderDiff({ base: result, patched: { ...result, run: { ...result.run, variant: 'mutant' } }, added: [{ id: 'p1', summary: 'adds b' }], removed: [], changes: [] });
    expect(listed).toContain('  mutant adds:    p1 (adds b)\n  mutant drops:   (nothing)\n');
    const unlisted = renderDiff({ base: result, patched: { ...result, run: { ...result.run, variant: 'mutant' } }, changes: [] });
    expect(unlisted).toContain("  patches:   spec two-phase does not list its variants' patches\n");
    expect(unlisted).not.toContain('adds');
  });

  it("puts a caveat that names a property right under that property's change, not under 'Holds on both', and counts the change as under a caveat", () => {
    const caveat = 'WbPageTerminates holds only because no modelled caller enters nfs_wb_page on a clean page.';
    const lockup = LASSO_RESULT.properties.find((x) => x.name === 'WbPageTerminates')!;
    const holds = { ...lockup, verdict: 'holds' as const, counterexample: undefined };
    const patched = { ...LASSO_RESULT, run: { ...LASSO_RESULT.run, variant: 'return-ret', caveats: [caveat] } };
    const text = renderDiff({
      base: LASSO_RESULT,
      patched,
      added: [],
      removed: [],
      changes: [
        { name: 'WbPageTerminates', kind: 'fixed', base: lockup, patched: holds },
        { name: 'DeadlockFree', kind: 'holds', base: holds, patched: holds },
      ],
    });
    expect(text).toMatch(/\n {2}WbPageTerminates: 22876f54 ✗ violated \([^)]*\); return-ret ✓ holds\n {4}note on return-ret: WbPageTerminates holds only because/);
    expect(text).toContain('\nHolds on both: DeadlockFree\nsummary: ');
    expect(text.match(/note on return-ret/g)).toHaveLength(1);
    expect(text).toContain('summary: 1 fixed (1 under a caveat), 0 introduced, 0 kept\n');
  });

  it("names each side's caveats under the verdicts, by variant", () => {
    const text = renderDiff({ base: result, patched: { ...result, run: { ...result.run, variant: 'mutant', caveats: ['TCConsistent holds only here.'] } }, changes: [] });
    expect(text).toContain('\nHolds on both: (none)\n  note on mutant: TCConsistent holds only here.\nsummary: ');
    expect(text).not.toContain('note on correct');
  });
});
