/**
 * `Model.patchesAt` for the nfs spec: which of the variant's patches run their code in one step.
 * The step is recomputed with a kernel whose patched functions report when they are called, so
 * the answer is what the code does, not a table kept beside it. The engine's hot path never sees
 * this kernel: it is built only when a replay asks.
 */
import type { PatchInfo } from '../../explorer/model';
import type { Env, NfsTransition } from './kernel/env';
import type { KernelFunctions } from './kernel/functions';
import { nextSteps } from './model';
import type { NfsState } from './state';
import { kernelOf } from './variants';
import type { KernelPatch } from './variants/patches';

export function patchesAt(env: Env, patches: readonly KernelPatch[], s: NfsState, action: string): PatchInfo[] {
  const called = new Set<KernelPatch>();
  const k = { ...kernelOf(patches) } as Record<string, unknown>;
  // The patch whose override is in force for each function: the last one listing it. A value
  // (errorReporting) counts when read: the steps choose their kernel's calls by it (fsync.ts).
  for (const patch of patches) {
    for (const [name, fn] of Object.entries(patch.overrides)) {
      if (typeof fn !== 'function') {
        Object.defineProperty(k, name, {
          get: () => (called.add(patch), fn),
          enumerable: true,
          configurable: true,
        });
        continue;
      }
      k[name] = (...args: unknown[]) => {
        called.add(patch);
        return (fn as (...a: unknown[]) => unknown)(...args);
      };
    }
  }
  // A step's guard is evaluated just before it is pushed, and its body inside the push's
  // argument: what was called since the previous push belongs to this step.
  const out: NfsTransition[] = [];
  let found: KernelPatch[] | undefined;
  out.push = (...ts: NfsTransition[]) => {
    for (const t of ts) if (t.action === action && !found) found = [...called];
    called.clear();
    return Array.prototype.push.apply(out, ts);
  };
  nextSteps({ ...env, k: k as unknown as KernelFunctions }, s, out);
  const ran = new Set(found ?? []);
  return patches.filter((p) => ran.has(p)).map((p) => ({ id: p.id, summary: p.summary }));
}
