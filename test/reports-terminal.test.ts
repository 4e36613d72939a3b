import { describe, expect, it } from 'vitest';
import { renderTerminal, renderVerdicts } from '../reports/terminal';
import { renderMarkdown } from '../reports/markdown';
import { CAVEAT_RESULT, INCOMPLETE_RESULT, INTERRUPTED_RESULT, LASSO_RESULT, TRACE_RESULT } from './reports-fixtures';
import { checkToy } from './support/toy';

const ESC = '\x1b[';

describe('reports/terminal', () => {
  it('prints the header, the verdict table and the statistics', () => {
    const text = renderTerminal(TRACE_RESULT);
    expect(text).toMatch(/spec\s+nfs/);
    expect(text).toMatch(/variant\s+14bebe3c/);
    expect(text).toContain('writers=1 pages=2 writes=3 faults=1');
    expect(text).toMatch(/symmetry\s+on/);
    expect(text).toMatch(/workers\s+4/);
    expect(text).toMatch(/✗ MappingNonNull\s+violated\s+trace: 4 steps/);
    expect(text).toMatch(/✓ WbPageTerminates\s+holds/);
    expect(text).toMatch(/✓ DeadlockFree\s+holds/);
    expect(text).toContain('complete: every reachable state was explored');
    expect(text).toMatch(/states generated\s+1,234,567/);
    expect(text).toMatch(/distinct states\s+123,456/);
    expect(text).toMatch(/depth\s+34/);
    expect(text).toMatch(/time\s+2\.50 s/);
    expect(text).toMatch(/distinct states\/s\s+49,382/);
    expect(text).toMatch(/bytes\/state\s+48/);
    expect(text).toMatch(/collision probability\s+8\.3e-9/);
  });

  it('says how long the second search that recorded the edges above the first failure took, when one ran', () => {
    const recorded = renderTerminal({ ...TRACE_RESULT, stats: { ...TRACE_RESULT.stats, seconds: 3.2, searchSeconds: 1.5, recordingSeconds: 1.4 } });
    expect(recorded).toMatch(/time\s+3\.20 s \(search 1\.50 s, a second search recording the edges above the first failure 1\.40 s, then liveness and traces\)\n/);
    expect(renderTerminal(TRACE_RESULT)).not.toContain('second search');
  });

  it("gives the run's real memory beside the engine's own bytes/state: the peak, and above the search's start per state", () => {
    const memory = { peakBytes: 420 * 2 ** 20, startBytes: 60 * 2 ** 20, aboveStartBytes: 360 * 2 ** 20 };
    const text = renderTerminal({ ...TRACE_RESULT, stats: { ...TRACE_RESULT.stats, memory } });
    // 360 MiB over 123,456 distinct states.
    expect(text).toMatch(/memory\s+420 MiB peak \(the whole process, every thread\), 360 MiB above its start: 3,058 B\/state\n/);
    expect(text).toMatch(/bytes\/state\s+48 \(the engine's seen-set and graph arrays only\)/);
    const earlier = renderTerminal({ ...TRACE_RESULT, stats: { ...TRACE_RESULT.stats, memory: { peakBytes: 5 * 2 ** 20, startBytes: 4 * 2 ** 20 } } });
    expect(earlier).toMatch(/memory\s+5\.0 MiB peak \(the whole process, every thread\), set before this search began\n/);
    // A result saved before memory was measured has no line for it.
    expect(renderTerminal(TRACE_RESULT)).not.toMatch(/^\s+memory/m);
  });

  it('numbers the steps of a trace with the normative name and the changed fields, and marks the violating step', () => {
    const lines = renderTerminal(TRACE_RESULT).split('\n');
    const at = (prefix: RegExp): number => lines.findIndex((l) => prefix.test(l));
    const step3 = at(/^\s+3\. W1 nfs_page_async_flush: out_launder/);
    expect(step3).toBeGreaterThan(0);
    expect(lines[step3 + 1]).toMatch(/^\s+W1\.wb_page_iter\[writepage: launder\(ctx->error\)\]\s+fs\/nfs\/write\.c:608/);
    expect(lines[step3 + 2]).toMatch(/^\s{6,}page\[0\]: cached → orphan$/);
    expect(lines[step3 + 3]).toMatch(/W1\.held: \(none\) → p0 \(orphan\)/);
    const step4 = at(/^\s+4\. W1 nfs_inode_add_request/);
    expect(lines.slice(step4).join('\n')).toMatch(/✗ violates MappingNonNull here/);
    expect(lines.slice(0, step4).join('\n')).not.toMatch(/violates MappingNonNull here/);
    expect(renderTerminal(TRACE_RESULT)).toContain('2 context switches');
    expect(renderTerminal(TRACE_RESULT)).toMatch(/initial state:\n\s+page\[0\] = empty/);
  });

  it('marks the start of a lasso cycle and explains who spins and who is blocked', () => {
    const text = renderTerminal(LASSO_RESULT);
    expect(text).toMatch(/✗ WbPageTerminates\s+violated\s+lasso: 2 steps to a 1-step cycle/);
    const cycle = text.indexOf('--- cycle: the following steps repeat forever ---');
    expect(cycle).toBeGreaterThan(text.indexOf(' 2. W1 nfs_page_async_flush'));
    expect(cycle).toBeLessThan(text.indexOf(' 3. W1 nfs_commit_inode'));
    // The role column, then the spec's line without its first word when that repeats the role.
    expect(text).toContain('processes in the cycle:\n    W1  spinning  in nfs_wb_page(p0), holds i_rwsem and the page lock\n    W2  blocked   on i_rwsem held by W1\n    F   blocked   nothing to flush: page 0 is clean\n');
    expect(text).toContain('Counterexample 1/2: WbPageTerminates violated');
    expect(text).toContain('Counterexample 2/2: NoRequestLeak violated');
    expect(text).toContain('the quiescent state after this step violates NoRequestLeak');
  });

  it('says an incomplete search decided nothing', () => {
    const text = renderTerminal(INCOMPLETE_RESULT);
    expect(text).toContain('incomplete: stopped by max-seconds after 123,456 states; verdicts are unknown');
    expect(text).toMatch(/\? TCConsistent\s+unknown/);
    expect(text).not.toMatch(/holds/);
    expect(text).toMatch(/left in queue\s+4,242/);
  });

  it('says a violation found before a stop stands', () => {
    const stopped = { ...TRACE_RESULT, completion: { complete: false as const, stoppedBy: 'stop-on-violation' as const } };
    const withUnknown = {
      ...stopped,
      properties: stopped.properties.map((p) => (p.verdict === 'holds' ? { ...p, verdict: 'unknown' as const } : p)),
    };
    expect(renderTerminal(withUnknown)).toContain(
      'incomplete: stopped by stop-on-violation after 123,456 states; violations found stand; the other verdicts are unknown',
    );
  });

  it('says of a violation found before an interrupt that its counterexample was not built, what stopped the run, and how to get it', () => {
    const text = renderTerminal(INTERRUPTED_RESULT);
    expect(text).toMatch(
      /✗ MappingNonNull\s+violated\s+found before SIGTERM stopped the run; its counterexample was not built \(rerun with --max-states 693618 to get it\)\n/,
    );
    expect(text).toMatch(/\? WbPageTerminates\s+unknown\n/);
    expect(text).toContain('violations found stand; the other verdicts are unknown');
    expect(text).not.toContain('Counterexample');
    const ctrlC = { ...INTERRUPTED_RESULT, completion: { complete: false as const, stoppedBy: 'interrupted' as const, signal: 'SIGINT' as const } };
    expect(renderVerdicts(ctrlC)).toContain('found before Ctrl-C stopped the run');
    // An abort from elsewhere (no signal), after a complete search: nothing to bound, just rerun.
    const judging = { ...INTERRUPTED_RESULT, completion: { complete: false as const, stoppedBy: 'interrupted' as const }, stats: { ...INTERRUPTED_RESULT.stats, queue: 0 } };
    expect(renderVerdicts(judging)).toContain('found before the interrupt stopped the run; its counterexample was not built (rerun to get it)');
  });

  it('uses colour only when asked', () => {
    expect(renderTerminal(LASSO_RESULT)).not.toContain(ESC);
    expect(renderTerminal(LASSO_RESULT, { color: true })).toContain(ESC);
  });

  it('prints only the verdicts and the completion line for --quiet', () => {
    const text = renderVerdicts(TRACE_RESULT);
    expect(text).toMatch(/✗ MappingNonNull\s+violated/);
    expect(text).toContain('complete: every reachable state');
    expect(text).not.toContain('nfs_inode_add_request:');
    expect(text.split('\n').every((l) => l === l.trimEnd())).toBe(true);
  });

  it("prints the run's caveats under the verdicts, in the full report and with --quiet; none for a run without", () => {
    const note = '\n  note: WbPageTerminates holds only because no caller enters nfs_wb_page on a *clean* page.\n\ncomplete: ';
    expect(renderVerdicts(CAVEAT_RESULT)).toContain(note);
    expect(renderTerminal(CAVEAT_RESULT)).toContain(note);
    expect(renderTerminal(TRACE_RESULT)).not.toContain('note:');
  });

  it('reports a violation in the initial state', () => {
    const cx = TRACE_RESULT.properties[0]!.counterexample!;
    const r = {
      ...TRACE_RESULT,
      properties: [{ ...TRACE_RESULT.properties[0]!, counterexample: { ...cx, check: 'always' as const, steps: [] } }],
    };
    expect(renderTerminal(r)).toContain('the initial state violates MappingNonNull');
  });
});

describe('reports/terminal on a lasso with an empty cycle', () => {
  it('says that the system stops for good, with the process still in its region', async () => {
    const result = await checkToy('stuck');
    const text = renderTerminal(result);
    expect(text).toContain('lasso: 1 step, then no process can step again (the last state repeats forever)');
    expect(text).toContain('--- no process can step any more: the last state repeats forever ---');
    expect(text).not.toContain('back to the start of the cycle');
    expect(text).toContain('processes at the end:');
    const md = renderMarkdown(result);
    expect(md).toContain('*no process can step any more: the last state repeats forever*');
  });
});
