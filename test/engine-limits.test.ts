/**
 * The largest state the engine accepts: a transition is recorded by its 16-bit position among its
 * state's transitions (replay re-executes it), so a state may have at most 65535.
 */
import { describe, expect, it } from 'vitest';
import { checkGraph } from './support/engine-models';

describe('transitions per state', () => {
  it('accepts 65535 transitions from a state and refuses 65536 (a transition is replayed by a 16-bit position)', async () => {
    const most = await checkGraph('fan-65535');
    expect(most.stats).toMatchObject({ distinct: 2, generated: 65536 });
    await expect(checkGraph('fan-65536')).rejects.toThrow('a state has 65536 transitions; at most 65535 are supported');
  });
});
