/**
 * The nfs spec's self-loops hand back their own state (issue 11): a step that changes nothing
 * gives `next === state`, which the engine takes as a self-loop without encoding it; and only
 * such a step does, so no self-loop is missed and no changing step is mistaken for one. Checked
 * on every reachable state of every variant at the defaults (two writers).
 */
import { describe, expect, it } from 'vitest';
import type { Model } from '../explorer/model';
import { spec } from '../spec/nfs';
import type { NfsState } from '../spec/nfs/state';
import { VARIANTS } from '../spec/nfs/variants';

type M = Model<NfsState>;

const key = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

/** Every transition of every reachable state, by breadth-first search over encodings. */
function survey(model: M): { states: number; sameObject: string[]; selfLoopsByBytes: number; sameObjectCount: number } {
  const seen = new Set<string>();
  const queue: NfsState[] = [];
  for (const s of model.init()) {
    seen.add(key(model.encode(s)));
    queue.push(s);
  }
  const sameObject = new Set<string>();
  let selfLoopsByBytes = 0;
  let sameObjectCount = 0;
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i]!;
    const own = key(model.encode(s));
    for (const t of model.next(s)) {
      const bytes = key(model.encode(t.next));
      if (bytes === own) selfLoopsByBytes++;
      if (t.next === s) {
        sameObjectCount++;
        sameObject.add(`${t.action.replace(/^W\d/, 'W')}[${t.outcome}]`);
      }
      if (t.violates === undefined && !seen.has(bytes)) {
        seen.add(bytes);
        queue.push(t.next);
      }
    }
  }
  return { states: queue.length, sameObject: [...sameObject].sort(), selfLoopsByBytes, sameObjectCount };
}

describe('nfs: a step that changes nothing hands back its own state, and only such a step', () => {
  for (const v of VARIANTS) {
    it(`${v.id}: every self-loop is the same object, and every same object is the wb_page spin`, () => {
      const model = spec.build({ variant: v.id, params: {} }) as M;
      const r = survey(model);
      expect(r.states).toBeGreaterThan(1000);
      // A successor with the same bytes as its state is the state itself (no self-loop is copied)...
      expect(r.sameObjectCount).toBe(r.selfLoopsByBytes);
      // ... and the only step that hands back its state is nfs_wb_page's spin (MODEL.md §4).
      for (const a of r.sameObject) expect(a).toBe('W.wb_page_iter[nfs_commit_inode returns 0]');
    });
  }

  it('22876f54 spins: its soft lockup is such a self-loop', () => {
    const model = spec.build({ variant: '22876f54', params: {} }) as M;
    expect(survey(model).sameObjectCount).toBeGreaterThan(0);
  });
});
