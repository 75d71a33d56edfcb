/**
 * The learner's session with an LMS: initialise, read what the LMS holds, restore (restore.ts),
 * report as the learner goes (save-scheduler.ts), finish exactly once (session-machine.ts).
 *
 * - Nothing is reported before the LMS has been read: status, score and every stored objective
 *   are the floor of what the course writes (restore.ts `raiseRecord` / `raiseObjective`).
 * - cmi.exit is set to `suspend` from the start and committed with the first commit, so the next
 *   launch resumes even when nothing sent at unload arrives (1.2 RTE 3.4.2.1.5, 2004 RTE 4.2.8);
 *   once the course is finished by its rule, `whenFinished: end-attempt` makes it normal/"".
 * - A score is reported once the result it gives is decided (passed, or failed with no attempt
 *   left; progress.ts), so an LMS that judges a score against its mastery score (Moodle's 1.2
 *   player on LMSFinish, a 2004 LMS per RTE 4.2.22) never records "failed" while attempts remain.
 *   In 1.2 it also waits for completion, because with a score Moodle turns lesson_status into
 *   passed/failed whatever the completion rule says.
 * - A SCORM 2004 attempt of a package that ends its attempts, begun on a blank record, writes only
 *   decided status (`decidedOnly`): the LMS may hold a result it did not show.
 * - Review launches (cmi.mode / lesson_mode `review`) write nothing; no-credit launches write as
 *   usual and say that it may not count.
 * - A launch whose reads of the record fail (GetValue "" with an error, adapter.ts `unreadable`)
 *   does not know what the LMS holds: it writes nothing of the learner's state or status in that
 *   session (it could regress a pass or wipe suspend_data), keeps it on this device and says so;
 *   the next launch that can read the record merges it (restore.ts).
 * - Every copy of the state also goes to this device (backups.ts), under the learner's id. Before
 *   each write, a newer copy of the same attempt that another page wrote there (a second tab or
 *   window of the course) is merged in (restore.ts `mergeSaved`), so the older page never writes
 *   its state over the newer one's lessons and results (R11). Interaction records another page wrote
 *   (the count in that copy) are never written over: this page's next record goes after them.
 * - A page restored from the back-forward cache (`pageshow` with `persisted`) had finished its
 *   session at `pagehide`; it finds the LMS again and initialises a new session.
 */
import type { CourseTree } from '$lib/content/types';
import { ScormAdapter, type CallRecord, type LaunchData, type StoredObjective } from './adapter';
import { activityScope, backupKeys, LocalStore } from './backups';
import { decodeState, encodeState, hasChanges, StateCodecError, suspendDataBudget, SUSPEND_DATA_LIMIT_2004, type DecodedState } from './codec';
import type { Change, SessionCore, SessionStore } from './course-session';
import { discoverApi, preferredVersion, type FoundApi } from './discovery';

/** For launch.ts: the search it ran (api-search.ts) answered with the version's table, which lives in this chunk. */
export { withTable } from './discovery';
import type { SessionEnvironment } from './environment';
import { attemptFits } from './interaction-budget';
import { LMS_NOTICES, unrecordedProgressNotice } from './lms-notices';
import { NOTICES, packageUpdatedNotice } from './notices';
import { effectivePassMark } from './pass-mark';
import { courseStatus, objectiveStatuses } from './progress';
import { mergeSaved, planRestore, raiseObjective, raiseRecord, type Saved } from './restore';
import { COMMIT_INTERVAL_MS, Debounce, Throttle, TYPING_PAUSE_MS } from './save-scheduler';
import { SessionLifecycle, type PortOutcome } from './session-machine';
import { VisibleClock } from './time';
import type { GradedAnswer, LearnerState, LmsMode, LmsRecord } from './types';

/** Counters for the benchmark and the preview panel (the call log only when asked for). */
export interface SessionDiagnostics {
  lmsStats(): { calls: number; setValues: number; commits: number; failures: number };
  /** Every API call made, when the session was started with `{ log: true }`; else empty. */
  lmsLog(): readonly CallRecord[];
  /** Length of the suspend_data last written. */
  suspendDataLength(): number;
  /** Graded answers not reported as interactions (interaction budget, held collections, review). */
  interactionsNotRecorded(): number;
}

interface Connection {
  adapter: ScormAdapter;
  lifecycle: SessionLifecycle;
  clock: VisibleClock;
  connected: boolean;
}

