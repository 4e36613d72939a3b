/**
 * Replaying saved counterexamples by transition identity (explorer/schedule.ts) on real nfs
 * counterexamples: on their own variant they reproduce step for step; on the variant that fixes
 * them they stop where the fix acts, and the guard that blocks the next step is named. The same
 * on two-phase, whose mutant's change is one guard.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore, type Result } from '../explorer';
import { recordedViolation, replaySchedule, type ScheduleReplay } from '../explorer/schedule';
import { endsInsideLine, renderReplayLines } from '../reports/replay';
import { patchDifference, type PatchDifference } from '../cli/variant-patches';
import { spec as nfs } from '../spec/nfs';
import { spec as twoPhase } from '../spec/two-phase';
import { checkTwoPhase } from './two-phase-support';
import { checkToy } from './support/toy';
import { spec as toy } from './models/toy';

const NFS_MODULE = path.join(__dirname, '..', 'spec', 'nfs', 'index');

async function nfsResult(variant: string, params: Record<string, number>, symmetry = true): Promise<Result> {
  return explore({ module: NFS_MODULE, args: { variant, params } }, { spec: 'nfs', variant, params }, { workers: 1, symmetry });
}

function replayOn(result: Result, property: string, variant: string): ScheduleReplay {
  const prop = result.properties.find((p) => p.name === property)!;
  const model = nfs.build({ variant, params: result.run.params });
  return replaySchedule(model, recordedViolation(prop));
}

describe('replaying nfs counterexamples by identity', () => {
  it('14bebe3c oops (the seed: 1 writer, 3 writes): reproduces on 14bebe3c; on revert-14bebe3c the launder returns the error and add_request is never reached', async () => {
    const result = await nfsResult('14bebe3c', { writers: 1, writes: 3 });
    const same = replayOn(result, 'MappingNonNull', '14bebe3c');
    expect(same.steps.every((s) => s.kind === 'same')).toBe(true);
    expect(same.reproduction).toMatchObject({ reproduces: true, at: 17 });

    const fixed = replayOn(result, 'MappingNonNull', 'revert-14bebe3c');
    expect(fixed.reproduction.reproduces).toBe(false);
    const changed = fixed.steps.find((s) => s.kind === 'changed');
    expect(changed?.kind === 'changed' && changed.step.action).toMatch(/^W\d\.wb_page_iter$/);
    expect(changed?.kind === 'changed' && changed.patches.map((p) => p.id)).toEqual(['revert-14bebe3c']);
    const last = fixed.steps[fixed.steps.length - 1]!;
    expect(last.kind).toBe('disabled');
    if (last.kind !== 'disabled') return;
    expect(last.why).toMatch(/is at write_end\(-EDQUOT\), not (wb_page_iter|add_request)/);
    expect(last.enabled.length).toBeGreaterThan(0);
  });

  it('22876f54 soft lockup (a lasso): the cycle closes again on 22876f54; on 06c9fdf3 the launder removes the request and the cycle does not close', async () => {
    const result = await nfsResult('22876f54', { writers: 1 });
    const same = replayOn(result, 'WbPageTerminates', '22876f54');
    expect(same.reproduction.reproduces).toBe(true);
    expect(same.reproduction.reproduces && same.reproduction.how).toMatch(/cycle closes again and is fair: W1 never leaves/);

    const fixed = replayOn(result, 'WbPageTerminates', '06c9fdf3');
    expect(fixed.reproduction.reproduces).toBe(false);
    const changed = fixed.steps.filter((s) => s.kind === 'changed');
    // Every patch whose code runs in the launder step, 06c9fdf3's nfs_inode_remove_request among them.
    expect(changed[0]?.kind === 'changed' && changed[0].patches.map((p) => p.id)).toContain('06c9fdf3');
  });

  it('says which process the last replayed state holds inside a liveness region: the oops replayed on 22876f54 ends with W1 spinning in nfs_wb_page', async () => {
    const result = await nfsResult('14bebe3c', { writers: 1, writes: 3 });
    const spin = replayOn(result, 'MappingNonNull', '22876f54');
    expect(spin.reproduction.reproduces).toBe(false);
    expect(spin.endsInside).toEqual([{ process: 'W1', property: 'WbPageTerminates', region: 'nfs_wb_page', detail: expect.stringMatching(/^W1: spinning in nfs_wb_page\(page 0\)/) }]);
    expect(endsInsideLine(spin, 'mc check X')).toMatch(/^note: the replay ends with W1 inside WbPageTerminates' region, nfs_wb_page \(W1: spinning in .*\); a replay cannot tell whether it leaves: run mc check X to decide it$/);
    // On 06c9fdf3 the writer goes on to add_request; on 14bebe3c itself the oops reproduces.
    expect(replayOn(result, 'MappingNonNull', '06c9fdf3').endsInside).toBeUndefined();
    expect(endsInsideLine(replayOn(result, 'MappingNonNull', '06c9fdf3'), 'mc check X')).toBeUndefined();
    const same = replayOn(result, 'MappingNonNull', '14bebe3c');
    expect(same.reproduction.reproduces).toBe(true);
    expect(endsInsideLine({ ...same, endsInside: spin.endsInside! }, 'mc check X')).toBeUndefined();
  });

  it('what one variant adds to another and drops from it, from the spec\'s patch lists (shared with mc diff)', () => {
    const ids = (d: PatchDifference | undefined) => d && { added: d.added.map((x) => x.id), removed: d.removed.map((x) => x.id) };
    expect(ids(patchDifference(nfs, '14bebe3c', '06c9fdf3'))).toEqual({ added: ['22876f54', '06c9fdf3'], removed: [] });
    expect(ids(patchDifference(nfs, '22876f54', '06c9fdf3'))).toEqual({ added: ['06c9fdf3'], removed: [] });
    expect(ids(patchDifference(nfs, '14bebe3c', 'v4.19.90'))).toEqual({ added: [], removed: ['14bebe3c'] });
    expect(ids(patchDifference(nfs, '14bebe3c', '14bebe3c'))).toEqual({ added: [], removed: [] });
    // A variant the spec does not know: nothing is known of what differs.
    expect(patchDifference(nfs, 'v9', '06c9fdf3')).toBeUndefined();
  });

  it('NoRequestLeak at quiescence (22876f54) reproduces on return-ret and not on mainline', async () => {
    const result = await nfsResult('22876f54', { writers: 1 });
    expect(replayOn(result, 'NoRequestLeak', 'return-ret').reproduction.reproduces).toBe(true);
    const main = replayOn(result, 'NoRequestLeak', 'mainline');
    expect(main.reproduction.reproduces).toBe(false);
  });

  it('names the guard that blocks a step', () => {
    const model = nfs.build({ variant: 'v4.19.90', params: { writers: 2 } });
    const s0 = model.init()[0]!;
    const s1 = model.next(s0).find((t) => t.action === 'W1.start_io_write(p0,s0)')!.next;
    expect(model.whyDisabled!(s1, 'W2.start_io_write(p0,s0)')).toBe('i_rwsem is held by W1: W2 blocks in down_write (nfs_start_io_write)');
    expect(model.whyDisabled!(s1, 'W1.add_request')).toMatch(/^W1 is at write_begin, not add_request: W1: in nfs_write_begin\(page 0\); holds i_rwsem/);
    expect(model.whyDisabled!(s1, 'F.flush(p0)')).toBe('page 0 is not in the page cache: the flusher has nothing to write');
    expect(model.whyDisabled!(s1, 'C.complete(R@p0/W1)')).toBe('no request is attached to page 0');
    expect(model.whyDisabled!(s0, 'W9.write_end')).toMatch(/^there is no process W9/);
  });
});

describe('replaying two-phase counterexamples: the guard that blocks a step and the patch that enables it', () => {
  it("the mutant's TCConsistent trace stops on correct at RM1's abort after preparing, weak-abort named", async () => {
    const result = await checkTwoPhase('mutant', 3);
    const prop = result.properties.find((p) => p.name === 'TCConsistent')!;
    const correct = twoPhase.build({ variant: 'correct', params: { rms: 3 } });
    const mutant = twoPhase.build({ variant: 'mutant', params: { rms: 3 } });
    expect(replaySchedule(mutant, recordedViolation(prop)).reproduction).toMatchObject({ reproduces: true });
    const replay = replaySchedule(correct, recordedViolation(prop), { patchesAlso: [mutant] });
    expect(replay.patchesKnown).toBe(true);
    expect(replay.statesMatch?.every((m) => m)).toBe(true);
    const last = replay.steps[replay.steps.length - 1]!;
    expect(last).toMatchObject({ kind: 'disabled', why: 'RM1 is prepared, not working', patches: [{ id: 'weak-abort', summary: 'RMChooseToAbort is enabled for a prepared RM too' }] });
    // As mc replay renders it: the patch correct drops, named as such.
    const lines = renderReplayLines(replay, { showPatches: new Set(), droppedPatches: new Set(['weak-abort']), sayWhenNoPatchDiffers: true });
    expect(lines.map((l) => l.trim())).toContain('dropped patch here: weak-abort (RMChooseToAbort is enabled for a prepared RM too)');
    expect(lines.join('\n')).not.toMatch(/^ *patch here|no patch that differs/m);
  });

  it('a step that differs where no differing patch runs says so, and since which step the state is not the recorded one', async () => {
    const result = await checkTwoPhase('mutant', 3);
    const prop = result.properties.find((p) => p.name === 'TCConsistent')!;
    const correct = twoPhase.build({ variant: 'correct', params: { rms: 3 } });
    const mutant = twoPhase.build({ variant: 'mutant', params: { rms: 3 } });
    const recorded = recordedViolation(prop);
    // The first step renamed to RM2's prepare: step 2 then meets a state the record does not have.
    const replay = replaySchedule(correct, { ...recorded, steps: [{ ...recorded.steps[0]!, action: 'RM2.RMPrepare' }, ...recorded.steps.slice(1)] }, { patchesAlso: [mutant] });
    const options = { showPatches: new Set<string>(), droppedPatches: new Set(['weak-abort']) };
    const said = renderReplayLines(replay, { ...options, sayWhenNoPatchDiffers: true });
    expect(said.slice(0, 4).map((l) => l.trim())).toEqual([
      '1  ≠  RM2.RMPrepare  (same outcome, different effect)',
      'now:      RM2 prepares and sends Prepared to the TM',
      expect.stringMatching(/^recorded: RM\d prepares and sends Prepared to the TM$/),
      'no patch that differs runs here, though it starts from the recorded state',
    ]);
    expect(said.map((l) => l.trim())).toContain('no patch that differs runs here (step 1 left another state than recorded)');
    // Off by default (mc diff's witnesses), and on a model that does not say which patches run.
    expect(renderReplayLines(replay, options).join('\n')).not.toContain('no patch that differs');
    expect(renderReplayLines({ ...replay, patchesKnown: false }, { ...options, sayWhenNoPatchDiffers: true }).join('\n')).not.toContain('no patch that differs');
  });

  it('each action says which conjunct of its guard fails, and nothing for an enabled step or an identity it does not have', () => {
    const model = twoPhase.build({ variant: 'correct', params: { rms: 2 } });
    const s0 = model.init()[0]!;
    expect(model.whyDisabled!(s0, 'TM.TMCommit')).toBe('the TM has not counted the Prepared vote of RM1, RM2');
    expect(model.whyDisabled!(s0, 'TM.TMRcvPrepared(RM2)')).toBe('RM2 has sent no Prepared message');
    expect(model.whyDisabled!(s0, 'RM1.RMRcvCommitMsg')).toBe('no Commit message has been sent');
    expect(model.whyDisabled!(s0, 'RM1.RMRcvAbortMsg')).toBe('no Abort message has been sent');
    expect(model.whyDisabled!(s0, 'RM1.RMPrepare')).toBeUndefined();
    expect(model.whyDisabled!(s0, 'RM1.bogus')).toBeUndefined();
    const aborted = model.next(s0).find((t) => t.action === 'TM.TMAbort')!.next;
    expect(model.whyDisabled!(aborted, 'TM.TMAbort')).toBe('the TM has already decided (aborted)');
    expect(model.whyDisabled!(aborted, 'TM.TMCommit')).toBe('the TM has already decided (aborted)');
    const prepared = model.next(s0).find((t) => t.action === 'RM1.RMPrepare')!.next;
    expect(model.whyDisabled!(prepared, 'RM1.RMPrepare')).toBe('RM1 is prepared, not working');
    const mutant = twoPhase.build({ variant: 'mutant', params: { rms: 2 } });
    const committed = { ...prepared, rmState: ['committed', 'working'] as const };
    expect(mutant.whyDisabled!(committed, 'RM1.RMChooseToAbort')).toBe('RM1 is committed, not working or prepared');
    // The mutant's change is in RMChooseToAbort's guard: its code runs there, in any state.
    expect(mutant.patchesAt!(s0, 'RM2.RMChooseToAbort')).toEqual([{ id: 'weak-abort', summary: 'RMChooseToAbort is enabled for a prepared RM too' }]);
    expect(mutant.patchesAt!(s0, 'RM2.RMPrepare')).toEqual([]);
    expect(model.patchesAt!(s0, 'RM2.RMChooseToAbort')).toEqual([]);
  });
});

describe('replay on a model without whyDisabled (toy)', () => {
  it('says "not enabled" once, with no reason it does not have, and lists the enabled steps; a deadlock reproduces', async () => {
    const result = await checkToy('deadlock');
    const prop = result.properties.find((p) => p.name === 'DeadlockFree')!;
    const model = toy.build({ variant: 'deadlock', params: {} });
    const recorded = recordedViolation(prop);
    expect(replaySchedule(model, recorded).reproduction.reproduces).toBe(true);
    const wrong = { ...recorded, steps: [...recorded.steps.slice(0, 1), { action: 'nobody.acts', label: '' }] };
    const replay = replaySchedule(model, wrong);
    const last = replay.steps[replay.steps.length - 1]!;
    expect(last).toMatchObject({ kind: 'disabled', action: 'nobody.acts' });
    expect(last.kind === 'disabled' && last.why).toBeUndefined();
    expect(last.kind === 'disabled' && last.enabled.length).toBeGreaterThan(0);
    expect(renderReplayLines(replay)).toContain('2  ✗  nobody.acts  not enabled');
    expect(replay.reproduction).toEqual({ reproduces: false, why: 'step 2 is not enabled' });
  });
});
