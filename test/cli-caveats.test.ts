/**
 * A variant's caveats (its `VariantInfo.notes`) in every report `mc check` writes, through the
 * built bin/mc: return-ret's WbPageTerminates holds only because no modelled caller enters
 * nfs_wb_page on a clean page, and a reviewer who pastes the Markdown, uploads the SARIF or keeps
 * the JSON must read that beside the ✓. A variant without notes (22876f54) gets none. The
 * terminal report's caveat is in cli-nfs.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../explorer/result';
import { RESULT_JSON_SCHEMA } from '../reports/json';
import { mc } from './cli-helpers';
import { validate } from './reports-schema-validator';
import { sarifErrors } from './support/report-validators';

const CAVEAT = /^WbPageTerminates holds only because every modelled entry into nfs_wb_page starts on a dirty page; .*\(not modelled, docs\/MODEL\.md §9\)\.$/;

let dir: string;
const file = (variant: string, ext: string) => path.join(dir, `${variant}.${ext}`);
const read = (variant: string, ext: string) => fs.readFileSync(file(variant, ext), 'utf8');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-caveats-'));
  for (const variant of ['return-ret', '22876f54']) {
    const r = mc('check', '--variant', variant, '--writers', '1', '--quiet', '--json', file(variant, 'json'), '--markdown', file(variant, 'md'), '--sarif', file(variant, 'sarif'));
    expect(r.code, r.stderr).toBe(1);
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("mc check: a variant's caveats in the report files", () => {
  it('--json: run.caveats, valid against the mc-result/2 schema, and mc replay reads the file', () => {
    const result = JSON.parse(read('return-ret', 'json')) as Result;
    expect(result.run.caveats).toHaveLength(1);
    expect(result.run.caveats![0]).toMatch(CAVEAT);
    expect(validate(RESULT_JSON_SCHEMA as Record<string, unknown>, result)).toEqual([]);
    const replay = mc('replay', file('return-ret', 'json'));
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toContain('reproduces on variant return-ret');

    const bare = JSON.parse(read('22876f54', 'json')) as Result;
    expect(bare.run).not.toHaveProperty('caveats');
  });

  it('--markdown: a note right under the verdict table, keyed by a mark on the ✓ it qualifies', () => {
    const md = read('return-ret', 'md');
    const table = md.indexOf('| WbPageTerminates | ✓ holds\\* |  |');
    expect(table).toBeGreaterThan(0);
    const after = md.slice(md.indexOf('\n\n', table) + 2).split('\n\n')[0]!;
    expect(after).toMatch(/^\\\* \*\*Note:\*\* WbPageTerminates holds only because every modelled entry into nfs_wb_page starts on a dirty page; .*\(not modelled, docs\/MODEL\.md §9\)\.$/);
    expect(md.match(/\*\*Note:\*\*/g)).toHaveLength(1);

    expect(read('22876f54', 'md')).not.toContain('**Note:**');
  });

  it("--sarif: runs[0].properties.caveats, and the log still validates against SARIF 2.1.0", () => {
    const log = JSON.parse(read('return-ret', 'sarif')) as { runs: { properties: { caveats?: string[] } }[] };
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0]!.properties.caveats).toHaveLength(1);
    expect(log.runs[0]!.properties.caveats![0]).toMatch(CAVEAT);

    const bare = JSON.parse(read('22876f54', 'sarif')) as typeof log;
    expect(sarifErrors(bare)).toEqual([]);
    expect(bare.runs[0]!.properties).not.toHaveProperty('caveats');
  });

  it('mc diff names the patched variant caveat right under the fix it qualifies, not under the properties that hold on both; the base has none', () => {
    const r = mc('diff', '--base', '22876f54', '--patched', 'return-ret', '--writers', '1', '--quiet');
    expect(r.stdout).toMatch(/\n {2}WbPageTerminates: 22876f54 ✗ violated .*; return-ret ✓ holds\n {4}note on return-ret: WbPageTerminates holds only because .*\n/);
    expect(r.stdout).toMatch(/\nHolds on both: .*\n\nBehaviour: /);
    expect(r.stdout.match(/note on return-ret/g)).toHaveLength(1);
    expect(r.stdout).not.toContain('note on 22876f54');
  });
});
