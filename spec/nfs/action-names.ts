/**
 * `Model.actions` for the nfs spec: every transition identity the steps of kernel/ can produce
 * with these parameters (MODEL.md §4's step names, with their choices), enabled or not. Replay
 * reads it to tell a saved schedule that names no step of the spec (a hand-edited or foreign
 * file: bad input) from a step the variant does not enable, and coverage to name the steps never
 * taken. The identities are spelled here as kernel/ spells them; test/nfs-state-space.test.ts
 * checks that every step met in explored state spaces is listed, and that every listed one is met.
 */
import type { NfsParams } from './params';
import { SLOTS } from './params';
import type { PcName } from './state';

/** A writer's steps by name, each with the program counter it is taken at (why-disabled.ts reads it too). */
export const WRITER_STEPS: Readonly<Record<string, PcName>> = {
  start_io_write: 'start_io_write',
  write_begin: 'write_begin',
  update_page: 'update_page',
  add_request: 'add_request',
  write_end: 'write_end',
  wb_page_iter: 'wb_page',
  fsync_flush: 'fsync_flush',
  fsync_wait: 'fsync_wait',
  fsync_report: 'fsync_report',
};

/** The steps named by a choice as well (below); the others are named by the step alone. */
const WITH_CHOICE = new Set(['start_io_write', 'fsync_flush']);

export function actionNames(params: NfsParams, names: readonly string[]): ReadonlySet<string> {
  const writers = names.slice(0, params.writers);
  const pages = Array.from({ length: params.pages }, (_, i) => `p${i}`);
  // A step that may take writepage's pageio-failure branch exists only while a fault can be injected.
  const withFault = (identity: string): string[] => (params.faults > 0 ? [identity, identity.replace(/\)$/, ',fault)')] : [identity]);
  const out: string[] = [];
  // In WRITER_STEPS' order, the write path's (coverage lists the steps in this order).
  for (const me of writers) {
    for (const step of Object.keys(WRITER_STEPS)) {
      if (!WITH_CHOICE.has(step)) out.push(`${me}.${step}`);
      if (step === 'wb_page_iter' && params.faults > 0) out.push(`${me}.wb_page_iter(fault)`);
      if (step === 'start_io_write') for (const page of pages) for (const slot of SLOTS) out.push(`${me}.start_io_write(${page},s${slot})`);
      if (step === 'fsync_flush') for (const page of pages) out.push(...withFault(`${me}.fsync_flush(${page})`));
    }
  }
  for (const page of pages) {
    out.push(...withFault(`F.flush(${page})`));
    for (const owner of writers) out.push(...withFault(`C.complete(R@${page}/${owner})`));
  }
  return new Set(out);
}
