import { describe, expect, it } from 'vitest';
import { buildTable, renderMatrixMarkdown, renderMatrixText, type CellRecord, type MatrixTable } from '../reports/matrix';
import type { Result } from '../explorer/result';
import { TRACE_RESULT as RESULT } from './reports-fixtures';

const row = (variant: string, disagree: boolean): MatrixTable['rows'][number] => ({
  variant,
  params: { writers: 1 },
  properties: { P: { verdict: 'holds' } },
  distinct: 10,
  depth: 3,
  complete: true,
  seconds: { '1': 0.1, '2': 0.2 },
  disagree,
});

const table: MatrixTable = {
  schema: 'mc-matrix/1',
  spec: 'nfs',
  symmetry: true,
  fixed: { writers: 1 },
  varying: [],
  workers: [1, 2],
  propertyNames: ['P'],
  rows: [row('a', false), row('b', true)],
};

describe('reports/matrix: the Markdown table', () => {
  it('says that runs disagree inside a cell, where GitHub shows it, and every row has the header\'s cells', () => {
    const lines = renderMatrixMarkdown(table).trimEnd().split('\n').filter((l) => l.startsWith('|'));
    const cells = (l: string) => l.slice(1, l.endsWith('|') ? -1 : undefined).split('|').map((c) => c.trim());
    for (const l of lines) expect(cells(l)).toHaveLength(cells(lines[0]!).length);
    expect(cells(lines[2]!)[0]).toBe('a');
    expect(cells(lines[3]!)[0]).toBe('b **runs disagree!**');
  });
});

describe('reports/matrix: caveats under the table', () => {
  const caveat = 'P holds only because nothing modelled enters it on a clean page (*not* modelled: readers)';
  const withCaveats: MatrixTable = { ...table, caveats: { b: [caveat] } };
  // Cells as mc matrix writes them: one cell file per (variant, workers), the caveat in each of b's.
  const record = (index: number, variant: string, workers: number, caveats?: string[]): CellRecord => ({
    schema: 'mc-matrix-cell/1',
    matrix: 'm',
    cells: 4,
    cell: { index, spec: 'nfs', variant, params: { writers: 1 }, workers, symmetry: true },
    result: { ...RESULT, run: { ...RESULT.run, variant, ...(caveats ? { caveats } : {}), workers } },
  });

  it("buildTable keeps each variant's caveats once, from its cells' results, and none for a variant without", () => {
    const t = buildTable([record(0, 'a', 1), record(1, 'a', 2), record(2, 'b', 1, [caveat]), record(3, 'b', 2, [caveat])]);
    expect(t.caveats).toEqual({ b: [caveat] });
    expect(buildTable([record(0, 'a', 1), record(1, 'a', 2)])).not.toHaveProperty('caveats');
  });

  it("Markdown: the caveat's note under the table, escaped, marked like the cells of the verdicts it qualifies (b's P), and the other variant's unmarked", () => {
    const md = renderMatrixMarkdown(withCaveats);
    expect(md).toContain('\n| a | ✓ | 10 | 3 | 0.1 | 0.2 |\n');
    expect(md.endsWith('| b **runs disagree!** | ✓\\* | 10 | 3 | 0.1 | 0.2 |\n\n\\* **Note** on `b`: P holds only because nothing modelled enters it on a clean page (\\*not\\* modelled: readers)\n')).toBe(true);
    expect(renderMatrixMarkdown(table)).not.toContain('Note');
  });

  it('a caveat naming no property marks no cell: it qualifies the whole variant, and says so unmarked', () => {
    const loose = 'Readers are not modelled.';
    const md = renderMatrixMarkdown({ ...table, caveats: { b: [loose] } });
    expect(md.endsWith('| b **runs disagree!** | ✓ | 10 | 3 | 0.1 | 0.2 |\n\n**Note** on `b`: Readers are not modelled.\n')).toBe(true);
    expect(renderMatrixText({ ...table, caveats: { b: [loose] } }).endsWith(`runs disagree!\n\nnote on b: ${loose}\n`)).toBe(true);
  });

  it('a violated cell keeps its length, the mark after it; two caveats naming properties get two marks', () => {
    const violated: MatrixTable = {
      ...table,
      propertyNames: ['P', 'Q'],
      rows: [{ ...row('b', false), properties: { P: { verdict: 'violated', length: '7' }, Q: { verdict: 'holds' } } }],
      caveats: { b: ['P fails only here.', 'Q holds only here.'] },
    };
    const text = renderMatrixText(violated);
    expect(text).toMatch(/\nb +✗ 7\* +✓† +10/);
    expect(text.endsWith('\n\n* note on b: P fails only here.\n† note on b: Q holds only here.\n')).toBe(true);
  });

  it('text: the marked cell and a marked note line naming the variant under the table', () => {
    const text = renderMatrixText(withCaveats);
    expect(text).toMatch(/\nb +✓\* +10/);
    expect(text).toMatch(/\na +✓ +10/);
    expect(text.endsWith(`runs disagree!\n\n* note on b: ${caveat}\n`)).toBe(true);
    expect(renderMatrixText(table)).not.toContain('note');
  });
});

