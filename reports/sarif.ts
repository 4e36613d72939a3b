/**
 * SARIF 2.1.0 (`--sarif FILE`) for code scanning: one `result` per violated property, its rule
 * the property; the counterexample as a `codeFlow` with one `threadFlow` per process and a global
 * `executionOrder` on every step (the way GCC's analyzer writes multi-thread paths). Each step's
 * location is the kernel file, line and function it models; `state` holds what it changed,
 * `initialState` the start. Only renders a `Result`.
 *
 * Kept within GitHub code scanning's limits: at most 20 runs per file (we write one), 25,000
 * results and rules per run (one per property), 10,000 thread-flow locations per result of which
 * GitHub shows 1,000 (a longer trace keeps its first and last steps and says how many it elided),
 * 20 tags per rule.
 */
import { createHash } from 'crypto';
import type { Counterexample, PropertyResult, Result, TraceStep } from '../explorer/result';
import { formatSource, pinnedFrame, type SourceLocation } from '../explorer/source-location';
import { coverageSummary, coverageWarns, stepsTakenText } from './coverage';
import { completionLine, inevitableWhen, shapeLine, stepName } from './format';
import { notBuiltNote } from './terminal';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** GitHub shows the first 1,000 thread-flow locations of a result (and rejects more than 10,000). */
export const MAX_FLOW_LOCATIONS = 1000;
/**
 * The partialFingerprints key: versioned, so a change of what it hashes is a new key, not a silent
 * re-match. v2: a quiescence failure is hashed at the step that made it certain, not the last.
 */
export const FINGERPRINT_KEY = 'mcViolation/v2';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };
type Obj = { [key: string]: Json | undefined };

const text = (t: string): Obj => ({ text: t });

export function renderSarif(result: Result, tool: { readonly version: string }): string {
  const rules = result.properties.map((p) => rule(p));
  const results = result.properties.flatMap((p, index) => (p.counterexample ? [sarifResult(result, p, index, p.counterexample)] : []));
  // A violation found before an interrupt, its counterexample not built, has no code to point at
  // (code scanning needs a location): it is said as a notification instead, with its rule.
  const notBuilt = result.properties.flatMap((p, index) => {
    const note = notBuiltNote(result, p);
    return note === undefined ? [] : [{ level: 'error', message: text(`${p.name} is violated: ${note}`), associatedRule: { id: p.name, index } }];
  });
  // A property the search stopped before deciding has no result, which code scanning reads as
  // clean (and closes its open alert): say that it is unknown, and why.
  const undecided = result.properties.flatMap((p, index) =>
    p.verdict === 'unknown' ? [{ level: 'warning', message: text(`${p.name} is unknown: ${completionLine(result)}`), associatedRule: { id: p.name, index } }] : [],
  );
  // Code scanning shows nothing for a property that holds, so a ✓ over a step the search never
  // took (mc check --coverage) would pass unseen: it is said as a warning of the run.
  const coverage = result.coverage;
  const vacuous = coverage !== undefined && coverageWarns(coverage) ? [{ level: 'warning', message: text(coverageSummary(coverage)) }] : [];
  const notifications = [...notBuilt, ...undecided, ...vacuous];
  const log: Obj = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mc', version: tool.version, semanticVersion: tool.version, rules } },
        // The category keeps runs of different variants and bounds from closing each other's alerts.
        automationDetails: { id: `mc/${result.run.spec}/${result.run.variant ?? 'default'}/${paramsId(result)}/` },
        ...(notifications.length > 0 ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] } : {}),
        results,
        properties: {
          spec: result.run.spec,
          ...(result.run.variant !== undefined ? { variant: result.run.variant } : {}),
          params: { ...result.run.params },
          // Run-level, as the verdicts beside them: code scanning shows no result for a property that holds.
          ...(result.run.caveats !== undefined ? { caveats: [...result.run.caveats] } : {}),
          symmetry: result.run.symmetry,
          complete: result.completion.complete,
          distinctStates: result.stats.distinct,
          ...(coverage !== undefined ? { stepsTaken: stepsTakenText(coverage) } : {}),
          verdicts: Object.fromEntries(result.properties.map((p) => [p.name, p.verdict])),
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function paramsId(result: Result): string {
  return Object.entries(result.run.params).map(([k, v]) => `${k}=${v}`).join(',') || 'none';
}

function rule(p: PropertyResult): Obj {
  return {
    id: p.name,
    name: p.name,
    shortDescription: text(p.name),
    fullDescription: text(p.description),
    help: text(`${p.description} Checked by exhaustive model checking (${p.kinds.join(', ')}).`),
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['model-checking', ...p.kinds], precision: 'very-high', 'problem.severity': 'error' },
  };
}

