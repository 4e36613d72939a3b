/**
 * `mc check --coverage` through the built bin/mc: the steps never taken under the verdicts (full
 * report and --quiet), the table of steps (transitions taken, states reached first) after the
 * statistics, and the same data in --json
 * (valid against mc-result/2) and --markdown. 22876f54 with one writer and one write never enters
 * nfs_wb_page, so its WbPageTerminates ✓ covers nothing; with two writes every step is taken.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../explorer/result';
import { RESULT_JSON_SCHEMA } from '../reports/json';
import { mc } from './cli-helpers';
import { validate } from './reports-schema-validator';

const VACUOUS = ['check', '--variant', '22876f54', '--writers', '1', '--writes', '1', '--coverage'];
const UNTAKEN =
  'coverage: 1 of 11 steps never taken (enabled in no reachable state): wb_page_iter; a ✓ says nothing about their behaviour';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-coverage-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('mc check --coverage', () => {
  it('says under the verdicts which steps were never taken, then lists every step and outcome after the statistics', () => {
    const r = mc(...VACUOUS);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(`  ✓ DeadlockFree      holds\n  ${UNTAKEN}\n`);
    const section = r.stdout.slice(r.stdout.indexOf('\nCoverage'), r.stdout.indexOf('\nCounterexample'));
    // Two counts a row: transitions taken, and the states they reached first.
    expect(section).toMatch(/\n +taken {2}new states\n/);
    expect(section).toMatch(/\n {2}wb_page_iter +0 +0 {2}never taken\n/);
    expect(section).toMatch(/\n {2}fsync_report +12 +12\n {4}\[close returns -EDQUOT\] +10 +10\n {4}\[close returns 0\] +2 +2\n/);
    expect(section).toMatch(/\n {2}complete +24 +12\n {4}\[fatal EDQUOT\] +12 +6\n/);
    // With the initial state, the new states add up to the distinct states.
    expect(section).toMatch(/\n {2}initial states +1\n/);
  });

  it('--quiet keeps the line under the verdicts, and a run that takes every step says so', () => {
    expect(mc(...VACUOUS, '--quiet').stdout).toContain(`\n  ${UNTAKEN}\n`);
    const all = mc('check', '--variant', '22876f54', '--writers', '1', '--coverage', '--quiet');
    expect(all.stdout).toContain('\n  coverage: all 11 steps taken\n');
    expect(all.stdout).not.toContain('Coverage');
  });

  it('is absent unless asked for', () => {
    const r = mc('check', '--variant', '22876f54', '--writers', '1', '--writes', '1', '--json', '-', '--quiet');
    expect(JSON.parse(r.stdout)).not.toHaveProperty('coverage');
    expect(mc('check', '--variant', '22876f54', '--writers', '1', '--writes', '1').stdout).not.toMatch(/coverage/i);
  });

  it('marks the transitions that violate a step property (their targets are not explored), valid in --json, in a right-aligned Markdown column', () => {
    // 14bebe3c: add_request oopses in nfs_inode_add_request (MappingNonNull) in some states only.
    const json = path.join(dir, 'oops.json');
    const md = path.join(dir, 'oops.md');
    const r = mc('check', '--variant', '14bebe3c', '--coverage', '--json', json, '--markdown', md);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('\n  coverage: all 11 steps taken\n');
    expect(r.stdout).toMatch(/\n {2}add_request +1,564 +850 {2}392 violating\n {4}\[ok\] +1,172 +458\n {4}\[oops in nfs_inode_add_request\] +392 +392 {2}all violating: nothing explored after them\n/);
    // Taken, but only to states already found: said, not flagged as a warning.
    expect(r.stdout).toMatch(/\n {4}\[write returns -EDQUOT\] +344 +0 {2}no new state\n/);
    // Counted with symmetry reduction: the representatives', which --no-symmetry's exceed.
    expect(r.stdout).toContain(
      '\nCoverage (transitions taken from the explored states, and the states each reached first, every process and choice together; with symmetry reduction, from representatives only)\n',
    );
    const result = JSON.parse(fs.readFileSync(json, 'utf8')) as Result;
    expect(validate(RESULT_JSON_SCHEMA as Record<string, unknown>, result)).toEqual([]);
    expect(result.coverage!.steps.find((s) => s.step === 'add_request')).toEqual({
      step: 'add_request',
      taken: 1564,
      distinct: 850,
      violating: 392,
      outcomes: [
        { outcome: 'ok', taken: 1172, distinct: 458 },
        { outcome: 'oops in nfs_inode_add_request', taken: 392, distinct: 392, violating: 392 },
      ],
    });
    expect(result.coverage!.initial + result.coverage!.steps.reduce((n, s) => n + s.distinct, 0)).toBe(result.stats.distinct);
    const text = fs.readFileSync(md, 'utf8');
    // Counted with symmetry reduction, which the collapsed table's title says.
    expect(text).toContain('<summary>Steps taken, and the states each reached first, every process and choice together; with symmetry reduction, from representatives only</summary>');
    expect(text).toContain('| step | taken | new states |\n|---|---:|---:|\n');
    expect(text).toContain(
      '| `add_request` | 1,564 | 850 **392 violating** |\n| &nbsp;&nbsp;`[ok]` | 1,172 | 458 |\n| &nbsp;&nbsp;`[oops in nfs_inode_add_request]` | 392 | 392 **all violating: nothing explored after them** |\n',
    );
    expect(text).toContain('| &nbsp;&nbsp;`[write returns -EDQUOT]` | 344 | 0 **no new state** |\n');
  });

  it('where only some of a step\'s transitions name an outcome (TwoPhase names a receipt that changes nothing), the rest is a row of its own, so the rows under a step add up to it', () => {
    const md = path.join(dir, 'two-phase.md');
    const r = mc('check', '--spec', 'two-phase', '--rms', '3', '--coverage', '--markdown', md);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\n {2}TMRcvPrepared +30 +3\n {4}\[no change\] +15 +0 {2}no new state\n {4}\(no outcome named\) +15 +3\n {2}RMPrepare +43 +12\n/);
    expect(fs.readFileSync(md, 'utf8')).toContain('| `TMRcvPrepared` | 30 | 3 |\n| &nbsp;&nbsp;`[no change]` | 15 | 0 **no new state** |\n| &nbsp;&nbsp;*(no outcome named)* | 15 | 3 |\n');
    // A step whose transitions all name one has no such row.
    expect(mc(...VACUOUS).stdout).not.toContain('no outcome named');
  });

  it('mc check --help says what a step never taken means for the verdicts', () => {
    const help = mc('check', '--help').stdout.replace(/\s+/g, ' ');
    expect(help).toContain("--coverage count how often each step is taken and the states it reached first, and name the steps no explored state enabled (as TLC's -coverage): a ✓ says nothing about their behaviour");
  });

  it('--json carries it, valid against the mc-result/2 schema; --markdown gives the summary and a collapsed table', () => {
    const json = path.join(dir, 'r.json');
    const md = path.join(dir, 'r.md');
    const r = mc(...VACUOUS, '--quiet', '--json', json, '--markdown', md);
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(fs.readFileSync(json, 'utf8')) as Result;
    expect(validate(RESULT_JSON_SCHEMA as Record<string, unknown>, result)).toEqual([]);
    expect(result.coverage).toMatchObject({ complete: true, vocabulary: true, initial: 1 });
    expect(result.coverage!.steps.find((s) => s.step === 'wb_page_iter')).toEqual({ step: 'wb_page_iter', taken: 0, distinct: 0, outcomes: [] });
    const text = fs.readFileSync(md, 'utf8');
    expect(text).toContain(`**${UNTAKEN.replace('coverage:', 'Coverage:')}**`);
    expect(text).toContain('| `wb_page_iter` | 0 | 0 **never taken** |');
    expect(text).toContain('| &nbsp;&nbsp;`[close returns -EDQUOT]` | 10 | 10 |');
    expect(text).toContain('| initial states |  | 1 |\n');
  });
});
