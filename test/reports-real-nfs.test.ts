/**
 * Every counterexample renderer (lanes, ITF, SARIF, Markdown with its Mermaid diagram) on real
 * nfs counterexamples from the engine: 14bebe3c with one writer and three writes (the seed's
 * NULL dereference, a trace) and 22876f54 with two writers (the soft lockup, a lasso, and the
 * stranded request). Each format is checked with a real validator (test/support/report-validators.ts).
 */
import * as path from 'path';
import { beforeAll, describe, expect, it } from 'vitest';
import { explore, type Result } from '../explorer';
import type { Counterexample } from '../explorer/result';
import { pinnedFrame } from '../explorer/source-location';
import { itfAsResult } from '../cli/saved-itf';
import { itfFiles, itfTrace, NoTypedView, renderItf, siblingFile } from '../reports/itf';
import { laneFunction } from '../reports/lanes';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../reports/markdown';
import { mermaidText, sequenceDiagram } from '../reports/mermaid';
import { FINGERPRINT_KEY, renderSarif } from '../reports/sarif';
import { renderTerminal } from '../reports/terminal';
import { INCOMPLETE_RESULT, INTERRUPTED_RESULT, TRACE_RESULT } from './reports-fixtures';
import { codeScanningProblems, itfErrors, mermaidBlocks, parseMermaid, sarifErrors } from './support/report-validators';

const NFS_MODULE = path.join(__dirname, '..', 'spec', 'nfs', 'index');

function check(variant: string, writers: number, writes: number): Promise<Result> {
  const params = { writers, pages: 2, writes, faults: 1 };
  return explore({ module: NFS_MODULE, args: { variant, params } }, { spec: 'nfs', variant, params }, { workers: 1, symmetry: true });
}

let oops: Result;
let lockup: Result;
beforeAll(async () => {
  oops = await check('14bebe3c', 1, 3);
  lockup = await check('22876f54', 2, 2);
}, 120_000);

const cxOf = (r: Result, name: string): Counterexample => r.properties.find((p) => p.name === name)!.counterexample!;

type SarifLog = {
  runs: {
    tool: { driver: { rules: { id: string; fullDescription: { text: string }; properties?: { tags?: string[] } }[] } };
    results: {
      ruleId: string;
      partialFingerprints: Record<string, string>;
      locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
      codeFlows: {
        threadFlows: {
          id: string;
          initialState: Record<string, { text: string }>;
          locations: { executionOrder: number; state: Record<string, { text: string }>; location: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } }; logicalLocations: { name: string }[] } }[];
        }[];
        properties?: Record<string, unknown>;
      }[];
      properties: Record<string, unknown>;
    }[];
  }[];
};
const sarif = (r: Result): SarifLog => JSON.parse(renderSarif(r, { version: '0.0.0-test' })) as SarifLog;

describe('the real counterexamples these tests render', () => {
  it('are what MODEL.md says: a 17-step trace to the oops, a lasso, a stranded request', () => {
    expect(cxOf(oops, 'MappingNonNull').shape).toBe('trace');
    expect(cxOf(oops, 'MappingNonNull').steps).toHaveLength(17);
    expect(cxOf(lockup, 'WbPageTerminates').shape).toBe('lasso');
    expect(cxOf(lockup, 'NoRequestLeak').shape).toBe('trace');
  });
});

