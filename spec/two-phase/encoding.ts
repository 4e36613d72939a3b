/**
 * The state as bytes: one header byte for the TM and the broadcast messages, then one nibble per
 * RM holding everything the model knows about that RM (its state, whether the TM counted its vote,
 * whether its Prepared message was sent). 10 RMs take 6 bytes.
 *
 * Keeping each RM's variables together in one nibble is also what symmetry.ts sorts on.
 */
import { RM_STATES, TM_STATES, type RmState, type TmState, type TwoPhaseState } from './state';

/** The position in RM_STATES, by a switch: a keyed lookup per RM per state was a hot spot (profile). */
function rmStateCode(st: RmState): number {
  switch (st) {
    case 'working': return 0;
    case 'prepared': return 1;
    case 'committed': return 2;
    case 'aborted': return 3;
  }
}

function tmStateCode(st: TmState): number {
  switch (st) {
    case 'init': return 0;
    case 'committed': return 1;
    case 'aborted': return 2;
  }
}

/** Bits 0-1 rmState, bit 2 r \in tmPrepared, bit 3 the Prepared message of r is in msgs. */
export function rmNibble(s: TwoPhaseState, rm: number): number {
  return rmStateCode(s.rmState[rm]!) | (s.tmPrepared[rm] ? 4 : 0) | (s.msgs.prepared[rm] ? 8 : 0);
}

export function encodedLength(rms: number): number {
  return 1 + Math.ceil(rms / 2);
}

export function encode(s: TwoPhaseState): Uint8Array {
  const rms = s.rmState.length;
  const bytes = new Uint8Array(encodedLength(rms));
  bytes[0] = tmStateCode(s.tmState) | (s.msgs.commit ? 4 : 0) | (s.msgs.abort ? 8 : 0);
  for (let rm = 0; rm < rms; rm++) {
    bytes[1 + (rm >> 1)]! |= rmNibble(s, rm) << ((rm & 1) * 4);
  }
  return bytes;
}

/** The inverse of `encode` for a model of `rms` RMs (the byte length alone is ambiguous for odd counts). */
export function decode(bytes: Uint8Array, rms: number): TwoPhaseState {
  const header = bytes[0]!;
  const nibble = (rm: number): number => (bytes[1 + (rm >> 1)]! >> ((rm & 1) * 4)) & 0xf;
  const rmState: RmState[] = [];
  const tmPrepared: boolean[] = [];
  const prepared: boolean[] = [];
  for (let rm = 0; rm < rms; rm++) {
    const n = nibble(rm);
    rmState.push(RM_STATES[n & 3]!);
    tmPrepared.push((n & 4) !== 0);
    prepared.push((n & 8) !== 0);
  }
  const tmState = TM_STATES[header & 3];
  if (tmState === undefined) throw new Error(`two-phase: bad TM state code ${header & 3}`);
  return { rmState, tmState, tmPrepared, msgs: { prepared, commit: (header & 4) !== 0, abort: (header & 8) !== 0 } };
}