/**
 * The step where the violation shows: the step that carries it; for a quiescence failure the step
 * that made it certain (`Counterexample.inevitableAfter`), else the last one of a trace; for a
 * lasso the first step of the cycle (where the process keeps going round), or the last step when
 * the cycle is empty.
 */
function violatingStep(cx: Counterexample): number | undefined {
  if (cx.steps.length === 0) return undefined;
  const marked = cx.steps.findIndex((s) => s.violates !== undefined);
  if (marked >= 0) return marked;
  // Where the damage was done, not the step that ends the run (nfs: the write-back that strands
  // the request, not the last close).
  if (cx.inevitableAfter !== undefined && cx.inevitableAfter > 0) return cx.inevitableAfter - 1;
  if (cx.shape === 'lasso' && cx.loopStart !== undefined && cx.loopStart < cx.steps.length) return cx.loopStart;
  return cx.steps.length - 1;
}

/**
 * Stable across runs: the spec, the property, the kind of check and the code where the
 * violation shows. Not the trace itself, whose process names, choices and length may change
 * with the bounds or the search without it being a different bug.
 */
export function fingerprint(result: Result, p: PropertyResult, cx: Counterexample): string {
  const at = violatingStep(cx);
  const source = at !== undefined ? cx.steps[at]!.source : undefined;
  const where = source ? `${source.file}\0${source.function}` : 'initial';
  return createHash('sha256').update([result.run.spec, p.name, cx.check, where].join('\0')).digest('hex');
}

function physical(source: SourceLocation): Obj {
  const frame = pinnedFrame(source);
  return {
    physicalLocation: {
      artifactLocation: { uri: frame.file },
      ...(frame.line !== undefined ? { region: { startLine: frame.line } } : {}),
    },
    // The function at that line (a caller, when the step's own function has no pinned line), so
    // that the two locations name one place; the whole chain is the qualified name.
    logicalLocations: [{ name: frame.function, fullyQualifiedName: formatSource(source), kind: 'function' }],
  };
}

function sarifResult(result: Result, p: PropertyResult, ruleIndex: number, cx: Counterexample): Obj {
  const at = violatingStep(cx);
  const where = at !== undefined ? cx.steps[at]!.source : undefined;
  const cycle = cx.shape === 'lasso' && cx.loopStart !== undefined ? { loopStart: cx.loopStart, cycleStartExecutionOrder: cx.loopStart + 1 } : {};
  return {
    ruleId: p.name,
    ruleIndex,
    level: 'error',
    kind: 'fail',
    message: text(`${resultMessage(p, cx)} (${[shapeLine(cx), inevitableWhen(cx)].filter((x) => x !== undefined).join('; ')})`),
    ...(where ? { locations: [{ ...physical(where), message: text(cx.steps[at!]!.label) }] } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(result, p, cx) },
    codeFlows: cx.steps.length > 0 ? [codeFlow(result, cx)] : [],
    properties: {
      shape: cx.shape,
      check: cx.check,
      steps: cx.steps.length,
      contextSwitches: cx.contextSwitches,
      ...cycle,
      ...(cx.processes ? { processes: cx.processes.map((s) => ({ process: s.process, role: s.role, detail: s.detail })) } : {}),
    },
  };
}

