import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdown } from '../reports/markdown';
import { CAVEAT_RESULT, INCOMPLETE_RESULT, INTERRUPTED_RESULT, LASSO_RESULT, TRACE_RESULT } from './reports-fixtures';

describe('reports/markdown', () => {
  it('has a heading naming what was checked and a verdict table', () => {
    const md = renderMarkdown(TRACE_RESULT);
    expect(md.split('\n')[0]).toBe('### mc: spec `nfs`, variant `14bebe3c` (writers=1 pages=2 writes=3 faults=1)');
    expect(md).toContain('| property | verdict | counterexample |\n|---|---|---|');
    expect(md).toContain('| MappingNonNull | ✗ violated | trace: 4 steps |');
    expect(md).toContain('| WbPageTerminates | ✓ holds |  |');
    expect(md).toMatch(/1,234,567 generated, 123,456 distinct, depth 34, 2\.50 s; symmetry on, 4 workers\./);
  });

  it('lists each counterexample step with its normative name, bolding the violating step', () => {
    const md = renderMarkdown(TRACE_RESULT);
    expect(md).toContain('#### ✗ MappingNonNull (trace: 4 steps)');
    expect(md).toContain(
      '3. `W1.wb_page_iter[writepage: launder(ctx->error)]` W1 nfs_page_async_flush: out_launder, page 0 removed from the page cache, returns 0',
    );
    // Under it, the kernel source it models (as the terminal prints it) and the state it changed.
    expect(md).toContain('   <br>*fs/nfs/write.c:608 nfs_page_async_flush*: `page[0]: cached → orphan`, `W1.held: (none) → p0 (orphan)`');
    expect(md).toContain('\n1. `W1.start_io_write(p0,s0)` W1 nfs_start_io_write: takes i_rwsem, targets page 0 slot 0\n   <br>*fs/nfs/file.c:597 nfs_file_write → fs/nfs/io.c:78 nfs_start_io_write*: `rwsem: free → W1`');
    // A step without a source: only what it changed.
    expect(md).toContain('\n   <br>`W1.ctx.error: 0 → EDQUOT`\n');
    expect(md).toMatch(/^4\. \*\*`W1\.add_request\[oops\]` .*\*\* ✗ violates MappingNonNull here$/m);
  });

  it('keeps lasso numbering across the cycle marker and lists the processes', () => {
    const md = renderMarkdown(LASSO_RESULT);
    expect(md).toMatch(/^2\. .*\n.*\n\n\*cycle: the following steps repeat forever\*\n\n3\. `W1\.wb_page_iter\[commit: nothing to commit\]`/m);
    // The role said once: the spec's line alone when its first clause says it, after the role otherwise.
    expect(md).toContain('- **W1** spinning in nfs_wb_page(p0), holds i_rwsem and the page lock\n- **W2** blocked on i_rwsem held by W1\n- **F** blocked: nothing to flush: page 0 is clean\n');
    expect(md).not.toMatch(/spinning: spinning|blocked: blocked/);
  });

  it("says each process's role once in the diagram's notes too, and keeps a role its line does not say", () => {
    const diagram = renderMarkdown(LASSO_RESULT);
    expect(diagram).toContain('\n  Note over p0: spinning in nfs_wb_page(p0), holds i_rwsem and the page lock\n  Note over p1: blocked on i_rwsem held by W1\n  Note over p2: blocked: nothing to flush: page 0 is clean\n');
    // The role further in the first clause (the nfs spec's `D state: blocked in …`), in any case, and only as a whole word.
    const cx = LASSO_RESULT.properties[0]!.counterexample!;
    const lasso = (processes: NonNullable<typeof cx.processes>) => ({ ...LASSO_RESULT, properties: [{ ...LASSO_RESULT.properties[0]!, counterexample: { ...cx, processes } }] });
    const md = renderMarkdown(
      lasso([
        { process: 'W1', role: 'spinning', detail: 'W1: Spinning in nfs_wb_page(page 0)' },
        { process: 'W2', role: 'blocked', detail: 'W2: D state: blocked in nfs_start_io_write on i_rwsem held by W1' },
        { process: 'W3', role: 'blocked', detail: 'W3: waits on i_rwsem; W2 is blocked too' },
        { process: 'F', role: 'steps', detail: 'F: oversteps' },
      ]),
    );
    expect(md).toContain('- **W1** Spinning in nfs_wb_page(page 0)\n- **W2** D state: blocked in nfs_start_io_write on i_rwsem held by W1\n- **W3** blocked: waits on i_rwsem; W2 is blocked too\n- **F** steps: oversteps\n');
    expect(md).toContain('  Note over p1: D state: blocked in nfs_start_io_write on i_rwsem held by W1\n');
  });

  it('makes an incomplete run impossible to miss', () => {
    const md = renderMarkdown(INCOMPLETE_RESULT);
    expect(md).toContain('**incomplete: stopped by max-seconds after 123,456 states; verdicts are unknown**');
    expect(md).toContain('| TCConsistent | ? unknown |  |');
    expect(md).not.toContain('####');
  });

  it('says of a violation found before an interrupt that its counterexample was not built', () => {
    const md = renderMarkdown(INTERRUPTED_RESULT);
    expect(md).toContain(
      '| MappingNonNull | ✗ violated | *found before SIGTERM stopped the run; its counterexample was not built (rerun with --max-states 693618 to get it)* |',
    );
    expect(md).not.toContain('####');
  });

  it("puts the run's caveats as notes right under the verdict table, escaped; none for a run without", () => {
    expect(renderMarkdown(CAVEAT_RESULT)).toContain(
      '| DeadlockFree | ✓ holds |  |\n\n\\* **Note:** WbPageTerminates holds only because no caller enters nfs_wb_page on a \\*clean\\* page.\n\ncomplete: ',
    );
    expect(renderMarkdown(TRACE_RESULT)).not.toContain('**Note:**');
  });

  it('marks the verdict a caveat names in its cell, the note keyed by the same mark; a caveat naming no property is unmarked', () => {
    const md = renderMarkdown(CAVEAT_RESULT);
    expect(md).toContain('| WbPageTerminates | ✓ holds\\* |  |');
    expect(md).toContain('| DeadlockFree | ✓ holds |  |');
    const general = renderMarkdown({ ...CAVEAT_RESULT, run: { ...CAVEAT_RESULT.run, caveats: ['Readers are not modelled.'] } });
    expect(general).toContain('| WbPageTerminates | ✓ holds |  |');
    expect(general).toContain('\n\n**Note:** Readers are not modelled.\n\n');
    // Two caveats naming properties: two marks, each on its own verdict ("WbPageTerminatesX" names none).
    const two = renderMarkdown({ ...CAVEAT_RESULT, run: { ...CAVEAT_RESULT.run, caveats: ['DeadlockFree holds here only.', 'WbPageTerminates holds here only; WbPageTerminatesX is no property.'] } });
    expect(two).toContain('| DeadlockFree | ✓ holds\\* |  |');
    expect(two).toContain('| WbPageTerminates | ✓ holds† |  |');
    expect(two).toContain('\\* **Note:** DeadlockFree holds here only.\n\n† **Note:** WbPageTerminates holds here only;');
  });

  it('escapes what Markdown would interpret', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('<page>')).toBe('\\<page>');
    expect(escapeMarkdown('*p')).toBe('\\*p');
    expect(escapeMarkdown('nfs_wb_page')).toBe('nfs_wb_page');
    expect(escapeMarkdown('_x_')).toBe('\\_x\\_');
    expect(escapeMarkdown('# x')).toBe('\\# x');
  });
});
