/**
 * When progress is written and committed.
 *
 * An LMS stores only on commit (Moodle writes nothing to its database before LMSCommit / Commit),
 * and the commit at unload may never arrive (a crash, a closed laptop, a beacon the browser
 * refuses). So the course commits as the learner goes: after each lesson viewed, at most once per
 * COMMIT_INTERVAL_MS (the first at once, later ones at the end of the interval), because each commit
 * costs the learner a request (Moodle's is synchronous, and its 2004 player sends the whole data
 * model every time). Inside a quiz, each move to another question commits the answers given so far
 * at once, and a submitted result is committed at once: a crash mid-quiz loses at most the answer
 * being typed, never a result (about one commit per question, measured by `npm run bench`). Typed
 * answers are saved after TYPING_PAUSE_MS without a keystroke, not on every keystroke. Everything
 * pending is flushed at once when the page is hidden.
 */
import type { SessionEnvironment } from './environment';

export const COMMIT_INTERVAL_MS = 5000;
export const TYPING_PAUSE_MS = 800;

/** Runs `task` now if it last ran `interval` ms ago or more, else once at the end of the interval. */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;

  constructor(
    private readonly env: Pick<SessionEnvironment, 'now' | 'setTimeout' | 'clearTimeout'>,
    private readonly interval: number,
    private readonly task: () => void
  ) {}

  request(): void {
    if (this.timer !== null) return;
    const wait = this.last + this.interval - this.env.now();
    if (wait <= 0) this.run();
    else this.timer = this.env.setTimeout(() => this.run(), wait);
  }

  /** Runs a pending request now (page hidden, unload). */
  flush(): void {
    if (this.timer !== null) this.run();
  }

  get pending(): boolean {
    return this.timer !== null;
  }

  /** Runs the task now whether or not one is pending, and restarts the interval. */
  run(): void {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
    this.last = this.env.now();
    this.task();
  }

  cancel(): void {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Runs `task` once `pause` ms after the last request. */
export class Debounce {
  private timer: unknown = null;

  constructor(
    private readonly env: Pick<SessionEnvironment, 'setTimeout' | 'clearTimeout'>,
    private readonly pause: number,
    private readonly task: () => void
  ) {}

  request(): void {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = this.env.setTimeout(() => {
      this.timer = null;
      this.task();
    }, this.pause);
  }

  flush(): void {
    if (this.timer === null) return;
    this.env.clearTimeout(this.timer);
    this.timer = null;
    this.task();
  }

  cancel(): void {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
  }
}
