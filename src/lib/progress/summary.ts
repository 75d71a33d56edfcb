/**
 * What the learner has done, module by module, for the home page and #/progress: lessons viewed,
 * quiz best score and attempts left, objectives met, estimated study time, the module's state and
 * the next thing to do. The course's status and score come from the LMS runtime's own rules
 * (src/lib/lms/progress.ts: courseStatus, courseScore), so the page shows exactly what the LMS is
 * told; the pass mark is passed in (the app's one accessor, app.passMark). No DOM.
 * Pages call `summarise(app.course, app.learner, app.passMark)`.
 */
import type { CourseTree, LessonMeta, ModuleMeta, Objective } from '$lib/content/types';
import { FINAL_QUIZ_ID } from '$lib/lms/learner-state';
import { courseStatus, hasFinalAssessment, objectiveStatuses, type CourseStatus } from '$lib/lms/progress';
import type { LearnerState, QuizProgress } from '$lib/lms/types';
import { attemptsLeft } from '$lib/quiz/attempts';

export type ModuleState = 'not-started' | 'in-progress' | 'done';

export interface QuizSummary {
  /** Best score in percent, null before the first submission. */
  best: number | null;
  /** An attempt reached the pass mark (what the quiz reported to the LMS). */
  passed: boolean;
  /** Attempts started. */
  attemptsUsed: number;
  /** Attempts still allowed; Infinity when the course allows unlimited attempts. */
  attemptsLeft: number;
  /** An attempt has been started and not yet submitted. */
  inProgress: boolean;
}

export interface ObjectiveSummary extends Objective {
  met: boolean;
}

export interface ModuleSummary {
  module: ModuleMeta;
  lessonsSeen: number;
  lessonsTotal: number;
  /** The first lesson not yet viewed, or null when all have been. */
  nextLesson: LessonMeta | null;
  /** Null when the module has no graded quiz. */
  quiz: QuizSummary | null;
  objectives: ObjectiveSummary[];
  /** Study time estimated from the lessons' authored minutes (viewed / all). */
  minutesSeen: number;
  minutesTotal: number;
  state: ModuleState;
}

export interface NextStep {
  kind: 'lesson' | 'quiz' | 'final' | 'certificate' | 'progress';
  /** Hash route, e.g. `#/the-job/duties`. */
  href: string;
  label: string;
}

export interface CourseSummary {
  modules: ModuleSummary[];
  /** Null when the course has no final assessment. */
  final: QuizSummary | null;
  /** Completion, pass/fail and score, as reported to the LMS. */
  status: CourseStatus;
  passMark: number;
  lessonsSeen: number;
  lessonsTotal: number;
  minutesSeen: number;
  minutesTotal: number;
  next: NextStep;
}

function quizSummary(progress: QuizProgress | undefined, attemptsAllowed: number): QuizSummary {
  const attempt = progress?.attempt ?? 0;
  return {
    best: progress?.best ?? null,
    passed: progress?.passed ?? false,
    attemptsUsed: attempt,
    attemptsLeft: attemptsLeft({ attemptsAllowed, attempt }),
    inProgress: attempt > 0 && !progress?.submitted
  };
}

/** The quiz can still be passed: not passed yet, and an attempt is open or still allowed. */
const canStillPass = (q: QuizSummary) => !q.passed && (q.inProgress || q.attemptsLeft > 0);

export function summarise(course: CourseTree, state: LearnerState, passMark: number): CourseSummary {
  const seen = new Set(state.seen);
  const attemptsAllowed = course.settings.attemptsPerQuiz;
  const final = hasFinalAssessment(course) ? quizSummary(state.quizzes[FINAL_QUIZ_ID], attemptsAllowed) : null;
  // An objective is met when the LMS is told so: its own module quiz passed (objectiveStatuses).
  const passedObjectives = new Set(objectiveStatuses(course, state, passMark).filter((o) => o.standing === 'passed').map((o) => o.id));

  const modules = course.modules.map((m): ModuleSummary => {
    const viewed = m.lessons.filter((l) => seen.has(`${m.slug}/${l.slug}`));
    const quiz = m.quiz ? quizSummary(state.quizzes[m.slug], attemptsAllowed) : null;
    const lessonsDone = viewed.length === m.lessons.length;
    const quizDone = !quiz || quiz.passed || (!quiz.inProgress && quiz.attemptsLeft === 0);
    const started = viewed.length > 0 || (quiz?.attemptsUsed ?? 0) > 0;
    return {
      module: m,
      lessonsSeen: viewed.length,
      lessonsTotal: m.lessons.length,
      nextLesson: m.lessons.find((l) => !seen.has(`${m.slug}/${l.slug}`)) ?? null,
      quiz,
      objectives: m.objectives.map((o) => ({ ...o, met: passedObjectives.has(o.id) })),
      minutesSeen: viewed.reduce((n, l) => n + l.minutes, 0),
      minutesTotal: m.lessons.reduce((n, l) => n + l.minutes, 0),
      state: lessonsDone && quizDone ? 'done' : started ? 'in-progress' : 'not-started'
    };
  });

  const status = courseStatus(course, state, passMark);
  const sum = (pick: (m: ModuleSummary) => number) => modules.reduce((n, m) => n + pick(m), 0);
  return {
    modules,
    final,
    status,
    passMark,
    lessonsSeen: sum((m) => m.lessonsSeen),
    lessonsTotal: sum((m) => m.lessonsTotal),
    minutesSeen: sum((m) => m.minutesSeen),
    minutesTotal: sum((m) => m.minutesTotal),
    next: nextStep(modules, final, status)
  };
}

/**
 * The one next thing to do, in course order: the first lesson not viewed; a module's quiz once
 * its lessons are viewed, while it can still be passed; then the final assessment; then the
 * certificate once the course is complete by its rule; otherwise the progress page.
 */
function nextStep(modules: ModuleSummary[], final: QuizSummary | null, status: CourseStatus): NextStep {
  for (const s of modules) {
    const m = s.module;
    if (s.nextLesson) {
      return { kind: 'lesson', href: `#/${m.slug}/${s.nextLesson.slug}`, label: `Module ${m.number}: ${s.nextLesson.title}` };
    }
    if (s.quiz && canStillPass(s.quiz)) {
      return { kind: 'quiz', href: `#/${m.slug}/quiz`, label: `${s.quiz.inProgress ? 'Finish' : 'Take'} the quiz of module ${m.number}: ${m.title}` };
    }
  }
  if (final && canStillPass(final)) {
    return { kind: 'final', href: '#/final', label: `${final.inProgress ? 'Finish' : 'Take'} the final assessment` };
  }
  if (status.completed) return { kind: 'certificate', href: '#/certificate', label: 'Your certificate of completion' };
  return { kind: 'progress', href: '#/progress', label: 'Review your progress' };
}
