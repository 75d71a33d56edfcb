/**
 * One adapter over the LMS's API object, with intent methods (start, bookmark, save progress,
 * set score, set status, record interaction, record objective, finish). Element names, vocabularies
 * and formats come from the version table (versions.ts); this file holds no 1.2/2004 `if`s except
 * where the two data models differ in shape (one status element vs two).
 *
 * Every call is guarded: an API that throws or returns "false" never throws into the app. Values
 * are queued and written in order by `flush`, so a value refused because the LMS threw stays queued
 * and is written again on the next flush (the session retries with backoff).
 */
import type { GradedAnswer } from './types';
import { decimal, interactionRecord } from './interactions';
import { lmsMasteryPercent } from './pass-mark';
import { parseDuration } from './time';
import type { LmsRecord } from './types';
import type { RawScormApi, VersionTable } from './versions';

/**
 * What a write, commit or finish came to: `value-refused` = the LMS said "false" to a value (its
 * format or length; writing it again would fail again); `refused` = it said "false" to the call
 * itself (Initialize, Commit, Terminate); `threw` = the API object threw or is gone.
 */
export type Outcome = 'ok' | 'value-refused' | 'refused' | 'threw' | 'closed';

export interface CallRecord {
  method: string;
  args: string[];
  result: string | null;
  error: string | null;
  threw: boolean;
}

export interface LaunchData {
  resumed: boolean;
  /**
   * cmi.core.entry (1.2 RTE 3.4.2.1.3) / cmi.entry (2004 RTE 4.2.7) as the LMS gives it:
   * `ab-initio` on the first launch of an attempt, `resume` after a suspend, `` otherwise.
   */
  entry: string;
  location: string;
  suspendData: string;
  /** Mastery score sent by the LMS, as a percent, or null (none, or not a usable number). */
  masteryScore: number | null;
  learnerId: string;
  learnerName: string;
  /**
   * The LMS's total time for this attempt before this session, in ms (1.2 CMITimespan, 2004 ISO 8601
   * duration); 0 when it gives none (a first launch under some 1.2 LMSs reads ""), null when the
   * value is not a duration.
   */
  totalTimeMs: number | null;
  /** `review`: the LMS records nothing new (1.2 RTE 3.4.2.1.9; 2004 RTE 4.2.16). */
  review: boolean;
  /** `no-credit` or `browse`: recorded, but it does not count towards the learner's grade. */
  noCredit: boolean;
  interactionCount: number;
  /** Status and score the LMS already holds for this attempt. */
  record: LmsRecord;
  /**
   * The LMS holds a status for this attempt (1.2 lesson_status, 2004 completion or success status
   * other than "not attempted" / "unknown"): something was written in it. A new attempt has none.
   */
  attempted: boolean;
  /** Objectives the LMS already holds, by id. */
  objectives: Map<string, StoredObjective>;
  /**
   * Elements whose read failed: GetValue gave "" with an error other than "not set" (e.g. 101
   * general exception, 2004 301 general get failure) or threw. What the LMS holds there is unknown.
   */
  unreadable: string[];
}

/**
 * GetLastError codes after an empty GetValue that mean "nothing stored", not "could not read":
 * 0 no error, 401 not implemented / undefined element (1.2 RTE 3.3.3.3, 2004 RTE 3.1.7.5),
 * 403 value not initialized (2004 RTE 3.1.7.5).
 */
const NOT_SET_CODES = new Set(['0', '', '401', '403']);

/** cmi.interactions.n.<anything> and cmi.interactions.n.id (both versions). */
const INTERACTION_ELEMENT = /^cmi\.interactions\.(\d+)\./;
const INTERACTION_ID = /^cmi\.interactions\.(\d+)\.id$/;
/**
 * SetValue errors on a new interaction record's id (its first element) that mean the LMS does not
 * keep the collection: 401 not implemented (1.2 RTE 3.3.3.3; 2004 RTE 3.1.7.5 undefined element),
 * 402 invalid set / keyword, 351 general set failure (2004 RTE 3.1.7.5; also an index past the
 * LMS's count), 101 general exception and 201 invalid argument (what a Canvas-like LMS answers for
 * every cmi.interactions.* element, and a 1.2 LMS such as scorm-again for an index past its count,
 * review rev11-second W4): every later record would be refused too.
 */
const COLLECTION_REFUSED = new Set(['401', '402', '351', '201', '101']);

/** An objective's standing as this course writes it (progress.ts QuizStanding). */
export type ObjectiveStanding = 'pending' | 'passed' | 'failed';

