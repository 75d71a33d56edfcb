/**
 * The LMS session lifecycle: initialise, run, commit, terminate.
 *
 * The SCORM API is synchronous, so each state's entry action makes its call and the machine moves
 * on at once; only retries wait (backoff). Rules it enforces:
 * - Initialize is called once; a refusal or throw is retried with backoff, then the session
 *   degrades (progress kept on this device) instead of failing.
 * - A failed commit is retried with backoff (RETRY_DELAYS_MS); after the last retry the session is
 *   `degraded`: it keeps saving locally and tries the LMS again on the next save.
 * - `lms.finish` ends the session exactly once (final state): Terminate / LMSFinish is never
 *   called twice, and no call follows it (1.2 RTE 3.3.4.2; 2004 RTE 3.1.4.2 and error 143).
 */
import { assign, setup } from 'xstate';

/** What a port call came to, as far as the lifecycle cares. */
export type PortOutcome = 'ok' | 'failed';

/** The three LMS calls the lifecycle makes; index.ts binds them to a ScormAdapter. */
export interface SessionPort {
  initialize(): PortOutcome;
  commit(): PortOutcome;
  finish(): void;
}

/** Backoff between retries of a refused or throwing call. */
export const RETRY_DELAYS_MS = [500, 1000, 2000] as const;

export type SessionEvent = { type: 'lms.save' } | { type: 'lms.finish' };

interface SessionContext {
  port: SessionPort;
  /** Retries made for the call now failing. */
  retries: number;
  lastOutcome: PortOutcome;
}

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as { port: SessionPort }
  },
  actions: {
    initialize: assign({ lastOutcome: ({ context }) => context.port.initialize() }),
    commit: assign({ lastOutcome: ({ context }) => context.port.commit() }),
    countRetry: assign({ retries: ({ context }) => context.retries + 1 }),
    resetRetries: assign({ retries: 0 }),
    finish: ({ context }) => context.port.finish()
  },
  guards: {
    succeeded: ({ context }) => context.lastOutcome === 'ok',
    retriesLeft: ({ context }) => context.retries < RETRY_DELAYS_MS.length
  },
  delays: {
    backoff: ({ context }) => RETRY_DELAYS_MS[Math.min(context.retries, RETRY_DELAYS_MS.length) - 1] ?? 0
  }
}).createMachine({
  id: 'lmsSession',
  context: ({ input }) => ({ port: input.port, retries: 0, lastOutcome: 'ok' }),
  initial: 'initialising',
  on: {
    'lms.finish': '.terminated'
  },
  states: {
    initialising: {
      entry: 'initialize',
      always: [
        { guard: 'succeeded', target: 'running', actions: 'resetRetries' },
        { guard: 'retriesLeft', target: 'waitingToInitialise' },
        { target: 'unavailable' }
      ]
    },
    waitingToInitialise: {
      entry: 'countRetry',
      after: { backoff: 'initialising' }
    },
    /** The LMS never accepted Initialize: progress lives on this device only. */
    unavailable: {},
    running: {
      initial: 'idle',
      states: {
        idle: {
          on: { 'lms.save': 'committing' }
        },
        committing: {
          entry: 'commit',
          always: [
            { guard: 'succeeded', target: 'idle', actions: 'resetRetries' },
            { guard: 'retriesLeft', target: 'waitingToRetry' },
            { target: '#lmsSession.degraded' }
          ]
        },
        /** Saves meanwhile are not lost: the retry commits everything queued. */
        waitingToRetry: {
          entry: 'countRetry',
          after: { backoff: 'committing' }
        }
      }
    },
    /** Retries ran out. Each later save tries the LMS once more, and recovers if it answers. */
    degraded: {
      on: {
        'lms.save': { actions: 'commit', target: 'checkingRecovery' }
      }
    },
    checkingRecovery: {
      always: [{ guard: 'succeeded', target: 'running', actions: 'resetRetries' }, { target: 'degraded' }]
    },
    terminated: {
      type: 'final',
      entry: 'finish'
    }
  }
});
