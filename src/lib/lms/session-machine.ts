/**
 * The LMS session lifecycle: initialise, run, commit, terminate. Plain TypeScript (a switch over
 * nine states): it is on every launch inside an LMS, where XState's interpreter (about 38 KB) would
 * be paid for before the first screen; XState stays with the quiz machines.
 *
 * The SCORM API is synchronous, so each state that makes a call makes it on entry and the session
 * moves on at once; only retries wait (backoff). Rules it enforces:
 * - Initialize is called once; a refusal or throw is retried with backoff, then the session
 *   degrades (progress kept on this device) instead of failing.
 * - A failed commit is retried with backoff (RETRY_DELAYS_MS); after the last retry the session is
 *   `degraded`: it keeps saving locally and tries the LMS again on the next save.
 * - `lms.finish` ends the session exactly once (final state): Terminate / LMSFinish is never
 *   called twice, and no call follows it (1.2 RTE 3.3.4.2; 2004 RTE 3.1.4.2 and error 143).
 *
 *   initialising --ok--> running.idle            initialising --failed--> waitingToInitialise,
 *   waitingToInitialise --backoff--> initialising       or unavailable once the retries are spent
 *   running.idle --lms.save--> running.committing --ok--> running.idle
 *   running.committing --failed--> running.waitingToRetry --backoff--> running.committing,
 *                                  or degraded once the retries are spent
 *   degraded --lms.save--> checkingRecovery (one commit) --ok--> running.idle, else degraded
 *   any state --lms.finish--> terminated (final: Terminate / LMSFinish, then nothing)
 *
 * Listeners hear the state each event settles in (after start, every event, every retry), never
 * the passing states (initialising, running.committing, checkingRecovery: steps inside one call, so
 * `SessionState` lists only the states one settles in, and initialising). An event sent while one
 * is handled (by a port call or a listener) waits until that one has settled.
 */

/** What a port call came to, as far as the lifecycle cares. */
export type PortOutcome = 'ok' | 'failed';

/** The three LMS calls the lifecycle makes; lms-session.ts binds them to a ScormAdapter. */
export interface SessionPort {
  initialize(): PortOutcome;
  commit(): PortOutcome;
  finish(): void;
}

/** Timers for the backoff (the session's environment; the global ones by default). */
export interface SessionClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Backoff between retries of a refused or throwing call. */
export const RETRY_DELAYS_MS = [500, 1000, 2000] as const;

export type SessionEvent = { type: 'lms.save' } | { type: 'lms.finish' };

export type SessionState =
  | 'initialising'
  | 'waitingToInitialise'
  /** The LMS never accepted Initialize: progress lives on this device only. */
  | 'unavailable'
  | 'running.idle'
  /** Saves meanwhile are not lost: the retry commits everything queued. */
  | 'running.waitingToRetry'
  /** Retries ran out. Each later save tries the LMS once more, and recovers if it answers. */
  | 'degraded'
  | 'terminated';

/** An event from outside, or the end of a backoff. */
type Input = SessionEvent | { type: 'retry' };

const GLOBAL_CLOCK: SessionClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export class SessionLifecycle {
  readonly #port: SessionPort;
  readonly #clock: SessionClock;
  #state: SessionState = 'initialising';
  /** Retries made for the call now failing. */
  #retries = 0;
  #timer: { handle: unknown } | null = null;
  #queue: Input[] = [];
  #busy = false;
  #started = false;
  #listeners = new Set<() => void>();

  constructor(port: SessionPort, clock: SessionClock = GLOBAL_CLOCK) {
    this.#port = port;
    this.#clock = clock;
  }

  /** The state the last event settled in. */
  get state(): SessionState {
    return this.#state;
  }

  /** True once finished: every later event is ignored. */
  get done(): boolean {
    return this.#state === 'terminated';
  }

  /** `running` matches each of its substates (`running.idle`, ...). */
  matches(state: SessionState | 'running'): boolean {
    return this.#state === state || this.#state.startsWith(`${state}.`);
  }

  /** Called with every settled state until the session is finished. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Calls Initialize (retrying with backoff when refused); listeners hear where it settled. */
  start(): this {
    if (this.#started) return this;
    this.#started = true;
    this.#busy = true;
    try {
      this.#settle(this.#initialise());
    } finally {
      this.#busy = false;
    }
    this.#drain();
    return this;
  }

  send(event: SessionEvent): void {
    if (!this.#started || this.done) return;
    this.#queue.push(event);
    this.#drain();
  }

  /** Handles the queued events in order, each settled (and told to listeners) before the next. */
  #drain() {
    if (this.#busy) return;
    this.#busy = true;
    try {
      let next: Input | undefined;
      while (!this.done && (next = this.#queue.shift())) this.#settle(this.#step(next));
    } finally {
      this.#busy = false;
    }
  }

  #settle(state: SessionState) {
    this.#state = state;
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        // A listener's fault is reported, and neither stops the session nor the other listeners.
        setTimeout(() => {
          throw error;
        });
      }
    }
    if (this.done) {
      this.#listeners.clear();
      this.#queue = [];
    }
  }

  /** Where an event leads from the current state, making the calls on the way. */
  #step(event: Input): SessionState {
    const state = this.#state;
    if (event.type === 'lms.finish') {
      this.#cancelRetry();
      this.#port.finish();
      return 'terminated';
    }
    switch (state) {
      case 'waitingToInitialise':
        return event.type === 'retry' ? this.#initialise() : state;
      case 'running.idle':
        return event.type === 'lms.save' ? this.#commit() : state;
      case 'running.waitingToRetry':
        return event.type === 'retry' ? this.#commit() : state;
      case 'degraded':
        // checkingRecovery: one commit, no backoff.
        if (event.type !== 'lms.save') return state;
        return this.#port.commit() === 'ok' ? this.#running() : 'degraded';
      default:
        return state;
    }
  }

  /** initialising */
  #initialise(): SessionState {
    if (this.#port.initialize() === 'ok') return this.#running();
    return this.#retryOr('waitingToInitialise', 'unavailable');
  }

  /** running.committing */
  #commit(): SessionState {
    if (this.#port.commit() === 'ok') return this.#running();
    return this.#retryOr('running.waitingToRetry', 'degraded');
  }

  #running(): SessionState {
    this.#retries = 0;
    return 'running.idle';
  }

  /** Waits the next backoff in `waiting`, or, with no retry left, gives up in `spent`. */
  #retryOr(waiting: SessionState, spent: SessionState): SessionState {
    if (this.#retries >= RETRY_DELAYS_MS.length) return spent;
    this.#retries++;
    const timer = { handle: undefined as unknown };
    timer.handle = this.#clock.setTimeout(() => {
      if (this.#timer !== timer) return;
      this.#timer = null;
      this.#queue.push({ type: 'retry' });
      this.#drain();
    }, RETRY_DELAYS_MS[this.#retries - 1]!);
    this.#timer = timer;
    return waiting;
  }

  #cancelRetry() {
    if (this.#timer) this.#clock.clearTimeout(this.#timer.handle);
    this.#timer = null;
  }
}
