import { describe, expect, it } from 'vitest';
import { buildTable, renderMatrixMarkdown, renderMatrixText, type CellRecord, type MatrixTable } from '../reports/matrix';
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

  it('Markdown: a note naming the variant under the table, escaped, its rows unchanged', () => {
    const md = renderMatrixMarkdown(withCaveats);
    expect(md.endsWith('| b **runs disagree!** | ✓ | 10 | 3 | 0.1 | 0.2 |\n\n**Note** on `b`: P holds only because nothing modelled enters it on a clean page (\\*not\\* modelled: readers)\n')).toBe(true);
    expect(renderMatrixMarkdown(table)).not.toContain('Note');
  });

  it('text: a note line naming the variant under the table', () => {
    expect(renderMatrixText(withCaveats).endsWith(`runs disagree!\n\nnote on b: ${caveat}\n`)).toBe(true);
    expect(renderMatrixText(table)).not.toContain('note');
  });
});
