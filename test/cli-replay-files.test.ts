/**
 * `mc replay` on hand-edited copies of real saved files (--json and --itf): every malformed or
 * self-contradicting file is one line naming the file and the problem, exit 2, never an internal
 * error (exit 4) and never a replay that passes it off as a verdict (exit 0 or 1). The result is
 * checked against reports/result.schema.json with ajv, an ITF trace against reports/itf.schema.json,
 * then for what a schema cannot say (cli/saved-result.ts, cli/saved-itf.ts, cli/replay.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mc, oneLine } from './cli-helpers';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-replay-files-'));
  // A step check's trace (the seed's oops), a lasso and an atQuiescence trace (the soft lockup,
  // NoRequestLeak), and an invariant's trace of another spec.
  expect(mc('check', '--variant', '14bebe3c', '--writers', '1', '--writes', '3', '--json', file('oops.json'), '--itf', file('oops.itf.json'), '--quiet').code).toBe(1);
  expect(mc('check', '--variant', '22876f54', '--writers', '1', '--json', file('lockup.json'), '--itf', file('lockup.itf.json'), '--quiet').code).toBe(1);
  expect(mc('check', '--spec', 'two-phase', '--variant', 'mutant', '--rms', '2', '--json', file('tp.json'), '--quiet').code).toBe(1);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string): string => path.join(dir, name);

function write(name: string, content: unknown): string {
  fs.writeFileSync(file(name), typeof content === 'string' ? content : JSON.stringify(content));
  return file(name);
}

interface Step {
  process: string;
  action: string;
  label: string;
  violates?: string;
  source?: unknown;
}
interface Cx {
  shape: string;
  check: string;
  steps: Step[];
  states?: (Record<string, unknown> | null)[];
  loopStart?: number;
  processes?: unknown[];
}
interface Prop {
  name: string;
  verdict: string;
  kinds: string[];
  counterexample?: Cx;
}
interface Saved {
  schema: string;
  processes: string[];
  properties: Prop[];
  [key: string]: unknown;
}
interface ItfTrace {
  '#meta': Record<string, unknown>;
  vars: string[];
  states: Record<string, unknown>[];
  loop?: number;
}

const read = <T>(name: string): T => JSON.parse(fs.readFileSync(file(name), 'utf8')) as T;

/** A copy of a saved file, changed by `edit`, written as `name`. */
function edited<T>(from: string, name: string, edit: (x: T) => void): string {
  const x = read<T>(from);
  edit(x);
  return write(name, x);
}

const cxOf = (r: Saved, property: string): Cx => r.properties.find((p) => p.name === property)!.counterexample!;
const oops = (r: Saved) => cxOf(r, 'MappingNonNull');
const lasso = (r: Saved) => cxOf(r, 'WbPageTerminates');
const lastState = (t: ItfTrace) => t.states[t.states.length - 1]!;

const EDITED = /does not replay on variant \S+, where it was recorded: .*; the file was edited, or written by another version of mc$/;

function refused(args: readonly string[], message: RegExp): void {
  const r = mc('replay', ...args);
  expect(r.stdout).toBe('');
  expect(oneLine(r.stderr)).toMatch(message);
  expect(r.code).toBe(2);
}

