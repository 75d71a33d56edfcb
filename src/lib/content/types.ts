/**
 * The shape of the course once `modules/` has been read and checked at build time
 * (see loader.ts and schema.ts). Everything here is plain data: it crosses from the build
 * (Node) into the browser as JSON inside generated modules (see vite-plugin.ts).
 */

/** A slug is a folder or file name with its number prefix removed: `01-the-job` -> `the-job`. */
export type Slug = string;

export interface Objective {
  /** Stable id, unique in the course, e.g. `job-1`; reported as a SCORM objective. */
  id: string;
  /**
   * What the learner will be able to do. Always there at build time (loader, manifest); the tree the
   * browser gets leaves it out, so the first screen does not carry every module's objectives (issue
   * 15): pages that show them read `loadObjectiveTexts()` (content/client.ts, virtual:hit/objectives).
   */
  text?: string;
}

/** Course-wide settings from `modules/course.yaml`. Teachers override some at package time. */
export interface CourseSettings {
  title: string;
  description: string;
  language: string;
  /** Percent (0-100) needed to pass a graded quiz and the final assessment. */
  masteryScore: number;
  /**
   * When the LMS is told the course is complete:
   * `lessons` = every lesson viewed; `assessment` = final assessment passed; `both`.
   */
  completion: 'lessons' | 'assessment' | 'both';
  /** Attempts allowed per graded quiz (0 = unlimited). */
  attemptsPerQuiz: number;
  /** Shuffle draws and options. Off gives every learner the pool in authored order. */
  randomise: boolean;
  /** Items drawn for the course-level final assessment. */
  finalAssessmentItems: number;
  /** Module slugs included (all when empty). In a package: the package's module set, in course order. */
  modules: Slug[];
  /**
   * The SCORM version of the package this build is in, or null when it is not packaged (dev
   * server, plain build). The runtime looks for this version's API first (src/lib/lms/discovery.ts).
   */
  scormVersion: '1.2' | '2004' | null;
  /**
   * Package identity: manifest identifier plus module set (`hit-career-course:the-job,coding-systems`),
   * the same when a teacher updates a package in place with the same options. Device backups of the
   * learner's progress are keyed by it, so two packages served from one LMS origin never share one.
   * A plain build (not packaged) gets `hit-career-course` (loader.ts).
   */
  packageId: string;
  /**
   * What the course tells the LMS once it is finished by its completion rule:
   * `keep-open` (default) keeps the attempt open (cmi.exit = suspend), so the learner can come back
   * to review and the LMS keeps the grade in the same attempt; `end-attempt` ends it (2004
   * cmi.exit = normal, 1.2 cmi.core.exit = ""). See README, "For teachers".
   */
  whenFinished: 'end-attempt' | 'keep-open';
}

export interface LessonMeta {
  slug: Slug;
  title: string;
  minutes: number;
  /** `modules/01-the-job/02-duties.md`, for build errors; not sent to the browser. */
  file?: string;
  /**
   * In the browser's tree only (vite-plugin.ts): the views the lesson renders with at once (the
   * block views of its opening, `chart` when it has one), so a navigation to it asks for them with
   * its chunk instead of once the chunk has arrived (issue 15). Absent when none.
   */
  code?: string[];
}

export interface ModuleMeta {
  slug: Slug;
  /** 1-based position in the course, from the folder number. */
  number: number;
  title: string;
  summary: string;
  objectives: Objective[];
  minutes: number;
  lessons: LessonMeta[];
  /**
   * Graded quiz settings; absent when the module has no quiz bank. `fingerprint` changes when the
   * pool does (item ids, types, order, draw), so saved answers are never applied to other items.
   */
  quiz?: { draw: number; poolSize: number; fingerprint: string };
  /** Ids of the module's knowledge checks (saved progress refers to them by id). */
  checks?: string[];
}

export interface GlossaryEntry {
  id: string;
  term: string;
  definition: string;
  /** Source id from sources.yaml, when the definition states a fact. */
  source?: string;
}

export interface Source {
  id: string;
  /** Short label shown inline, e.g. "BLS OOH, 2019". */
  short: string;
  title: string;
  publisher: string;
  /** Year the source's data describes or was published; always shown with its figures. */
  year: string;
  url?: string;
  /** The source's text archived in the repo (modules/<archive>), when the course archives it. */
  archive?: string;
  note?: string;
}

