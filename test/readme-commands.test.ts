/**
 * The README's first commands, as written: the main command runs the already-built `bin/mc`
 * directly (no `npx`, which installs the project into its cache and compiles it again), and a
 * checkout without `dist/` gets one line saying how to build, not a module-loader trace.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { RESULT_SCHEMA } from '../explorer/result';
import { MATRIX_CELL_SCHEMA, MATRIX_SCHEMA, type MatrixTable } from '../reports/matrix';
import { oneLine, ROOT } from './cli-helpers';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)![1]!.trim().split('\n');

describe("the README's commands", () => {
  it('no npx anywhere: the commands run the built bin/mc', () => {
    // The one mention says why it is not used.
    expect(README.match(/npx mc\b/g)).toHaveLength(1);
    expect(README).toContain('(`npx mc` would install the project');
    expect(firstBlock).toEqual(['npm ci && ./bin/mc check --variant 22876f54 --writers 3', 'npm ci && npm test']);
    const bin = path.join(ROOT, 'bin', 'mc');
    expect(fs.statSync(bin).mode & 0o111, 'bin/mc is executable').not.toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin).toEqual({ mc: 'bin/mc' });
  });

  it("docs/MATRIX.md's runners use ./bin/mc too, and say why not npx", () => {
    const matrix = fs.readFileSync(path.join(ROOT, 'docs', 'MATRIX.md'), 'utf8');
    expect(matrix.match(/npx mc\b/g)).toHaveLength(1);
    expect(matrix).toContain('`npx mc` would install the project');
    expect(matrix.match(/\.\/bin\/mc matrix /g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('names the schemas mc writes as they are now', () => {
    const flat = README.replace(/\s+/g, ' ');
    // `mc-result/1` or `/2`: what replay still reads, said as such.
    const named = [...flat.matchAll(/`(mc-[a-z-]+\/\d+)`( or `\/\d+`)?/g)].filter((m) => m[2] === undefined).map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => ![RESULT_SCHEMA, MATRIX_CELL_SCHEMA, MATRIX_SCHEMA].includes(n as never))).toEqual([]);
    expect(flat).toContain(`(schema \`${MATRIX_CELL_SCHEMA}\`, \`$defs/CellRecord\` in \`reports/matrix.schema.json\`, holding the cell and its \`${RESULT_SCHEMA}\``);
    expect(flat).toContain(`prints a table of schema \`${MATRIX_SCHEMA}\`, described by \`reports/matrix.schema.json\``);
  });

  it("the Results table says where one writer at the default bounds does not reach a violation (docs/RESULTS.expected.json)", () => {
    const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'RESULTS.expected.json'), 'utf8')) as MatrixTable;
    const table = README.slice(README.indexOf('\n## Results\n'), README.indexOf('\n## Project layout\n'));
    for (const row of table.split('\n').filter((l) => /^\| `/.test(l))) {
      const variants = [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      for (const variant of variants) {
        const rows = expected.rows.filter((r) => r.variant === variant);
        if (rows.length === 0) continue;
        const violatedSomewhere = rows.some((r) => Object.values(r.properties).some((p) => p.verdict === 'violated'));
        const oneWriterHolds = rows.filter((r) => r.params['writers'] === 1).every((r) => Object.values(r.properties).every((p) => p.verdict === 'holds'));
        if (violatedSomewhere && oneWriterHolds) expect(row, `${variant}: the caveat for one writer`).toMatch(/one writer|one with `--writes 3`/);
      }
    }
  });

  it('the main command, run as written after npm ci (cut short by --max-states to keep the test fast)', () => {
    const command = firstBlock[0]!.replace(/^npm ci && /, '');
    const r = spawnSync('sh', ['-c', `${command} --max-states 2000`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('mc check: spec nfs, variant 22876f54');
    expect(r.stdout).toContain('parameters writers=3');
    // As the README says: the soft lockup is found (exit 1), here within the first 2000 states.
    expect(r.stdout).toMatch(/✗ WbPageTerminates\s+violated/);
    expect(r.status).toBe(1);
  });

  it('bin/mc in a checkout that was never built: one line naming the fix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-unbuilt-'));
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin', 'mc'), path.join(dir, 'bin', 'mc'));
    const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'mc'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(4);
    expect(oneLine(r.stderr)).toMatch(/^mc: .*dist\/cli\/main\.js is missing: run `npm ci` \(or `npm run build`\) in /);
  });
});
