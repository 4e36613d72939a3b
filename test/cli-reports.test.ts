/**
 * The issue's done-when through the built `mc`: one nfs run writes the Markdown (with its
 * diagram), SARIF and ITF reports, each valid for its consumer; and the flags' bad values.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { mc } from './cli-helpers';
import { codeScanningProblems, itfErrors, mermaidBlocks, parseMermaid, sarifErrors } from './support/report-validators';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'mc-reports-'));

describe('mc check: reports for review, code scanning and trace tools', () => {
  it('14bebe3c --writers 1 --writes 3 --markdown --sarif --itf: each file valid for its consumer', async () => {
    const dir = tmp();
    const [md, sarif, itf] = ['out.md', 'out.sarif', 'out.itf.json'].map((f) => path.join(dir, f));
    const r = mc('check', '--variant', '14bebe3c', '--writers', '1', '--writes', '3', '--markdown', md!, '--sarif', sarif!, '--itf', itf!);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('');

    const markdown = fs.readFileSync(md!, 'utf8');
    expect(markdown).toContain('<summary>Sequence diagram</summary>');
    const blocks = mermaidBlocks(markdown);
    expect(blocks).toHaveLength(1);
    await parseMermaid(blocks[0]!);

    const log = JSON.parse(fs.readFileSync(sarif!, 'utf8')) as Parameters<typeof codeScanningProblems>[0];
    expect(sarifErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);

    const trace = JSON.parse(fs.readFileSync(itf!, 'utf8')) as { '#meta': { property: string }; states: unknown[] };
    expect(itfErrors(trace)).toEqual([]);
    expect(trace['#meta'].property).toBe('MappingNonNull');
    expect(trace.states).toHaveLength(18);
    expect(fs.readdirSync(dir).sort()).toEqual(['out.itf.json', 'out.md', 'out.sarif']);
  });

  it('--trace-style lanes lays the steps out by process; a bad style or --itf - is one line, exit 2', () => {
    const lanes = mc('check', '--spec', 'two-phase', '--variant', 'mutant', '--rms', '2', '--trace-style', 'lanes');
    expect(lanes.code, lanes.stderr).toBe(1);
    expect(lanes.stdout).toMatch(/\n\s+TM\s+RM1\s+RM2\n/);
    const list = mc('check', '--spec', 'two-phase', '--variant', 'mutant', '--rms', '2');
    expect(list.stdout).not.toMatch(/\n\s+TM\s+RM1\s+RM2\n/);

    const bad = mc('check', '--variant', '14bebe3c', '--trace-style', 'columns');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("mc: unknown --trace-style 'columns'; choose one of: list, lanes\n");
    const itfStdout = mc('check', '--variant', '14bebe3c', '--itf', '-');
    expect(itfStdout.code).toBe(2);
    expect(itfStdout.stderr.trim().split('\n')).toHaveLength(1);
    expect(itfStdout.stderr).toContain('--itf');
  });

  it('--itf with nothing violated writes no file and says so', () => {
    const dir = tmp();
    const r = mc('check', '--spec', 'two-phase', '--rms', '2', '--itf', path.join(dir, 'none.itf.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('mc: --itf: no property is violated, so there is no counterexample to write\n');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