export interface StoredObjective {
  standing: ObjectiveStanding | null;
  /** Percent 0-100, or null. */
  score: number | null;
}

export interface ObjectiveReport {
  id: string;
  /** Percent 0-100. */
  score: number;
  standing: ObjectiveStanding;
}

/** A duration read back from the LMS (total_time): 0 when empty, null when not a duration. */
function readDuration(text: string): number | null {
  if (!text) return 0;
  const ms = parseDuration(text);
  return Number.isFinite(ms) ? ms : null;
}

/** A percent read back from the LMS (score.raw), or null. */
function readPercent(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}

export class ScormAdapter {
  private phase: 'new' | 'open' | 'closed' = 'new';
  /** Values waiting to be written, in the order they were asked for (RTE 4.2.9: id before type). */
  private readonly pending = new Map<string, string>();
  /** What the LMS last accepted, to skip writing the same value twice. */
  private readonly accepted = new Map<string, string>();
  private nextInteraction = 0;
  /**
   * The LMS refused an interaction record's id as a collection it does not keep (401 not
   * implemented, 402 keyword/collection, 351 general set failure): no further record is tried this
   * session, and the records refused or dropped are counted in `interactionsRefused` (review R1).
   */
  interactionsOff = false;
  interactionsRefused = 0;
  private readonly objectiveIndex = new Map<string, number>();
  /**
   * Index for the next new objective: the LMS's objectives._count at launch (1.2 RTE 3.4.2.6.2,
   * 2004 RTE 4.2.17), so an objective whose id read back empty keeps its index and nothing new is
   * written over it (2004: id is write-once, error 351; 1.2: it would overwrite that objective).
   */
  private nextObjective = 0;
  /** Elements the LMS refused with "false" since the last flush (validation errors, limits). */
  refused: string[] = [];
  /**
   * Elements whose last written value the LMS refused (cleared when it accepts one), with that
   * value: written again with the next commit (review rev11-second W1), interactions excepted.
   */
  private readonly refusedLast = new Map<string, string>();
  readonly stats = { calls: 0, setValues: 0, commits: 0, failures: 0 };
  /** Log of every call, only when diagnostics were asked for (the benchmark, a debugging session). */
  readonly log: CallRecord[] | null;

  constructor(
    readonly table: VersionTable,
    private readonly api: RawScormApi,
    options: { log?: boolean } = {}
  ) {
    this.log = options.log ? [] : null;
  }

  get isOpen(): boolean {
    return this.phase === 'open';
  }

  get isClosed(): boolean {
    return this.phase === 'closed';
  }

  /** Calls one API method; never throws. `threw` tells a broken API from a refusal. */
  private call(method: string, ...args: string[]): { value: string; threw: boolean } {
    this.stats.calls++;
    let value = '';
    let threw = false;
    try {
      const fn = this.api[method];
      if (typeof fn !== 'function') throw new TypeError(`LMS API has no ${method}`);
      // Some wrappers return null or undefined for an unset element: that is "", not "null".
      const raw = (fn as (...a: string[]) => unknown).apply(this.api, args);
      value = raw === null || raw === undefined ? '' : String(raw);
    } catch {
      threw = true;
    }
    if (this.log) {
      let error: string | null = null;
      if (!threw && (value === 'false' || method === this.table.methods.getValue)) error = this.lastError();
      this.log.push({ method, args, result: threw ? null : value, error, threw });
    }
    return { value, threw };
  }

  private lastError(): string | null {
    try {
      const fn = this.api[this.table.methods.getLastError];
      return typeof fn === 'function' ? String((fn as () => unknown).call(this.api)) : null;
    } catch {
      return null;
    }
  }

  private get(element: string): string {
    if (this.phase !== 'open') return '';
    const { value, threw } = this.call(this.table.methods.getValue, element);
    return threw ? '' : value;
  }

  /** A launch read: an empty answer is checked against GetLastError (see NOT_SET_CODES). */
  private readAtLaunch(element: string, unreadable: string[]): string {
    if (this.phase !== 'open') return '';
    const { value, threw } = this.call(this.table.methods.getValue, element);
    if (threw) unreadable.push(element);
    else if (value === '' && !NOT_SET_CODES.has(this.lastError() ?? '0')) unreadable.push(element);
    return threw ? '' : value;
  }

  /** Queues a value; `flush` writes it. */
  private set(element: string, value: string): void {
    if (this.phase === 'closed') return;
    if (this.accepted.get(element) === value && !this.pending.has(element) && !this.refusedLast.has(element)) return;
    this.pending.set(element, value);
  }

