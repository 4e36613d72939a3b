/**
 * docs/PROPERTIES.md (mc docs): the committed file is current against the spec hash, the hash
 * follows every edit of the spec's sources, and a regeneration with small bounds (through the
 * built bin/mc) carries certificates and counterexamples, each violation with a Mermaid diagram
 * that Mermaid's parser accepts.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specHash } from '../cli/package-info';
import { mcVersion } from '../cli/version';
import { explore, type Result } from '../explorer';
import { DOC_KEEP_STEPS, renderPropertiesDoc, SPEC_HASH_LABEL } from '../reports/properties';
import { renderMarkdown } from '../reports/markdown';
import { TRACE_RESULT } from './reports-fixtures';
import { SPECS } from '../spec/registry';
import { spec as nfsSpec } from '../spec/nfs';
import { ROOT, mc, oneLine } from './cli-helpers';
import { mermaidBlocks, parseMermaid } from './support/report-validators';

const nfs = SPECS.find((s) => s.name === 'nfs')!;
const committed = () => fs.readFileSync(path.join(ROOT, 'docs', 'PROPERTIES.md'), 'utf8');

/**
 * Every property the summary table marks violated has its section, and every section a Mermaid
 * diagram that Mermaid's own parser accepts: a violated property without a diagram fails here.
 */
