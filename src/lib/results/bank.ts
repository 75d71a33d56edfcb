/**
 * The item bank the results page joins the LMS's reports with: every graded question's own text,
 * its options, objective and module, in plain text, taken at build time from the course the loader
 * reads (src/lib/content/loader.ts). Knowledge checks are not here: they are never reported to the LMS.
 *
 * Field names follow QuizItem (content/types.ts), so quiz/scoring.ts can score a response read
 * from a report whose "Result" column was not downloaded.
 */
import type { LoadedCourse } from '../content/loader';
import type { ItemType, QuizItem } from '../content/types';
import { plainTextOf } from '../quiz/html';

export interface BankChoice {
  id: string;
  text: string;
  correct: boolean;
}

export interface BankItem {
  id: string;
  type: ItemType;
  module: string;
  objective: string;
  /** Authored difficulty, 1 easy to 3 hard. */
  difficulty: 1 | 2 | 3;
  prompt: string;
  /** Single and multiple choice. */
  options?: BankChoice[];
  /** Matching: pair prompts with their target id, and the targets (distractors included). */
  pairs?: { id: string; text: string; target: string }[];
  targets?: { id: string; text: string }[];
  /** Ordering: steps in the correct order. */
  steps?: { id: string; text: string }[];
  /** True-false and numeric. */
  answer?: boolean | number;
  tolerance?: number;
  unit?: string;
  prefix?: string;
  /** Fill-in. */
  accepted?: string[];
}

export interface BankModule {
  slug: string;
  number: number;
  title: string;
  objectives: { id: string; text: string }[];
  /** Items a module quiz draws; 0 when the module has no quiz. */
  quizDraw: number;
}

export interface ItemBank {
  courseTitle: string;
  /** The course's pass mark in percent (course.yaml masteryScore). */
  masteryScore: number;
  /** Items the final assessment draws. */
  finalItems: number;
  modules: BankModule[];
  items: BankItem[];
  /** Which item bank this is (package version and a fingerprint of the questions), shown on the page. */
  version: string;
}

function bankItem(item: QuizItem): BankItem {
  const base = {
    id: item.id,
    type: item.type,
    module: item.module,
    objective: item.objective,
    difficulty: item.difficulty,
    prompt: plainTextOf(item.promptHtml)
  };
  switch (item.type) {
    case 'single':
    case 'multiple':
      return { ...base, options: item.options.map((o) => ({ id: o.id, text: plainTextOf(o.html), correct: o.correct })) };
    case 'true-false':
      return { ...base, answer: item.answer };
    case 'matching':
      return {
        ...base,
        pairs: item.pairs.map((p) => ({ id: p.id, text: plainTextOf(p.promptHtml), target: p.target })),
        targets: item.targets.map((t) => ({ id: t.id, text: plainTextOf(t.html) }))
      };
    case 'ordering':
      return { ...base, steps: item.steps.map((s) => ({ id: s.id, text: plainTextOf(s.html) })) };
    case 'numeric':
      return { ...base, answer: item.answer, tolerance: item.tolerance, unit: item.unit, prefix: item.prefix };
    case 'fill-in':
      return { ...base, accepted: item.accepted };
  }
}

export function itemBankFromCourse(course: LoadedCourse, version: string): ItemBank {
  const { settings, modules } = course.tree;
  return {
    courseTitle: settings.title,
    masteryScore: settings.masteryScore,
    finalItems: settings.finalAssessmentItems,
    modules: modules.map((m) => ({
      slug: m.slug,
      number: m.number,
      title: m.title,
      // Read at build time from the loader, where every objective has its text (types.ts Objective).
      objectives: m.objectives.map((o) => ({ id: o.id, text: o.text ?? '' })),
      quizDraw: m.quiz?.draw ?? 0
    })),
    items: modules.flatMap((m) => (course.modules[m.slug]?.quiz ?? []).map(bankItem)),
    version
  };
}

/** The bank item as the shape quiz/scoring.ts reads (it only looks at these fields). */
export function asQuizItem(item: BankItem): QuizItem {
  return {
    ...item,
    lesson: '',
    promptHtml: item.prompt,
    promptText: item.prompt,
    explanationHtml: '',
    options: item.options?.map((o) => ({ id: o.id, html: o.text, correct: o.correct })),
    pairs: item.pairs?.map((p) => ({ id: p.id, promptHtml: p.text, target: p.target })),
    targets: item.targets?.map((t) => ({ id: t.id, html: t.text })),
    steps: item.steps?.map((s) => ({ id: s.id, html: s.text }))
  } as QuizItem;
}
