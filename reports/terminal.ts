/** The human report: what was checked, the verdicts, the statistics, then every counterexample. */
import type { Counterexample, PropertyResult, Result, Verdict } from '../explorer/result';
import { formatSource } from '../explorer/source-location';
import { laneRows } from './lanes';
import { pad, padStart, palette, plain, type Palette, type Paint } from './palette';
import { coverageLines, coverageVerdictLine } from './coverage';
import { DEFAULT_TRACE_STYLE, type TraceStyle } from './trace-styles';
import {
  ROLE_TEXT,
  VERDICT_SYMBOL,
  change,
  completionLine,
  count,
  memoryLine,
  timeLine,
  CYCLE_START_LINE,
  inevitableLine,
  initialViolation,
  STOP_REASON,
  lassoEndLine,
  params,
  fingerprintRisk,
  detailAfterRole,
  roleGloss,
  shapeLine,
  stopsForGood,
  stepName,
  violationMark,
} from './format';


export interface TerminalOptions {
  /** ANSI colours (only when writing to a terminal). */
  readonly color?: boolean;
  readonly traceStyle?: TraceStyle;
}

function verdictPaint(p: Palette, v: Verdict): Paint {
  return v === 'holds' ? p.green : v === 'violated' ? p.red : p.yellow;
}

/** What stopped a run, as `found before … stopped the run` says it. */
function stopper(result: Result): string {
  const c = result.completion;
  if (c.complete) return 'the stop';
  if (c.stoppedBy !== 'interrupted') return STOP_REASON[c.stoppedBy];
  return c.signal === 'SIGINT' ? 'Ctrl-C' : (c.signal ?? 'the interrupt');
}

/**
 * What every report says of a violation without its counterexample: the search found it, then
 * an interrupt came before its counterexample was built (explorer/verdicts.ts). Undefined for a
 * property that is not such a violation. `--max-states` with the states explored reaches at least
 * as far as the interrupted search did (numbering is deterministic), and then builds it.
 */
export function notBuiltNote(result: Result, prop: PropertyResult): string | undefined {
  if (prop.verdict !== 'violated' || prop.counterexample !== undefined) return undefined;
  const rerun = result.stats.queue > 0 ? `rerun with --max-states ${result.stats.distinct} to get it` : 'rerun to get it';
  return `found before ${stopper(result)} stopped the run; its counterexample was not built (${rerun})`;
}


/** The header, verdicts and completion line: what `--quiet` prints. */
export function renderVerdicts(result: Result, options: TerminalOptions = {}): string {
  const p = palette(options.color ?? false);
  const lines: string[] = [];
  const width = Math.max(...result.properties.map((x) => x.name.length), 8);
  for (const prop of result.properties) {
    const paint = verdictPaint(p, prop.verdict);
    const cx = prop.counterexample;
    const notBuilt = notBuiltNote(result, prop);
    const note = cx ? p.dim(`  ${shapeLine(cx)}`) : notBuilt !== undefined ? p.yellow(`  ${notBuilt}`) : '';
    const gap = ' '.repeat(8 - prop.verdict.length);
    lines.push(`  ${paint(VERDICT_SYMBOL[prop.verdict])} ${pad(prop.name, width)}  ${paint(prop.verdict)}${note !== '' ? gap + note : ''}`);
  }
  // Under the verdicts they qualify: a ✓ that holds only because of what the model leaves out says so where it is read.
  for (const caveat of result.run.caveats ?? []) lines.push(p.yellow(`  note: ${caveat}`));
  // As a caveat is: a step never taken is behaviour no ✓ above covers.
  if (result.coverage) lines.push(coverageVerdictLine(result.coverage, p));
  const done = result.completion.complete ? p.green : p.yellow;
  lines.push('', done(completionLine(result)));
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}

