/**
 * The seen set behind its seam (explorer/fingerprint-set.ts): a search over another
 * implementation, here the obvious one (a Map per low half), must number the same states and build
 * the same graph as over the in-memory open-addressing table (explorer/seen-set.ts). A test by
 * difference: a fault in the table's probing, growth or migration that changes a lookup changes
 * the numbering, and one in the seam (the search bypassing the set it was given) shows in the
 * calls counted.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { breadthFirst } from '../explorer/bfs';
import { inlineExecutor } from '../explorer/executor';
import { loadHasher } from '../explorer/fingerprint';
import type { FingerprintSet } from '../explorer/fingerprint-set';
import type { ExploredGraph } from '../explorer/graph';
import { loadModel } from '../explorer/load';
import type { SearchContext } from '../explorer/search-context';
import { contextOf } from './support/search-context';

/** Fingerprints in nested Maps and two plain arrays: too slow for real runs, and plainly right. */
class MapFingerprintSet implements FingerprintSet {
  private readonly index = new Map<number, Map<number, number>>();
  private readonly los: number[] = [];
  private readonly his: number[] = [];
  adds = 0;
  get size(): number {
    return this.los.length;
  }
  lo(i: number): number {
    return this.los[i]!;
  }
  hi(i: number): number {
    return this.his[i]!;
  }
  find(lo: number, hi: number): number {
    return this.index.get(lo)?.get(hi) ?? -1;
  }
  add(lo: number, hi: number): number {
    this.adds++;
    const i = this.size;
    if (!this.index.has(lo)) this.index.set(lo, new Map());
    this.index.get(lo)!.set(hi, i);
    this.los.push(lo);
    this.his.push(hi);
    return i;
  }
  warm(): number {
    return 0;
  }
  growthAhead(): number {
    return 0;
  }
  get byteLength(): number {
    return 16 * this.size;
  }
}

/** Everything the verdicts read of a graph, as plain arrays. */
function columns(g: ExploredGraph) {
  const all = (c: { view(): ArrayLike<number> }) => Array.from(c.view());
  return {
    size: g.size,
    levelStarts: g.levelStarts,
    fingerprints: Array.from({ length: g.size }, (_, i) => [g.seen.lo(i), g.seen.hi(i)]),
    flags: all(g.flags),
    enabled: all(g.enabled),
    regions: all(g.regions),
    edgeStart: all(g.edgeStart),
    target: all(g.target),
    proc: all(g.proc),
    ordinal: all(g.ordinal),
    perm: all(g.perm),
    perms: g.perms,
    roots: g.roots,
  };
}

async function searchedBoth(module: string, args: { variant?: string; params: Record<string, number> }, symmetry: boolean) {
  const model = await loadModel({ module: path.join(__dirname, '..', 'spec', module, 'index'), args });
  const hasher = await loadHasher();
  const table = contextOf(model, hasher, symmetry);
  const maps = new MapFingerprintSet();
  const mapped: SearchContext<unknown> = { ...table, newSeenSet: () => maps };
  const a = await breadthFirst(table, inlineExecutor(table), { workers: 1 });
  const b = await breadthFirst(mapped, inlineExecutor(mapped), { workers: 1 });
  return { a, b, maps };
}

describe('the seen set is a seam: another fingerprint set gives the same search', () => {
  it('TwoPhase N = 5: the same states, numbered the same, and the same edges', async () => {
    const { a, b, maps } = await searchedBoth('two-phase', { params: { rms: 5 } }, false);
    expect(a.graph.size).toBe(8832);
    expect(columns(b.graph)).toEqual(columns(a.graph));
    expect(b.graph.seen).toBe(maps);
    expect(maps.adds).toBe(8832);
    expect([b.generated, b.stateHits, b.stepHits, b.deadlocks]).toEqual([a.generated, a.stateHits, a.stepHits, a.deadlocks]);
  });

  it('nfs 22876f54 with two writers, under symmetry, where liveness keeps regions and renamings', async () => {
    const { a, b, maps } = await searchedBoth('nfs', { variant: '22876f54', params: { writers: 2 } }, true);
    expect(a.graph.perms.length).toBeGreaterThan(1);
    expect(columns(b.graph)).toEqual(columns(a.graph));
    expect(maps.adds).toBe(a.graph.size);
    expect([b.generated, b.stateHits, b.stepHits, b.deadlocks]).toEqual([a.generated, a.stateHits, a.stepHits, a.deadlocks]);
  });
});