describe('terminal lanes', () => {
  it('puts every step in its process lane with its kernel function, then what changed', () => {
    const text = renderTerminal(lockup, { traceStyle: 'lanes' });
    const lines = text.split('\n');
    for (const [name, cx] of [['WbPageTerminates', cxOf(lockup, 'WbPageTerminates')], ['NoRequestLeak', cxOf(lockup, 'NoRequestLeak')]] as const) {
      const from = lines.findIndex((l) => l.includes(`${name} violated`));
      // Each counterexample has its own lane header, its widths fitted to its steps.
      const header = lines.slice(from).find((l) => /^\s+W1\s+W2\s+F\s+C$/.test(l))!;
      expect(header).toBeDefined();
      const column = (p: string): number => header.search(new RegExp(`(?<=\\s)${p}(\\s|$)`));
      cx.steps.forEach((step, i) => {
        const row = lines.slice(from).find((l) => new RegExp(`^\\s+${i + 1}  `).test(l))!;
        expect(row, `step ${i + 1} of ${name}`).toBeDefined();
        expect(row.indexOf(laneFunction(step)), `step ${i + 1} of ${name} in lane ${step.process}`).toBe(column(step.process));
      });
    }
    // Only what changed: the F step's lines name the fields it changed, not the whole state.
    const flush = cxOf(lockup, 'WbPageTerminates').steps.find((s) => s.process === 'F')!;
    expect(flush).toBeDefined();
    const outcomeLine = lines.findIndex((l) => l.includes(`[${flush.outcome!}]`));
    const next = lines.findIndex((l, i) => i > outcomeLine && /^\s+\d+  /.test(l));
    const block = lines.slice(outcomeLine + 1, next).join('\n');
    expect(block.split('\n')).toHaveLength(flush.changes.length);
    for (const c of flush.changes) expect(block).toContain(`${c.field}: ${c.before} → ${c.after}`);
    expect(block).not.toContain('W2.pc');
  });

  it('marks where a lasso cycle starts and where it goes back, and explains the processes', () => {
    const text = renderTerminal(lockup, { traceStyle: 'lanes' });
    const cx = cxOf(lockup, 'WbPageTerminates');
    const start = text.indexOf('--- cycle: the following steps repeat forever ---');
    expect(start).toBeGreaterThan(text.search(new RegExp(`\\n\\s+${cx.loopStart!}  `)));
    expect(start).toBeLessThan(text.search(new RegExp(`\\n\\s+${cx.loopStart! + 1}  `)));
    expect(text).toContain('--- back to the start of the cycle ---');
    expect(text).toMatch(/W\d\s+spinning\s+in nfs_wb_page/);
    expect(text).not.toContain('spinning  spinning');
  });

  it('colours only when asked (a TTY), and list stays the default', () => {
    expect(renderTerminal(oops, { traceStyle: 'lanes' })).not.toContain('\x1b[');
    expect(renderTerminal(oops, { traceStyle: 'lanes', color: true })).toContain('\x1b[');
    expect(renderTerminal(oops)).toBe(renderTerminal(oops, { traceStyle: 'list' }));
    expect(renderTerminal(oops)).not.toBe(renderTerminal(oops, { traceStyle: 'lanes' }));
  });
});

