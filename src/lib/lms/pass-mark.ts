/**
 * The one pass mark: the quiz screens, the module objectives and the course status all use it.
 *
 * The LMS's mastery score wins when it sends a sane one (1.2 cmi.student_data.mastery_score,
 * RTE 3.4.2.5.1, 0..100; 2004 cmi.scaled_passing_score, RTE 4.2.19, -1..1), because a teacher or
 * an LMS administrator may have set it on purpose, and an LMS that sends one may also judge the
 * score against it (Moodle's 1.2 player does on LMSFinish). Otherwise the package's own
 * (`course.yaml` masteryScore, or the teacher's `--mastery`).
 *
 * Not sane, so ignored:
 * - a value that is not a number, or outside 0..100 percent;
 * - in SCORM 2004 only, 100% while the package's own mark is lower. Moodle's SCORM 2004 player gives every manifest
 *   `<imsss:objective>` without a `minNormalizedMeasure` the measure 1.0 and hands the last objective's
 *   measure to the course as cmi.scaled_passing_score, so "1" reaches every 2004 course with secondary
 *   objectives whatever the primary objective says. Obeying it would fail every learner below 100%
 *   (a learner at 90% was told "passed" by the quiz while Moodle recorded "failed"). A course that
 *   really wants 100% says so in its own package (then the two agree and 100 is used). The manifest
 *   no longer triggers it either (scorm/manifest.ts gives the secondary objectives the same measure).
 *   SCORM 1.2 has no such default: a mastery_score of 100 (RTE 3.4.2.5.1) was set by someone, and
 *   Moodle's 1.2 player judges the score against it on LMSFinish, so it is obeyed there; otherwise
 *   the learner would read "passed" while the LMS records "failed".
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
  if (raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n)) return null;
  const percent = version === '1.2' ? n : Math.round(n * 100 * 1e6) / 1e6;
  return percent >= 0 && percent <= 100 ? percent : null;
}

export function effectivePassMark(version: ScormVersion, packagePercent: number, lmsPercent: number | null): PassMark {
  if (lmsPercent === null) return { percent: packagePercent, source: 'package' };
  if (version === '2004' && lmsPercent === 100 && packagePercent < 100) return { percent: packagePercent, source: 'package' };
  return { percent: lmsPercent, source: 'lms' };
}
