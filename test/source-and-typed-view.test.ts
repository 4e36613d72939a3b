/**
 * The contract's structured `Transition.source` and typed view (`Model.itf`), as they reach the
 * Result of real runs (formatSource/pinnedFrame: test/engine-source-location.test.ts): every step names a file and function, the oops step the site it modelled,
 * and a counterexample carries one typed state per state of its path.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore } from '../explorer';
import { checkTwoPhase } from './two-phase-support';

const NFS_MODULE = path.join(__dirname, '..', 'spec', 'nfs', 'index');

describe('a real nfs counterexample carries structured sources and typed states', () => {
  it('14bebe3c, 1 writer, 3 writes: the oops at nfs_inode_add_request', async () => {
    const params = { writers: 1, pages: 2, writes: 3, faults: 1 };
    const result = await explore({ module: NFS_MODULE, args: { variant: '14bebe3c', params } }, { spec: 'nfs', variant: '14bebe3c', params }, { workers: 1, symmetry: true });
    const cx = result.properties.find((p) => p.name === 'MappingNonNull')!.counterexample!;
    for (const step of cx.steps) {
      expect(step.source?.file).toMatch(/^(fs|mm)\//);
      expect(step.source?.function).toMatch(/^[a-z_]+$/);
    }
    const oops = cx.steps[cx.steps.length - 1]!;
    expect(oops.violates).toBe('MappingNonNull');
    expect(oops.source).toEqual({ file: 'fs/nfs/write.c', line: 743, function: 'nfs_inode_add_request' });

    expect(cx.states).toHaveLength(cx.steps.length + 1);
    const first = cx.states![0]!;
    expect(Object.keys(first).sort()).toEqual(['faultsLeft', 'i_rwsem', 'nrequests', 'pages', 'wb_err', 'writers']);
    expect(first['i_rwsem']).toEqual({ tag: 'None', value: { '#tup': [] } });
    const last = cx.states![cx.steps.length]! as Record<string, { '#map': [string, { pc: unknown }][] }>;
    expect(last['writers']!['#map'][0]![1].pc).toEqual({ tag: 'oops', value: { site: 'nfs_inode_add_request' } });
  });
});

describe('two-phase carries TwoPhase.tla locations and typed states', () => {
  it('the mutant: TCConsistent fails; the typed state reads like Apalache would write it', async () => {
    const result = await checkTwoPhase('mutant', 2);
    const cx = result.properties.find((p) => p.name === 'TCConsistent')!.counterexample!;
    for (const step of cx.steps) expect(step.source).toMatchObject({ file: 'TwoPhase.tla', line: expect.any(Number) as number });
    expect(cx.states![0]).toEqual({
      rmState: { '#map': [['RM1', 'working'], ['RM2', 'working']] },
      tmState: 'init',
      tmPrepared: { '#set': [] },
      msgs: { '#set': [] },
    });
    const last = cx.states![cx.steps.length]!;
    expect(last['tmState']).toBe('committed');
    expect((last['msgs'] as { '#set': unknown[] })['#set']).toContainEqual({ type: 'Commit' });
  });
});