describe('--itf: the Informal Trace Format', () => {
  it('is one valid ITF trace per violated property, with typed values and each step in #meta', () => {
    for (const r of [oops, lockup]) {
      const traces = renderItf(r);
      expect(traces.map((t) => t.property)).toEqual(r.properties.filter((p) => p.verdict === 'violated').map((p) => p.name));
      for (const { trace } of traces) expect(itfErrors(JSON.parse(JSON.stringify(trace)))).toEqual([]);
    }
    const { trace } = renderItf(oops)[0]!;
    const cx = cxOf(oops, 'MappingNonNull');
    expect(trace.states).toHaveLength(cx.steps.length + 1);
    expect(trace.loop).toBeUndefined();
    expect(trace.vars).toEqual(['pages', 'writers', 'i_rwsem', 'nrequests', 'wb_err', 'faultsLeft']);
    expect(trace.states[0]!['#meta']).toEqual({ index: 0, action: 'init' });
    expect(trace.states[17]!['#meta']).toMatchObject({ index: 17, action: 'W1.add_request[oops in nfs_inode_add_request]', process: 'W1', violates: 'MappingNonNull' });
    expect(trace.states[17]!['nrequests']).toBe(cx.states![17]!['nrequests']);
    // Typed, not the strings of view: a number, an option, a map keyed by page index.
    expect(typeof trace.states[0]!['nrequests']).toBe('number');
    expect(trace.states[0]!['pages']).toEqual({ '#map': [[0, { tag: 'None', value: { '#tup': [] } }], [1, { tag: 'None', value: { '#tup': [] } }]] });
  });

  it('sets loop on a lasso: the state where the cycle starts; the step that closes it is in #meta', () => {
    const cx = cxOf(lockup, 'WbPageTerminates');
    const { trace } = renderItf(lockup).find((t) => t.property === 'WbPageTerminates')!;
    expect(itfErrors(JSON.parse(JSON.stringify(trace)))).toEqual([]);
    expect(trace.loop).toBe(cx.loopStart);
    // The last step comes back to the loop state, which ITF repeats implicitly.
    expect(trace.states).toHaveLength(cx.steps.length);
    expect(JSON.stringify(cx.states![cx.steps.length])).toBe(JSON.stringify(cx.states![cx.loopStart!]));
    expect(trace['#meta']['loopAction']).toMatchObject({ action: 'W1.wb_page_iter[nfs_commit_inode returns 0]' });
  });

  it('names the property once in #meta.description, and reads the summary back from it (and from a trace that named it twice)', () => {
    for (const r of [oops, lockup]) {
      for (const { trace, property } of renderItf(r)) {
        const description = trace['#meta']['description'] as string;
        expect(description.startsWith(`mc: counterexample to ${property}: `)).toBe(true);
        expect(description.split(`${property}: `)).toHaveLength(2);
        const back = itfAsResult(JSON.parse(JSON.stringify(trace))) as Result;
        const summary = cxOf(r, property).summary;
        expect(back.properties[0]!.counterexample!.summary).toBe(summary.startsWith(`${property}: `) ? summary : `${property}: ${summary}`);
      }
    }
    const { trace } = renderItf(lockup).find((t) => t.property === 'WbPageTerminates')!;
    expect(trace['#meta']['description']).toMatch(/^mc: counterexample to WbPageTerminates: W1 never leaves nfs_wb_page under weak fairness/);
    const older = { ...trace, '#meta': { ...trace['#meta'], description: `mc: counterexample to WbPageTerminates: ${cxOf(lockup, 'WbPageTerminates').summary}` } };
    expect((itfAsResult(JSON.parse(JSON.stringify(older))) as Result).properties[0]!.counterexample!.summary).toBe(cxOf(lockup, 'WbPageTerminates').summary);
  });

  it('writes the first violated property to FILE and each other one beside it', () => {
    const files = itfFiles(lockup, 'out/run.itf.json');
    expect(files.map((f) => [f.file, f.property])).toEqual([
      ['out/run.itf.json', 'WbPageTerminates'],
      ['out/run.NoRequestLeak.itf.json', 'NoRequestLeak'],
    ]);
    expect(siblingFile('trace.json', 'P')).toBe('trace.P.json');
    expect(siblingFile('trace', 'P')).toBe('trace.P.itf.json');
  });

  it('refuses, by name, a counterexample without typed states (a spec without Model.itf)', () => {
    const prop = oops.properties[0]!;
    const { states: _s, ...untyped } = prop.counterexample!;
    expect(() => itfTrace(oops, prop, untyped)).toThrow(NoTypedView);
  });

  it('the validator is not a rubber stamp', () => {
    const { trace } = renderItf(oops)[0]!;
    const bad = JSON.parse(JSON.stringify(trace)) as { states: Record<string, unknown>[]; loop?: number };
    bad.states[1]!['nrequests'] = 1.5;
    expect(itfErrors(bad)).not.toEqual([]);
    const missing = JSON.parse(JSON.stringify(trace)) as { states: Record<string, unknown>[] };
    delete missing.states[2]!['pages'];
    expect(itfErrors(missing)).not.toEqual([]);
    const loop = JSON.parse(JSON.stringify(trace)) as { states: unknown[]; loop?: number };
    loop.loop = loop.states.length;
    expect(itfErrors(loop)).not.toEqual([]);
  });
});

