/**
 * A token passed around a ring of n processes (P1 -> P2 -> ... -> Pn -> P1), symmetric under
 * rotation: the representative puts the holder first. Every step renames the processes (a
 * rotation), so the representatives' cycle is a self-loop whose renaming is not the identity,
 * and going once round the real ring takes n trips round it. The first holder is P2, so even the
 * initial state is renamed.
 *
 * - `EveryoneGetsToken`: a process without the token eventually gets it. Holds: the token
 *   visits everyone. Read off the representatives without their renamings it would fail.
 * - `RingTurns`: no process is ever out of the region; violated by the ring itself, the lasso
 *   whose cycle is n passes, one by each process in ring order.
 *
 * A state is 9 bytes, the holder last: a hash of the first 8 bytes would see one state.
 */
import type { Model } from '../../explorer/model';
import type { SpecArgs, SpecDefinition } from '../../explorer/spec';

interface Ring {
  readonly holder: number;
}

function ring(n: number): Model<Ring> {
  const name = (p: number) => `P${p + 1}`;
  const all = Array.from({ length: n }, (_, p) => p);
  return {
    processes: all.map(name),
    init: () => [{ holder: 1 % n }],
    next: (s) => [
      {
        process: s.holder,
        action: `${name(s.holder)}.pass`,
        label: `${name(s.holder)} passes the token to ${name((s.holder + 1) % n)}`,
        next: { holder: (s.holder + 1) % n },
      },
    ],
    encode: (s) => Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, s.holder),
    decode: (b) => ({ holder: b[8] }),
    properties: [
      {
        name: 'EveryoneGetsToken',
        description: 'A process without the token eventually gets it.',
        checks: [{ kind: 'leaves', processes: all, inRegion: (s, p) => s.holder !== p }],
      },
      {
        name: 'RingTurns',
        description: 'Nobody is ever out of the ring (violated: the token goes round forever).',
        checks: [{ kind: 'leaves', processes: all, inRegion: () => true }],
      },
    ],
    explainProcess: (s, p) => (s.holder === p ? `${name(p)} holds the token` : `${name(p)} waits for the token`),
    // Rotate so that the holder is process 0: real process p sits at (p - holder) mod n.
    canonical: (s) => ({ state: { holder: 0 }, perm: all.map((p) => (p - s.holder + n) % n) }),
    view: (s) => ({ holder: name(s.holder) }),
  };
}

export const spec: SpecDefinition = {
  name: 'ring',
  summary: 'A token ring, symmetric under rotation.',
  parameters: [{ name: 'n', min: 2, max: 8, default: 3, help: 'processes' }],
  symmetry: true,
  propertyNames: ['EveryoneGetsToken', 'RingTurns'],
  build: (args: SpecArgs) => ring(args.params.n ?? 3),
};
