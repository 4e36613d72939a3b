/**
 * Where a quiescence failure became certain (explorer/inevitable.ts): the first state of its
 * counterexample from which no path reaches a quiescent state where the check holds, found over
 * every edge of a complete search. Hand-built graphs (test/models/graphs.ts, `doom-*`) and the
 * nfs request leak.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore, type Counterexample, type Result } from '../explorer';
import { itfTrace } from '../reports/itf';
import { renderMarkdown } from '../reports/markdown';
import { renderSarif } from '../reports/sarif';
import { renderTerminal } from '../reports/terminal';
import { checkGraph } from './support/engine-models';

const cxOf = (r: Result, name: string): Counterexample => r.properties.find((p) => p.name === name)!.counterexample!;

describe('inevitableAfter', () => {
  it('names the step after which no run settles well: 0 -> 2 can still recover, 2 -> 3 cannot', async () => {
    const cx = cxOf(await checkGraph('doom-middle'), 'Clean');
    expect(cx.steps.map((s) => s.label)).toEqual(['P does risk: 0 -> 2', 'P does strand: 2 -> 3', 'P does close: 3 -> 6']);
    expect(cx.inevitableAfter).toBe(2);
  });

  it('finds a good end behind 10,000 states queued at one depth (the probe grows its queue)', async () => {
    const result = await checkGraph('doom-wide');
    expect(result.stats.distinct).toBe(10_006);
    const cx = cxOf(result, 'Clean');
    expect(cx.steps.map((s) => s.label)).toEqual(['P does risk: 0 -> 2', 'P does strand: 2 -> 3', 'P does close: 3 -> 6']);
    expect(cx.inevitableAfter).toBe(2);
  });

  it("is the trace's length when only its last step did the damage, and no report adds a line for it", async () => {
    const result = await checkGraph('doom-last');
    const cx = cxOf(result, 'Clean');
    expect(cx.steps).toHaveLength(3);
    expect(cx.inevitableAfter).toBe(3);
    expect(renderTerminal(result, { color: false })).not.toContain('certain from');
  });

  it('is absent for a state check beyond the six a state\'s flags record', async () => {
    const result = await checkGraph('doom-seventh');
    expect(result.properties.find((p) => p.name === 'Clean')!.verdict).toBe('violated');
    expect(cxOf(result, 'Clean')).not.toHaveProperty('inevitableAfter');
  });

  it('is said of failures at quiescence only, not of an invariant failing on the same path', async () => {
    const result = await checkGraph('doom-always');
    expect(cxOf(result, 'NeverSix').steps.map((s) => s.label)).toEqual(['P does risk: 0 -> 2', 'P does strand: 2 -> 3', 'P does close: 3 -> 6']);
    expect(cxOf(result, 'NeverSix')).not.toHaveProperty('inevitableAfter');
    // Clean, now the second state check, is still answered from its own flag.
    expect(cxOf(result, 'Clean').inevitableAfter).toBe(2);
  });

  it('is 0 when the run is certain to settle badly from its initial state', async () => {
    expect(cxOf(await checkGraph('doom-start'), 'Clean').inevitableAfter).toBe(0);
  });

  it('is absent when even the bad quiescent state can still reach a good one', async () => {
    expect(cxOf(await checkGraph('doom-never'), 'Clean')).not.toHaveProperty('inevitableAfter');
  });

  it('is absent when the run cannot say: no edges kept (no liveness property), or a search stopped early', async () => {
    const safetyOnly = await checkGraph('doom-no-edges');
    expect(safetyOnly.properties.find((p) => p.name === 'Clean')!.verdict).toBe('violated');
    expect(cxOf(safetyOnly, 'Clean')).not.toHaveProperty('inevitableAfter');
    // Stopped once node 6 was found bad, with Q's walk still queued: the counterexample stands,
    // but what the unexplored states could reach is unknown.
    const stopped = await checkGraph('doom-middle', { maxStates: 9 });
    expect(stopped.completion).toMatchObject({ complete: false, stoppedBy: 'max-states' });
    expect(stopped.stats.queue).toBeGreaterThan(0);
    expect(cxOf(stopped, 'Clean').steps).toHaveLength(3);
    expect(cxOf(stopped, 'Clean')).not.toHaveProperty('inevitableAfter');
  });

  it('is said in every report: a line under the summary, a mark under the step, and SARIF locates the step', async () => {
    const result = await checkGraph('doom-middle');
    const text = renderTerminal(result, { color: false });
    expect(text).toContain('\n  certain from step 2 on: no run from there reaches a quiescent state where Clean holds\n');
    expect(text).toMatch(/2\. P does strand: 2 -> 3\n[^\n]*\n(?: {8}[^\n]*\n)*? {7}✗ from here on Clean cannot hold at quiescence/);
    const md = renderMarkdown(result);
    expect(md).toContain('\ncertain from step 2 on: no run from there reaches a quiescent state where Clean holds\n');
    const sarif = JSON.parse(renderSarif(result, { version: '0' })) as { runs: { results: { ruleId: string; message: { text: string }; locations?: { message: { text: string } }[] }[] }[] };
    const clean = sarif.runs[0]!.results.find((r) => r.ruleId === 'Clean')!;
    expect(clean.message.text).toContain('(trace: 3 steps; certain from step 2 on)');
    // ITF: in the trace's #meta, as the index of the state from which it was certain.
    const itf = itfTrace(result, result.properties.find((p) => p.name === 'Clean')!, cxOf(result, 'Clean'));
    expect(itf['#meta']['inevitableAfter']).toBe(2);
    expect((itf.states[2]! as { '#meta': { index: number } })['#meta'].index).toBe(2);
  });
});

describe('inevitableAfter on nfs: the request leak of 22876f54', () => {
  const check = (variant: string, symmetry: boolean) =>
    explore(
      { module: path.join(__dirname, '..', 'spec', 'nfs', 'index'), args: { variant, params: { writers: 2, pages: 2, writes: 2, faults: 1 } } },
      { spec: 'nfs', variant, params: { writers: 2, pages: 2, writes: 2, faults: 1 } },
      { workers: 1, symmetry },
    );

  it('is the write-back whose failure leaves the request on the clean page, with or without symmetry', async () => {
    for (const symmetry of [false, true]) {
      const result = await check('22876f54', symmetry);
      const cx = cxOf(result, 'NoRequestLeak');
      const k = cx.inevitableAfter!;
      expect(k).toBeGreaterThan(0);
      expect(k).toBeLessThan(cx.steps.length);
      const step = cx.steps[k - 1]!;
      expect(step.outcome).toBe('pageio_add_request fails EDQUOT');
      expect(step.source?.function).toBe('nfs_writepages');
      expect(step.label).toMatch(/stays attached to clean page \d/);
      // Every step before it could still end without the leak: none of them is that failure.
      expect(cx.steps.slice(0, k - 1).some((s) => s.outcome === 'pageio_add_request fails EDQUOT')).toBe(false);
      // Code scanning points there, not at the last close.
      type Located = { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] };
      const sarif = JSON.parse(renderSarif(result, { version: '0' })) as { runs: { results: Located[] }[] };
      const leak = sarif.runs[0]!.results.find((r) => r.ruleId === 'NoRequestLeak')!;
      expect(leak.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'fs/nfs/write.c' }, region: { startLine: 711 } });
    }
  }, 60_000);
});