describe('--sarif: SARIF 2.1.0 for code scanning', () => {
  it('validates against the official schema and stays within code scanning limits', () => {
    for (const r of [oops, lockup]) {
      const log = sarif(r);
      expect(sarifErrors(log)).toEqual([]);
      expect(codeScanningProblems(log)).toEqual([]);
    }
    const bad = sarif(oops) as unknown as { runs: { results: { level: string }[] }[] };
    bad.runs[0]!.results[0]!.level = 'fatal';
    expect(sarifErrors(bad)).not.toEqual([]);
  });

  it('has one result per violated property, its rule described', () => {
    const run = sarif(lockup).runs[0]!;
    expect(run.results.map((r) => r.ruleId)).toEqual(['WbPageTerminates', 'NoRequestLeak']);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(lockup.properties.map((p) => p.name));
    expect(run.tool.driver.rules[0]!.fullDescription.text).toBe(lockup.properties[0]!.description);
  });

  it('writes the trace as one threadFlow per process with a global executionOrder at the modelled kernel code', () => {
    const cx = cxOf(lockup, 'NoRequestLeak');
    const flow = sarif(lockup).runs[0]!.results[1]!.codeFlows[0]!;
    const stepping = [...new Set(cx.steps.map((s) => s.process))];
    expect(flow.threadFlows.map((t) => t.id).sort()).toEqual(stepping.sort());
    const all = flow.threadFlows.flatMap((t) => t.locations.map((l) => ({ thread: t.id, l })));
    expect(all.map((x) => x.l.executionOrder).sort((a, b) => a - b)).toEqual(cx.steps.map((_, i) => i + 1));
    for (const { thread, l } of all) {
      const step = cx.steps[l.executionOrder - 1]!;
      expect(thread).toBe(step.process);
      expect(l.location.logicalLocations[0]!.name).toBe(pinnedFrame(step.source!).function);
      expect(l.location.physicalLocation.artifactLocation.uri).toMatch(/^(fs|mm)\//);
      expect(Object.keys(l.state)).toEqual(step.changes.map((c) => c.field));
    }
    const w1 = flow.threadFlows.find((t) => t.id === 'W1')!;
    expect(w1.initialState['i_rwsem']).toEqual({ text: 'free' });
    expect(Object.keys(w1.initialState).some((k) => k.startsWith('W2.'))).toBe(false);
  });

  it("names the function at the line it points at: a lineless callee's step points at its caller, and is named so", () => {
    // 4.19's fsync wait, as the spec declares it: filemap_fdatawait_range has no pinned line.
    const source = { file: 'mm/filemap.c', function: 'filemap_fdatawait_range', via: [{ file: 'fs/nfs/file.c', line: 240, function: 'nfs_file_fsync' }] };
    const p = TRACE_RESULT.properties[0]!;
    const cx = p.counterexample!;
    const edited: Result = { ...TRACE_RESULT, properties: [{ ...p, counterexample: { ...cx, steps: [{ ...cx.steps[0]!, source }, ...cx.steps.slice(1)] } }] };
    const first = sarif(edited).runs[0]!.results[0]!.codeFlows[0]!.threadFlows.flatMap((t) => t.locations).find((l) => l.executionOrder === 1)!;
    expect(first.location.physicalLocation).toEqual({ artifactLocation: { uri: 'fs/nfs/file.c' }, region: { startLine: 240 } });
    expect(first.location.logicalLocations).toEqual([
      { name: 'nfs_file_fsync', fullyQualifiedName: 'fs/nfs/file.c:240 nfs_file_fsync → mm/filemap.c filemap_fdatawait_range', kind: 'function' },
    ]);
  });

  it("points the oops at nfs_inode_add_request's line and puts a lasso's cycle start in properties", () => {
    const oopsResult = sarif(oops).runs[0]!.results[0]!;
    expect(oopsResult.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'fs/nfs/write.c' }, region: { startLine: 743 } });
    const lasso = sarif(lockup).runs[0]!.results[0]!;
    const cx = cxOf(lockup, 'WbPageTerminates');
    expect(lasso.properties['loopStart']).toBe(cx.loopStart);
    expect(lasso.codeFlows[0]!.properties!['cycleStartExecutionOrder']).toBe(cx.loopStart! + 1);
    expect(lasso.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'fs/nfs/write.c' }, region: { startLine: 2036 } });
  });

  it('says each violation once: the summary, which names the property, and the shape', () => {
    const [oopsResult] = sarif(oops).runs[0]!.results as unknown as { message: { text: string } }[];
    const cx = cxOf(oops, 'MappingNonNull');
    expect(cx.summary.startsWith('MappingNonNull: ')).toBe(true);
    expect(oopsResult!.message.text).toBe(`${cx.summary} (trace: 17 steps)`);
    for (const r of sarif(lockup).runs[0]!.results as unknown as { ruleId: string; message: { text: string } }[]) {
      expect(r.message.text.split(r.ruleId)).toHaveLength(2);
    }
    // A summary that does not start with the name (a deadlock's) gets it in front, once.
    const [named] = sarif(TRACE_RESULT).runs[0]!.results as unknown as { message: { text: string } }[];
    expect(named!.message.text).toBe('MappingNonNull violated: W1 dereferences the NULL mapping of orphaned page 0 in nfs_inode_add_request. (trace: 4 steps)');
  });

  it('a violation without its counterexample (an interrupt came first) is a notification, not a result code scanning cannot place', () => {
    const log = sarif(INTERRUPTED_RESULT);
    expect(sarifErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
    const run = log.runs[0]! as unknown as SarifLog['runs'][number] & { invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[] };
    expect(run.results).toEqual([]);
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'MappingNonNull is violated: found before SIGTERM stopped the run; its counterexample was not built (rerun with --max-states 693618 to get it)' },
            associatedRule: { id: 'MappingNonNull', index: 0 },
          },
          ...['WbPageTerminates', 'DeadlockFree'].map((id, i) => ({
            level: 'warning',
            message: { text: `${id} is unknown: incomplete: stopped by SIGTERM (kill) after 693,618 states; violations found stand; the other verdicts are unknown` },
            associatedRule: { id, index: i + 1 },
          })),
        ],
      },
    ]);
    expect((sarif(oops).runs[0]! as unknown as Record<string, unknown>)['invocations']).toBeUndefined();
  });

  it('says of each property a stopped search left undecided that it is unknown: no result would read as clean and close its alert', () => {
    const log = sarif(INCOMPLETE_RESULT);
    expect(sarifErrors(log)).toEqual([]);
    const run = log.runs[0]! as unknown as { results: unknown[]; invocations: { toolExecutionNotifications: { level: string; message: { text: string }; associatedRule: { id: string } }[] }[] };
    expect(run.results).toEqual([]);
    expect(run.invocations[0]!.toolExecutionNotifications.map((n) => [n.associatedRule.id, n.level, n.message.text])).toEqual([
      ['TCConsistent', 'warning', 'TCConsistent is unknown: incomplete: stopped by max-seconds after 123,456 states; verdicts are unknown'],
      ['DeadlockFree', 'warning', 'DeadlockFree is unknown: incomplete: stopped by max-seconds after 123,456 states; verdicts are unknown'],
    ]);
  });

  it('a ✓ over a step never taken (--coverage) is a warning of the run, since code scanning shows nothing for a property that holds', async () => {
    const params = { writers: 1, pages: 2, writes: 1, faults: 1 };
    const vacuous = await explore({ module: NFS_MODULE, args: { variant: 'mainline', params } }, { spec: 'nfs', variant: 'mainline', params }, { workers: 1, symmetry: true, coverage: true });
    const log = sarif(vacuous);
    expect(sarifErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
    const run = log.runs[0]! as unknown as { results: unknown[]; properties: Record<string, unknown>; invocations: { toolExecutionNotifications: unknown[] }[] };
    expect(run.results).toEqual([]);
    expect(run.invocations[0]!.toolExecutionNotifications).toEqual([
      { level: 'warning', message: { text: 'coverage: 1 of 11 steps never taken (enabled in no reachable state): wb_page_iter; a ✓ says nothing about their behaviour' } },
    ]);
    expect(run.properties['stepsTaken']).toBe('10/11');
    // Every step taken: no notification, the count still there.
    const covered = await explore({ module: NFS_MODULE, args: { variant: 'mainline', params: { ...params, writes: 2 } } }, { spec: 'nfs', variant: 'mainline', params: { ...params, writes: 2 } }, { workers: 1, symmetry: true, coverage: true });
    const plain = sarif(covered).runs[0]! as unknown as Record<string, unknown> & { properties: Record<string, unknown> };
    expect(plain['invocations']).toBeUndefined();
    expect(plain.properties['stepsTaken']).toBe('11/11');
    expect((sarif(oops).runs[0]! as unknown as { properties: Record<string, unknown> }).properties).not.toHaveProperty('stepsTaken');
  });

  it('fingerprints the violation, not the run: the same lockup at other bounds matches, another bug does not', async () => {
    const oneWriter = await check('22876f54', 1, 2);
    const fp = (r: Result, i: number): string => sarif(r).runs[0]!.results[i]!.partialFingerprints[FINGERPRINT_KEY]!;
    expect(fp(oneWriter, 0)).toBe(fp(lockup, 0));
    expect(fp(lockup, 0)).not.toBe(fp(lockup, 1));
    const moved = await check('nullcheck', 1, 3);
    expect(fp(moved, 0)).not.toBe(fp(oops, 0));
  });
});

