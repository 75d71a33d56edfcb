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
import type { RawScormApi, VersionTable } from './versions';
import { masteryPercent } from './versions';

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
  location: string;
  suspendData: string;
  /** Mastery score sent by the LMS, as a percent, or null. */
  masteryScore: number | null;
  learnerId: string;
  /** cmi.core.student_name / cmi.learner_name as the LMS sends it (usually "Last, First"). */
  learnerName: string;
  interactionCount: number;
}

export interface ObjectiveReport {
  id: string;
  /** Percent 0-100. */
  score: number;
  passed: boolean;
  description?: string;
}

export class ScormAdapter {
  private phase: 'new' | 'open' | 'closed' = 'new';
  /** Values waiting to be written, in the order they were asked for (RTE 4.2.9: id before type). */
  private readonly pending = new Map<string, string>();
  /** What the LMS last accepted, to skip writing the same value twice. */
  private readonly accepted = new Map<string, string>();
  private nextInteraction = 0;
  private readonly objectiveIndex = new Map<string, number>();
  private readonly objectiveBest = new Map<string, { score: number; passed: boolean }>();
  /** Elements the LMS refused with "false" since the last flush (validation errors, limits). */
  refused: string[] = [];
  readonly stats = { calls: 0, setValues: 0, commits: 0, failures: 0 };
  /** Optional log of every call (the preview LMS and tests read it). */
  log: CallRecord[] | null = null;

  constructor(
    readonly table: VersionTable,
    private readonly api: RawScormApi
  ) {}

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
      value = String((fn as (...a: string[]) => unknown).apply(this.api, args));
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

  /** Queues a value; `flush` writes it. */
  private set(element: string, value: string): void {
    if (this.phase === 'closed') return;
    if (this.accepted.get(element) === value && !this.pending.has(element)) return;
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
   * Reads what the LMS knows about this learner's attempt. Call right after `initialize`.
   * `courseObjectives` are the ids declareObjectives writes, in that order.
   */
  start(courseObjectives: string[] = []): LaunchData {
    const e = this.table.elements;
    const count = Number(this.get(e.interactionsCount));
    this.nextInteraction = Number.isInteger(count) && count > 0 ? count : 0;
    // Objectives recorded in an earlier session keep their index (1.2 RTE 3.4.2.6.1). They were
    // declared in course order, so when the count, the first and the last id match, that order
    // is taken as is (two reads instead of one per objective on every launch).
    const objectives = Number(this.get(e.objectivesCount));
    const last = courseObjectives.length - 1;
    if (
      objectives > 0 &&
      objectives === courseObjectives.length &&
      this.get(this.table.objective(0).id) === courseObjectives[0] &&
      this.get(this.table.objective(last).id) === courseObjectives[last]
    ) {
      courseObjectives.forEach((id, n) => this.objectiveIndex.set(id, n));
    } else {
      for (let n = 0; Number.isInteger(objectives) && n < objectives; n++) {
        const id = this.get(this.table.objective(n).id);
        if (id) this.objectiveIndex.set(id, n);
      }
    }
    return {
      resumed: this.get(e.entry) === this.table.entryResume,
      location: this.get(e.location),
      suspendData: this.get(e.suspendData),
      masteryScore: masteryPercent(this.table.version, this.get(e.masteryScore)),
      learnerId: this.get(e.studentId),
      learnerName: this.get(e.studentName),
      interactionCount: this.nextInteraction
    };
  }

  /**
   * Declares every objective (its id, and in 2004 its description) so coordinators see them all
   * from the first launch; status and score follow when a quiz measures them. An objective without
   * a status reads as "not attempted" (1.2 RTE 3.4.2.6.3; 2004 RTE 4.2.17: initial `unknown`).
   */
  declareObjectives(objectives: { id: string; description: string }[]): void {
    for (const objective of objectives) {
      if (this.objectiveIndex.has(objective.id)) continue;
      const names = this.objectiveNames(objective.id);
      if (names.description) this.set(names.description, objective.description.slice(0, this.table.limits.description));
    }
  }

  private objectiveNames(id: string) {
    let n = this.objectiveIndex.get(id);
    if (n === undefined) {
      n = this.objectiveIndex.size;
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
   * Completion and success. 2004 keeps them apart (RTE 4.2.4, 4.2.22); 1.2 has one
   * lesson_status (RTE 3.4.2.1.6), where passed/failed take precedence over completed.
   */
  setStatus(completed: boolean, success: 'passed' | 'failed' | 'unknown'): void {
    const e = this.table.elements;
    const s = this.table.status;
    if (e.lessonStatus) {
      const status = success === 'passed' ? s.passed : success === 'failed' ? s.failed : completed ? s.completed : s.incomplete;
      this.set(e.lessonStatus, status);
    }
    if (e.completionStatus) this.set(e.completionStatus, completed ? s.completed : s.incomplete);
    if (e.successStatus) this.set(e.successStatus, success);
  }

  /** One graded answer as a new interaction record (1.2 RTE 3.4.2.7; 2004 RTE 4.2.9). */
  recordInteraction(answer: GradedAnswer): void {
    if (this.nextInteraction >= this.table.limits.interactions) return;
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
  }

  /** Status and score of one objective; a passed objective stays passed, the best score is kept. */
  recordObjective(report: ObjectiveReport): void {
    const previous = this.objectiveBest.get(report.id);
    const best = { score: Math.max(report.score, previous?.score ?? 0), passed: report.passed || (previous?.passed ?? false) };
    this.objectiveBest.set(report.id, best);
    const names = this.objectiveNames(report.id);
    const s = this.table.status;
    this.set(names.scoreMin, '0');
    this.set(names.scoreMax, '100');
    this.set(names.scoreRaw, decimal(best.score));
    if (names.scoreScaled) this.set(names.scoreScaled, decimal(best.score / 100));
    this.set(names.successStatus, best.passed ? s.passed : s.failed);
    if (names.completionStatus) this.set(names.completionStatus, s.completed);
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
      this.stats.setValues++;
      const result = this.call(this.table.methods.setValue, element, value);
      if (result.threw) {
        this.stats.failures++;
        return 'threw';
      }
      this.pending.delete(element);
      if (result.value === 'true') this.accepted.set(element, value);
      else {
        this.stats.failures++;
        this.refused.push(element);
        outcome = 'value-refused';
      }
    }
    return outcome;
  }

  /** Flush, then Commit (1.2 RTE 3.3.4.3 LMSCommit; 2004 RTE 3.1.4.4 Commit). */
  commit(): Outcome {
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

  /** True when values are queued and not yet accepted by the LMS. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Ends the session exactly once: session time, exit = suspend (so the next launch resumes:
   * 1.2 RTE 3.4.2.1.5, 2004 RTE 4.2.8), commit, then LMSFinish / Terminate. No call after it.
   */
  finish(sessionMs: number): Outcome {
    if (this.phase !== 'open') return 'closed';
    this.setSessionTime(sessionMs);
    this.set(this.table.elements.exit, this.table.exitSuspend);
    const committed = this.commit();
    this.phase = 'closed';
    const { value, threw } = this.call(this.table.methods.terminate, '');
    if (threw) return 'threw';
    if (value !== 'true') return 'refused';
    return committed === 'ok' ? 'ok' : committed;
  }

  /** Gives up on the LMS (it disappeared): no further calls. */
  abandon(): void {
    this.phase = 'closed';
  }
}