describe('reports/matrix: coverage', () => {
  const coverage = (taken: number[]): Result['coverage'] => ({
    complete: true,
    vocabulary: true,
    initial: 1,
    steps: taken.map((n, i) => ({ step: `s${i}`, taken: n, distinct: n === 0 ? 0 : 1, outcomes: [] })),
  });
  const record = (index: number, variant: string, workers: number, taken: number[]): CellRecord => ({
    schema: 'mc-matrix-cell/1',
    matrix: 'm',
    cells: 4,
    cell: { index, spec: 'nfs', variant, params: { writers: 1 }, workers, symmetry: true, coverage: true },
    result: { ...RESULT, run: { ...RESULT.run, variant, workers }, coverage: coverage(taken) },
  });

  it('a row keeps the steps taken, and the summary only when one was never taken; runs that count differently disagree', () => {
    const t = buildTable([record(0, 'a', 1, [1, 2, 3]), record(1, 'a', 2, [1, 2, 3]), record(2, 'b', 1, [1, 0, 3]), record(3, 'b', 2, [1, 0, 3])]);
    expect(t.rows.map((r) => r.coverage)).toEqual([
      { steps: '3/3' },
      { steps: '2/3', warning: '1 of 3 steps never taken (enabled in no reachable state): s1; a ✓ says nothing about their behaviour' },
    ]);
    expect(t.rows.map((r) => r.disagree)).toEqual([false, false]);
    const differ = buildTable([record(0, 'a', 1, [1, 2, 3]), record(1, 'a', 2, [1, 0, 3])]);
    expect(differ.rows[0]!.disagree).toBe(true);
    expect(renderMatrixText(t).split('\n').filter((l) => l.startsWith('coverage of '))).toEqual([`coverage of b: ${t.rows[1]!.coverage!.warning}`]);
  });

  it('a step taken only by violating transitions marks the row too, as the legend says', () => {
    const onlyViolating = record(0, 'a', 1, [1, 2]);
    const steps = onlyViolating.result.coverage!.steps.map((s, i) => (i === 1 ? { ...s, violating: s.taken } : s));
    const t = buildTable([{ ...onlyViolating, result: { ...onlyViolating.result, coverage: { ...onlyViolating.result.coverage!, steps } } }]);
    expect(t.rows[0]!.coverage!.steps).toBe('2/2');
    expect(t.rows[0]!.coverage!.warning).toMatch(/1 taken only by transitions that violate a step property, with nothing explored after them: s1/);
    const text = renderMatrixText(t);
    expect(text).toMatch(/ 2\/2 ! /);
    expect(text).toContain('! when one was never taken, or taken only by violating transitions');
  });

  it('a row without coverage (cells of an older mc) leaves its cell empty, the others still shown', () => {
    const t = buildTable([record(0, 'a', 1, [1, 2]), { ...record(1, 'b', 1, [1, 2]), result: { ...RESULT, run: { ...RESULT.run, variant: 'b', workers: 1 } } }]);
    const lines = renderMatrixMarkdown(t).split('\n').filter((l) => l.startsWith('| a') || l.startsWith('| b'));
    expect(lines[0]).toMatch(/\| 34 \| 2\/2 \| \d+\.\d \|$/);
    expect(lines[1]).toMatch(/\| 34 \|  \| \d+\.\d \|$/);
  });
});