async function expectDiagramPerViolation(text: string): Promise<void> {
  const summary = text.slice(text.indexOf('\n## Summary\n'), text.indexOf('\n## Variant'));
  const violatedCells = (summary.match(/✗ violated/g) ?? []).length;
  const sections = text.split(/\n(?=### ✗ )/).slice(1).map((s) => s.split(/\n(?=##? )/)[0]!);
  expect(violatedCells).toBeGreaterThan(0);
  expect(sections, 'one "### ✗" section per violated cell of the summary').toHaveLength(violatedCells);
  for (const section of sections) {
    const title = section.split('\n')[0]!;
    const blocks = mermaidBlocks(section);
    expect(blocks, `${title}: one Mermaid diagram`).toHaveLength(1);
    expect(section, `${title}: the diagram is collapsible`).toMatch(/<details>\n<summary>Sequence diagram<\/summary>\n\n```mermaid\nsequenceDiagram\n/);
    await parseMermaid(blocks[0]!);
  }
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-docs-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('docs/PROPERTIES.md', () => {
  it('is current: its spec hash and mc version are those of this tree (else run npm run docs)', () => {
    const text = committed();
    const line = text.split('\n').find((l) => l.startsWith(SPEC_HASH_LABEL));
    expect(line, 'docs/PROPERTIES.md has no spec hash line: run npm run docs').toBeDefined();
    expect(line, 'docs/PROPERTIES.md is stale against spec/nfs and invariants/nfs: run npm run docs').toContain(`\`${specHash(nfs)}\``);
    expect(text).toContain(`- mc version: \`${mcVersion()}\``);
  });

  it('shows each violated property\'s shortest counterexample as a Mermaid diagram that parses, beside its steps', async () => {
    const text = committed();
    await expectDiagramPerViolation(text);
    // A lasso's cycle is a loop block; the file stays a readable size.
    expect(text).toMatch(/### ✗ WbPageTerminates on `22876f54`[\s\S]*?\n {2}loop repeats forever\n {4}p0->>p0: 11\. nfs_wb_page \[nfs_commit_inode returns 0\]\n {2}end\n/);
    expect(text.length).toBeLessThan(100_000);
  });

  it('elides the middle of a very long counterexample, marked, in the steps and in the diagram', async () => {
    const params = { writers: 1, pages: 2, writes: 2, faults: 1 };
    const lockup = await explore({ module: nfs.module, args: { variant: '22876f54', params } }, { spec: 'nfs', variant: '22876f54', params }, { workers: 1, symmetry: true });
    // The real lasso's prefix repeated 10 times: a long trace made of the real steps' text.
    const prop = lockup.properties.find((p) => p.name === 'WbPageTerminates')!;
    const cx = prop.counterexample!;
    const prefix = cx.steps.slice(0, cx.loopStart);
    const steps = [...Array.from({ length: 10 }, () => prefix).flat(), ...cx.steps.slice(cx.loopStart)];
    const long: Result = {
      ...lockup,
      properties: lockup.properties.map((p) => (p === prop ? { ...p, counterexample: { ...cx, steps, loopStart: steps.length - 1 } } : p)),
    };
    const doc = (result: Result) =>
      renderPropertiesDoc({ spec: 'nfs', summary: 's', limitations: [], specHash: 'sha256:0', sources: [], version: '0', variants: [{ id: '22876f54', result }] });
    const text = doc(long);
    const hidden = `steps ${DOC_KEEP_STEPS + 1} to ${steps.length - DOC_KEEP_STEPS} elided`;
    expect(text).toContain(`*… ${hidden} to keep this file short (\`mc check --variant 22876f54 --writers 1 --pages 2 --writes 2 --faults 1\` prints the whole trace) …*`);
    expect(text).toContain(`${DOC_KEEP_STEPS}. \``);
    expect(text).not.toContain(`\n${DOC_KEEP_STEPS + 1}. \``);
    expect(text).toContain(`\n${steps.length}. \``);
    expect(mermaidBlocks(text)[0]).toMatch(new RegExp(`Note over p0,o\\d+: … ${hidden}`));
    await expectDiagramPerViolation(text);
    // The real (short) lasso is shown whole.
    expect(doc(lockup)).not.toContain('elided');
  });

  it('lists each step as --markdown does (one function): its name and sentence, then the kernel source and the state it changed', () => {
    const text = renderPropertiesDoc({ spec: 'nfs', summary: 's', limitations: [], specHash: 'sha256:0', sources: [], version: '0', variants: [{ id: '14bebe3c', result: TRACE_RESULT }] });
    const steps = (md: string) => md.split('\n').filter((l) => /^\d+\. |^ +<br>/.test(l));
    expect(steps(text)).toEqual(steps(renderMarkdown(TRACE_RESULT)));
    expect(text).toContain('\n2. `F.flush(p1)[pageio_add_request fails EDQUOT]` F nfs_page_async_flush: pageio fails with -EDQUOT, ctx->error = EDQUOT\n   <br>`W1.ctx.error: 0 → EDQUOT`\n');
    expect(text).toContain('\n   <br>*fs/nfs/write.c:608 nfs_page_async_flush*: `page[0]: cached → orphan`, `W1.held: (none) → p0 (orphan)`\n');
  });

  it("lists a lasso's processes under a heading, each named once and its role said once (the spec's detail starts with the name, and may say the role)", async () => {
    const params = { writers: 1, pages: 2, writes: 2, faults: 1 };
    const lockup = await explore({ module: nfs.module, args: { variant: '22876f54', params } }, { spec: 'nfs', variant: '22876f54', params }, { workers: 1, symmetry: true });
    const text = renderPropertiesDoc({ spec: 'nfs', summary: 's', limitations: [], specHash: 'sha256:0', sources: [], version: '0', variants: [{ id: '22876f54', result: lockup }] });
    expect(text).toMatch(/\n\nProcesses in the cycle:\n\n- \*\*W1\*\* spinning in nfs_wb_page\(page 0\)/);
    expect(text).toMatch(/\n- \*\*F\*\* blocked: no dirty unlocked page to flush\n/);
    // Nor is the role said twice (the spec's line says it), in the list or the diagram's notes.
    expect(text).not.toMatch(/\*\*W1\*\* spinning: W1:|spinning: spinning/);
  });

  it("says what symmetry reduction identifies in any spec's terms (two-phase has no writers)", () => {
    const r = mc('docs', '--spec', 'two-phase', '--symmetry', '--output', '-');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- symmetry reduction: on (states that differ only by a renaming of interchangeable processes count once; the verdicts are those of the full state space)');
    expect(r.stdout).not.toContain('writers');
  });

  it('the spec hash changes with any edit of the spec sources and with nothing else', () => {
    const copy = path.join(dir, 'tree');
    for (const src of nfs.sources) fs.cpSync(path.join(ROOT, src), path.join(copy, src), { recursive: true });
    expect(specHash(nfs, copy)).toBe(specHash(nfs));
    fs.writeFileSync(path.join(copy, 'README.md'), 'not a source');
    expect(specHash(nfs, copy)).toBe(specHash(nfs));
    const file = path.join(copy, 'spec', 'nfs', 'kernel', 'base.ts');
    fs.appendFileSync(file, '\n// an edit\n');
    expect(specHash(nfs, copy)).not.toBe(specHash(nfs));
  });

  it('mc docs with small bounds: certificates for what holds, shortest counterexamples (steps and diagram) for what fails', async () => {
    const out = path.join(dir, 'PROPERTIES.md');
    const r = mc('docs', '--writers', '1', '--writes', '3', '--workers', '1', '--output', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain(`${SPEC_HASH_LABEL} \`${specHash(nfs)}\``);
    expect(text).toContain('- parameters: `writers=1 pages=2 writes=3 faults=1`');
    // Off unless asked (docs/MODEL.md §8: the counts quoted are without it).
    expect(text).toContain('- symmetry reduction: off');
    // The seed's oops on 14bebe3c, the soft lockup (a lasso) on 22876f54.
    expect(text).toContain('### ✗ MappingNonNull on `14bebe3c`: trace: 17 steps');
    expect(text).toMatch(/### ✗ WbPageTerminates on `22876f54`: lasso: \d+ steps to a 1-step cycle/);
    expect(text).toContain('*cycle: the following steps repeat forever*');
    // Each step says what it changed, so the cause shows without the folded diagram: on 22876f54
    // the flusher's failed write sets W1's ctx->error, which makes nfs_wb_page launder and spin.
    const lockup = text.slice(text.indexOf('### ✗ WbPageTerminates on `22876f54`'));
    expect(lockup.slice(0, lockup.indexOf('<details>'))).toMatch(
      /\n\d+\. `F\.flush\(p0,fault\)\[pageio_add_request fails EDQUOT\]` [^\n]*\n +<br>\*[^*\n]*fs\/nfs\/write\.c:\d+ nfs_writepages\*: [^\n]*`W1\.ctx: error=0 → error=-EDQUOT ERROR_WRITE`\n/,
    );
    expect(text).toMatch(/\| MappingNonNull \| ✓ holds \| every reachable state within `writers=1 pages=2 writes=3 faults=1`: [\d,]+ distinct states, depth \d+ \|/);
    expect(text).toMatch(/## Variant `mainline` \(v6\.x \(6\.18\.2\)\)\n\n.*\n\nPatches over the base: `14bebe3c`/);
    expect(text).toMatch(/Search: complete: [\d,]+ distinct states \([\d,]+ generated\), depth \d+, no fingerprint collision \(--exact: every state found again was compared byte for byte\)\./);
    // MODEL.md 7: return-ret's WbPageTerminates holds only within the model; its section says so.
    expect(text).toMatch(/## Variant `return-ret`[^#]*\*\*Note:\*\* WbPageTerminates holds only because every modelled entry into nfs_wb_page starts on a dirty page; [^\n]*\(not modelled, docs\/MODEL\.md §9\)\.\n/);
    expect(text.match(/\*\*Note:\*\*/g)).toHaveLength(1);
    // MODEL.md §7's "✓ (see below)": the Summary's cell and the section's carry the caveat's mark,
    // the caveat right under each table, not only ~400 lines below a bare "✓ holds".
    const summary = text.slice(text.indexOf('\n## Summary\n'), text.indexOf('\n## Variant'));
    const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());
    const column = cells(summary.split('\n').find((l) => l.startsWith('| variant |'))!).indexOf('WbPageTerminates');
    const row = summary.split('\n').find((l) => l.startsWith('| `return-ret` |'))!;
    expect(cells(row)[column]).toBe('✓ holds\\*');
    expect(summary).toMatch(/\|\n\n\\\* \*\*Note\*\* on `return-ret`: WbPageTerminates holds only because every modelled entry into nfs_wb_page starts on a dirty page; /);
    expect(summary.match(/✓ holds\\\*/g)).toHaveLength(1);
    expect(text).toMatch(/## Variant `return-ret`[^#]*\| WbPageTerminates \| ✓ holds\\\* \| every reachable state [^\n]*\|\n(\|[^\n]*\n)*\n\\\* \*\*Note:\*\* WbPageTerminates holds only because/);
    // Part of each certificate: no verdict is vacuous over a step never taken (coverage).
    const variants = text.split(/\n(?=## Variant )/).slice(1);
    expect(variants).toHaveLength(nfsSpec.variants!.length);
    for (const section of variants) expect(section.match(/\nCoverage: .*\n/g)).toEqual(['\nCoverage: all 11 steps taken.\n']);
    // Deterministic: no times or worker counts, so a regeneration is identical.
    const again = path.join(dir, 'again.md');
    expect(mc('docs', '--writers', '1', '--writes', '3', '--workers', '2', '--output', again).code).toBe(0);
    expect(fs.readFileSync(again, 'utf8')).toBe(text);
    await expectDiagramPerViolation(text);
  });
});

describe.skipIf(!fs.existsSync('/usr/bin/script'))('mc docs on a terminal (script gives it a pseudo-terminal)', () => {
  const onTerminal = (extra: string) => {
    const output = path.join(dir, `tty-${extra === '' ? 'plain' : 'quiet'}.md`);
    const command = `'${process.execPath}' bin/mc docs --spec two-phase --rms 2 --workers 1 --output '${output}' ${extra}`;
    return spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  };

  it('a status line per variant, each erased, then the line saying what was written', () => {
    const r = onTerminal('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\r\x1b\[2Kmc docs: correct \(1\/2\)\.\.\.\r\x1b\[2Kmc docs: mutant \(2\/2\)\.\.\.\r\x1b\[2Kmc docs: wrote /);
  });

  it('--quiet: the line saying what was written, alone', () => {
    const r = onTerminal('--quiet');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^mc docs: wrote \S+tty-quiet\.md \(2 variants, spec hash sha256:[0-9a-f]{16}\)\r?\n$/);
  });
});

describe('mc docs checks where it writes before searching', () => {
  it('an unwritable --output is one line, exit 2, before any search', () => {
    // Bounds whose searches would take many minutes: the answer comes at once or not at all.
    const r = mc('docs', '--writers', '4', '--no-symmetry', '--output', '/nonexistent/x.md');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toBe("mc: cannot write --output file '/nonexistent/x.md': directory /nonexistent does not exist");
    expect(oneLine(mc('docs', '--output', '--no-symmetry').stderr)).toContain("option '--output <file>' needs a file name");
  });

  it('outside the repository, without --output: one line saying where it would write and how to choose', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mc'), 'docs'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toBe(
      `mc: mc docs writes ${path.join(ROOT, 'docs', 'PROPERTIES.md')} by default, and the current directory ${fs.realpathSync(dir)} is outside ` +
        'that repository; give --output FILE (or --output - for stdout), or run it inside the repository',
    );
    expect(fs.readdirSync(dir).filter((n) => n === 'docs')).toEqual([]);
  });

  it("another spec's document does not replace docs/PROPERTIES.md by default", () => {
    const before = committed();
    const r = mc('docs', '--spec', 'two-phase');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('mc: mc docs --spec two-phase needs --output FILE (or --output - for stdout): docs/PROPERTIES.md documents spec nfs');
    expect(committed()).toBe(before);
  });
});