  /** Initialise (1.2 RTE 3.3.4.1 LMSInitialize; 2004 RTE 3.1.4.1 Initialize). Exactly once. */
  initialize(): Outcome {
    if (this.phase !== 'new') return this.phase === 'open' ? 'ok' : 'closed';
    const { value, threw } = this.call(this.table.methods.initialize, '');
    if (threw) return 'threw';
    if (value !== 'true') return 'refused';
    this.phase = 'open';
    return 'ok';
  }

  /**
   * Reads what the LMS holds for this learner's attempt, before anything is written: entry,
   * location, suspend_data, mode and credit, the status and score (so nothing reported later is
   * below them), and every stored objective (its id keeps its index, 1.2 RTE 3.4.2.6.1 / 2004 RTE
   * 4.2.17, and its status and score are the floor for what the course writes there).
   */
  start(): LaunchData {
    const e = this.table.elements;
    const s = this.table.status;
    const unreadable: string[] = [];
    const read = (element: string) => this.readAtLaunch(element, unreadable);
    const count = Number(read(e.interactionsCount));
    this.nextInteraction = Number.isInteger(count) && count > 0 ? count : 0;
    const objectives = new Map<string, StoredObjective>();
    const objectiveCount = Number(read(e.objectivesCount));
    this.nextObjective = Number.isInteger(objectiveCount) && objectiveCount > 0 ? objectiveCount : 0;
    for (let n = 0; Number.isInteger(objectiveCount) && n < objectiveCount; n++) {
      const names = this.table.objective(n);
      const id = this.get(names.id);
      if (!id) continue;
      this.objectiveIndex.set(id, n);
      const status = this.get(names.successStatus);
      const completion = names.completionStatus ? this.get(names.completionStatus) : '';
      const standing: ObjectiveStanding | null =
        status === s.passed ? 'passed' : status === s.failed ? 'failed' : status === s.incomplete || completion === s.incomplete ? 'pending' : null;
      objectives.set(id, { standing, score: readPercent(this.get(names.scoreRaw)) });
    }
    let record: LmsRecord;
    let attempted: boolean;
    const unset = (status: string) => status === '' || status === s.notAttempted || status === 'unknown';
    if (e.lessonStatus) {
      const status = read(e.lessonStatus);
      attempted = !unset(status);
      record = {
        completed: status === s.passed || status === s.completed || status === s.failed,
        success: status === s.passed ? 'passed' : status === s.failed ? 'failed' : 'unknown',
        score: readPercent(read(e.scoreRaw))
      };
    } else {
      const success = read(e.successStatus!);
      const completion = read(e.completionStatus!);
      attempted = !unset(completion) || !unset(success);
      record = {
        completed: completion === s.completed,
        success: success === s.passed ? 'passed' : success === s.failed ? 'failed' : 'unknown',
        score: readPercent(read(e.scoreRaw))
      };
    }
    const mode = this.get(e.mode);
    const entry = read(e.entry);
    return {
      resumed: entry === this.table.entryResume,
      entry,
      location: read(e.location),
      suspendData: read(e.suspendData),
      masteryScore: lmsMasteryPercent(this.table.version, this.get(e.masteryScore)),
      learnerId: this.get(e.studentId),
      learnerName: this.get(e.studentName),
      totalTimeMs: readDuration(this.get(e.totalTime)),
      review: mode === this.table.modes.review,
      noCredit: mode === this.table.modes.browse || this.get(e.credit) === this.table.modes.noCredit,
      interactionCount: this.nextInteraction,
      record,
      attempted,
      objectives,
      unreadable
    };
  }

  /**
   * Declares every objective (its id, and in 2004 its description) so coordinators see them all
   * from the first launch; status and score follow when a quiz measures them. An objective without
   * a status reads as "not attempted" (1.2 RTE 3.4.2.6.3; 2004 RTE 4.2.17: initial `unknown`).
   */
  declareObjectives(objectives: { id: string; description?: string }[]): void {
    for (const objective of objectives) {
      const known = this.objectiveIndex.has(objective.id);
      const names = this.objectiveNames(objective.id);
      // No description (1.2 has none; or the texts' chunk did not load, launch.ts): the id alone, never an empty text.
      if (!names.description || !objective.description) continue;
      // Stored on an earlier launch: kept. An objective declared while the texts could not load has none
      // yet and gets it now (read first, so a relaunch writes nothing it already holds).
      if (known && this.get(names.description) !== '') continue;
      this.set(names.description, objective.description.slice(0, this.table.limits.description));
    }
  }

