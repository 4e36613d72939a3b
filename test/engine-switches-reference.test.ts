/**
 * Fewest context switches checked by difference: on random layered graphs (edges back, sideways,
 * self-loops and to the next level; with and without renamings), `FewestSwitches` must give what
 * enumerating every shortest path one by one gives. The forward pass keeps only costs and reads
 * each edge once per node; this reference keeps nothing and walks every path.
 */
import { describe, expect, it } from 'vitest';
import { FewestSwitches } from '../explorer/fewest-switches';
import type { LayeredGraph } from '../explorer/layered';

const UNREACHED = 0x7fffffff;

/** A small deterministic generator (mulberry32), so that a failure names its seed. */
function generator(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}

interface RandomGraph extends LayeredGraph {
  readonly levels: number[][];
}

/** Nodes numbered level by level; every node past the first level has a predecessor one level up. */
function randomGraph(seed: number, renamings: boolean): RandomGraph {
  const pick = generator(seed);
  const processCount = 1 + pick(4);
  const levels: number[][] = [];
  let next = 0;
  for (let d = 0, depth = 2 + pick(5); d < depth; d++) levels.push(Array.from({ length: 1 + pick(4) }, () => next++));
  const depthOf = (n: number) => levels.findIndex((level) => level.includes(n));
  const out: [number, number, number[]][][] = Array.from({ length: next }, () => []);
  const permutation = (): number[] => {
    const p = Array.from({ length: processCount }, (_, i) => i);
    if (!renamings) return p;
    for (let i = p.length - 1; i > 0; i--) {
      const j = pick(i + 1);
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    return p;
  };
  const edge = (from: number, to: number) => out[from]!.push([to, pick(processCount), permutation()]);
  levels.forEach((level, d) => {
    if (d > 0) for (const v of level) edge(levels[d - 1]![pick(levels[d - 1]!.length)]!, v);
    for (const u of level) {
      // Anywhere no deeper than the next level, as in a breadth-first graph.
      const reachable = levels.slice(0, d + 2).flat();
      for (let k = pick(4); k > 0; k--) edge(u, reachable[pick(reachable.length)]!);
    }
  });
  const flat = out.flatMap((edges, from) => edges.map(([to, proc, perm]) => ({ from, to, proc, perm })));
  const edgeStart = new Int32Array(next + 1);
  for (let u = 0; u < next; u++) edgeStart[u + 1] = edgeStart[u]! + out[u]!.length;
  return {
    levels,
    nodeCount: next,
    processCount,
    depthOf,
    edgeStart,
    target: Int32Array.from(flat.map((e) => e.to)),
    proc: Uint8Array.from(flat.map((e) => e.proc)),
    renamed: (e, p) => flat[e]!.perm[p]!,
    sourceOf: (e) => flat[e]!.from,
    roots: levels[0]!,
  };
}

/** Fewest switches per (node, last process in the node's frame) over every shortest path, walked one by one. */
function everyShortestPath(g: RandomGraph, maxDepth: number): Map<string, number> {
  const none = g.processCount;
  const best = new Map<string, number>();
  const walk = (u: number, last: number, switches: number) => {
    const key = `${u}:${last}`;
    best.set(key, Math.min(best.get(key) ?? UNREACHED, switches));
    if (g.depthOf(u) >= maxDepth) return;
    for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) {
      const v = g.target[e]!;
      if (g.depthOf(v) !== g.depthOf(u) + 1) continue;
      const q = g.proc[e]!;
      walk(v, g.renamed(e, q), switches + (last !== none && last !== q ? 1 : 0));
    }
  };
  for (const root of g.roots) walk(root, none, 0);
  return best;
}

describe('fewest switches against every shortest path', () => {
  for (const renamings of [false, true]) {
    it(`agrees on 300 random layered graphs ${renamings ? 'with' : 'without'} renamings, to every node and every edge, at every depth limit`, () => {
      for (let seed = 1; seed <= 300; seed++) {
        const g = randomGraph(seed, renamings);
        const maxDepth = seed % 3 === 0 ? Infinity : seed % (g.levels.length + 1);
        const dp = new FewestSwitches(g, maxDepth);
        const best = everyShortestPath(g, maxDepth);
        const cost = (n: number, s: number) => best.get(`${n}:${s}`) ?? UNREACHED;
        const none = g.processCount;
        for (let n = 0; n < g.nodeCount; n++) {
          let expected = { switches: UNREACHED, slot: -1 };
          for (let s = 0; s <= none; s++) if (cost(n, s) < expected.switches) expected = { switches: cost(n, s), slot: s };
          expect(dp.toNode(n), `seed ${seed}, node ${n}`).toEqual(expected);
          if (expected.slot < 0) continue;
          // The path read back is a shortest path to n, arriving with that slot, with that many switches.
          for (let s = 0; s <= none; s++) {
            // A key no shortest path reaches has no path (nor has a root's no-step key).
            if (cost(n, s) === UNREACHED || s === none) {
              expect(dp.pathTo(n, s), `seed ${seed}, no path to ${n}:${s}`).toEqual([]);
              continue;
            }
            const path = dp.pathTo(n, s);
            expect(path, `seed ${seed}, path to ${n}:${s}`).toHaveLength(g.depthOf(n));
            let at = g.sourceOf(path[0]!);
            let last = none;
            let switches = 0;
            expect(g.roots).toContain(at);
            for (const e of path) {
              expect(g.sourceOf(e)).toBe(at);
              const q = g.proc[e]!;
              switches += last !== none && last !== q ? 1 : 0;
              last = g.renamed(e, q);
              at = g.target[e]!;
            }
            expect([at, last, switches], `seed ${seed}, path to ${n}:${s}`).toEqual([n, s, cost(n, s)]);
          }
        }
        for (let e = 0; e < g.target.length; e++) {
          const u = g.sourceOf(e);
          if (g.depthOf(u) > maxDepth) continue;
          const q = g.proc[e]!;
          let expected = { switches: UNREACHED, slot: -1 };
          for (let s = 0; s <= none; s++) {
            const c = cost(u, s);
            if (c === UNREACHED) continue;
            const total = c + (s !== none && s !== q ? 1 : 0);
            if (total < expected.switches) expected = { switches: total, slot: s };
          }
          expect(dp.toEdge(e), `seed ${seed}, edge ${e}`).toEqual(expected);
        }
      }
    });
  }
});
