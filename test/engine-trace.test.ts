/** Traces under symmetry follow the real processes (explorer/trace.ts), from any initial state. */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { explore, type Result } from '../explorer';

const MODULE = path.join(__dirname, 'models', 'symmetric-starts');

const run = (symmetry: boolean): Promise<Result> =>
  explore({ module: MODULE, args: { params: {} } }, { spec: 'symmetric-starts', params: {} }, { workers: 1, symmetry });

describe('a trace from an initial state that is not its own representative', () => {
  it.each([true, false])('starts from the real state, renamed back (symmetry %s): P1 counts from 1 to 2', async (symmetry) => {
    const result = await run(symmetry);
    expect(result.run.symmetry).toBe(symmetry);
    const lone = result.properties.find((p) => p.name === 'LoneRunner')!;
    expect(lone.verdict).toBe('violated');
    expect(lone.counterexample).toMatchObject({
      initial: { P1: '1', P2: '0' },
      steps: [{ process: 'P1', action: 'P1.inc', label: 'P1 counts to 2', changes: [{ field: 'P1', before: '1', after: '2' }] }],
      contextSwitches: 0,
    });
  });
});
