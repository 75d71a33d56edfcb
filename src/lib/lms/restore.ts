/**
 * The restore policy: what a launch starts from, and the floor under everything it reports.
 *
 * - Copies are merged, never chosen: the LMS's suspend_data, this device's backup of the same
 *   learner and package, and progress made in this page before the LMS answered. Lessons and checks
 *   add up; a quiz keeps its furthest attempt, its best score and its pass; the newest copy decides
 *   the bookmark and exercise states. So no copy can cost the learner anything another one holds.
 * - A copy is only ever merged into its own attempt (a teacher's new attempt, the LMS's "start a new
 *   attempt", an attempt made on another device must never receive an old attempt's lessons or
 *   graded results). Each attempt has an id, kept in every copy (codec.ts): when the LMS's copy
 *   and this device's carry different ids, this device's is left out. When the LMS holds no copy
 *   of ours, this device's is left out if the course itself ended that attempt, or if the LMS had
 *   accepted a commit of it and now returns a fresh record (not a resume, no status, score or
 *   interactions): the LMS has started a new attempt. (An ended attempt the LMS never received is
 *   restored: the LMS cannot have ended it.) Only a copy the LMS never received (every
 *   commit refused, the connection lost) is restored into a fresh record: the LMS lost it, and it
 *   is this learner's, in this activity (backups.ts keys).
 * - A relaunch that finds fewer interaction records in the LMS than this attempt wrote writes no
 *   interactions and no objectives in that session: writing from the LMS's count would overwrite
 *   records it still holds.
 * - What the LMS holds is a floor (RTE: the SCO owns these values, so nothing else protects them):
 *   completed stays completed, passed stays passed, failed becomes passed only by passing, and a
 *   recorded score never drops; the same for each objective.
 */
import type { CourseTree } from '$lib/content/types';
import type { DecodedState, PackageChanges } from './codec';
import { emptyState } from './learner-state';
import type { ObjectiveReport, StoredObjective } from './adapter';
import type { CourseStatus } from './progress';
import type { LearnerState, LmsRecord, QuizProgress } from './types';

export interface Saved {
  state: LearnerState;
  savedAt: number;
}

/** Which of two saved quiz progresses is further along (later attempt, then submitted, then newer). */
function furtherQuiz(a: QuizProgress, aAt: number, b: QuizProgress, bAt: number): QuizProgress {
  const rank = (q: QuizProgress) => q.attempt * 2 + (q.submitted ? 1 : 0);
  const winner = rank(a) !== rank(b) ? (rank(a) > rank(b) ? a : b) : aAt >= bAt ? a : b;
  const bests = [a.best, b.best].filter((x): x is number => x !== null);
  return { ...winner, answers: [...winner.answers], best: bests.length ? Math.max(...bests) : null, passed: a.passed || b.passed };
}

/** Everything either copy holds (see the file comment); `b` is taken as the newer on ties. */
export function mergeSaved(a: Saved | null, b: Saved | null): Saved | null {
  if (!a) return b;
  if (!b) return a;
  const [older, newer] = a.savedAt > b.savedAt ? [b, a] : [a, b];
  const quizzes: Record<string, QuizProgress> = { ...older.state.quizzes };
  for (const [id, q] of Object.entries(newer.state.quizzes)) {
    const other = quizzes[id];
    quizzes[id] = other ? furtherQuiz(q, newer.savedAt, other, older.savedAt) : q;
  }
  const state: LearnerState = {
    seen: [...new Set([...older.state.seen, ...newer.state.seen])],
    location: newer.state.location ?? older.state.location,
    quizzes,
    checks: [...new Set([...older.state.checks, ...newer.state.checks])],
    exercises: { ...older.state.exercises, ...newer.state.exercises }
  };
  return { state, savedAt: newer.savedAt };
}

/** Whether `route` (a hash route such as `/the-job/duties`) leads somewhere in this course. */
export function routeExists(course: CourseTree, route: string): boolean {
  const [, first, second, extra] = route.split('/');
  if (!first) return true;
  const module = course.modules.find((m) => m.slug === first);
  if (!module) return ['final', 'glossary', 'sources'].includes(first);
  if (second === undefined || second === 'quiz') return extra === undefined;
  return extra === undefined && module.lessons.some((l) => l.slug === second);
}

export interface RestoreInput {
  /** The course being launched (routes are checked against it). */
  course: CourseTree;
  /** cmi.core.lesson_location / cmi.location as the LMS returned it. */
  lmsLocation: string;
  resumed: boolean;
  /** suspend_data as the LMS returned it (empty = nothing stored). */
  lmsData: string;
  fromLms: DecodedState | null;
  fromDevice: DecodedState | null;
  /** Progress made in this page before the LMS answered (newest of all). */
  inPage: Saved | null;
  /** interactions._count as the LMS returned it. */
  lmsInteractions: number;
  /** The LMS holds nothing for this attempt: no status, score, interaction or objective result. */
  lmsRecordFresh?: boolean;
  /** cmi.core.entry / cmi.entry as the LMS gave it (adapter.ts LaunchData.entry). */
  lmsEntry?: string;
  /** The LMS's record could not be read (adapter.ts LaunchData.unreadable): nothing is known of it. */
  lmsUnread?: boolean;
  /** A new attempt's id, used when no copy brings one. */
  newAttemptId?: string;
  /** cmi.mode `browse`/`review` or cmi.credit `no-credit` (adapter.ts LaunchData.noCredit). */
  lmsNoCredit?: boolean;
  /** A SCORM 2004 package built with `whenFinished: end-attempt` (the only one that writes cmi.exit normal). */
  endsAttempts?: boolean;
}

