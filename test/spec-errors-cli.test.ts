/**
 * A spec error reaches the user as one line naming the spec, the rule and the state, exit 4, with
 * the words "spec error" (not "internal error"). The registry is extended with the broken models
 * for this file only; `main` runs in this process with one worker (no compiled twin needed).
 */
import * as path from 'path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/run';

vi.mock('../spec/registry', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../spec/registry')>();
  const { spec } = await import('./models/broken');
  return {
    ...actual,
    SPECS: [...actual.SPECS, { name: 'broken', module: path.join(__dirname, 'models', 'broken') }],
    // The registry's loader is a plain require of compiled JavaScript; this process runs TypeScript.
    loadSpec: (entry: { name: string }) => (entry.name === 'broken' ? spec : actual.loadSpec(entry as never)),
  };
});


async function runMain(...argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await main(argv);
    return { code, stderr };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

describe('spec errors on the command line', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a decode that reads bytes.buffer from 0: one line, exit 4, "spec error", the state', async () => {
    const r = await runMain('check', '--spec', 'broken', '--variant', 'decode-buffer', '--workers', '1');
    expect(r.code).toBe(4);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^mc: spec error in spec broken: encode\/decode round trip: decode works on a fresh copy but not on a view .*; state: P1=0, P2=0\n$/,
    );
    expect(r.stderr).not.toContain('internal error');
  });

  it('a replay that diverges is a spec error naming the likely mistake', async () => {
    const r = await runMain('check', '--spec', 'broken', '--variant', 'late-shuffle', '--workers', '1', '--no-symmetry');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^mc: spec error in spec broken: replay: .*next is not deterministic.*; state: P1=1, P2=0\n$/);
  });

  it('a second search that does not repeat the first is a spec error: next is not deterministic', async () => {
    const r = await runMain('check', '--spec', 'broken', '--variant', 'shuffle-between-searches', '--workers', '1', '--no-symmetry');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^mc: spec error in spec broken: next deterministic: next is not deterministic: .*; state: P1=1, P2=0\n$/);
  });

  it('the correct variant runs normally', async () => {
    const r = await runMain('check', '--spec', 'broken', '--workers', '1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });
});
