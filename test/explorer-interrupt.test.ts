/** An abort (Ctrl-C, SIGTERM) is honoured in the phase after the search too: liveness and traces. */
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { explore } from '../explorer';

const MODULE = path.join(__dirname, 'models', 'post-search');
const hook = globalThis as { mcOnView?: () => void };

const run = (signal?: AbortSignal) =>
  explore({ module: MODULE, args: { params: {} } }, { spec: 'post-search', params: {} }, { workers: 1, symmetry: false, ...(signal ? { signal } : {}) });

describe('abort after the search', () => {
  afterEach(() => {
    delete hook.mcOnView;
  });

  it('uninterrupted: every property is violated with its counterexample', async () => {
    const result = await run();
    expect(result.completion).toEqual({ complete: true });
    expect(result.properties.map((p) => p.verdict)).toEqual(['violated', 'violated', 'violated', 'holds']);
  });

  it('aborted while the first counterexample is rendered: it stands, the undecided rest are unknown, the run says interrupted', async () => {
    const controller = new AbortController();
    hook.mcOnView = () => controller.abort();
    const result = await run(controller.signal);
    expect(result.completion).toEqual({ complete: false, stoppedBy: 'interrupted' });
    expect(result.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['Below1', 'violated'],
      ['Below2', 'unknown'],
      ['Below3', 'unknown'],
      // Decided by the complete search, needing no counterexample: it stands too.
      ['DeadlockFree', 'holds'],
    ]);
    expect(result.properties[0]!.counterexample?.steps).toHaveLength(1);
    expect(result.properties[1]!.counterexample).toBeUndefined();
  });
});