describe('mc replay refuses a malformed saved result (--json) in one line, exit 2', () => {
  it.each([
    // Each was an internal error (exit 4) or a replay (exit 0 or 1) before ajv and the checks beside it.
    ['a lasso whose loopStart is negative', () => edited<Saved>('lockup.json', 'neg.json', (r) => (lasso(r).loopStart = -1)), /'.*neg\.json' is not a counterexample saved by mc check --json or --itf: \/properties\/1\/counterexample\/loopStart must be >= 0$/],
    ['a trace whose first typed state is null', () => edited<Saved>('oops.json', 'null.json', (r) => (oops(r).states![0] = null)), /: \/properties\/0\/counterexample\/states\/0 must be object$/],
    ['a lasso whose first typed state is null', () => edited<Saved>('lockup.json', 'null-lasso.json', (r) => (lasso(r).states![0] = null)), /: \/properties\/1\/counterexample\/states\/0 must be object$/],
    ['a verdict that is none of the three', () => edited<Saved>('oops.json', 'maybe.json', (r) => (r.properties[0]!.verdict = 'maybe')), /: \/properties\/0\/verdict must be one of "holds", "violated", "unknown"$/],
    ['a shape that is neither trace nor lasso', () => edited<Saved>('oops.json', 'weird.json', (r) => (oops(r).shape = 'weird')), /: \/properties\/0\/counterexample\/shape must be one of "trace", "lasso"$/],
    ['a property the format does not have', () => edited<Saved>('oops.json', 'extra.json', (r) => (r['extra'] = 1)), /: the top level must not have the property "extra"$/],
    ['a completion without its reason', () => edited<Saved>('oops.json', 'completion.json', (r) => (r['completion'] = { complete: false })), /: \/completion must have required property 'stoppedBy'$/],
    ['a typed state with a value that is no ITF value', () => edited<Saved>('oops.json', 'value.json', (r) => (oops(r).states![3]!['pages'] = null)), /: \/properties\/0\/counterexample\/states\/3\/pages must be an ITF value: /],
    // Was an internal error: the stack overflowed.
    ['a typed state nested 100,000 deep', () => {
      const r = read<Saved>('oops.json');
      oops(r).states![3]!['pages'] = 'DEEP';
      return write('deep.json', JSON.stringify(r).replace('"DEEP"', '['.repeat(100_000) + ']'.repeat(100_000)));
    }, /: \/properties\/0\/counterexample\/states\/3 is nested too deeply to be checked$/],
    ['a mc-result/2 labelled mc-result/1', () => edited<Saved>('oops.json', 'relabelled.json', (r) => (r.schema = 'mc-result/1')), /: \/properties\/0\/counterexample must not have the property "states"$/],
    // What the schema cannot say.
    ['the run\'s processes replaced', () => edited<Saved>('oops.json', 'x9.json', (r) => (r.processes = ['X9'])), /: \/properties\/0\/counterexample\/steps\/0\/process is "W1", none of the run's processes \(X9\)$/],
    ['a lasso\'s process status replaced by a name', () => edited<Saved>('lockup.json', 'status.json', (r) => (lasso(r).processes = ['X9'])), /: \/properties\/1\/counterexample\/processes\/0 must be object$/],
    ['a lasso\'s process status of another process', () => edited<Saved>('lockup.json', 'status-x9.json', (r) => ((lasso(r).processes![0] as { process: string }).process = 'X9')), /: \/properties\/1\/counterexample\/processes\/0\/process is "X9", none of the run's processes \(W1, F, C\)$/],
    ['a step appended without its state', () => edited<Saved>('oops.json', 'appended.json', (r) => oops(r).steps.push({ ...oops(r).steps[3]! })), /: \/properties\/0\/counterexample\/states has 18 states for 18 steps \(the first state and one after each step: 19\)$/],
    ['a step appended after the violating step, with its state', () => edited<Saved>('oops.json', 'appended2.json', (r) => {
      oops(r).steps.push({ ...oops(r).steps[3]! });
      oops(r).states!.push(oops(r).states![4]!);
    }), /: \/properties\/0\/counterexample\/steps\/16\/violates is set on step 17 of 18, yet no step follows one that violates a property$/],
    ['a step check\'s trace that does not end with the violating step', () => edited<Saved>('oops.json', 'noviolates.json', (r) => delete oops(r).steps[16]!.violates), /: \/properties\/0\/counterexample\/steps ends with a step that does not violate MappingNonNull, yet a step check's counterexample ends with the step that violates it$/],
    ['a lasso\'s loopStart past its steps', () => edited<Saved>('lockup.json', 'past.json', (r) => (lasso(r).loopStart = 12)), /: \/properties\/1\/counterexample\/loopStart is 12, past the 11 steps of WbPageTerminates's counterexample$/],
    ['a lasso without loopStart', () => edited<Saved>('lockup.json', 'noloop.json', (r) => delete lasso(r).loopStart), /: \/properties\/1\/counterexample is a lasso without a loopStart/],
    ['a trace with a loopStart', () => edited<Saved>('oops.json', 'traceloop.json', (r) => (oops(r).loopStart = 3)), /: \/properties\/0\/counterexample\/loopStart is set on a trace/],
    ['a counterexample of a property that holds', () => edited<Saved>('oops.json', 'holds.json', (r) => (r.properties[0]!.verdict = 'holds')), /: \/properties\/0\/verdict is "holds", yet MappingNonNull has a counterexample/],
    ['a counterexample of a check the property lacks', () => edited<Saved>('oops.json', 'kind.json', (r) => (oops(r).check = 'always')), /: \/properties\/0\/counterexample\/check is "always", none of MappingNonNull's kinds \(step\)$/],
    ['a property listed twice', () => edited<Saved>('oops.json', 'twice.json', (r) => r.properties.push(r.properties[0]!)), /: \/properties\/4\/name repeats "MappingNonNull"/],
    ['a state with other variables than the first', () => edited<Saved>('oops.json', 'vars.json', (r) => (oops(r).states![5]!['extra'] = 1)), /: \/properties\/0\/counterexample\/states\/5 has the variables extra, faultsLeft, .*, the first state of MappingNonNull's counterexample has faultsLeft, /],
    // Against the spec.
    ['processes that are not the spec\'s with the file\'s parameters', () => edited<Saved>('oops.json', 'x9-all.json', (r) => {
      r.processes = ['X9', 'F', 'C'];
      for (const s of oops(r).steps) if (s.process === 'W1') s.process = 'X9';
    }), /: its processes are X9 F C, spec nfs's with its parameters \(writers=1 pages=2 writes=3 faults=1\) are W1 F C$/],
    ['a check the spec\'s property does not have', () => edited<Saved>('oops.json', 'kind2.json', (r) => {
      oops(r).check = 'always';
      r.properties[0]!.kinds = ['step', 'always'];
    }), /: MappingNonNull's counterexample is of check always, but MappingNonNull of the spec checks step$/],
  ] as const)('%s', (_what, make, message) => refused([make()], message));

  it.each([
    // Before: 'does not reproduce', exit 0, as if the variant no longer allowed it.
    ['a lasso whose loopStart is its length (a cycle of no steps: the system would stop there)', 'len.json', (r: Saved): void => void (lasso(r).loopStart = lasso(r).steps.length), /every step of WbPageTerminates's counterexample did what the file says, yet WbPageTerminates is not violated: the system can still step at the end of the prefix/],
    ['a lasso whose loopStart is 0', 'zero.json', (r: Saved): void => void (lasso(r).loopStart = 0), /every step of WbPageTerminates's counterexample did what the file says, yet WbPageTerminates is not violated: the cycle does not close/],
  ] as const)('on the variant it was recorded on: %s', (_what, name, edit, message) => {
    const f = edited<Saved>('lockup.json', name, edit);
    refused([f, '--property', 'WbPageTerminates'], message);
    refused([f, '--property', 'WbPageTerminates'], EDITED);
    // On another variant a lasso is a schedule to try, as before.
    expect(mc('replay', f, '--property', 'WbPageTerminates', '--variant', '06c9fdf3').code).toBe(0);
  });

  it("a step appended to an invariant's trace (no typed states kept): the violation shows a step before the file's end", () => {
    // Before: 'the remaining 1 recorded step were not needed', exit 1.
    const f = edited<Saved>('tp.json', 'tp-appended.json', (r) => {
      const cx = r.properties.find((p) => p.counterexample)!.counterexample!;
      delete cx.states;
      cx.steps.push({ ...cx.steps[0]! });
    });
    refused([f], /'.*tp-appended\.json' does not replay on variant mutant, where it was recorded: TCConsistent is violated after step 7 of its counterexample, yet the file goes on to step 8; the file was edited/);
  });

  it('a result of mc-result/1 (before typed states and structured sources) still replays', () => {
    const f = edited<Saved>('oops.json', 'v1.json', (r) => {
      r.schema = 'mc-result/1';
      for (const p of r.properties) {
        if (!p.counterexample) continue;
        delete p.counterexample.states;
        for (const s of p.counterexample.steps) if (s.source) s.source = 'fs/nfs/write.c:743 nfs_inode_add_request';
      }
    });
    const r = mc('replay', f);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });

  it('a file that is neither a result nor an ITF trace says so, not that its schema is null', () => {
    refused([write('package.json', { name: 'mc', version: '0.1.0' })], /'.*package\.json' is not a counterexample saved by mc check --json or --itf: it has no "schema" \(a result saved by mc check --json names its schema\) and no "vars" and "states" \(an ITF trace\)$/);
    refused([write('number.json', '42')], /: not a JSON object but a number$/);
  });

  it('a file that is not JSON: where, without quoting its text', () => {
    const r = mc('replay', write('README.md', '# mc\n\n`mc` checks models\n'));
    expect(r.code).toBe(2);
    const line = oneLine(r.stderr);
    expect(line).toMatch(/'.*README\.md' is not a counterexample saved by mc check --json or --itf: not valid JSON \(line 1, column 1: no JSON value starts with this character\)$/);
    expect(line).not.toContain('# mc');
  });
});

describe('mc replay refuses a malformed ITF trace (--itf) in one line, exit 2', () => {
  it.each([
    ['an array holding a trace and {}', () => write('pair.itf.json', [read('oops.itf.json'), {}]), /: an ITF file, but trace 2: \/1 must have required property 'vars'$/],
    ['an empty array', () => write('empty.itf.json', []), /: an ITF file, but an empty list, with no trace in it$/],
    ['a value that is no ITF value', () => edited<ItfTrace>('oops.itf.json', 'null.itf.json', (t) => (t.states[3]!['pages'] = null)), /: an ITF file, but \/states\/3\/pages must be an ITF value: /],
    ['a state nested 100,000 deep', () => {
      const t = read<ItfTrace>('oops.itf.json');
      t.states[3]!['pages'] = 'DEEP';
      return write('deep.itf.json', JSON.stringify(t).replace('"DEEP"', '['.repeat(100_000) + ']'.repeat(100_000)));
    }, /: an ITF file, but it is nested too deeply to be checked$/],
    ['a negative loop', () => edited<ItfTrace>('lockup.itf.json', 'neg.itf.json', (t) => (t.loop = -1)), /: an ITF file, but \/loop must be >= 0$/],
    ['a trace with a loop', () => edited<ItfTrace>('oops.itf.json', 'loop.itf.json', (t) => (t.loop = 2)), /: an ITF file, but a trace \(#meta\.shape\) with a loop: only a lasso has one$/],
    ['a step of a process the run did not have', () => edited<ItfTrace>('oops.itf.json', 'x9.itf.json', (t) => ((t.states[3]!['#meta'] as Record<string, unknown>)['process'] = 'X9')), /: an ITF file, but state 3's #meta\.process is X9, yet the run's processes are W1, F, C \(#meta\.processes\)$/],
    ['a state with a variable the trace does not declare', () => edited<ItfTrace>('oops.itf.json', 'var.itf.json', (t) => (t.states[3]!['foo'] = 1)), /: an ITF file, but state 3 has a value for foo, which is none of its vars/],
    ['a state appended after the violating step', () => edited<ItfTrace>('oops.itf.json', 'appended.itf.json', (t) => t.states.push(lastState(t))), /: an ITF file, but the step to state 17 violates MappingNonNull \(#meta\.violates\), yet more steps follow/],
    ['a step check\'s trace whose last step violates nothing', () => edited<ItfTrace>('oops.itf.json', 'noviolates.itf.json', (t) => delete (lastState(t)['#meta'] as Record<string, unknown>)['violates']), /: an ITF file, but it is of check step, yet its last step does not violate MappingNonNull/],
    ['a lasso whose loop is moved to its first state', () => edited<ItfTrace>('lockup.itf.json', 'zero.itf.json', (t) => (t.loop = 0)), EDITED],
  ] as const)('%s', (_what, make, message) => refused([make()], message));
});