export function renderTerminal(result: Result, options: TerminalOptions = {}): string {
  const p = palette(options.color ?? false);
  const out: string[] = [];
  const { run } = result;

  out.push(p.bold(`mc check: spec ${run.spec}${run.variant !== undefined ? `, variant ${run.variant}` : ''}`));
  const header: [string, string][] = [
    ['spec', run.spec],
    ...(run.variant !== undefined ? ([['variant', run.variant]] as [string, string][]) : []),
    ['parameters', params(run)],
    ['symmetry', run.symmetry ? 'on' : 'off'],
    ['workers', String(run.workers)],
    ['processes', result.processes.join(' ')],
  ];
  for (const [k, v] of header) out.push(`  ${pad(k, 11)}${v}`);
  for (const warning of result.warnings ?? []) out.push('', p.yellow(`warning: ${warning}`));

  out.push('', p.bold('Properties'));
  out.push(renderVerdicts(result, options).trimEnd());

  const s = result.stats;
  const memory = memoryLine(s);
  const stats: [string, string][] = [
    ['states generated', count(s.generated)],
    ['distinct states', count(s.distinct)],
    ...(s.queue > 0 ? ([['left in queue', count(s.queue)]] as [string, string][]) : []),
    ['depth', count(s.depth)],
    ['time', timeLine(s)],
    ['distinct states/s', count(s.distinctPerSecond)],
    ...(memory === undefined ? [] : ([['memory', memory]] as [string, string][])),
    ['bytes/state', `${count(s.bytesPerState)} (the engine's seen-set and graph arrays only${s.exact === true ? ', with the states --exact keeps' : ''})`],
    ['collision probability', fingerprintRisk(s)],
  ];
  out.push('', p.bold('Statistics'));
  for (const [k, v] of stats) out.push(`  ${pad(k, 23)}${v}`);
  if (result.coverage) out.push('', ...coverageLines(result.coverage, p, result.run.symmetry));

  const violated = result.properties.filter((x) => x.counterexample !== undefined);
  violated.forEach((prop, i) => {
    out.push('', renderCounterexample(result.processes, prop, prop.counterexample!, i + 1, violated.length, p, options.traceStyle ?? DEFAULT_TRACE_STYLE));
  });
  return out.map((l) => l.trimEnd()).join('\n') + '\n';
}

function renderCounterexample(processes: readonly string[], prop: PropertyResult, cx: Counterexample, n: number, total: number, p: Palette, style: TraceStyle): string {
  const out: string[] = [];
  const numbering = total > 1 ? ` ${n}/${total}` : '';
  out.push(p.bold(p.red(`Counterexample${numbering}: ${prop.name} violated`)) + p.dim(` (${cx.check} check)`));
  out.push(`  ${cx.summary}`);
  out.push(p.dim(`  ${shapeLine(cx)}; ${cx.contextSwitches} context switch${cx.contextSwitches === 1 ? '' : 'es'}`));
  const certain = inevitableLine(prop, cx);
  if (certain !== undefined) out.push(`  ${certain}`);

  out.push(...(style === 'lanes' ? laneRows(processes, prop, cx, p) : listRows(prop, cx, p)));
  out.push(...processesInCycle(cx, p));
  return out.join('\n');
}

/** The initial state, then each step as a numbered paragraph. */
function listRows(prop: PropertyResult, cx: Counterexample, p: Palette): string[] {
  const out: string[] = [];
  out.push('', '  initial state:');
  const fields = Object.entries(cx.initial);
  if (fields.length === 0) out.push('       (no fields)');
  for (const [k, v] of fields) out.push(`       ${k} = ${v}`);
  const atStart = initialViolation(prop, cx);
  if (atStart) out.push(p.red(`  ✗ ${atStart}`));

  const width = String(cx.steps.length).length;
  cx.steps.forEach((step, i) => {
    if (cx.shape === 'lasso' && cx.loopStart === i) {
      out.push(p.cyan(`  ${CYCLE_START_LINE}`));
    }
    const mark = violationMark(prop, cx, i);
    const num = `${padStart(String(i + 1), width)}.`;
    out.push(`  ${num} ${mark ? p.red(step.label) : step.label}`);
    const indent = ' '.repeat(width + 4);
    const where = step.source !== undefined ? p.dim(`   ${formatSource(step.source)}`) : '';
    out.push(`  ${indent}${p.cyan(stepName(step))}${where}`);
    for (const c of step.changes) out.push(`  ${indent}  ${change(c)}`);
    if (mark) out.push(p.red(`  ${indent}✗ ${mark}`));
  });
  const end = lassoEndLine(cx);
  if (end) out.push(p.cyan(`  ${end}`));
  return out;
}

/** For a lasso or a deadlock: what every process does or waits for. */
function processesInCycle(cx: Counterexample, p: Palette): string[] {
  const out: string[] = [];
  if (cx.processes && cx.processes.length > 0) {
    out.push('', cx.shape === 'lasso' && !stopsForGood(cx) ? '  processes in the cycle:' : '  processes at the end:');
    const nameW = Math.max(...cx.processes.map((x) => x.process.length));
    for (const ps of cx.processes) {
      const role = ps.role === 'spinning' ? p.red : ps.role === 'blocked' ? p.yellow : plain;
      out.push(`    ${pad(ps.process, nameW)}  ${role(pad(ROLE_TEXT[ps.role], 8))}  ${detailAfterRole(ps)}`);
    }
    if (cx.shape === 'lasso') out.push(p.dim(`    (${roleGloss(cx.processes.map((x) => x.role))})`));
  }
  return out;
}
