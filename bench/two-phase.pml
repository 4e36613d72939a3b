/*
 * Lamport's TwoPhase.tla in Promela, for `npm run bench` to compare mc with SPIN on the same
 * state space. Build with the number of RMs as N (1..10):  spin -DN=8 -a bench/two-phase.pml
 *
 * One process whose loop offers every action instance of TPNext as a d_step, so that a SPIN
 * state is exactly a TLA+ state (the loop head is the only control location) and SPIN's
 * "states, stored" equals TLC's distinct count. Variables as in spec/two-phase/state.ts:
 * msgs is one flag per possible message, tmPrepared one flag per RM.
 */
#ifndef N
#define N 8
#endif

#define WORKING   0
#define PREPARED  1
#define COMMITTED 2
#define ABORTED   3

#define TM_INIT      0
#define TM_COMMITTED 1
#define TM_ABORTED   2

byte rmState[N];
byte tmState;
bit tmPrepared[N];
bit msgPrepared[N];
bit msgCommit;
bit msgAbort;

/* TMCommit's guard, tmPrepared = RM, spelled out for the N RMs there are. */
#define P0 tmPrepared[0]
#if N > 1
#define P1 && tmPrepared[1]
#else
#define P1
#endif
#if N > 2
#define P2 && tmPrepared[2]
#else
#define P2
#endif
#if N > 3
#define P3 && tmPrepared[3]
#else
#define P3
#endif
#if N > 4
#define P4 && tmPrepared[4]
#else
#define P4
#endif
#if N > 5
#define P5 && tmPrepared[5]
#else
#define P5
#endif
#if N > 6
#define P6 && tmPrepared[6]
#else
#define P6
#endif
#if N > 7
#define P7 && tmPrepared[7]
#else
#define P7
#endif
#if N > 8
#define P8 && tmPrepared[8]
#else
#define P8
#endif
#if N > 9
#define P9 && tmPrepared[9]
#else
#define P9
#endif
#define ALL_PREPARED (P0 P1 P2 P3 P4 P5 P6 P7 P8 P9)

/* The actions of RM r and the TM's receipt of r's Prepared message. */
#define RM_ACTIONS(r) \
  :: d_step { tmState == TM_INIT && msgPrepared[r] -> tmPrepared[r] = 1 } \
  :: d_step { rmState[r] == WORKING -> rmState[r] = PREPARED; msgPrepared[r] = 1 } \
  :: d_step { rmState[r] == WORKING -> rmState[r] = ABORTED } \
  :: d_step { msgCommit -> rmState[r] = COMMITTED } \
  :: d_step { msgAbort -> rmState[r] = ABORTED }

active proctype TwoPhase() {
  do
  :: d_step { tmState == TM_INIT && ALL_PREPARED -> tmState = TM_COMMITTED; msgCommit = 1 }
  :: d_step { tmState == TM_INIT -> tmState = TM_ABORTED; msgAbort = 1 }
  RM_ACTIONS(0)
#if N > 1
  RM_ACTIONS(1)
#endif
#if N > 2
  RM_ACTIONS(2)
#endif
#if N > 3
  RM_ACTIONS(3)
#endif
#if N > 4
  RM_ACTIONS(4)
#endif
#if N > 5
  RM_ACTIONS(5)
#endif
#if N > 6
  RM_ACTIONS(6)
#endif
#if N > 7
  RM_ACTIONS(7)
#endif
#if N > 8
  RM_ACTIONS(8)
#endif
#if N > 9
  RM_ACTIONS(9)
#endif
  od
}
