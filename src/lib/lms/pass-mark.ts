/**
 * The one pass mark: the quiz screens, the module objectives and the course status all use it.
 *
 * The LMS's mastery score wins when it sends a sane one (1.2 cmi.student_data.mastery_score,
 * RTE 3.4.2.5.1, 0..100; 2004 cmi.scaled_passing_score, RTE 4.2.19, -1..1), because a teacher or
 * an LMS administrator may have set it on purpose, and an LMS that sends one may also judge the
 * score against it (Moodle's 1.2 player does on LMSFinish). Otherwise the package's own
 * (`course.yaml` masteryScore, or the teacher's `--mastery`).
 *
 * Not sane, so ignored: a value that is not a number, or outside 0..100 percent. Any other value is
 * followed, 100% included, in both versions, so what the learner is told (quiz screens, objectives,
 * "Your record in the LMS") is what the LMS records: a SCORM 2004 LMS judges score.scaled against
 * scaled_passing_score itself (RTE 4.2.22), Moodle's 1.2 player judges the score against
 * mastery_score on LMSFinish.
 *
 * Moodle's SCORM 2004 player sets cmi.scaled_passing_score from each manifest `<imsss:objective>` in
 * turn (the last one wins) and gives an objective without `minNormalizedMeasure` the measure 1.0, so
 * a package with bare secondary objectives is told 100%. This package's manifest gives every
 * objective the package's own mark (scorm/manifest.ts), so Moodle hands back that mark; a 100% the
 * course receives was set by someone and is obeyed. (The course used to ignore a 2004 100% below its
 * own mark, for Moodle; a conformant LMS then recorded "failed" while the course said "passed".)
 */
import type { ScormVersion } from './versions';

export interface PassMark {
  /** Percent 0-100. */
  percent: number;
  /** Where it came from, for diagnostics and tests. */
  source: 'lms' | 'package';
}

/** The LMS's mastery score as a percent, or null when it sends none or an unusable one. */
export function lmsMasteryPercent(version: ScormVersion, raw: string): number | null {
  // A CMIDecimal (1.2 RTE 3.4.2.5.1) or real(10,7) (2004 RTE 4.2.19) is plain decimal digits:
  // Number() alone would also take "0x50", "1e2" or " 80 ", which no LMS may send.
  if (!/^-?\d+(\.\d+)?$/.test(raw.trim())) return null;
  const n = Number(raw);
  if (!Number.isFinite(n)) return null;
  const percent = version === '1.2' ? n : Math.round(n * 100 * 1e6) / 1e6;
  return percent >= 0 && percent <= 100 ? percent : null;
}

/** The same rule in both versions (see the file comment). */
export function effectivePassMark(packagePercent: number, lmsPercent: number | null): PassMark {
  return lmsPercent === null ? { percent: packagePercent, source: 'package' } : { percent: lmsPercent, source: 'lms' };
}