export interface RestorePlan {
  state: LearnerState;
  savedAt: number | null;
  /** Interaction records this attempt is known to have written. */
  interactions: number;
  /** The merged state holds more than the LMS's copy: write it back and commit now. */
  writeBack: boolean;
  /** Leave interactions and objectives alone this session (see the file comment). */
  holdCollections: boolean;
  changes: PackageChanges | null;
  /** Resume offered ("Welcome back") */
  resumed: boolean;
  /** The attempt's id (every copy written from now on carries it). */
  attempt: string;
  /** The LMS has accepted a commit of this attempt (as far as the copies and the LMS's record say). */
  reachedLms: boolean;
  /**
   * The attempt began on a blank LMS record (kept in every copy): the LMS may hold a result it did
   * not show (Moodle's SCORM 2004 player shows a stored attempt only after cmi.exit = suspend).
   */
  blankStart: boolean;
}

/** Whether this device's copy belongs to the attempt the LMS has opened (see the file comment). */
export function deviceCopyBelongs(
  input: Pick<RestoreInput, 'fromLms' | 'fromDevice' | 'resumed' | 'lmsData' | 'lmsRecordFresh' | 'lmsUnread' | 'lmsEntry' | 'lmsNoCredit' | 'endsAttempts'>
): boolean {
  const device = input.fromDevice;
  if (!device) return false;
  // The LMS's record could not be read: this learner's copy in this activity is all there is.
  if (input.lmsUnread) return true;
  const lms = input.fromLms;
  if (lms) {
    if (device.attempt === lms.attempt) return true;
    // Saved in a session that could not read the LMS's record (no attempt id) and never sent.
    if (device.attempt === '' && !device.reachedLms) return true;
    // An LMS copy saved before attempts had ids: only a copy the LMS never received is added.
    return lms.attempt === '' && (device.attempt === '' || !device.reachedLms);
  }
  if (input.lmsData !== '') return true; // unreadable suspend_data: the record is not fresh
  // The LMS never received this attempt (every commit refused): it cannot have ended or replaced it.
  if (!device.reachedLms) return true;
  if (blankRecordContinues(input)) return true;
  if (device.ended && !input.resumed) return false;
  return !(input.lmsRecordFresh ?? false);
}

/**
 * Whether a blank LMS record (RestoreInput.lmsRecordFresh) may hide a result, so that the attempt
 * begun on it writes only decided status (RestorePlan.blankStart, lms-session.ts).
 * - entry `` (2004 RTE 4.2.7; 1.2 RTE 3.4.2.1.3): the LMS says the attempt goes on, yet shows
 *   nothing of it: it cannot be trusted to be fresh.
 * - entry `ab-initio`: a new attempt by the spec, reported as usual (a learner's first attempt shows
 *   incomplete, and failed once out of attempts) -- unless this device's copy of this learner's
 *   attempt in this activity says the course ended an attempt here: Moodle's 2004 player also says
 *   `ab-initio` when it relaunches, with a blank record, an attempt whose cmi.exit was `normal`
 *   (mod/scorm/datamodels/scorm_13.js.php: entry is ab-initio when cmi.exit is unset, time-out or
 *   normal), and it keeps that attempt's tracks and takes every later value over them.
 * On another device such a relaunch cannot be told from a new attempt (README, "Tracking: the rules
 * in detail").
 */
export function blankRecordDoubtful(input: Pick<RestoreInput, 'lmsRecordFresh' | 'lmsEntry' | 'fromDevice' | 'lmsNoCredit' | 'endsAttempts'>): boolean {
  if (!input.lmsRecordFresh) return false;
  if (input.lmsEntry !== 'ab-initio') return true;
  return (input.fromDevice?.ended ?? false) || blankNoCredit(input);
}

/**
 * R8: a blank no-credit record of a package that ends its attempts: in Moodle 4.5 the last attempt
 * again (Preview, `browse`), never a new one (`blankRecordContinues`), even on a device without
 * this attempt's copy. Such a session writes only decided status and no interactions (it cannot
 * know how many the attempt holds); it counts for nothing anyway.
 */
function blankNoCredit(input: Pick<RestoreInput, 'lmsRecordFresh' | 'lmsNoCredit' | 'endsAttempts'>): boolean {
  return (input.lmsRecordFresh ?? false) && (input.endsAttempts ?? false) && (input.lmsNoCredit ?? false);
}