  private objectiveNames(id: string) {
    let n = this.objectiveIndex.get(id);
    if (n === undefined) {
      n = this.nextObjective++;
      this.objectiveIndex.set(id, n);
      const names = this.table.objective(n);
      // The id comes first (2004 RTE 4.2.17: id before any other objective element, error 408).
      this.set(names.id, id.slice(0, this.table.limits.identifier));
    }
    return this.table.objective(n);
  }

  bookmark(location: string): void {
    this.set(this.table.elements.location, location.slice(0, this.table.limits.location));
  }

  saveProgress(suspendData: string): void {
    this.set(this.table.elements.suspendData, suspendData);
  }

  /** Course score in percent: raw 0-100 with min 0 and max 100 (1.2 RTE 3.4.2.2.2), scaled in 2004. */
  setScore(percent: number): void {
    const e = this.table.elements;
    // min and max first: some 1.2 LMSs read raw against them when it is written.
    this.set(e.scoreMin, '0');
    this.set(e.scoreMax, '100');
    this.set(e.scoreRaw, decimal(percent));
    if (e.scoreScaled) this.set(e.scoreScaled, decimal(percent / 100));
  }

  /**
   * Completion and success. 2004 keeps them apart (RTE 4.2.4 completion_status, 4.2.22
   * success_status). 1.2 has one lesson_status (RTE 3.4.2.1.6): `passed` only once the course is
   * also completed by its rule (Moodle's activity completion takes "passed" as done), `failed` once
   * the course can no longer be passed, `completed` when complete without a result yet.
   * `decidedOnly`: write nothing undecided (no incomplete, no unknown), leaving the LMS's value.
   */
  setStatus(completed: boolean, success: 'passed' | 'failed' | 'unknown', decidedOnly = false): void {
    const e = this.table.elements;
    const s = this.table.status;
    if (e.lessonStatus) {
      const status = success === 'failed' ? s.failed : success === 'passed' && completed ? s.passed : completed ? s.completed : s.incomplete;
      if (!decidedOnly || status !== s.incomplete) this.set(e.lessonStatus, status);
    }
    if (e.completionStatus && (completed || !decidedOnly)) this.set(e.completionStatus, completed ? s.completed : s.incomplete);
    if (e.successStatus && (success !== 'unknown' || !decidedOnly)) this.set(e.successStatus, success);
  }

  /** cmi.exit: `suspend` keeps the attempt open for a resume; otherwise it ends normally (1.2 RTE 3.4.2.1.5, 2004 RTE 4.2.8). */
  setExit(keepOpen: boolean): void {
    this.set(this.table.elements.exit, keepOpen ? this.table.exitSuspend : this.table.exitNormal);
  }

  /** One graded answer as a new interaction record (1.2 RTE 3.4.2.7; 2004 RTE 4.2.9). */
  recordInteraction(answer: GradedAnswer): boolean {
    if (this.interactionsOff) return false;
    const n = this.nextInteraction++;
    const names = this.table.interaction(n);
    const record = interactionRecord(answer, this.table);
    // Order matters: id, then type, before responses (2004 RTE 4.2.9: error 408 otherwise).
    this.set(names.id, record.id);
    this.set(names.type, record.type);
    this.set(names.objectiveId, record.objectiveId);
    this.set(names.time, record.time);
    this.set(names.weighting, record.weighting);
    this.set(names.learnerResponse, record.learnerResponse);
    record.correctPatterns.forEach((p, k) => this.set(names.correctPattern(k), p));
    this.set(names.result, record.result);
    this.set(names.latency, record.latency);
    if (names.description && record.description) this.set(names.description, record.description);
    return true;
  }

  /**
   * The LMS refused interaction record `n`'s id: that record and every later one queued are not
   * written (dropped from the queue, counted), and no more are tried this session (review R1).
   */
  private interactionsRefusedFrom(n: number): void {
    this.interactionsOff = true;
    const dropped = new Set<number>();
    for (const element of [...this.pending.keys()]) {
      const m = INTERACTION_ELEMENT.exec(element);
      if (m && Number(m[1]) >= n) {
        this.pending.delete(element);
        dropped.add(Number(m[1]));
      }
    }
    dropped.add(n);
    this.interactionsRefused += [...dropped].filter((k) => k < this.nextInteraction).length;
    this.nextInteraction = Math.min(this.nextInteraction, n);
  }

  /**
   * Another page of this attempt (a second tab) has written records up to `count` that this page's
   * LMS data model does not show: new records start after them, never over them (R11). An LMS that
   * refuses an index past its own count (2004 RTE: 351) stops interactions for this session
   * (`interactionsRefusedFrom`), which also writes over nothing.
   */
  skipInteractionsTo(count: number): void {
    if (count > this.nextInteraction) this.nextInteraction = count;
  }

