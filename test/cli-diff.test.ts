/**
 * `mc diff` through the built bin/mc: the README's upstream fixes, a patch that introduces the
 * seed's oops and one that drops it, each change explained where the variants part.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { mc, oneLine, ROOT } from './cli-helpers';

describe('mc diff', () => {
  it('22876f54 → 06c9fdf3 (1 writer): both violations fixed, the witness stops where 06c9fdf3 removes the request; exit 0', () => {
    const r = mc('diff', '--base', '22876f54', '--patched', '06c9fdf3', '--writers', '1', '--workers', '1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('06c9fdf3 adds:    06c9fdf3 (the write-error path calls nfs_inode_remove_request)');
    expect(r.stdout).toMatch(/Fixed: violated on the base, holds on the patched variant \(2\)\n {2}WbPageTerminates: 22876f54 ✗ violated \(lasso: 10 steps to a 1-step cycle/);
    expect(r.stdout).toMatch(/ {2}NoRequestLeak: 22876f54 ✗ violated \(trace: 13 steps\); 06c9fdf3 ✓ holds/);
    expect(r.stdout).toMatch(/≠ {2}F\.flush\(p0,fault\)\[pageio_add_request fails EDQUOT\]/);
    // Only what 06c9fdf3 adds is named at the changed step (not the patches both variants share).
    expect(r.stdout).toContain('patch here: 06c9fdf3 (the write-error path calls nfs_inode_remove_request)\n');
    expect(r.stdout).not.toContain('patch here: 22876f54');
    // Each witness is headed by where the variants part and the patch acting there; the two
    // sentences of a changed step say which variant each is.
    expect(r.stdout).toMatch(
      /WbPageTerminates: 22876f54 ✗ violated .*\n {4}where they part: step 6, F\.flush\(p0,fault\)\[pageio_add_request fails EDQUOT\]: 06c9fdf3's code runs there \(the write-error path calls nfs_inode_remove_request\)\n {4}22876f54's counterexample replayed on 06c9fdf3:\n/,
    );
    expect(r.stdout).toMatch(/\n {14}on 06c9fdf3: F nfs_pageio_add_request fails .* removed and freed.*\n {14}on 22876f54: F nfs_pageio_add_request fails .* stays attached to clean page 0/);
    expect(r.stdout).toMatch(/≠ {2}W1\.update_page\[no request\] {2}\(on 22876f54: out_flushme\)/);
    // nfs_write_begin locks the page as before; only its sentence says the contexts were compared
    // (with the request 06c9fdf3 removed): not a different effect.
    expect(r.stdout).toMatch(
      / 8 {2}≠ {2}W1\.write_begin\[ok\] {2}\(same outcome and effect; only its sentence differs\)\n {14}on 06c9fdf3: .*nfs_flush_incompatible returns 0\n {14}on 22876f54: .*nfs_flush_incompatible returns 0 \(contexts match\)\n/,
    );
    // Beyond the verdicts, the behaviour the patch removes: nfs_wb_page's loop back (the spin) and
    // its launder of a page whose context has an error never happen on 06c9fdf3.
    expect(r.stdout).toContain(
      '\nBehaviour: steps and outcomes taken on one variant only (each search\'s coverage, by name)\n' +
        '  gone on 06c9fdf3 (taken on 22876f54 only):\n' +
        '    wb_page_iter [nfs_commit_inode returns 0]: taken 4 times, 0 new states\n' +
        '    wb_page_iter [writepage: launder(ctx->error)]: taken 4 times, 4 new states\n' +
        '  new on 06c9fdf3 (never taken on 22876f54): (none)\nsummary: 2 fixed, 0 introduced, 0 kept\n',
    );
  });

  it('--markdown: the report for a review, from the same searches: a verdict table, each change with its line to quote and its witness folded, the behaviour, the notes', () => {
    const md = path.join(os.tmpdir(), `mc-diff-${process.pid}.md`);
    try {
      const r = mc('diff', '--base', '22876f54', '--patched', 'return-ret', '--writers', '1', '--workers', '1', '--markdown', md);
      expect(r.code, r.stderr).toBe(1);
      // The text report still goes to stdout.
      expect(r.stdout).toContain('summary: 1 fixed (1 under a caveat), 0 introduced, 1 kept');
      // return-ret's caveat right under the fix it qualifies (MODEL.md §7: "✓ (see below)"), not under 'Holds on both'.
      expect(r.stdout).toMatch(/\n {2}WbPageTerminates: 22876f54 ✗ violated [^\n]*; return-ret ✓ holds\n {4}note on return-ret: WbPageTerminates holds only because /);
      expect(r.stdout).toMatch(/\nHolds on both: [^\n]*\n\n/);
      const text = fs.readFileSync(md, 'utf8');
      expect(text.split('\n')[0]).toBe('### `mc diff`: `22876f54` → `return-ret`');
      const rows = text.split('\n').filter((l) => l.startsWith('| '));
      // Every row has the header's four cells: no unescaped | inside one.
      for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(4);
      expect(rows).toContain('| NoRequestLeak | ✗ violated (trace: 13 steps) | ✗ violated (trace: 13 steps) | kept (violated on both) |');
      // The fix holds only under return-ret's caveat: its cells carry the mark, the footnote right under the table.
      expect(rows).toContain('| WbPageTerminates | ✗ violated (lasso: 10 steps to a 1-step cycle that repeats forever) | ✓ holds\\* | **fixed**\\* |');
      expect(text).toMatch(/\| holds on both \|\n\n\\\* \*\*Note\*\* on `return-ret`: WbPageTerminates holds only because /);
      expect(text).toContain("\n**WbPageTerminates** (fixed\\*): where they part: step 10, W1.wb_page_iter\\[writepage: launder(ctx->error)\\]: return-ret's code runs there (out_launder returns ret on top of 22876f54)\n");
      // Witnesses folded, fences and blocks balanced.
      expect(text.match(/<details>/g)).toHaveLength(2);
      expect(text.match(/<\/details>/g)).toHaveLength(2);
      expect(text.match(/^```/gm)!.length % 2).toBe(0);
      expect(text).toContain('- gone on `return-ret` (taken on `22876f54` only):\n  - `wb_page_iter [nfs_commit_inode returns 0]`: taken 4 times, 0 new states\n- new on `return-ret` (never taken on `22876f54`):\n  - none\n');
      expect(text.match(/WbPageTerminates holds only because /g)).toHaveLength(1);
      expect(text.endsWith('\nSummary: 1 fixed (1 under a caveat), 0 introduced, 1 kept.\n')).toBe(true);
      // - puts the Markdown on stdout instead of the text report.
      const out = mc('diff', '--base', '22876f54', '--patched', 'return-ret', '--writers', '1', '--workers', '1', '--markdown', '-');
      expect(out.stdout).toBe(text);
    } finally {
      fs.rmSync(md, { force: true });
    }
  });

  it.each([
    [['--markdown', '--quiet'], /^mc: option '--markdown <file>' needs a file name \(or - for stdout\), got the flag '--quiet'; for a file of that name write \.\/--quiet$/],
    [['--markdown', '/proc/mc-diff.md'], /^mc: cannot write --markdown file '\/proc\/mc-diff\.md': files cannot be created in its directory$/],
  ])('--markdown that cannot be written %j: one line, exit 2, before any search', (extra, message) => {
    const r = mc('diff', '--base', '22876f54', '--patched', '06c9fdf3', '--writers', '1', '--workers', '1', ...extra);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toMatch(message);
  });

  it('two-phase: the mutant\'s weakened guard is named where the variants part, and the guard that blocks the step on correct', () => {
    const r = mc('diff', '--spec', 'two-phase', '--base', 'correct', '--patched', 'mutant', '--workers', '1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  mutant adds:    weak-abort (RMChooseToAbort is enabled for a prepared RM too)\n');
    expect(r.stdout).toContain("    where they part: step 2, RM1.RMChooseToAbort: weak-abort's code runs there (RMChooseToAbort is enabled for a prepared RM too)\n");
    expect(r.stdout).toMatch(/ 1 {2}= {2}RM1\.RMPrepare\n +2 {2}✗ {2}RM1\.RMChooseToAbort {2}not enabled: RM1 is prepared, not working\n/);
    expect(r.stdout).not.toContain('earlier step');
  });

  it('a patch that introduces a violation: the patched counterexample replayed on the base, and the patched variant\'s own patch where they part; exit 1', () => {
    const r = mc('diff', '--base', 'v4.19.90', '--patched', '14bebe3c', '--writers', '1', '--writes', '3', '--workers', '1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /Introduced: holds on the base, violated on the patched variant \(1\)\n {2}MappingNonNull: v4\.19\.90 ✓ holds; 14bebe3c ✗ violated \(trace: 17 steps\)\n {4}where they part: step 15, W1\.wb_page_iter\[writepage: launder\(ctx->error\)\]: 14bebe3c's code runs there \(out_launder returns 0 instead of the fatal error\)\n {4}14bebe3c's counterexample replayed on v4\.19\.90:\n/,
    );
    // The step where they part: what the base does, what the patched variant did, the patch.
    expect(r.stdout).toMatch(/15 {2}≠ {2}W1\.wb_page_iter\[writepage: launder\(ctx->error\)\] {2}\(same outcome, different effect\)\n {14}on v4\.19\.90: .*returns -EDQUOT; nfs_wb_page returns -EDQUOT; nfs_updatepage fails\n {14}on 14bebe3c: .*returns 0\n {14}patch here: 14bebe3c \(out_launder returns 0 instead of the fatal error\)\n/);
    expect(r.stdout).toMatch(/16 {2}✗ {2}W1\.wb_page_iter {2}not enabled: W1 is at write_end\(-EDQUOT\)/);
    expect(r.stdout).toContain('  gone on 14bebe3c (taken on v4.19.90 only): (none)\n  new on 14bebe3c (never taken on v4.19.90):\n    add_request [oops in nfs_inode_add_request]: taken 8 times, 8 new states\n');
    expect(r.stdout).toContain('summary: 0 fixed, 1 introduced, 0 kept');
  });

  it('a patched variant that drops the base\'s patch: the dropped patch is named where they part', () => {
    const r = mc('diff', '--base', '14bebe3c', '--patched', 'v4.19.90', '--writers', '1', '--writes', '3', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('v4.19.90 drops:   14bebe3c (out_launder returns 0 instead of the fatal error)');
    expect(r.stdout).toContain('where they part: step 15, W1.wb_page_iter[writepage: launder(ctx->error)]: v4.19.90 drops 14bebe3c, whose code runs there');
    expect(r.stdout).toContain('dropped patch here: 14bebe3c (out_launder returns 0 instead of the fatal error)');
    expect(r.stdout).toContain('summary: 1 fixed, 0 introduced, 0 kept');
  });

  it("the README's two examples, as written: each fix named where the variants part", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /### `mc diff`\n\n```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
    expect(block).toEqual(['mc diff --base 14bebe3c --patched revert-14bebe3c --writers 2', 'mc diff --base 22876f54 --patched 06c9fdf3']);
    const [revert, fix] = block.map((line) => mc(...line.split(' ').slice(1)));
    expect(revert!.code).toBe(0);
    expect(revert!.stdout).toContain('where they part: step 15, W2.wb_page_iter[writepage: launder(ctx->error)]: revert-14bebe3c\'s code runs there (out_launder returns the fatal error again)');
    expect(revert!.stdout).toContain('summary: 1 fixed, 0 introduced, 0 kept');
    expect(fix!.code).toBe(0);
    expect(fix!.stdout).toContain("where they part: step 6, F.flush(p0,fault)[pageio_add_request fails EDQUOT]: 06c9fdf3's code runs there");
    expect(fix!.stdout).toContain("where they part: step 10, W1.fsync_flush(p0,fault)[pageio_add_request fails EDQUOT]: 06c9fdf3's code runs there");
    expect(fix!.stdout).toContain('summary: 2 fixed, 0 introduced, 0 kept');
  });

  describe('progress, as mc check shows it: on a terminal stdout only, erased before the report, none with --quiet', () => {
    // `script` gives mc a pseudo-terminal; its output is what the terminal received.
    const onTerminal = (command: string) =>
      spawnSync('script', ['-qec', `'${process.execPath}' bin/mc ${command}; echo "exit=$?"`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } }).stdout;
    const DIFF = 'diff --spec two-phase --base correct --patched mutant --workers 1';

    it('stdout a terminal: the status line, erased before the report', () => {
      const out = onTerminal(DIFF);
      // The erase is createStatusLine's, as mc matrix and mc docs write it.
      expect(out).toContain('\r\x1b[2K  mc diff: searching correct (1 of 2)...');
      expect(out).toContain('\r\x1b[2K  mc diff: searching mutant (2 of 2)...');
      // The last status line, then the erase, then the report from the line's start.
      expect(out).toMatch(/\r\x1b\[2K {2}mc diff: searching mutant \(2 of 2\)[^\r\n]*\r\x1b\[2Kmc diff: spec two-phase, base correct → patched mutant/);
      // The cursor is never hidden (nothing to restore if the run is killed).
      expect(out).not.toContain('\x1b[?25l');
      expect(out).toContain('exit=1');
    });

    it('stdout redirected, stderr still the terminal: nothing on the terminal but the exit code', () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-diff-')), 'out.txt');
      expect(onTerminal(`${DIFF} > '${file}'`).trim()).toBe('exit=1');
      const report = fs.readFileSync(file, 'utf8');
      expect(report.startsWith('mc diff: spec two-phase')).toBe(true);
      expect(report).not.toContain('searching');
    });

    it('--quiet: the report alone', () => {
      const out = onTerminal(`${DIFF} --quiet`);
      expect(out).not.toContain('searching');
      expect(out.startsWith('mc diff: spec two-phase')).toBe(true);
    });
  });

  it('--exact: both searches exact, said in the text and Markdown headers; the same report otherwise', () => {
    const args = ['diff', '--spec', 'two-phase', '--base', 'correct', '--patched', 'mutant', '--workers', '1'];
    const plain = mc(...args);
    const exact = mc(...args, '--exact');
    expect([plain.code, exact.code]).toEqual([1, 1]);
    expect(exact.stdout.split('\n')[0]).toBe('mc diff: spec two-phase, base correct → patched mutant (rms=3, symmetry on, exact: no fingerprint collision)');
    expect(exact.stdout.split('\n').slice(1)).toEqual(plain.stdout.split('\n').slice(1));
    expect(mc(...args, '--exact', '--markdown', '-').stdout).toContain('Spec two-phase, rms=3, symmetry on, exact: no fingerprint collision.');
  });

  it('--symmetry, the default, is accepted and listed as by mc check, and helped as by mc matrix (mc docs, off by default, says so)', () => {
    const args = ['diff', '--spec', 'two-phase', '--base', 'correct', '--patched', 'mutant', '--workers', '1'];
    const plain = mc(...args);
    expect(plain.stdout).toContain('(rms=3, symmetry on)');
    const on = mc(...args, '--no-symmetry', '--symmetry');
    expect(on.stderr).toBe('');
    expect(on.code).toBe(1);
    // A later --symmetry undoes --no-symmetry: the same search, so the same report.
    expect(on.stdout).toBe(plain.stdout);
    expect(mc(...args, '--symmetry', '--no-symmetry').stdout).toContain('(rms=3, symmetry off)');
    // Help text (wrapping aside) exactly as mc matrix shows the two flags; mc docs searches
    // without reduction unless asked (docs/MODEL.md §8 quotes counts without it).
    const flags = (help: string) => /--no-symmetry .*?(?= --quiet | --exact | -h, --help | --writers )/.exec(help.replace(/\s+/g, ' '))![0];
    const help = flags(mc('diff', '--help').stdout);
    expect(help).toBe('--no-symmetry turn off symmetry reduction --symmetry symmetry reduction on: the default; undoes an earlier --no-symmetry');
    expect(flags(mc('matrix', '--help').stdout)).toBe(help);
    expect(flags(mc('docs', '--help').stdout)).toMatch(/^--no-symmetry symmetry reduction off: the default here .* --symmetry symmetry reduction on \(fewer states/);
    const bogus = mc('diff', '--bogus');
    expect(bogus.code).toBe(2);
    expect(oneLine(bogus.stderr)).toMatch(/; options of mc diff: .*--no-symmetry --symmetry( |$)/);
  });

  it('a missing --patched: one line, exit 2', () => {
    const r = mc('diff', '--base', '14bebe3c');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^mc: mc diff needs --patched <id>; variants of spec nfs: v4\.19\.90, 14bebe3c/);
  });
});