/**
 * R8: whether a blank record (RestoreInput.lmsRecordFresh) is the attempt this device's copy holds,
 * which the LMS still keeps although it shows none of it. Then the copy is restored into it
 * (deviceCopyBelongs): its quiz attempts stay used, and since the LMS shows fewer interaction
 * records than the copy counts, interactions are held (planRestore `holdCollections`): a SCO can
 * only add a record at index `_count` (SCORM 2004 RTE 4.2.9; a higher index is refused), so writing from the
 * blank record's 0 would go over the attempt's stored records.
 * Only for a 2004 package that ends its attempts (`endsAttempts`, cmi.exit normal); Moodle 4.5:
 * - `scorm_check_mode` (mod/scorm/lib.php, called by player.php with the last attempt): once that
 *   attempt's cmi.completion_status is `completed`, a normal launch is either a new attempt
 *   (attempt + 1, mode normal; "Start a new attempt" ticked, or forcenewattempt "when complete"
 *   or "always", attempts left) or `review` of the same attempt; `browse` (Preview) keeps the last
 *   attempt. `get_scorm_default` (mod/scorm/datamodels/scorm_13lib.php) preloads the stored
 *   values only after cmi.exit `suspend`, else says `ab-initio` with nothing else, and gives
 *   credit only in mode normal. `datamodel.php` stores every commit into that attempt whatever
 *   the mode (`scorm_insert_track` updates an element already stored).
 * So the same attempt comes back blank only as `browse`/`review` (no credit), and a normal, credit
 * launch after the course ended the attempt is a new attempt: it starts fresh and reports its
 * answers from index 0. (Moodle's 2004 player never says cmi.entry ``; such a blank record is
 * doubtful for status only, `blankRecordDoubtful`.)
 */
export function blankRecordContinues(input: Pick<RestoreInput, 'lmsRecordFresh' | 'lmsEntry' | 'lmsNoCredit' | 'endsAttempts' | 'fromDevice'>): boolean {
  const device = input.fromDevice;
  if (!input.endsAttempts || !input.lmsRecordFresh || !device?.reachedLms) return false;
  return input.lmsEntry === 'ab-initio' && device.ended && (input.lmsNoCredit ?? false);
}

export function planRestore(input: RestoreInput): RestorePlan {
  const device = deviceCopyBelongs(input) ? input.fromDevice : null;
  const lms = input.fromLms ? { state: input.fromLms.state, savedAt: input.fromLms.savedAt } : null;
  const stored = mergeSaved(lms, device ? { state: device.state, savedAt: device.savedAt } : null);
  const merged = mergeSaved(stored, input.inPage);
  const expected = Math.max(input.fromLms?.interactions ?? 0, device?.interactions ?? 0);
  let changes = input.fromLms?.changes ?? device?.changes ?? null;
  const state = merged?.state ?? emptyState();
  // The bookmark: the saved state's, else the LMS's own location element; only if it still exists.
  const location = state.location ?? (stored === null && input.lmsLocation ? input.lmsLocation : null);
  if (location !== null && !routeExists(input.course, location)) {
    state.location = null;
    if (changes) changes = { ...changes, locationRemoved: true };
  } else state.location = location;
  const writeBack = merged !== null && (lms === null || JSON.stringify(merged.state) !== JSON.stringify(lms.state));
  return {
    state,
    savedAt: merged?.savedAt ?? null,
    interactions: Math.max(expected, input.lmsInteractions),
    writeBack,
    holdCollections: input.lmsInteractions < expected || blankNoCredit(input),
    changes,
    resumed: (input.resumed || stored !== null) && state.location !== null,
    attempt: input.fromLms?.attempt || device?.attempt || input.newAttemptId || '',
    // An LMS that holds anything of this attempt (even unreadable suspend_data) has accepted a commit
    // of it, so a fresh record later means a new attempt (deviceCopyBelongs).
    reachedLms: input.fromLms !== null || (device?.reachedLms ?? false) || input.lmsRecordFresh === false,
    blankStart: input.fromLms ? input.fromLms.blankStart : (device?.blankStart ?? false) || blankRecordDoubtful(input)
  };
}

// ---------------------------------------------------------------------------------------------
// The floor
// ---------------------------------------------------------------------------------------------

const successRank = { unknown: 0, failed: 1, passed: 2 } as const;

/** The course's status, never below what the LMS held at launch. */
export function raiseRecord(held: LmsRecord, computed: CourseStatus): LmsRecord {
  const success = successRank[computed.success] >= successRank[held.success] ? computed.success : held.success;
  const scores = [held.score, computed.score].filter((x): x is number => x !== null);
  return { completed: held.completed || computed.completed, success, score: scores.length ? Math.max(...scores) : null };
}

const standingRank = { pending: 0, failed: 1, passed: 2 } as const;

/** One objective's report, never below what the LMS held for it. */
export function raiseObjective(held: StoredObjective | undefined, computed: ObjectiveReport): ObjectiveReport {
  if (!held) return computed;
  const standing = held.standing && standingRank[held.standing] > standingRank[computed.standing] ? held.standing : computed.standing;
  return { id: computed.id, standing, score: Math.max(computed.score, held.score ?? 0) };
}