/**
 * The result's one sentence: the counterexample's summary, which most checks start with the
 * property's name (`MappingNonNull: W1 …`, `NoRequestLeak fails at quiescence: …`); another
 * (a deadlock's) gets it in front.
 */
function resultMessage(p: PropertyResult, cx: Counterexample): string {
  const named = cx.summary.startsWith(p.name) && !/^\w/.test(cx.summary.slice(p.name.length));
  return named ? cx.summary : `${p.name} violated: ${cx.summary}`;
}

/** Which steps are written: all, or the first and last ones around an elided middle. */
function keptSteps(n: number): { kept: number[]; elided: number } {
  if (n <= MAX_FLOW_LOCATIONS) return { kept: [...Array(n).keys()], elided: 0 };
  const head = Math.ceil(MAX_FLOW_LOCATIONS / 2);
  const tail = MAX_FLOW_LOCATIONS - head;
  return { kept: [...[...Array(head).keys()], ...Array.from({ length: tail }, (_, i) => n - tail + i)], elided: n - MAX_FLOW_LOCATIONS };
}

function codeFlow(result: Result, cx: Counterexample): Obj {
  const { kept, elided } = keptSteps(cx.steps.length);
  const threadFlows = result.processes.flatMap((process) => {
    const mine = kept.filter((i) => cx.steps[i]!.process === process);
    if (mine.length === 0) return []; // SARIF requires at least one location per threadFlow
    return [
      {
        id: process,
        message: text(process),
        initialState: processState(cx.initial, process, result.processes),
        locations: mine.map((i) => flowLocation(cx, i)),
      },
    ];
  });
  const idle = result.processes.filter((p) => !cx.steps.some((s) => s.process === p));
  return {
    message: text(`${shapeLine(cx)}; steps are numbered by executionOrder across threads`),
    threadFlows,
    properties: {
      ...(cx.shape === 'lasso' && cx.loopStart !== undefined ? { cycleStartExecutionOrder: cx.loopStart + 1 } : {}),
      ...(idle.length > 0 ? { processesWithoutSteps: idle } : {}),
      ...(elided > 0 ? { elidedSteps: elided } : {}),
    },
  };
}

/** The initial fields a process's thread sees: shared ones and its own (`W1.pc`), not other processes'. */
function processState(fields: Readonly<Record<string, string>>, process: string, processes: readonly string[]): Obj {
  const others = processes.filter((p) => p !== process);
  const entries = Object.entries(fields).filter(([k]) => !others.some((o) => k.startsWith(`${o}.`)));
  return Object.fromEntries(entries.map(([k, v]) => [k, text(v)]));
}

function flowLocation(cx: Counterexample, i: number): Obj {
  const step: TraceStep = cx.steps[i]!;
  const inCycle = cx.shape === 'lasso' && cx.loopStart !== undefined && i >= cx.loopStart;
  return {
    executionOrder: i + 1,
    location: { ...(step.source ? physical(step.source) : {}), message: text(`${i + 1}. ${step.label}`) },
    ...(step.source?.via ? { stack: { frames: [...step.source.via].reverse().map((f) => ({ location: physical({ ...f }) })) } } : {}),
    state: Object.fromEntries(step.changes.map((c) => [c.field, text(c.after ?? '(none)')])),
    importance: step.violates !== undefined || i === violatingStep(cx) ? 'essential' : 'important',
    properties: {
      step: stepName(step),
      ...(inCycle ? { inCycle: true } : {}),
      ...(cx.shape === 'lasso' && cx.loopStart === i ? { cycleStart: true } : {}),
      changes: step.changes.map((c) => ({ field: c.field, ...(c.before !== undefined ? { before: c.before } : {}), ...(c.after !== undefined ? { after: c.after } : {}) })),
    },
  };
}
