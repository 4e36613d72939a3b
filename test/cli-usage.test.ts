/** Bad input: exactly one line on stderr naming the problem and the valid choices, exit 2. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { SPECS } from '../spec/registry';
import { mc, oneLine } from './cli-helpers';

/** Read from the registry, so that adding a spec (README, "Adding a spec") breaks no test. */
const SPEC_LIST = SPECS.map((s) => s.name).join(', ');

function usageError(...args: string[]): string {
  const r = mc(...args);
  expect(r.code, `mc ${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(2);
  expect(r.stdout).toBe('');
  return oneLine(r.stderr);
}

const TP = ['check', '--spec', 'two-phase'];

describe('mc: bad input exits 2 with one line on stderr', () => {
  it('unknown spec lists the specs', () => {
    expect(SPEC_LIST).toMatch(/^nfs, two-phase\b/);
    expect(usageError('check', '--spec', 'nope')).toBe(`mc: unknown spec 'nope'; specs: ${SPEC_LIST}`);
    expect(usageError('check', '--spec=nope')).toContain(`specs: ${SPEC_LIST}`);
    expect(usageError('variants', '--spec', 'nope')).toContain(`specs: ${SPEC_LIST}`);
    expect(usageError('check', '--spec')).toContain(`specs: ${SPEC_LIST}`);
  });

  it('unknown variant lists the variants', () => {
    expect(usageError(...TP, '--variant', 'nope')).toBe(
      "mc: unknown variant 'nope' for spec two-phase; variants: correct, mutant",
    );
    expect(usageError(...TP, '--variant')).toBe(
      "mc: option '--variant <id>' needs a value; variants of spec two-phase: correct, mutant",
    );
  });

  it('a flag taken as the value of the option before it names that option, not a stray argument', () => {
    expect(usageError('diff', '--base', '--patched', 'mainline')).toBe("mc: option '--base <id>' needs a value, got the flag '--patched'; see mc diff --help");
    expect(usageError('replay', 'x.json', '--property', '--variant', 'mainline')).toBe(
      "mc: option '--property <name>' needs a value, got the flag '--variant'; see mc replay --help",
    );
    expect(usageError('matrix', '--variants', '--writers', '1..2', '--list')).toContain("option '--variants <all|a,b>' needs a value, got the flag '--writers'");
  });

  it('nfs without --variant, or with an unknown one, lists its variants', () => {
    for (const line of [usageError('check'), usageError('check', '--variant', '4.19')]) {
      expect(line).toMatch(/variants: .*v4\.19\.90.*14bebe3c.*22876f54.*mainline/);
    }
  });

  it('a parameter out of range or not an integer gives the range', () => {
    expect(usageError(...TP, '--rms', '99')).toBe('mc: --rms must be in 1..10, got 99');
    expect(usageError(...TP, '--rms', '0')).toBe('mc: --rms must be in 1..10, got 0');
    expect(usageError(...TP, '--rms', '-1')).toBe('mc: --rms must be in 1..10, got -1');
    expect(usageError(...TP, '--rms', '2.5')).toBe("mc: --rms must be an integer in 1..10, got '2.5'");
    expect(usageError(...TP, '--rms', 'three')).toBe("mc: --rms must be an integer in 1..10, got 'three'");
    expect(usageError(...TP, '--rms')).toContain('--rms');
  });

  it('nfs parameters are validated against their ranges', () => {
    expect(usageError('check', '--variant', 'mainline', '--writers', '9')).toBe('mc: --writers must be in 1..4, got 9');
    expect(usageError('check', '--variant', 'mainline', '--faults', 'x')).toContain('0..3');
  });

  it("another spec's parameter names the chosen spec's parameters", () => {
    expect(usageError(...TP, '--writers', '3')).toBe('mc: --writers is not a parameter of spec two-phase; its parameters: --rms 1..10');
  });

  it('bad --workers', () => {
    expect(usageError(...TP, '--workers', '0')).toMatch(/--workers must be an integer in 1\.\.\d+ \(twice the \d+ available cores, at least 8, at most 64: more threads only add memory\), got '0'$/);
    // The bound is what stops `--workers 1000` from spawning a thousand V8 heaps.
    expect(usageError(...TP, '--workers', '1000')).toContain("got '1000'");
    expect(usageError(...TP, '--workers', '65')).toContain("got '65'");
    expect(usageError(...TP, '--workers', 'many')).toContain("got 'many'");
  });

  it('bad limits', () => {
    expect(usageError(...TP, '--max-memory', 'lots')).toBe(
      "mc: --max-memory must be a size such as 512M, 4G, 1.5G or 800000000, got 'lots'",
    );
    expect(usageError(...TP, '--max-memory', '4Q')).toContain('512M');
    expect(usageError(...TP, '--max-states', '0')).toContain('--max-states must be a positive integer');
    expect(usageError(...TP, '--max-seconds', 'soon')).toContain('--max-seconds');
  });

  it('a limit too large says the largest there is, not that it is no number', () => {
    expect(usageError(...TP, '--max-states', '99999999999999999999999')).toBe("mc: --max-states must be at most 9007199254740991, got '99999999999999999999999'");
    expect(usageError(...TP, '--max-seconds', '1e20')).toBe("mc: --max-seconds must be at most 9007199254740, got '1e20'");
    expect(usageError(...TP, '--max-memory', '99999999999G')).toBe(
      "mc: --max-memory must be at most 9007199254740991 bytes (just under 8192T), got '99999999999G'",
    );
    // 1e9 seconds is a positive number of seconds (some 31 years): a limit that is not reached.
    expect(mc(...TP, '--max-seconds', '1e9').code).toBe(0);
    expect(usageError('matrix', '--spec', 'two-phase', '--jobs', '1000')).toMatch(
      /^mc: --jobs must be an integer in 1\.\.\d+ \(twice the \d+ available cores, at least 8, at most 64: more processes only add memory\), got '1000'$/,
    );
  });

  it('an option without its value names the values it takes', () => {
    expect(usageError(...TP, '--trace-style')).toBe("mc: option '--trace-style <style>' needs a value; styles: list, lanes");
    expect(usageError('variants', '--spec')).toBe(`mc: option '--spec <name>' needs a value; specs: ${SPEC_LIST}`);
    expect(usageError(...TP, '--expect')).toBe(
      "mc: option '--expect <P=verdict,...>' needs a value; P=holds|violated, P one of the properties of spec two-phase: TCConsistent, DeadlockFree",
    );
    expect(usageError('diff', '--spec', 'two-phase', '--base')).toBe("mc: option '--base <id>' needs a value; variants of spec two-phase: correct, mutant");
    expect(usageError('matrix', '--format')).toBe("mc: option '--format <f>' needs a value; formats: text, markdown, json");
    expect(usageError('explore', '--port')).toBe("mc: option '--port <n>' needs a value; see mc explore --help");
  });

  it('an option that takes one value, given two, is refused; the same value twice, and repeatable options, are not', () => {
    expect(usageError('check', '--variant', 'mainline', '--variant', '22876f54')).toBe("mc: --variant given twice, 'mainline' and '22876f54'; mc check takes one: give it once");
    expect(usageError('check', '--variant', 'mainline', '--variant=22876f54')).toContain('--variant given twice');
    expect(usageError(...TP, '--max-states', '10', '--max-states', '100000')).toContain("--max-states given twice, '10' and '100000'");
    expect(usageError(...TP, '--json', 'a.json', '--json', 'b.json')).toContain('--json given twice');
    expect(usageError('diff', '--spec', 'two-phase', '--base', 'correct', '--base', 'mutant', '--patched', 'mutant')).toContain('mc diff takes one');
    expect(mc(...TP, '--rms', '2', '--rms', '2', '--quiet').code).toBe(0);
    expect(mc(...TP, '--rms', '2', '--expect', 'TCConsistent=holds', '--expect', 'DeadlockFree=holds', '--quiet').code).toBe(0);
    // After `--`, nothing is an option.
    expect(usageError(...TP, '--rms', '2', '--', '--rms', '3')).not.toContain('given twice');
  });

  it('unknown flags and commands are one line', () => {
    const options = 'options of mc check: --spec --variant --rms --workers --no-symmetry --symmetry --max-states --max-seconds --max-memory --stop-on-violation --exact --json --markdown --sarif --itf --trace-style --expect --coverage --quiet --help';
    expect(usageError(...TP, '--bogus')).toBe(`mc: unknown option '--bogus'; ${options}`);
    expect(usageError(...TP, '--worker', '2')).toBe(`mc: unknown option '--worker' (Did you mean --workers?); ${options}`);
    expect(usageError('frobnicate')).toContain("unknown command 'frobnicate'");
    expect(usageError(...TP, 'extra')).toBe("mc: unexpected argument 'extra'; mc check takes only options (see mc check --help)");
    expect(usageError(...TP, 'mutant')).toBe("mc: unexpected argument 'mutant'; did you mean --variant mutant?");
    expect(usageError('specs', 'extra')).toBe("mc: unexpected argument 'extra'; mc specs takes no arguments");
    expect(usageError('replay', 'a.json', 'b.json')).toBe("mc: unexpected argument 'b.json'; mc replay takes only <file>");
    expect(usageError('specs', '--spec', 'nfs')).toBe("mc: unknown option '--spec'; options of mc specs: --help");
    expect(usageError('-x')).toBe("mc: unknown option '-x'; options of mc: --version --help");
    expect(usageError('--version', 'extra')).toBe("mc: unexpected argument 'extra'; mc --version takes no arguments");
    expect(usageError('help', 'check', 'extra')).toBe("mc: unexpected argument 'extra'; mc help takes only [command]");
    const commands = 'commands: specs, variants, check, explore, replay, diff, matrix, docs, help';
    expect(usageError('help', 'frobnicate')).toBe(`mc: unknown command 'frobnicate'; ${commands}`);
    expect(usageError('frobnicate')).toBe(`mc: unknown command 'frobnicate'; ${commands}`);
    expect(usageError('chek')).toBe(`mc: unknown command 'chek' (Did you mean check?); ${commands}`);
  });

  it('--symmetry, the default, is accepted, listed and helped like --no-symmetry, by every command that searches', () => {
    const on = mc(...TP, '--no-symmetry', '--symmetry');
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/^ {2}symmetry {3}on$/m);
    expect(mc(...TP, '--symmetry', '--no-symmetry').stdout).toMatch(/^ {2}symmetry {3}off$/m);
    expect(mc(...TP, '--help').stdout).toMatch(/--no-symmetry .*\n\s+--symmetry\s+symmetry reduction on: the default/);
    for (const command of ['matrix', 'docs', 'explore']) {
      expect(usageError(command, '--bogus')).toMatch(/; options of mc \S+: .*--no-symmetry --symmetry( |$)/);
    }
    const list = mc('matrix', '--spec', 'two-phase', '--symmetry', '--list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('symmetry on');
  });

  it('--expect with an unknown property lists the properties; a bad verdict names holds|violated', () => {
    expect(usageError(...TP, '--expect', 'Nope=holds')).toBe(
      "mc: --expect: spec two-phase has no property 'Nope'; properties: TCConsistent, DeadlockFree",
    );
    expect(usageError(...TP, '--expect', 'TCConsistent=maybe')).toBe(
      "mc: --expect: verdict for TCConsistent must be holds or violated, got 'maybe'",
    );
    expect(usageError(...TP, '--expect', 'TCConsistent')).toContain('Property=holds|violated');
    expect(usageError(...TP, '--expect', 'TCConsistent=holds,TCConsistent=violated')).toContain('two different verdicts');
  });

  it('an unwritable --json or --markdown path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-cli-'));
    expect(usageError(...TP, '--json', path.join(dir, 'no', 'such', 'dir', 'r.json'))).toMatch(
      /^mc: cannot write --json file '.*r\.json': directory .* does not exist$/,
    );
    expect(usageError(...TP, '--json', dir)).toContain('it is a directory');
    expect(usageError(...TP, '--markdown', path.join(dir, 'x', 'r.md'))).toContain('cannot write --markdown file');
    expect(usageError(...TP, '--json', '-', '--markdown', '-')).toContain('cannot both write to stdout');
  });

  it('validates before running: nothing is explored and no file is created', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-cli-'));
    const out = path.join(dir, 'r.json');
    usageError(...TP, '--json', out, '--rms', '0');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('the one line stays one line, whatever the input', () => {
  it('a value typed with a newline or an escape sequence is echoed with visible escapes', () => {
    expect(usageError('check', '--variant', 'main\nline')).toMatch(/^mc: unknown variant 'main\\nline' for spec nfs; variants: /);
    expect(usageError('check', '--spec', 'two\nphase\r')).toBe(`mc: unknown spec 'two\\nphase\\r'; specs: ${SPEC_LIST}`);
    expect(usageError(...TP, '--trace-style', 'li\u001b[2Jst')).toBe("mc: unknown --trace-style 'li\\u001b[2Jst'; choose one of: list, lanes");
    expect(usageError(...TP, '--expect', 'TCConsistent=ho\tlds')).toBe("mc: --expect: verdict for TCConsistent must be holds or violated, got 'ho\\tlds'");
    expect(usageError('matrix', '--variants', 'a\u0007b', '--list')).toMatch(/^mc: unknown variant 'a\\u0007b' for spec nfs; variants: all, /);
  });

  it("a file that is not JSON: its text is not quoted onto the terminal (a README's lines, a binary's bytes)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-cli-'));
    const binary = path.join(dir, 'bin.json');
    fs.writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 0x1b, 0x5b, 0x32, 0x4a, 10, 13, 0x9b]));
    for (const file of ['README.md', binary]) {
      const line = usageError('replay', file);
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
    expect(usageError('explore', '--variant', '22876f54', '--result', 'README.md')).toBe("mc: cannot read --result file 'README.md': not valid JSON (line 1, column 1: no JSON value starts with this character)");
  });
});