  /** Interaction records the LMS holds or has been asked to hold in this attempt. */
  get interactionCount(): number {
    return this.nextInteraction;
  }

  /**
   * Status and score of one objective (the session has already kept it at or above what the LMS
   * held). 1.2 `status` passed/failed/incomplete (RTE 3.4.2.6.3); 2004 success_status with
   * completion_status (RTE 4.2.17): a result still open is `unknown` / `incomplete`.
   */
  recordObjective(report: ObjectiveReport): void {
    const names = this.objectiveNames(report.id);
    const s = this.table.status;
    this.set(names.scoreMin, '0');
    this.set(names.scoreMax, '100');
    this.set(names.scoreRaw, decimal(report.score));
    if (names.scoreScaled) this.set(names.scoreScaled, decimal(report.score / 100));
    const decided = report.standing !== 'pending';
    if (names.completionStatus) {
      this.set(names.successStatus, decided ? (report.standing === 'passed' ? s.passed : s.failed) : 'unknown');
      this.set(names.completionStatus, decided ? s.completed : s.incomplete);
    } else {
      this.set(names.successStatus, decided ? (report.standing === 'passed' ? s.passed : s.failed) : s.incomplete);
    }
  }

  setSessionTime(ms: number): void {
    this.set(this.table.elements.sessionTime, this.table.formatDuration(ms));
  }

  /**
   * Writes queued values in order. A refusal ("false": wrong format, over a limit) drops that value
   * and goes on; a throw stops and keeps the rest queued for the next try.
   */
  flush(): Outcome {
    if (this.phase !== 'open') return this.phase === 'closed' ? 'closed' : 'refused';
    let outcome: Outcome = 'ok';
    for (const [element, value] of [...this.pending]) {
      if (!this.pending.has(element)) continue; // dropped by a refusal earlier in this flush
      this.stats.setValues++;
      const result = this.call(this.table.methods.setValue, element, value);
      if (result.threw) {
        this.stats.failures++;
        return 'threw';
      }
      this.pending.delete(element);
      if (result.value === 'true') {
        this.accepted.set(element, value);
        this.refusedLast.delete(element);
      } else {
        if (!INTERACTION_ELEMENT.test(element)) this.refusedLast.set(element, value);
        this.stats.failures++;
        this.refused.push(element);
        outcome = 'value-refused';
        const id = INTERACTION_ID.exec(element);
        if (id && COLLECTION_REFUSED.has(this.lastError() ?? '')) this.interactionsRefusedFrom(Number(id[1]));
      }
    }
    return outcome;
  }

  /** Flush, then Commit (1.2 RTE 3.3.4.3 LMSCommit; 2004 RTE 3.1.4.4 Commit). */
  commit(): Outcome {
    for (const [element, value] of this.refusedLast) if (!this.pending.has(element)) this.pending.set(element, value);
    const flushed = this.flush();
    if (flushed === 'threw' || flushed === 'closed') return flushed;
    this.stats.commits++;
    const { value, threw } = this.call(this.table.methods.commit, '');
    if (threw) {
      this.stats.failures++;
      return 'threw';
    }
    if (value !== 'true') {
      this.stats.failures++;
      return 'refused';
    }
    return flushed;
  }

  /** True when the LMS refused the last value written to `element` (SetValue "false"). */
  lastRefused(element: string): boolean {
    return this.refusedLast.has(element);
  }

  /** True when a value for `element` is queued, not yet written. */
  isPending(element: string): boolean {
    return this.pending.has(element);
  }

  /** True when values are queued and not yet accepted by the LMS. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Ends the session exactly once: session time, then LMSFinish / Terminate, which persists what
   * was set (1.2 RTE 3.3.4.2; 2004 RTE 3.1.4.2), so no separate Commit: at unload an LMS may have
   * to send each of them in a beacon, and fewer, smaller requests are likelier to arrive. cmi.exit
   * was set and committed as the learner went (setExit); nothing that matters waits for this.
   * No call after it.
   */
  finish(sessionMs: number): Outcome {
    if (this.phase !== 'open') return 'closed';
    this.setSessionTime(sessionMs);
    const flushed = this.flush();
    this.phase = 'closed';
    const { value, threw } = this.call(this.table.methods.terminate, '');
    if (threw) return 'threw';
    if (value !== 'true') return 'refused';
    return flushed === 'ok' ? 'ok' : flushed;
  }

  /** Gives up on the LMS (it disappeared): no further calls. */
  abandon(): void {
    this.phase = 'closed';
  }
}
