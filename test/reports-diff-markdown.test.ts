/**
 * `mc diff --markdown` (reports/diff-markdown.ts) on a real diff, at a size GitHub's comment limit
 * cuts: the witnesses go first, the table, the lines to quote and the behaviour stay.
 */
import * as path from 'path';
import { beforeAll, describe, expect, it } from 'vitest';
import { explore, type Result } from '../explorer';
import { recordedViolation, replaySchedule } from '../explorer/schedule';
import { spec } from '../spec/nfs';
import { classify, type VariantDiff } from '../reports/diff';
import { renderDiffMarkdown } from '../reports/diff-markdown';

const NFS = path.join(__dirname, '..', 'spec', 'nfs', 'index');
const params = { writers: 1, pages: 2, writes: 2, faults: 1 };
const check = (variant: string): Promise<Result> =>
  explore({ module: NFS, args: { variant, params } }, { spec: 'nfs', variant, params }, { workers: 1, symmetry: true, coverage: true });

let diff: VariantDiff;
beforeAll(async () => {
  const [base, patched] = [await check('22876f54'), await check('06c9fdf3')];
  const model = spec.build({ variant: '06c9fdf3', params });
  diff = {
    base,
    patched,
    added: [],
    removed: [],
    changes: base.properties.map((b) => {
      const p = patched.properties.find((x) => x.name === b.name)!;
      const kind = classify(b, p);
      return { name: b.name, kind, base: b, patched: p, ...(kind === 'fixed' ? { witness: replaySchedule(model, recordedViolation(b)) } : {}) };
    }),
  };
});

describe('mc diff --markdown', () => {
  it('whole when it fits', () => {
    const md = renderDiffMarkdown(diff);
    expect(md.match(/<details>/g)).toHaveLength(2);
    expect(md).not.toContain('witness left out');
  });

  it("over GitHub's comment limit the witnesses are left out, saying so, and the rest stays", () => {
    const whole = renderDiffMarkdown(diff);
    const cut = renderDiffMarkdown(diff, 2500);
    expect(whole.length).toBeGreaterThan(2500);
    expect(cut.length).toBeLessThanOrEqual(2500);
    expect(cut).not.toContain('<details>');
    expect(cut.match(/witness left out: the report is over GitHub's comment limit/g)).toHaveLength(2);
    for (const kept of ['| WbPageTerminates |', '**NoRequestLeak** (fixed): where they part', '**Behaviour**', 'Summary: 2 fixed, 0 introduced, 0 kept.']) expect(cut).toContain(kept);
  });

  it("marks a verdict a caveat names, and its change, with the caveat's footnote right under the table (kept when the witnesses are cut)", () => {
    const caveat = 'WbPageTerminates holds only because no modelled caller enters nfs_wb_page on a *clean* page.';
    const qualified: VariantDiff = { ...diff, patched: { ...diff.patched, run: { ...diff.patched.run, caveats: [caveat, 'Readers are not modelled.'] } } };
    expect(renderDiffMarkdown(qualified, 3000)).toContain('witness left out');
    for (const md of [renderDiffMarkdown(qualified), renderDiffMarkdown(qualified, 3000)]) {
      expect(md).toMatch(/\n\| WbPageTerminates \| ✗ violated \([^|]*\) \| ✓ holds\\\* \| \*\*fixed\*\*\\\* \|\n/);
      expect(md).toMatch(/\n\| NoRequestLeak \| ✗ violated \([^|]*\) \| ✓ holds \| \*\*fixed\*\* \|\n/);
      // The table's last row, a blank line, the footnote.
      expect(md).toMatch(/\| holds on both \|\n\n\\\* \*\*Note\*\* on `06c9fdf3`: WbPageTerminates holds only because no modelled caller enters nfs_wb_page on a \\\*clean\\\* page\.\n\n\*\*/);
      expect(md.match(/WbPageTerminates holds only because/g)).toHaveLength(1);
      // The line to quote says so too.
      expect(md).toContain('\n**WbPageTerminates** (fixed\\*): where they part: ');
      expect(md).toContain('\n**NoRequestLeak** (fixed): where they part: ');
      // A caveat that names no property stays a note at the end.
      expect(md).toContain('\n\n**Note** on `06c9fdf3`: Readers are not modelled.\n\nSummary: 2 fixed (1 under a caveat), 0 introduced, 0 kept.\n');
    }
  });
});