describe('--markdown: the sequence diagram', () => {
  it('is valid Mermaid inside a collapsible section, with processes and the shared objects as participants', async () => {
    for (const r of [oops, lockup]) {
      const md = renderMarkdown(r);
      const blocks = mermaidBlocks(md);
      expect(blocks).toHaveLength(r.properties.filter((p) => p.counterexample).length);
      for (const b of blocks) await parseMermaid(b);
      expect(md).toMatch(/<details>\n<summary>Sequence diagram<\/summary>\n\n```mermaid\nsequenceDiagram\n/);
    }
    const diagram = mermaidBlocks(renderMarkdown(lockup))[0]!;
    for (const who of ['W1', 'W2', 'F', 'C', 'i_rwsem', 'page 0']) expect(diagram).toMatch(new RegExp(`participant \\w+ as ${who}\\n`));
    expect(diagram).toMatch(/\n  loop repeats forever\n[\s\S]*nfs_wb_page[\s\S]*\n  end\n/);
    await expect(parseMermaid('sequenceDiagram\n  p0->>p0: a; b')).rejects.toThrow();
  });

  it('escapes what Mermaid would read as syntax', async () => {
    expect(mermaidText('a; b # c %% d <e> "f"')).toBe('a#59; b #35; c #37;#37; d #60;e#62; #34;f#34;');
    const cx = cxOf(oops, 'MappingNonNull');
    const hostile = { ...cx, steps: cx.steps.map((s) => ({ ...s, outcome: 'x; y %% z', changes: s.changes.map((c) => ({ ...c, after: 'end; "quoted" <b>' })) })) };
    await parseMermaid(sequenceDiagram(oops.processes, oops.properties[0]!, hostile));
  });

  it("stays under GitHub's comment limit by eliding the middle of a very long trace, marked", async () => {
    // A real lasso's prefix repeated 60 times: a long trace with the real steps' text.
    const cx = cxOf(lockup, 'WbPageTerminates');
    const prefix = cx.steps.slice(0, cx.loopStart);
    const steps = [...Array.from({ length: 60 }, () => prefix).flat(), ...cx.steps.slice(cx.loopStart)];
    const long: Result = {
      ...lockup,
      properties: lockup.properties.map((p) =>
        p.name === 'WbPageTerminates' ? { ...p, counterexample: { ...cx, steps, loopStart: steps.length - (cx.steps.length - cx.loopStart!) } } : p,
      ),
    };
    expect(renderMarkdown(long, Number.MAX_SAFE_INTEGER).length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const md = renderMarkdown(long);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toMatch(/\*… steps \d+ to \d+ elided to stay under GitHub's comment limit/);
    for (const b of mermaidBlocks(md)) await parseMermaid(b);
    expect(mermaidBlocks(md)[0]).toMatch(/Note over p0,o\d+: … steps \d+ to \d+ elided/);
    // The ends survive: the first step and the cycle.
    expect(md).toContain('1. `W1.start_io_write(p0,s0)');
    expect(md).toContain('*cycle: the following steps repeat forever*');
  });
});