const EMPTY_RECORD: LmsRecord = { completed: false, success: 'unknown', score: null };

/** Whether progress made while nobody was identified holds anything a learner may claim (no quizzes). */
const claimableProgress = (state: LearnerState) => state.seen.length > 0 || state.checks.length > 0 || Object.keys(state.exercises).length > 0;

export function startLmsSession(
  course: CourseTree,
  env: SessionEnvironment,
  core: SessionCore,
  found: FoundApi,
  options: {
    log?: boolean;
    /**
     * Objective texts by id, for SCORM 2004's cmi.objectives.n.description: the browser's course tree
     * carries the ids only (launch.ts loads the texts with this chunk); else the tree's own texts.
     */
    objectiveTexts?: Record<string, string>;
  } = {}
): SessionStore & SessionDiagnostics {
  const table = found.table;
  const mode: LmsMode = table.version === '1.2' ? 'scorm12' : 'scorm2004';
  const local = new LocalStore(env.storage);
  const keys = backupKeys(course.settings.packageId, activityScope(env.path ?? ''));
  const settings = course.settings;

  let passMark = settings.masteryScore;
  let learnerName: string | null = null;
  /** The LMS's total_time at the launch of the open session, or null (not a duration). */
  let lmsTotalMs: number | null = null;
  /** Known once the LMS has answered in this page ('' when it gives none). */
  let learnerId = '';
  let everConnected = false;
  let review = false;
  let held: LmsRecord = EMPTY_RECORD;
  let heldObjectives = new Map<string, StoredObjective>();
  let told: LmsRecord = EMPTY_RECORD;
  /** What the course last asked the LMS to hold (report), and what the LMS has accepted of it. */
  let wanted: LmsRecord = EMPTY_RECORD;
  let confirmed: LmsRecord = EMPTY_RECORD;
  /**
   * Review rev11-second W1/W2: elements that matter (state, bookmark, status, score) whose last
   * value the LMS refused (SetValue "false"): written again with every save, and until it accepts
   * them the learner is told progress is not reaching the LMS, and `told` keeps what it accepted.
   */
  const notReaching = new Set<string>();
  const e = table.elements;
  const statusElements = [e.lessonStatus, e.completionStatus, e.successStatus].filter((x): x is string => !!x);
  const mattering = [e.suspendData, e.location, e.scoreRaw, ...statusElements];
  /** `wanted`, with the status or score the LMS refused replaced by what it last accepted. */
  const holds = (): LmsRecord => {
    const statusOut = statusElements.some((x) => notReaching.has(x));
    return {
      completed: statusOut ? confirmed.completed : wanted.completed,
      success: statusOut ? confirmed.success : wanted.success,
      score: notReaching.has(e.scoreRaw) ? confirmed.score : wanted.score
    };
  };
  let interactionsWritten = 0;
  /** Interaction records another page of this attempt (a second tab) wrote, as this device's copy says (R11). */
  let writtenElsewhere = 0;
  let holdCollections = false;
  let notRecorded = 0;
  let lastLength = 0;
  let toldPartlySaved = false;
  /** Progress made in this page while no session was open (newest of all when one opens). */
  let inPage: Saved | null = null;
  let claimable: DecodedState | null = null;
  let pendingAnswers: GradedAnswer[] = [];
  /** This attempt's id (restore.ts), and whether the LMS has accepted a commit of it. */
  let attempt = '';
  let reachedLms = false;
  /** This attempt began on a blank LMS record (restore.ts RestorePlan.blankStart). */
  let blankStart = false;
  /** This session could not read the LMS's record: it writes nothing over it (see the file comment). */
  let unread = false;
  /** When this page last wrote this device's copy (another page's later copy is merged, R11). */
  let lastDeviceWrite = env.now();
  /** The answers of every open attempt when a move last committed them (F2: one commit per answer given). */
  let lastAnswersCommitted = '';
  const answersGiven = () => JSON.stringify(Object.entries(core.state.quizzes).map(([id, q]) => [id, q.attempt, q.answers]));
  let conn: Connection;
  const stats = { calls: 0, setValues: 0, commits: 0, failures: 0 };
  const closedStats = { ...stats };

  /**
   * Review R5: an LMS that opens a session but gives an empty learner id (1.2 cmi.core.student_id,
   * 2004 cmi.learner_id) has not said who the learner is, and the next learner on this computer
   * gets the same empty id. So such a session is kept on this device like one nobody was identified
   * in (`unidentified`): never restored into a session, offered to an identified learner only as
   * lessons, checks and exercises. What the LMS holds for the learner is restored as usual.
   */
  const identified = () => everConnected && learnerId !== '';
  const deviceKey = () => keys.learner(mode, identified() ? learnerId : null);
  const readSaved = (data: string | null): DecodedState | 'corrupt' | null => {
    if (!data) return null;
    try {
      return decodeState(course, data);
    } catch (error) {
      if (!(error instanceof StateCodecError)) throw error;
      return 'corrupt';
    }
  };
  const decoded = (value: DecodedState | 'corrupt' | null) => (value === 'corrupt' ? null : value);
  /** What unconnected sessions had left in the `unidentified` slot when this page started. */
  const unclaimedAtStart = decoded(readSaved(local.get(keys.learner(mode, null))));
  const withUnclaimed = (data: string, savedAt: number) => {
    if (!unclaimedAtStart) return data;
    const merged = mergeSaved({ state: unclaimedAtStart.state, savedAt: unclaimedAtStart.savedAt }, { state: core.state, savedAt });
    return merged ? encodeState(course, merged.state, { limit: SUSPEND_DATA_LIMIT_2004, savedAt }).data : data;
  };

  const finishedByRule = () => courseStatus(course, core.state, passMark).completed || held.completed;
  const keepOpen = () => !(settings.whenFinished === 'end-attempt' && finishedByRule());
  /**
   * F5: a SCORM 2004 package that ends its attempt (`whenFinished: end-attempt`, cmi.exit normal)
   * may be relaunched into the same attempt by an LMS that shows a blank record: Moodle's 2004
   * player hands stored data back only after cmi.exit = suspend, yet keeps what was stored and takes
   * every later SetValue over it. An attempt that began on a blank record therefore writes only
   * decided status that cannot lower it (completed; passed; a passed objective), never "failed", "incomplete" or
   * "unknown" over a result the course cannot see. Limited to 2004, where it was seen. Which blank
   * records count (cmi.entry, and this device's copy): restore.ts `blankRecordDoubtful`; such an
   * attempt shows its completion only once complete (RTE 4.2.4: "unknown" until the SCO sets it).
   */
  const decidedOnly = () => blankStart && table.version === '2004' && settings.whenFinished === 'end-attempt';

  // ------------------------------------------------------------------------------------------
  // Reporting
  // ------------------------------------------------------------------------------------------

  /** Status, score and objectives, never below what the LMS held at launch. */
  const report = () => {
    const adapter = conn.adapter;
    const raised = raiseRecord(held, courseStatus(course, core.state, passMark));
    // On a blank record (F5) the LMS may hold a pass it did not show: "failed" and its score would
    // regress it (RTE 4.2.22 success_status is last-written), so only a pass is written there.
    const blank = decidedOnly() && raised.success === 'failed' ? { ...raised, success: 'unknown' as const } : raised;
    // Review R4: 1.2 has one status (RTE 3.4.2.1.6), and with `completion: lessons` "failed" also
    // stands for "complete" (a teacher ticks Failed in the LMS's activity completion), so it is
    // reported only once the lessons are viewed: before, the learner is incomplete and no score is
    // sent (with a score, Moodle's 1.2 player would set failed itself on LMSFinish).
    const lessonsRule = table.version === '1.2' && settings.completion === 'lessons' && blank.success === 'failed' && !blank.completed && held.success !== 'failed';
    const record = lessonsRule ? { ...blank, success: 'unknown' as const } : blank;
    adapter.setStatus(record.completed, record.success, decidedOnly());
    const decided = table.version === '1.2' ? record.success === 'failed' || (record.success === 'passed' && record.completed) : record.success !== 'unknown';
    if (decided && record.score !== null) adapter.setScore(record.score);
    // What the LMS now holds, as the learner is told it (1.2: its one status).
    wanted =
      table.version === '1.2'
        ? {
            completed: record.success === 'failed' || record.completed,
            success: record.success === 'failed' ? 'failed' : record.success === 'passed' && record.completed ? 'passed' : 'unknown',
            score: decided ? record.score : held.score
          }
        : { ...record, score: decided ? record.score : held.score };
    told = holds();
    // Objectives are written by id at the index the LMS holds them (adapter.ts), so writing one never
    // overwrites another: they are written also while interactions are held (R1).
    for (const objective of objectiveStatuses(course, core.state, passMark)) {
      const raisedObjective = raiseObjective(heldObjectives.get(objective.id), objective);
      if (raisedObjective.standing === 'passed' || !decidedOnly()) adapter.recordObjective(raisedObjective);
    }
    adapter.setExit(keepOpen());
  };

  const encode = (limit: number, savedAt: number) =>
    encodeState(course, core.state, { limit, savedAt, interactions: Math.max(interactionsWritten, writtenElsewhere), ended: !keepOpen(), attempt, reachedLms, blankStart });

  /**
   * After every accepted commit (or finish): the interaction records the LMS now holds are counted
   * as written, and this device's copy says so. Records queued but never committed (an outage) are
   * not counted, so the next launch does not take the LMS's lower count for hidden records and
   * hold interactions for the rest of the attempt (R1).
   */
  const countCommitted = (adapter: ScormAdapter) => {
    if (review || unread || holdCollections || adapter.interactionCount <= interactionsWritten) return;
    interactionsWritten = adapter.interactionCount;
    if (identified()) writeDevice(encode(SUSPEND_DATA_LIMIT_2004, env.now()).data);
  };

  /** Writes this device's copy for the learner, noting when (R11). */
  const writeDevice = (data: string): boolean => {
    lastDeviceWrite = env.now();
    return local.set(deviceKey(), data);
  };

  /** Merges a copy of this attempt that another page of the course wrote here since this page last did (R11). */
  const mergeOtherPages = () => {
    if (!identified() || review || unread) return;
    const other = decoded(readSaved(local.get(deviceKey())));
    // Records another page wrote count whenever it wrote them: this page never writes over them.
    if (other && other.attempt === attempt) writtenElsewhere = Math.max(writtenElsewhere, other.interactions);
    // Only what was written after this page began or last wrote: an older copy was merged at launch.
    if (!other || other.attempt !== attempt || other.savedAt <= lastDeviceWrite) return;
    const merged = mergeSaved({ state: other.state, savedAt: other.savedAt }, { state: core.state, savedAt: Math.max(env.now(), other.savedAt + 1) });
    if (merged) core.state = merged.state;
  };

  /** The first accepted commit of an attempt: this device's copy says so from now on (restore.ts). */
  const committed = () => {
    if (reachedLms || review || unread) return;
    reachedLms = true;
    if (identified()) writeDevice(encode(SUSPEND_DATA_LIMIT_2004, env.now()).data);
  };

  /** Writes the state to this device and, when a session is open, to the LMS (SetValue, no commit). */
  const persist = () => {
    if (review) return;
    mergeOtherPages();
    const savedAt = env.now();
    const { data, shed } = encode(suspendDataBudget(table.limits.suspendData), savedAt);
    lastLength = data.length;
    // This device keeps everything, even what had to be shed to fit the LMS's limit.
    const full = shed.length ? encode(SUSPEND_DATA_LIMIT_2004, savedAt).data : data;
    // Nobody identified yet: what earlier unconnected sessions left here is kept too, for the claim.
    const keptLocally = identified() ? writeDevice(full) : local.set(deviceKey(), withUnclaimed(full, savedAt));
    if (!conn.adapter.isOpen) {
      inPage = { state: core.state, savedAt };
      return;
    }
    if (unread) return;
    // Past the suspend_data budget (codec.ts): said once, in plain words (the LMS did accept it).
    // When this browser cannot keep it either (storage blocked or full), the learner is told what is lost.
    if (shed.length && !toldPartlySaved) {
      toldPartlySaved = true;
      core.tell({ kind: 'partly-saved', message: LMS_NOTICES[keptLocally ? 'partly-saved' : 'partly-lost'] });
    }
    conn.adapter.saveProgress(data);
    if (core.state.location) conn.adapter.bookmark(core.state.location);
    report();
    if (conn.lifecycle.matches('running.idle')) {
      const outcome = conn.adapter.flush();
      noticeRefusals();
      if (outcome === 'threw') send({ type: 'lms.save' });
    }
  };

  const noticeRefusals = () => {
    // Interaction records the LMS refused (it does not keep the collection) are not written (R1).
    notRecorded += conn.adapter.interactionsRefused;
    conn.adapter.interactionsRefused = 0;
    const adapter = conn.adapter;
    for (const element of mattering) {
      if (adapter.lastRefused(element)) notReaching.add(element);
      else notReaching.delete(element);
    }
    // What the LMS accepted (written and not refused) is what it holds (W1: getRecord).
    if (!statusElements.some((x) => notReaching.has(x) || adapter.isPending(x))) confirmed = { ...confirmed, completed: wanted.completed, success: wanted.success };
    if (!notReaching.has(e.scoreRaw) && !adapter.isPending(e.scoreRaw)) confirmed = { ...confirmed, score: wanted.score };
    if (!review && !unread) told = holds();
    if (notReaching.size && core.statusKind !== 'lms-unreachable' && !adapter.isClosed) core.setStatus({ kind: 'saved-locally', message: LMS_NOTICES['saved-locally'] });
    adapter.refused = [];
  };

  const send = (event: { type: 'lms.save' } | { type: 'lms.finish' }) => {
    conn.lifecycle.send(event); // ignored once finished
  };
  const commits = new Throttle(env, COMMIT_INTERVAL_MS, () => send({ type: 'lms.save' }));
  const typing = new Debounce(env, TYPING_PAUSE_MS, persist);

  /** Each submitted attempt whole, if the interaction budget has room for it (interaction-budget.ts). */
  const flushAnswers = () => {
    const answers = pendingAnswers;
    pendingAnswers = [];
    // R11: another tab's records and submitted attempts first, so indexes and the budget are this attempt's on this device.
    if (answers.length) {
      mergeOtherPages();
      conn.adapter.skipInteractionsTo(writtenElsewhere);
    }
    const groups = new Map<string, GradedAnswer[]>();
    for (const a of answers) groups.set(`${a.quizId}\u0000${a.attempt}`, [...(groups.get(`${a.quizId}\u0000${a.attempt}`) ?? []), a]);
    for (const group of groups.values()) {
      const adapter = conn.adapter;
      if (review || unread || holdCollections || adapter.isClosed || !attemptFits(course, core.state, group[0]!.quizId, group.length, adapter.interactionCount)) {
        notRecorded += group.length;
        continue;
      }
      for (const answer of group) if (!adapter.recordInteraction(answer)) notRecorded++;
    }
  };

  // ------------------------------------------------------------------------------------------
  // Connecting
  // ------------------------------------------------------------------------------------------

  const onConnected = (launch: LaunchData) => {
    const adapter = conn.adapter;
    const wasConnected = everConnected;
    everConnected = true;
    learnerId = launch.learnerId;
    learnerName = launch.learnerName || null;
    lmsTotalMs = launch.totalTimeMs;
    passMark = effectivePassMark(settings.masteryScore, launch.masteryScore).percent;
    review = launch.review;
    held = launch.record;
    wanted = confirmed = told = held;
    notReaching.clear();
    heldObjectives = launch.objectives;
    unread = launch.unreadable.length > 0;

    const fromLmsRead = readSaved(launch.suspendData);
    const fromDevice = learnerId ? decoded(readSaved(local.get(keys.learner(mode, learnerId)))) : null;
    const plan = planRestore({
      course,
      lmsLocation: launch.location,
      resumed: launch.resumed,
      lmsData: launch.suspendData,
      fromLms: decoded(fromLmsRead),
      fromDevice,
      inPage,
      lmsInteractions: launch.interactionCount,
      lmsUnread: unread,
      lmsRecordFresh: unread
        ? undefined
        : !launch.resumed &&
        launch.suspendData === '' &&
        launch.interactionCount === 0 &&
        !launch.attempted &&
        !launch.record.completed &&
        launch.record.success === 'unknown' &&
        launch.record.score === null &&
        [...launch.objectives.values()].every((o) => o.standing === null && o.score === null),
      lmsEntry: launch.entry,
      // R8: which blank records continue an attempt the course ended (restore.ts `blankRecordContinues`).
      lmsNoCredit: launch.noCredit || launch.review,
      endsAttempts: table.version === '2004' && settings.whenFinished === 'end-attempt',
      // Without the LMS's record, no new attempt id: the next readable launch finds which it is.
      newAttemptId: unread ? '' : env.now().toString(36)
    });
    core.state = plan.state;
    if (!wasConnected || !attempt) {
      attempt = plan.attempt;
      blankStart = plan.blankStart;
    }
    reachedLms = reachedLms || plan.reachedLms;
    interactionsWritten = plan.interactions;
    holdCollections = plan.holdCollections;
    if (!wasConnected && plan.resumed) core.resumeLocation = plan.state.location;
    if (fromLmsRead === 'corrupt' && !fromDevice && !inPage) core.tell({ kind: 'state-reset', message: NOTICES['state-reset'] });
    if (hasChanges(plan.changes)) core.tell(packageUpdatedNotice(course, plan.changes));
    if (review) core.tell({ kind: 'review-mode', message: LMS_NOTICES['review-mode'] });
    else if (launch.noCredit) core.tell({ kind: 'no-credit', message: LMS_NOTICES['no-credit'] });

    const unidentified = keys.learner(mode, null);
    // This page's own progress is merged now; what other unconnected sessions left stays claimable.
    if (inPage && !wasConnected) {
      if (unclaimedAtStart) local.set(unidentified, encodeState(course, unclaimedAtStart.state, { limit: SUSPEND_DATA_LIMIT_2004, savedAt: unclaimedAtStart.savedAt }).data);
      else local.remove(unidentified);
    }
    inPage = null;
    // Asked only about what may be added: lessons, checks, exercise states and the bookmark. Quiz
    // attempts and results made while nobody was identified are never added to an identified
    // learner's record (on a shared computer they may be another learner's: F4).
    const unclaimed = !review && learnerId ? decoded(readSaved(local.get(unidentified))) : null;
    claimable = unclaimed && claimableProgress(unclaimed.state) ? unclaimed : null;
    if (claimable && unclaimed) {
      const quizzes = Object.values(unclaimed.state.quizzes).filter((q) => q.best !== null || q.answers.some((a) => a !== null)).length;
      core.tell(unrecordedProgressNotice({ lessons: claimable.state.seen.length, quizzes }));
    }

    if (review) {
      told = held;
      adapter.flush();
      return;
    }
    if (unread) {
      // Nothing known to report: tell the learner, and write nothing over the record.
      told = EMPTY_RECORD;
      core.tell({ kind: 'lms-unread', message: LMS_NOTICES['lms-unread'] });
      return;
    }
    adapter.declareObjectives(course.modules.flatMap((m) => m.objectives.map((o) => ({ id: o.id, description: options.objectiveTexts?.[o.id] ?? o.text }))));
    if (plan.writeBack) {
      persist();
      commits.run();
    } else {
      report();
      adapter.flush();
    }
  };

  const connect = (api: FoundApi) => {
    const adapter = new ScormAdapter(api.table, api.api, { log: options.log });
    const clock = new VisibleClock(env.isVisible(), env.now);
    const port = {
      initialize: (): PortOutcome => (adapter.initialize() === 'ok' ? 'ok' : 'failed'),
      // A value refused for its content is not retried (it would fail again); a refused or
      // throwing Commit is.
      commit: (): PortOutcome => {
        const outcome = adapter.commit();
        noticeRefusals();
        const ok = outcome === 'ok' || outcome === 'value-refused';
        if (ok) {
          countCommitted(adapter);
          committed();
        }
        return ok ? 'ok' : 'failed';
      },
      finish: () => {
        // Terminate persists what was set (1.2 RTE 3.3.4.2; 2004 RTE 3.1.4.2).
        const finished = adapter.finish(clock.elapsed());
        noticeRefusals();
        if (finished === 'ok') {
          countCommitted(adapter);
          committed();
        }
      }
    };
    const lifecycle = new SessionLifecycle(port, env);
    conn = { adapter, lifecycle, clock, connected: false };
    const mine = conn;
    lifecycle.subscribe(() => {
      if (conn !== mine) return;
      if (lifecycle.matches('running') && !mine.connected) {
        mine.connected = true;
        onConnected(adapter.start());
        core.changed();
      }
      if (lifecycle.matches('unavailable')) {
        core.setStatus(
          everConnected ? { kind: 'lms-unreachable', message: LMS_NOTICES['lms-unreachable'] } : { kind: 'not-connected', message: LMS_NOTICES['not-connected'] }
        );
      } else if (lifecycle.matches('degraded')) {
        core.setStatus({ kind: 'lms-unreachable', message: LMS_NOTICES['lms-unreachable'] });
      } else if (lifecycle.matches('running.waitingToRetry')) {
        if (core.statusKind !== 'lms-unreachable') core.setStatus({ kind: 'saved-locally', message: LMS_NOTICES['saved-locally'] });
      } else if (lifecycle.matches('running.idle')) {
        // The LMS answered: everything queued has been written and committed, unless it refused
        // an element that matters (W2: the notice stays until it accepts it).
        if (!notReaching.size) core.setStatus(null);
      }
    });
    lifecycle.start();
  };

  // If Initialize fails for now, the learner is unknown: no one's saved progress is shown, and what
  // is done meanwhile is kept on this device as `unidentified` and sent once a session opens.
  connect(found);

  // ------------------------------------------------------------------------------------------
  // The page lifecycle
  // ------------------------------------------------------------------------------------------

  env.listen('visibilitychange', () => {
    const visible = env.isVisible();
    conn.clock.setVisible(visible);
    if (!visible && conn.adapter.isOpen) {
      typing.flush();
      // Session time so far: if the finish never arrives, the LMS still has the time spent.
      conn.adapter.setSessionTime(conn.clock.elapsed());
      // Now, not later: the page may be about to go away.
      commits.run();
    }
  });
  const finish = () => {
    typing.flush();
    flushAnswers();
    // Terminate persists what is set (1.2 RTE 3.3.4.2; 2004 RTE 3.1.4.2): one request, not two.
    commits.cancel();
    send({ type: 'lms.finish' });
  };
  env.listen('pagehide', finish);
  env.listen('pageshow', (persisted) => {
    if (!persisted || !conn.adapter.isClosed) return;
    // Restored from the back-forward cache after its session was finished: open a new one.
    for (const key of Object.keys(stats) as (keyof typeof stats)[]) closedStats[key] += conn.adapter.stats[key];
    inPage = { state: core.state, savedAt: env.now() };
    const again = discoverApi(env.window, settings.scormVersion ?? preferredVersion(env.search));
    if (!again) {
      core.setStatus({ kind: 'lms-unreachable', message: LMS_NOTICES['lms-unreachable'] });
      return;
    }
    connect(again);
  });

  return {
    mode,
    get passMark() {
      return passMark;
    },
    get learnerName() {
      return learnerName;
    },
    // Each session's clock is what its session_time reports, and a relaunch (or a back-forward
    // restore) reads the LMS's new total, so earlier sessions are counted once.
    timeSpentMs: () => (everConnected ? (lmsTotalMs ?? 0) + conn.clock.elapsed() : null),
    record: () => (everConnected ? told : EMPTY_RECORD),
    changed: (change: Change) => {
      if (change === 'typing') {
        if (!review) typing.request();
        return;
      }
      typing.cancel();
      persist();
      if (!conn.adapter.isOpen || review) return;
      // An answer given is committed at once (save-scheduler.ts); lessons and checks on the throttle.
      if (change === 'answered') {
        // Moving back and forth without a new answer commits nothing new.
        const given = answersGiven();
        if (given !== lastAnswersCommitted) commits.run();
        lastAnswersCommitted = given;
      } else if (change === 'progress') commits.request();
    },
    recordAnswer: (answer) => {
      pendingAnswers.push(answer);
      queueMicrotask(() => {
        if (pendingAnswers.length) {
          flushAnswers();
          persist();
          commits.request();
        }
      });
    },
    completeQuiz: () => {
      flushAnswers();
      persist();
      // A result is committed at once: it is what the gradebook shows.
      if (conn.adapter.isOpen && !review) commits.run();
    },
    finish,
    noticeAnswered: (kind, action) => {
      if (kind !== 'unrecorded-progress' || action === 'dismiss') return;
      const unidentified = keys.learner(mode, null);
      if (action === 'claim-progress' && claimable) {
        const merged = mergeSaved({ state: core.state, savedAt: env.now() - 1 }, { state: { ...claimable.state, quizzes: {} }, savedAt: claimable.savedAt });
        if (merged) core.state = merged.state;
        persist();
        commits.run();
      }
      claimable = null;
      local.remove(unidentified);
    },
    lmsStats: () => {
      const now = conn.adapter.stats;
      return { calls: closedStats.calls + now.calls, setValues: closedStats.setValues + now.setValues, commits: closedStats.commits + now.commits, failures: closedStats.failures + now.failures };
    },
    lmsLog: () => conn.adapter.log ?? [],
    suspendDataLength: () => lastLength,
    interactionsNotRecorded: () => notRecorded
  };
}
