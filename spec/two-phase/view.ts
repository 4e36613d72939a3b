/**
 * How states read in traces: the four TLA+ variables in TLC's notation, so that a trace from `mc`
 * can be set side by side with one from TLC; and one line per process for lasso/deadlock reports.
 */
import { match } from 'ts-pattern';
import { rmName, TM_PROCESS, type TwoPhaseState } from './state';

function rmSet(flags: readonly boolean[]): string {
  const names = flags.flatMap((f, rm) => (f ? [rmName(rm)] : []));
  return `{${names.join(', ')}}`;
}

function msgsValue(s: TwoPhaseState): string {
  const msgs = s.msgs.prepared.flatMap((f, rm) => (f ? [`[type |-> "Prepared", rm |-> ${rmName(rm)}]`] : []));
  if (s.msgs.commit) msgs.push('[type |-> "Commit"]');
  if (s.msgs.abort) msgs.push('[type |-> "Abort"]');
  return `{${msgs.join(', ')}}`;
}

/** One field per RM for rmState, so a trace step shows just the RM that moved. */
export function view(s: TwoPhaseState): Record<string, string> {
  const fields: Record<string, string> = {};
  s.rmState.forEach((st, rm) => {
    fields[`rmState[${rmName(rm)}]`] = `"${st}"`;
  });
  fields['tmState'] = `"${s.tmState}"`;
  fields['tmPrepared'] = rmSet(s.tmPrepared);
  fields['msgs'] = msgsValue(s);
  return fields;
}

export function explainProcess(s: TwoPhaseState, process: number): string {
  if (process === TM_PROCESS) {
    const votes = s.tmPrepared.filter((p) => p).length;
    return match(s.tmState)
      .with('init', () => `undecided, ${votes} of ${s.tmPrepared.length} Prepared votes counted`)
      .with('committed', () => 'decided commit (Commit broadcast)')
      .with('aborted', () => 'decided abort (Abort broadcast)')
      .exhaustive();
  }
  const rm = process - 1;
  return match(s.rmState[rm]!)
    .with('working', () => 'working, may prepare or abort')
    .with('prepared', () => 'prepared, waiting for the TM decision')
    .with('committed', () => 'committed')
    .with('aborted', () => 'aborted')
    .exhaustive();
}
