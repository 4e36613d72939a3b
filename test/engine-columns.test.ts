/**
 * The engine's storage and its small algorithms, unit by unit: growable columns and what their
 * growth would allocate (`--max-memory` looks ahead with it), the explored graph's renamings and
 * look-ahead, the sorted-column search, and fewest switches on a hand-made layered graph.
 */
import { describe, expect, it } from 'vitest';
import { Column, RecordBuffer, grownBytes } from '../explorer/growable';
import { ExploredGraph } from '../explorer/graph';
import { lastAtMost } from '../explorer/sorted';
import { FewestSwitches, bestTarget } from '../explorer/fewest-switches';
import type { LayeredGraph } from '../explorer/layered';

describe('growable columns', () => {
  it('grownBytes: nothing while the elements fit (up to and including the capacity), else the grown array', () => {
    expect(grownBytes(1000, 1024, 4)).toBe(0);
    expect(grownBytes(1024, 1024, 4)).toBe(0);
    expect(grownBytes(1025, 1024, 4)).toBe(2048 * 4);
    expect(grownBytes(5000, 1024, 1)).toBe(8192);
  });

  it('growth doubles the capacity it has (whatever it is) up to the first that holds what is needed, up to 1 Mi elements; then reserves 2^28, counted by the pages written', () => {
    // From 1,000, not a power of two: 2,000 (not the 1,024 or 2,048 of doubling from 1).
    expect(grownBytes(1001, 1000, 1)).toBe(2000);
    // 2,048 needed from 1,024: one doubling holds it exactly, no second.
    expect(grownBytes(2048, 1024, 1)).toBe(2048);
    // Just below 1 Mi, still doubling; past it, the reservation, which takes only the pages that
    // the copy and the new elements write.
    expect(grownBytes(2 ** 19 + 1, 2 ** 19, 1)).toBe(2 ** 20);
    expect(grownBytes(2 ** 20 + 1, 2 ** 20, 4)).toBe(4 * 2 ** 20 + 4096);
    // Within the reservation nothing grows; past it, a copy again (by half), counted the same way.
    expect(grownBytes(2 ** 28, 2 ** 28, 1)).toBe(0);
    expect(grownBytes(2 ** 28 + 1, 2 ** 28, 1)).toBe(2 ** 28 + 4096);
    // By half up to the largest typed array (2^32 elements), not past it; more is refused.
    expect(grownBytes(3057647617, 3057647616, 1)).toBe(3057651712);
    expect(grownBytes(2 ** 32, 3057647616, 1)).toBe(2 ** 32);
    expect(() => grownBytes(2 ** 32 + 1, 3057647616, 1)).toThrow('a column of 4294967297 elements is more than one typed array holds (4294967296)');
  });

  it('a reserved column of 4-byte elements counts its written pages past a quarter of its elements (bytes, not elements)', () => {
    const column = new Column(Uint32Array, 2 ** 20);
    for (let i = 0; i <= 2 ** 24; i++) column.push(i);
    expect(column.data.length).toBe(2 ** 28);
    expect(column.bytes).toBe(4 * 2 ** 24 + 4096);
  });

  it('a reserved column counts the pages it has written, and is never copied again: one array from 1 Mi + 1 elements on', () => {
    const column = new Column(Uint8Array, 2 ** 20);
    for (let i = 0; i < 2 ** 20; i++) column.push(1);
    expect(column.bytes).toBe(2 ** 20);
    column.push(2);
    const reserved = column.data;
    expect([reserved.length, column.bytes]).toEqual([2 ** 28, 2 ** 20 + 4096]);
    for (let i = 0; i < 3 * 2 ** 20; i++) column.push(3);
    expect(column.data).toBe(reserved);
    expect(column.bytes).toBe(4 * 2 ** 20 + 4096);
    expect([column.get(2 ** 20 - 1), column.get(2 ** 20), column.get(2 ** 20 + 1)]).toEqual([1, 2, 3]);
  });

  it('a column reserves room by growing only when what is asked for does not fit: a reserve that fits keeps its array', () => {
    const column = new Column(Uint8Array, 16);
    const array = column.data;
    column.reserve(16);
    expect(column.data).toBe(array);
    column.length = 10;
    column.reserve(6);
    expect(column.data).toBe(array);
    column.reserve(7);
    expect(column.data).not.toBe(array);
    expect(column.data.length).toBeGreaterThanOrEqual(17);
  });

  it('a column looks ahead from its length, not from zero', () => {
    const column = new Column(Uint32Array);
    for (let i = 0; i < 1000; i++) column.push(i);
    expect(column.growthAhead(24)).toBe(0);
    expect(column.growthAhead(25)).toBe(2048 * 4);
    for (let i = 0; i < 25; i++) column.push(i);
    expect(column.bytes).toBe(2048 * 4);
    expect(column.view()).toHaveLength(1025);
    expect(column.get(1024)).toBe(24);
  });

  it('a record buffer looks ahead for its bytes and its offsets, both', () => {
    const buffer = new RecordBuffer();
    buffer.add(Uint8Array.of(1, 2, 3));
    // 3 + 5,000 bytes outgrow 4,096 (to 8,192); 1 + 1 + 2,000 offsets outgrow 1,024 (to 2,048 x 4).
    expect(buffer.growthAhead(1, 5000)).toBe(8192);
    expect(buffer.growthAhead(2000, 10)).toBe(8192);
    expect(buffer.growthAhead(2000, 5000)).toBe(16384);
  });

  it('a record buffer keeps every record and its offsets across growth, and starts over on clear', () => {
    const r = new RecordBuffer();
    const records = Array.from({ length: 5000 }, (_, i) => Uint8Array.from({ length: 1 + (i % 7) }, (_, j) => (i + j) & 0xff));
    for (const rec of records) r.add(rec);
    expect(r.count).toBe(5000);
    const { data, offsets } = r.contents();
    expect(offsets.length).toBe(5001);
    expect(offsets[0]).toBe(0);
    const back = records.map((_, i) => Array.from(data.subarray(offsets[i], offsets[i + 1])));
    expect(back).toEqual(records.map((rec) => Array.from(rec)));
    r.clear();
    r.add(Uint8Array.of(9, 9));
    const after = r.contents();
    expect([r.count, Array.from(after.offsets), Array.from(after.data)]).toEqual([1, [0, 2], [9, 9]]);
  });

  it('a record buffer fills its capacity to the last byte in place, moves only to grow, and reads back each record', () => {
    const buffer = new RecordBuffer(8);
    buffer.add(Uint8Array.of(1, 2, 3));
    buffer.add(Uint8Array.of(4));
    const bytes = buffer.contents().data.buffer;
    buffer.add(Uint8Array.of(5, 6, 7, 8));
    // 8 of 8 bytes used, in the same array (no copy): one more byte would grow it to 16.
    expect(buffer.contents().data.buffer).toBe(bytes);
    expect(buffer.growthAhead(0, 1)).toBe(16);
    expect([0, 1, 2].map((i) => Array.from(buffer.record(i)))).toEqual([[1, 2, 3], [4], [5, 6, 7, 8]]);
    buffer.add(Uint8Array.of(9));
    expect(buffer.contents().data.buffer).not.toBe(bytes);
    expect(Array.from(buffer.contents().data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(buffer.count).toBe(4);
  });
});

describe('the explored graph', () => {
  it('looks ahead over the seen set, the per-state, per-region and per-edge columns', () => {
    const graph = new ExploredGraph(2, 1);
    // 1,100 more edges (hence at most 1,100 more states) outgrow every 1,024-slot column:
    // seen fingerprints 16,384 (4,096 halves); flags 2,048, enabled 2,048 (two processes: a byte
    // a mask), edgeStart 8,192 (it holds 1 + 1,100); regions (one per state) 2,048; target 8,192,
    // proc 2,048, ordinal and perm 4,096 each. The seen set's 65,536-slot table stays under half full.
    expect(graph.growthAhead(1100)).toBe(16384 + 12288 + 2048 + 18432);
    expect(graph.growthAhead(1000)).toBe(0);
    // Without renamings (no symmetry) the edges' perm column is never filled, so never grows.
    expect(new ExploredGraph(2, 1, false).growthAhead(1100)).toBe(16384 + 12288 + 2048 + 18432 - 4096);
  });

  it('keeps each process mask (enabled, regions) as wide as the process count needs: 8, 16 or 32 bits', () => {
    const top = (processes: number) => {
      const graph = new ExploredGraph(processes, 1);
      const mask = 2 ** (processes - 1);
      graph.enabled.push(mask);
      graph.regions.push(mask);
      return [graph.enabled.get(0), graph.regions.get(0), graph.enabled.bytes / 1024];
    };
    expect(top(8)).toEqual([128, 128, 1]);
    expect(top(9)).toEqual([256, 256, 2]);
    expect(top(16)).toEqual([32768, 32768, 2]);
    expect(top(17)).toEqual([65536, 65536, 4]);
    expect(top(32)).toEqual([2 ** 31, 2 ** 31, 4]);
  });

  it('without renamings every edge reads the identity and the perm column stays empty', () => {
    const graph = new ExploredGraph(3, 0, false);
    expect([graph.renamingOf(0), graph.renamingOf(5000), graph.perm.length]).toEqual([0, 0, 0]);
    const renamed = new ExploredGraph(3, 0);
    renamed.perm.push(renamed.internPerm([1, 2, 0]));
    expect(renamed.renamingOf(0)).toBe(1);
  });

  it('composes renamings: first by b, then by a, the same id for the same permutation', () => {
    const graph = new ExploredGraph(3, 0);
    const rotate = graph.internPerm([1, 2, 0]);
    const swap = graph.internPerm([1, 0, 2]);
    const back = graph.internPerm([2, 0, 1]);
    expect(graph.composePerms(rotate, back)).toBe(0);
    expect(graph.composePerms(rotate, swap)).toBe(graph.internPerm([2, 1, 0]));
    expect(graph.composePerms(swap, rotate)).toBe(graph.internPerm([0, 2, 1]));
    expect(graph.composePerms(rotate, rotate)).toBe(back);
    expect(graph.composePerms(0, swap)).toBe(swap);
    expect(graph.composePerms(swap, 0)).toBe(swap);
    expect(graph.perms).toHaveLength(6);
  });
});

describe('lastAtMost', () => {
  it('searches only the first `length` entries, whatever lies past them', () => {
    const column = Int32Array.of(0, 5, 10, 0, 0);
    expect(lastAtMost(column, 3, 20)).toBe(2);
    expect(lastAtMost(column, 3, 7)).toBe(1);
    expect(lastAtMost(column, 3, 5)).toBe(1);
    expect(lastAtMost(column, 3, 4)).toBe(0);
    expect(lastAtMost(column, 1, 20)).toBe(0);
  });
});

describe('fewest switches', () => {
  /**
   * Roots 0 and 1 (processes P = 0, Q = 1). Depth 1: 0 -P-> 2, 1 -Q-> 3. Depth 2: 2 -Q-> 4,
   * 3 -P-> 4. Depth 3: 4 -P-> 5.
   */
  const levels = [0, 2, 4, 5, 6];
  const edges: [number, number, number][] = [
    [0, 0, 2],
    [1, 1, 3],
    [2, 1, 4],
    [3, 0, 4],
    [4, 0, 5],
  ];
  const graph: LayeredGraph = {
    nodeCount: 6,
    processCount: 2,
    depthOf: (n) => lastAtMost(levels, levels.length, n),
    edgeStart: Int32Array.of(0, 1, 2, 3, 4, 5, 5),
    target: Int32Array.from(edges.map((e) => e[2])),
    proc: Uint8Array.from(edges.map((e) => e[1])),
    renamed: (_, p) => p,
    sourceOf: (e) => edges[e]![0],
    roots: [0, 1],
  };

  it('a step from an initial state switches nothing', () => {
    const dp = new FewestSwitches(graph);
    expect(dp.toEdge(0)).toEqual({ switches: 0, slot: 2 });
    expect(dp.toEdge(1)).toEqual({ switches: 0, slot: 2 });
  });

  it('counts a switch where the process changes, and picks the first of equal paths', () => {
    const dp = new FewestSwitches(graph);
    // 4 is reached by P then Q (last Q) and by Q then P (last P): one switch either way.
    expect(dp.toNode(4)).toEqual({ switches: 1, slot: 0 });
    expect(dp.pathTo(4, 0)).toEqual([1, 3]);
    expect(dp.pathTo(4, 1)).toEqual([0, 2]);
    // P's step from 4 continues the path that ended with P: still one switch.
    expect(dp.toEdge(4)).toEqual({ switches: 1, slot: 0 });
    expect(dp.toNode(5)).toEqual({ switches: 1, slot: 0 });
  });

  it('computes nothing past maxDepth: a deeper node or a step from one is unreached', () => {
    const dp = new FewestSwitches(graph, 1);
    expect(dp.toNode(2)).toEqual({ switches: 0, slot: 0 });
    expect(dp.toNode(4)).toEqual({ switches: 0x7fffffff, slot: -1 });
    expect(dp.pathTo(4, 0)).toEqual([]);
    expect(dp.toEdge(4)).toEqual({ switches: 0x7fffffff, slot: -1 });
  });

  // A chain 0 -> 1 -> ... -> n, the processes alternating: every step after the first switches.
  // The table is a byte a key up to 254 switches, 2 bytes up to 65,534, else 4.
  for (const n of [200, 300, 70_000]) {
    it(`counts ${n - 1} switches on a path of ${n} steps, in a table wide enough for them`, () => {
      const chain: LayeredGraph = {
        nodeCount: n + 1,
        processCount: 2,
        depthOf: (v) => v,
        edgeStart: Int32Array.from({ length: n + 2 }, (_, v) => Math.min(v, n)),
        target: Int32Array.from({ length: n }, (_, e) => e + 1),
        proc: Uint8Array.from({ length: n }, (_, e) => e % 2),
        renamed: (_, p) => p,
        sourceOf: (e) => e,
        roots: [0],
      };
      const dp = new FewestSwitches(chain);
      expect(dp.toNode(n)).toEqual({ switches: n - 1, slot: (n - 1) % 2 });
      const path = dp.pathTo(n, (n - 1) % 2);
      expect(path).toHaveLength(n);
      expect(path[0]).toBe(0);
      expect(path[n - 1]).toBe(n - 1);
      // The other process never takes the last step: that key is unreached, whatever the width.
      expect(dp.pathTo(n, n % 2)).toEqual([]);
    });
  }

  it('bestTarget orders ranks lexicographically, a prefix first, the first of equals kept', () => {
    const short = [1];
    const long = [1, 0];
    expect(bestTarget([long, short], (r) => r)).toBe(short);
    expect(bestTarget([short, long], (r) => r)).toBe(short);
    const again = [1];
    expect(bestTarget([short, again], (r) => r)).toBe(short);
    expect(bestTarget([[2, 0], [1, 9]], (r) => r)).toEqual([1, 9]);
    expect(bestTarget([], (r: number[]) => r)).toBeUndefined();
  });
});