/** The small tree shipped on the first screen: navigation, not lesson bodies. */
export interface CourseTree {
  settings: CourseSettings;
  modules: ModuleMeta[];
}

// ---------------------------------------------------------------------------------------------
// Lesson bodies: Markdown compiled to HTML at build time, with components placed by name.
// ---------------------------------------------------------------------------------------------

export type LessonBlock =
  | { kind: 'html'; html: string }
  | {
      kind: 'component';
      /** Registered name, e.g. `callout`, `flipcards`, `check`, `chart`, `exercise`. */
      name: string;
      props: Record<string, string | number | boolean>;
      /** Body compiled to HTML (components whose body is Markdown). */
      html?: string;
      /** Body parsed to structured data (e.g. flip cards). */
      data?: unknown;
    };

export interface Lesson extends LessonMeta {
  module: Slug;
  blocks: LessonBlock[];
}

// ---------------------------------------------------------------------------------------------
// Quiz items: data in modules/NN-slug/checks.yaml (knowledge checks) and quiz.yaml (graded pool).
// ---------------------------------------------------------------------------------------------

export type ItemType =
  | 'single'
  | 'multiple'
  | 'true-false'
  | 'matching'
  | 'ordering'
  | 'numeric'
  | 'fill-in';

export interface ChoiceOption {
  /** Stable within the item: `a`..`z`. Used as the SCORM choice identifier. */
  id: string;
  html: string;
  correct: boolean;
  feedbackHtml?: string;
}

export interface MatchPair {
  /** Stable id of the left-hand prompt (`1`..`9`, `a`..`z`). */
  id: string;
  promptHtml: string;
  /** Id of the right-hand target that matches it. */
  target: string;
}

export interface MatchTarget {
  id: string;
  html: string;
}

export interface SequenceStep {
  id: string;
  html: string;
}

interface ItemBase {
  /** Unique in the course: `[a-z0-9-]`, at most 64 characters. Becomes the interaction id. */
  id: string;
  type: ItemType;
  module: Slug;
  /** Module objective id this item measures. */
  objective: string;
  difficulty: 1 | 2 | 3;
  /** Lesson slug (in the same module) the explanation points back to. */
  lesson: Slug;
  /** Optional case (chart excerpt, request letter...) shown before the prompt: a scenario item. */
  caseHtml?: string;
  promptHtml: string;
  /** Plain-text prompt, at most 250 characters, for SCORM 2004 `description`. */
  promptText: string;
  explanationHtml: string;
}

export type QuizItem =
  | (ItemBase & { type: 'single' | 'multiple'; options: ChoiceOption[] })
  | (ItemBase & { type: 'true-false'; answer: boolean; feedbackTrueHtml?: string; feedbackFalseHtml?: string })
  | (ItemBase & { type: 'matching'; pairs: MatchPair[]; targets: MatchTarget[] })
  | (ItemBase & { type: 'ordering'; steps: SequenceStep[] /* in correct order */ })
  | (ItemBase & { type: 'numeric'; answer: number; tolerance: number; unit?: string; prefix?: string })
  | (ItemBase & { type: 'fill-in'; accepted: string[]; caseSensitive?: false });

/** One lesson with only the data its components use: what a lesson page loads. */
export interface LessonContent {
  lesson: Lesson;
  checks: Record<string, QuizItem>;
  charts: Record<string, unknown>;
  exercises: Record<string, unknown>;
}

/** What the browser loads for a module page or its quiz: its overview and its graded pool. */
export type ModuleChunk = Pick<ModuleContent, 'slug' | 'overviewHtml' | 'quiz'>;

export interface ModuleContent {
  slug: Slug;
  /** The module overview (body of index.md) as HTML. */
  overviewHtml: string;
  lessons: Lesson[];
  /** Knowledge checks by id (ungraded, placed in lessons with `::: check id="..." /`). */
  checks: Record<string, QuizItem>;
  /** Graded pool, empty when the module has no quiz. */
  quiz: QuizItem[];
  /** Exercise data files (`exercises/<id>.yaml`) by id, validated by each exercise's schema. */
  exercises: Record<string, unknown>;
  /** Chart data files (`charts/<id>.yaml`) by id. */
  charts: Record<string, unknown>;
}
