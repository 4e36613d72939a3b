import { describe, expect, it } from 'vitest';
import { renderMatrixMarkdown, type MatrixTable } from '../reports/matrix';

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
