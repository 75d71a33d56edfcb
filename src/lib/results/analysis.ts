/**
 * Item analysis of one class from its Moodle exports (load.ts) and the course's item bank (bank.ts).
 * Every figure is defined here, once; README.md "For coordinators" explains them to a coordinator.
 *
 * - A response is one interaction: one answer to one question in one quiz attempt (module quizzes and
 *   the final assessment alike; a question answered in two attempts counts twice).
 * - Difficulty of a question: the share of its responses that were right (higher = easier).
 * - Discrimination: the point-biserial correlation, over the question's responses, between being
 *   right (1/0) and the share right of the REST of the same quiz attempt (the question itself left
 *   out, which short quizzes need: with it in, every question seems to discriminate).
 * - Pick rate of an option: the share of the question's responses that chose it (a multiple-response
 *   answer chooses several, so rates need not add up to 100%).
 * - A learner has mastered an objective (or module) when the share of their responses to its
 *   questions that were right reaches the pass mark.
 * - Quiz attempt score: right answers over the quiz's size (module draw, or the final's length), as the
 *   course scores it (quiz/scoring.ts `percent`).
 */
import { ascending, mean } from 'd3-array';
import { asQuizItem, type BankItem, type ItemBank } from './bank';
import type { ClassData, Learner } from './load';
import { parseMoodleDate } from './reports';
import { parseInteractionId, picksOf, toLearnerResponse, type Pick } from './responses';
import { isCorrect, percent } from '../quiz/scoring';
import type { ItemType } from '../content/types';

/** Thresholds of the flags, in one place (README "For coordinators" states them). */
export const FLAG_RULES = {
  /** Fewer learners than this answered the question: its figures are too unstable to judge. */
  minLearners: 10,
  /** Difficulty above this: nearly everyone gets it right. */
  tooEasy: 0.9,
  /** Difficulty below this: most learners get it wrong. */
  tooHard: 0.3,
  /** Discrimination below this: stronger learners do worse on it than weaker ones. */
  negativeDiscrimination: 0
} as const;

export const DISCRIMINATION_METHOD =
  'point-biserial correlation between getting the question right and the share right on the rest of the same quiz attempt (the question itself left out)';

export type FlagCode = 'too-few' | 'too-easy' | 'too-hard' | 'negative-discrimination' | 'unused-distractor' | 'key-differs';

/**
 * A correlation with two decimals, never "-0.00": a value that rounds to zero is 0.00 (and is not
 * flagged as negative). Used by the page, the CSV and the flag texts alike.
 */
export const fixed2 = (n: number | null) => (n === null ? '' : n.toFixed(2).replace(/^-(0\.00)$/, '$1'));

export interface Flag {
  code: FlagCode;
  text: string;
}

/** A flag in two or three words, for tables. */
export const FLAG_LABELS: Record<FlagCode, string> = {
  'too-few': 'too few to judge',
  'too-easy': 'too easy',
  'too-hard': 'too hard',
  'negative-discrimination': 'negative discrimination',
  'unused-distractor': 'option nobody picks',
  'key-differs': "LMS's right answer differs"
};

export interface OptionStats {
  key: string;
  /** Option id (a, b...) or the response itself. */
  label: string;
  /** The option's own text, from the item bank. */
  text: string;
  /** Whether choosing it is part of the right answer; null when unknown. */
  correct: boolean | null;
  count: number;
  rate: number;
}

export interface QuestionStats {
  id: string;
  known: boolean;
  module: string | null;
  moduleTitle: string;
  objective: string | null;
  type: ItemType | null;
  prompt: string;
  /** Where it was answered: module slugs and/or `final`. */
  quizzes: string[];
  responses: number;
  learners: number;
  /** Responses whose right/wrong is known. */
  scored: number;
  correct: number;
  difficulty: number | null;
  discrimination: number | null;
  options: OptionStats[];
  flags: Flag[];
  /**
   * The LMS's recorded right answers ("Right answer N") that this course's key does not accept: the
   * question was re-keyed, or learners played another version of the course. Null when they agree or
   * no right answer was exported.
   */
  keyDiffers: { lmsRight: string[]; bankKey: string; responses: number } | null;
}

export interface GroupStats {
  id: string;
  title: string;
  module: string;
  moduleTitle: string;
  /** Distinct questions answered. */
  questions: number;
  responses: number;
  share: number | null;
  learners: number;
  mastered: number;
  mastery: number | null;
}

export interface ObjectiveStats extends GroupStats {
  /** What the objectives report said, when it said anything: learners per status. */
  reported: Record<string, number> | null;
}

export interface ModuleStats extends GroupStats {
  number: number;
  /** Learners who submitted at least one attempt of the module quiz. */
  quizTakers: number;
  /** Of those, learners whose best module quiz score reached the pass mark. */
  quizPassed: number;
  meanBestQuiz: number | null;
}

export interface QuizResult {
  quiz: string;
  attempts: number;
  best: number;
  /** Some attempt has fewer answers than the quiz's size (left mid-quiz, or answers lost). */
  unfinished: boolean;
}

export interface LearnerStats {
  key: string;
  name: string;
  email: string;
  /** "Learner 7": stable for the same class, not in name order. */
  alias: string;
  status: string;
  /** Moodle's score for the activity (best attempt), null when there is none (Moodle shows 0). */
  score: number | null;
  /** Why the score reads as it does, when Moodle's own column would mislead. */
  scoreNote: string;
  passed: boolean | null;
  /** Gradebook grade of the chosen column, undefined when no gradebook export was given. */
  gradebook: number | null | undefined;
  /** Best final assessment score worked out from the interactions; null when none was taken. */
  finalBest: number | null;
  quizzes: QuizResult[];
  /** Module slugs whose quiz the learner took, in course order. */
  modulesReached: string[];
  attempts: number;
  started: string | null;
  last: string | null;
  /** The same as minutes since 1970 in the server's zone, for sorting; null when not a Moodle date. */
  startedAt: number | null;
  lastAt: number | null;
  /** Minutes from "Started on" to "Last accessed on": a span, not time spent. */
  spanMinutes: number | null;
  responses: number;
}

export interface FunnelStep {
  label: string;
  count: number;
  /** Share of the learners listed in the report (the funnel's top). */
  share: number | null;
}

export interface Analysis {
  passMark: number;
  method: string;
  questions: QuestionStats[];
  /** Questions whose ids are not in this version of the course: listed with their figures. */
  unknownQuestions: QuestionStats[];
  /** Interaction ids that are not of the course's `<quiz>_a<n>_<item>` form, with counts. */
  unreadableIds: { id: string; count: number }[];
  objectives: ObjectiveStats[];
  modules: ModuleStats[];
  learners: LearnerStats[];
  funnel: FunnelStep[];
  /** Bank questions no learner of this class was given. */
  unansweredBankQuestions: number;
  bankSize: number;
  hasInteractions: boolean;
  /** Modules of the bank this class's package does not seem to hold (no answered question), left out of every table. */
  modulesLeftOut: { slug: string; number: number; title: string }[];
  /** Where the package's modules were read: the answers' final assessments, the objectives report's header, the coordinator (page), or every bank module. */
  modulesFrom: 'answers' | 'objectives' | 'all' | 'page';
  /** Module quizzes in the package. */
  moduleQuizzes: number;
  gradeColumn: string | null;
  /** Why that gradebook column (or none) is used, for the page to say. */
  gradeColumnReason: string;
  /** Which key right and wrong were judged by: the LMS's Result column, or this course's key. */
  rightFrom: 'lms-result' | 'course-key';
  /** The same in a sentence, for the page and the CSV. */
  rightBasis: string;
}

/** One quiz attempt of one learner (within one Moodle attempt), with its running totals. */
interface QuizAttempt {
  learner: number;
  quiz: string;
  correct: number;
  scored: number;
  answered: number;
}

interface Response {
  /** Index of the learner in ClassData.learners. */
  learner: number;
  attempt: QuizAttempt;
  quiz: string;
  item: string;
  response: string;
  correct: boolean | null;
  /** The LMS's recorded right answer ("Right answer N"), null when not exported. */
  right: string | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function pushTo<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Pearson correlation of x (0/1) with y; null when either does not vary or n < 3. */
export function pointBiserial(x: number[], y: number[]): number | null {
  const n = x.length;
  if (n < 3 || y.length !== n) return null;
  const mx = mean(x)!;
  const my = mean(y)!;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** This course's right answer written as the LMS writes it (SCORM 1.2 RTE 3.4.2.7.5), for the page to compare. */
export function bankKeyText(item: BankItem): string {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return (item.options ?? []).filter((o) => o.correct).map((o) => o.id).join(',');
    case 'true-false':
      return item.answer ? 't' : 'f';
    case 'matching':
      return (item.pairs ?? []).map((p) => `${p.id}.${p.target}`).join(',');
    case 'ordering':
      return (item.steps ?? []).map((s) => s.id).join(',');
    case 'numeric':
      return String(item.answer ?? '');
    case 'fill-in':
      return item.accepted?.[0] ?? '';
  }
}

/** FNV-1a of the salted key, so aliases follow neither name order nor file order, nor the key alone. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const SCORED_SCO = /^(\d+(?:\.\d+)?)(?:\/\d+(?:\.\d+)?)?$/;

/**
 * One rule for status and score: both come from the learner's best-scoring Moodle attempt (Moodle's
 * default "Attempts grading: Highest attempt"), so a later unfinished attempt does not show "Incomplete"
 * beside the earlier attempt's 90; with no scored attempt, from the last attempt. README and the page say so.
 */
export const ATTEMPT_RULE = 'Status and score are those of the learner\'s best-scoring attempt (Moodle\'s default "Highest attempt"); with no scored attempt, of the last attempt. With one activity per module, each activity counts on its own: the score is the lowest of them, and the pass mark is met only when every activity is graded and at or above it.';

type ScorePick = { score: number | null; status: string; note: string };

/**
 * The learner's status and score. One activity's score never stands for another's: with several
 * activities (a course given as one activity per module) each activity's best attempt is taken, and
 * the learner's score is the lowest of them; an activity without a score (or never opened) leaves none.
 */
function moodleScore(learner: Learner, activities: string[] = []): ScorePick {
  if (!learner.attempts.length) return { score: null, status: 'Not attempted', note: '' };
  if (activities.length < 2) return activityScore(learner.attempts);
  const picks = activities.map((activity) => ({ activity, attempts: learner.attempts.filter((a) => a.activity === activity || a.activity === '') }));
  const per = picks.map((p) => ({ activity: p.activity, pick: p.attempts.length ? activityScore(p.attempts) : null }));
  const graded = per.filter((p) => p.pick !== null && p.pick.score !== null);
  const missing = per.filter((p) => p.pick === null || p.pick.score === null).map((p) => `"${p.activity}"`);
  if (missing.length) {
    return { score: null, status: `Graded in ${graded.length} of ${activities.length} activities`, note: `no score in ${missing.join(', ')}` };
  }
  const lowest = graded.reduce((a, b) => (b.pick!.score! < a.pick!.score! ? b : a));
  return { score: lowest.pick!.score, status: 'Graded', note: '' };
}

/** The activities (SCO titles) the class's attempts belong to, in first-seen order. */
function classActivities(data: ClassData): string[] {
  return [...new Set(data.learners.flatMap((l) => l.attempts.map((a) => a.activity)).filter((a) => a !== ''))];
}

function activityScore(attempts: Learner['attempts']): ScorePick {
  let best: ScorePick | null = null;
  let last: ScorePick | null = null;
  for (const a of attempts) {
    const scored = a.sco ? SCORED_SCO.exec(a.sco) : null;
    let score: number | null;
    let status: string;
    let note = '';
    if (scored) {
      score = Number(scored[1]);
      // Moodle holds a score for the attempt (the course reported one): "Graded", as the gradebook says.
      status = 'Graded';
    } else if (a.sco) {
      // Moodle writes 0 in Score when the SCO has no score; the SCO column then says the status.
      score = a.score !== null && a.score > 0 ? a.score : null;
      status = a.sco;
      if (a.score === 0) note = 'no score yet (Moodle shows 0)';
    } else {
      score = a.score;
      status = 'Attempted';
      if (a.score === 0) note = '0, or no score: this report cannot tell them apart';
    }
    last = { score, status, note };
    if (score !== null && (best === null || best.score === null || score > best.score)) best = last;
  }
  const pick = best ?? last!;
  return { score: pick.score, status: pick.status, note: pick.score === null || pick.score === 0 ? pick.note : '' };
}

/** Learners' best Moodle score, by learner key, for comparing with the gradebook. */
function moodleScores(data: ClassData): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of data.learners) {
    const { score } = moodleScore(l);
    if (score !== null) out.set(l.key, score);
  }
  return out;
}

/**
 * Which gradebook column is this activity's. A gradebook export has one per graded activity (and per
 * display type): the column whose grades equal the scores the SCORM reports give is this activity's;
 * with one column that one. Never two columns at once: when several agree equally, or none does,
 * the coordinator picks.
 */
export function chooseGradeColumn(data: ClassData, chosen: string | null | undefined): { column: string | null; reason: string } {
  if (chosen !== undefined) return { column: chosen, reason: chosen === null ? 'No gradebook column: chosen on the page.' : `"${chosen}": chosen on the page.` };
  const columns = data.gradeColumns;
  if (!columns.length) return { column: null, reason: '' };
  const scores = moodleScores(data);
  const tally = columns.map((column) => {
    let match = 0;
    let differ = 0;
    for (const l of data.learners) {
      const score = scores.get(l.key);
      const grade = l.grades[column];
      if (score === undefined || grade === undefined || grade === null) continue;
      if (Math.abs(grade - score) < 0.005) match++;
      else differ++;
    }
    return { column, match, differ };
  });
  const scored = scores.size;
  const describe = (t: (typeof tally)[number]) => `its grade matches the score in the SCORM reports for ${t.match} of ${scored} learner${scored === 1 ? '' : 's'} with a score${t.differ ? ` and differs for ${t.differ}` : ''}`;
  if (columns.length === 1) {
    const t = tally[0]!;
    return { column: t.column, reason: `"${t.column}", the only grade column in the gradebook export${scored ? `: ${describe(t)}` : ''}.` };
  }
  const best = [...tally].sort((a, b) => b.match - a.match || a.differ - b.differ)[0]!;
  // The Percentage column of an activity agrees with its Real column: the same activity, Real kept.
  const tied = tally.filter((t) => t.match === best.match && t.differ === best.differ && !(t.column.endsWith(' (Percentage)') && columns.includes(t.column.slice(0, -' (Percentage)'.length))));
  if (best.match === 0) {
    return { column: null, reason: `No gradebook column matches the scores in the SCORM reports${scored ? '' : ' (they hold no score)'}, so none is shown: pick the column of this activity under "Settings and sharing".` };
  }
  if (tied.length > 1) {
    return { column: null, reason: `Columns ${tied.map((t) => `"${t.column}"`).join(' and ')} match the SCORM reports equally, so none is shown: pick the column of this activity under "Settings and sharing".` };
  }
  const pick = tied[0]!;
  return { column: pick.column, reason: `"${pick.column}": ${describe(pick)}.` };
}

export interface AnalyseOptions {
  passMark?: number;
  /** Gradebook column of this activity; by default the one that agrees with the reports (chooseGradeColumn). */
  gradeColumn?: string | null;
  /**
   * Salt of the anonymous aliases. The page draws one at random when it opens, so "Learner 3" cannot
   * be worked out again from the class list; without one, a random salt is drawn here.
   */
  aliasSalt?: string;
  /** Slugs of the modules the package holds; by default those with any answered question. */
  modules?: string[];
}

function randomSalt(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function analyse(data: ClassData, bank: ItemBank, options: AnalyseOptions = {}): Analysis {
  const passMark = options.passMark ?? bank.masteryScore;
  const items = new Map(bank.items.map((i) => [i.id, i]));
  const moduleOf = new Map(bank.modules.map((m) => [m.slug, m]));
  const objectiveInfo = new Map(bank.modules.flatMap((m) => m.objectives.map((o) => [o.id, { ...o, module: m }] as const)));

  // --- Responses --------------------------------------------------------------------------------
  const responses: Response[] = [];
  const quizAttempts: QuizAttempt[] = [];
  // Every learner's row repeats the same interaction ids: read each id once and reuse its strings
  // (whose hashes the engine then keeps), which keeps thousands of learners fast.
  interface Ref {
    quiz: string;
    item: string;
    attemptKey: string;
    bankItem: BankItem | undefined;
  }
  const refs = new Map<string, Ref | null>();
  const refOf = (id: string): Ref | null => {
    let ref = refs.get(id);
    if (ref === undefined) {
      const parsed = parseInteractionId(id);
      ref = parsed ? { quiz: parsed.quiz, item: parsed.item, attemptKey: `${parsed.quiz}#${parsed.quizAttempt}`, bankItem: items.get(parsed.item) } : null;
      refs.set(id, ref);
    }
    return ref;
  };
  const unreadable = new Map<string, number>();
  for (let li = 0; li < data.learners.length; li++) {
    for (const a of data.learners[li]!.attempts) {
      if (a.interactions === null) continue;
      const attemptsHere = new Map<string, QuizAttempt>();
      for (const x of a.interactions) {
        const ref = x.id ? refOf(x.id) : null;
        if (!ref) {
          if (x.id) unreadable.set(x.id, (unreadable.get(x.id) ?? 0) + 1);
          continue;
        }
        const item = ref.bankItem;
        let correct: boolean | null = null;
        if (x.result !== null) correct = x.result === 'correct' || x.result.toLowerCase() === 'correct';
        else if (item && x.response !== null) {
          const parsed = toLearnerResponse(item, x.response);
          correct = parsed ? isCorrect(asQuizItem(item), parsed) : false;
        }
        let attempt = attemptsHere.get(ref.attemptKey);
        if (!attempt) {
          attempt = { learner: li, quiz: ref.quiz, correct: 0, scored: 0, answered: 0 };
          attemptsHere.set(ref.attemptKey, attempt);
          quizAttempts.push(attempt);
        }
        attempt.answered++;
        if (correct !== null) {
          attempt.scored++;
          if (correct) attempt.correct++;
        }
        responses.push({ learner: li, attempt, quiz: ref.quiz, item: ref.item, response: x.response ?? '', correct, right: x.right });
      }
    }
  }

  const hasInteractions = responses.length > 0 || unreadable.size > 0;

  const quizSize = (quiz: string) => (quiz === 'final' ? bank.finalItems : (moduleOf.get(quiz)?.quizDraw ?? 0));

  // --- Questions ------------------------------------------------------------------------------------
  // Which key right and wrong come from: the LMS's "Result N" (judged when the learner answered, by
  // the version they played), else this course's key.
  const resultsFromLms = responses.some((r) => r.correct !== null && data.summaries.result);
  const rightBasis = resultsFromLms
    ? 'The figures use the LMS\'s Result column, judged by the key of the version the learners played.'
    : 'The figures use this course\'s key (the export has no Result column).';
  const rightAgrees = new Map<string, boolean>();
  const byItem = new Map<string, Response[]>();
  const perLearnerCount = new Array<number>(data.learners.length).fill(0);
  for (const r of responses) {
    pushTo(byItem, r.item, r);
    perLearnerCount[r.learner]!++;
  }
  const questionStats = (id: string, rs: Response[]): QuestionStats => {
    const item: BankItem | undefined = items.get(id);
    const scored = rs.filter((r) => r.correct !== null);
    const correct = scored.filter((r) => r.correct).length;
    const x: number[] = [];
    const y: number[] = [];
    for (const r of scored) {
      const t = r.attempt;
      if (t.scored < 2) continue;
      const own = r.correct ? 1 : 0;
      x.push(own);
      y.push((t.correct - own) / (t.scored - 1));
    }
    // Classes give the same few answers again and again: read each distinct response once.
    const picksCache = new Map<string, Pick[]>();
    const picks = (response: string) => {
      let p = picksCache.get(response);
      if (!p) picksCache.set(response, (p = picksOf(item, response)));
      return p;
    };
    const counts = new Map<string, { label: string; count: number }>();
    const rightKeys = new Set<string>();
    const wrongKeys = new Set<string>();
    for (const r of rs) {
      for (const p of picks(r.response)) {
        const c = counts.get(p.key);
        if (c) c.count++;
        else counts.set(p.key, { label: p.label, count: 1 });
        if (r.correct) rightKeys.add(p.key);
        else if (r.correct === false) wrongKeys.add(p.key);
      }
    }
    let optionList: OptionStats[];
    if (item?.options) {
      optionList = item.options.map((o) => ({ key: o.id, label: o.id, text: o.text, correct: o.correct, count: counts.get(o.id)?.count ?? 0, rate: ratio(counts.get(o.id)?.count ?? 0, rs.length) ?? 0 }));
      for (const [key, c] of counts) if (!item.options.some((o) => o.id === key)) optionList.push({ key, label: key, text: '(not an option of this question)', correct: null, count: c.count, rate: ratio(c.count, rs.length) ?? 0 });
    } else if (item?.type === 'true-false') {
      optionList = [true, false].map((v) => ({ key: String(v), label: v ? 'True' : 'False', text: v ? 'True' : 'False', correct: item.answer === v, count: counts.get(String(v))?.count ?? 0, rate: ratio(counts.get(String(v))?.count ?? 0, rs.length) ?? 0 }));
    } else {
      // Whole responses, most frequent first; right when some learner was marked right for it.
      optionList = [...counts.entries()]
        .map(([key, c]) => ({ key, label: key, text: c.label, correct: rightKeys.has(key) ? true : wrongKeys.has(key) ? false : null, count: c.count, rate: ratio(c.count, rs.length) ?? 0 }))
        .sort((a, b) => b.count - a.count || ascending(a.key, b.key));
    }
    const learnerCount = new Set(rs.map((r) => r.learner)).size;
    const difficulty = ratio(correct, scored.length);
    const discrimination = pointBiserial(x, y);
    const flags: Flag[] = [];
    if (learnerCount < FLAG_RULES.minLearners) {
      flags.push({ code: 'too-few', text: `answered by ${learnerCount} learner${learnerCount === 1 ? '' : 's'}: too few to judge (${FLAG_RULES.minLearners} needed)` });
    } else {
      if (difficulty !== null && difficulty > FLAG_RULES.tooEasy) flags.push({ code: 'too-easy', text: `too easy: ${Math.round(difficulty * 100)}% right` });
      if (difficulty !== null && difficulty < FLAG_RULES.tooHard) flags.push({ code: 'too-hard', text: `too hard: ${Math.round(difficulty * 100)}% right` });
      if (discrimination !== null && discrimination < FLAG_RULES.negativeDiscrimination && fixed2(discrimination) !== '0.00') {
        flags.push({ code: 'negative-discrimination', text: `negative discrimination (${fixed2(discrimination)}): learners who do well on the rest of the quiz get it wrong more often` });
      }
      for (const o of optionList) {
        if (item?.options && o.correct === false && o.count === 0) flags.push({ code: 'unused-distractor', text: `nobody picks option ${o.label} ("${o.text}")` });
      }
    }
    // The LMS's right answer against this course's key: the key accepts it, or the question was re-keyed.
    let keyDiffers: QuestionStats['keyDiffers'] = null;
    if (item) {
      const differing = new Set<string>();
      let differingResponses = 0;
      for (const r of rs) {
        if (r.right === null || r.right.trim() === '') continue;
        let agrees = rightAgrees.get(`${id}\u0000${r.right}`);
        if (agrees === undefined) {
          // Moodle joins the correct_responses patterns with commas: a fill-in question's accepted
          // variants ("records,record") are one pattern each, and the key must accept every one.
          const patterns = item.type === 'fill-in' ? r.right.split(/\[,\]|,/) : [r.right];
          agrees = patterns.every((p) => {
            const parsed = toLearnerResponse(item, p);
            return parsed !== null && isCorrect(asQuizItem(item), parsed);
          });
          rightAgrees.set(`${id}\u0000${r.right}`, agrees);
        }
        if (!agrees) {
          differing.add(r.right);
          differingResponses++;
        }
      }
      if (differing.size) {
        keyDiffers = { lmsRight: [...differing].sort(), bankKey: bankKeyText(item), responses: differingResponses };
        flags.push({
          code: 'key-differs',
          text: `the LMS recorded the right answer as ${keyDiffers.lmsRight.map((k) => `"${k}"`).join(' or ')} for ${differingResponses} of ${rs.length} responses, but this course's key is "${keyDiffers.bankKey}": the question was re-keyed, or those learners played another version of the course. ${rightBasis}`
        });
      }
    }
    const module = item ? moduleOf.get(item.module) : undefined;
    return {
      id,
      known: Boolean(item),
      module: item?.module ?? null,
      moduleTitle: module ? `${module.number}. ${module.title}` : '',
      objective: item?.objective ?? null,
      type: item?.type ?? null,
      prompt: item?.prompt ?? '',
      quizzes: [...new Set(rs.map((r) => r.quiz))],
      responses: rs.length,
      learners: learnerCount,
      scored: scored.length,
      correct,
      difficulty,
      discrimination,
      options: optionList,
      flags,
      keyDiffers
    };
  };
  const order = new Map(bank.items.map((item, i) => [item.id, i]));
  const questions = bank.items.filter((i) => byItem.has(i.id)).map((i) => questionStats(i.id, byItem.get(i.id)!));
  const unknownQuestions = [...byItem.keys()].filter((id) => !order.has(id)).sort().map((id) => questionStats(id, byItem.get(id)!));

  // --- Objectives and modules -------------------------------------------------------------------
  const groupStats = (id: string, title: string, module: string, rs: Response[]): GroupStats => {
    const right = new Uint32Array(data.learners.length);
    const answered = new Uint32Array(data.learners.length);
    let rightTotal = 0;
    let scoredTotal = 0;
    for (const r of rs) {
      if (r.correct === null) continue;
      scoredTotal++;
      answered[r.learner]!++;
      if (r.correct) {
        rightTotal++;
        right[r.learner]!++;
      }
    }
    let learnersAnswered = 0;
    let mastered = 0;
    for (let i = 0; i < answered.length; i++) {
      if (!answered[i]) continue;
      learnersAnswered++;
      if ((100 * right[i]!) / answered[i]! >= passMark) mastered++;
    }
    const m = moduleOf.get(module);
    return {
      id,
      title,
      module,
      moduleTitle: m ? `${m.number}. ${m.title}` : module,
      questions: new Set(rs.map((r) => r.item)).size,
      responses: rs.length,
      share: ratio(rightTotal, scoredTotal),
      learners: learnersAnswered,
      mastered,
      mastery: ratio(mastered, learnersAnswered)
    };
  };
  const byObjective = new Map<string, Response[]>();
  const byModule = new Map<string, Response[]>();
  for (const r of responses) {
    const item = items.get(r.item);
    if (!item) continue;
    pushTo(byObjective, item.objective, r);
    pushTo(byModule, item.module, r);
  }
  const reportedStatus = new Map<string, Record<string, number>>();
  for (const l of data.learners) {
    for (const a of l.attempts) {
      for (const o of a.objectives) {
        if (!o.status) continue;
        const counts = reportedStatus.get(o.id) ?? {};
        counts[o.status] = (counts[o.status] ?? 0) + 1;
        reportedStatus.set(o.id, counts);
      }
    }
  }
  // A package may hold only some modules (scorm/choices.ts --modules): its export then answers none of
  // the others' questions. Which modules the package holds, in order of evidence:
  // 1. the coordinator's word on the page;
  // 2. the objectives report's header: the course declares every objective of its package's modules
  //    when it starts (lms-session.ts declareObjectives), so Moodle lists them even for modules nobody reached;
  // 3. a final assessment in the answers: it draws from every module of the package in turn
  //    (quiz/draw.ts drawAttempt), so the modules with an answered question are the package's;
  // 4. otherwise every module of the item bank: a module nobody reached shows with 0, never dropped.
  const answeredModules = new Set(byModule.keys());
  const declared = new Set(data.objectiveIds.map((id) => objectiveInfo.get(id)?.module.slug).filter((s): s is string => s !== undefined));
  const finalTaken = responses.some((r) => r.quiz === 'final' && items.has(r.item));
  const modulesFrom: Analysis['modulesFrom'] = options.modules ? 'page' : declared.size ? 'objectives' : finalTaken && answeredModules.size ? 'answers' : 'all';
  const inPackage = new Set(
    modulesFrom === 'page' ? options.modules : modulesFrom === 'objectives' ? declared : modulesFrom === 'answers' ? answeredModules : bank.modules.map((m) => m.slug)
  );
  const packageModules = bank.modules.filter((m) => inPackage.has(m.slug));
  const modulesLeftOut = bank.modules.filter((m) => !inPackage.has(m.slug)).map((m) => ({ slug: m.slug, number: m.number, title: m.title }));
  const objectives: ObjectiveStats[] = [...objectiveInfo.values()].filter((o) => inPackage.has(o.module.slug)).map((o) => ({
    ...groupStats(o.id, o.text, o.module.slug, byObjective.get(o.id) ?? []),
    reported: reportedStatus.get(o.id) ?? null
  }));

  // --- Learners -----------------------------------------------------------------------------------
  const { column: gradeColumn, reason: gradeColumnReason } = chooseGradeColumn(data, options.gradeColumn);
  const learnerQuizzes: QuizResult[][] = data.learners.map(() => []);
  for (const t of quizAttempts) {
    const size = Math.max(quizSize(t.quiz), t.answered);
    const score = percent(t.correct, size);
    const list = learnerQuizzes[t.learner]!;
    const q = list.find((x) => x.quiz === t.quiz);
    if (q) {
      q.attempts++;
      q.best = Math.max(q.best, score);
      q.unfinished ||= t.answered < size;
    } else list.push({ quiz: t.quiz, attempts: 1, best: score, unfinished: t.answered < size });
  }
  const activities = classActivities(data);
  const salt = options.aliasSalt ?? randomSalt();
  const moduleOrder = (quiz: string) => (quiz === 'final' ? Infinity : (moduleOf.get(quiz)?.number ?? 1000));
  const aliases = new Map(
    data.learners
      .map((l) => ({ key: l.key, h: hash(`${salt}\u0000${l.key}`) }))
      .sort((a, b) => a.h - b.h || ascending(a.key, b.key))
      .map((l, i) => [l.key, `Learner ${i + 1}`] as const)
  );
  const learners: LearnerStats[] = data.learners.map((l, li) => {
    const { score, status, note } = moodleScore(l, activities);
    const quizzes = learnerQuizzes[li]!.sort((a, b) => moduleOrder(a.quiz) - moduleOrder(b.quiz));
    const final = quizzes.find((q) => q.quiz === 'final');
    // Attempts are in attempt-number order, activity by activity: the first start and the last access
    // are found by their times (a module's activity played days after another's attempt 2), by that
    // order only where a date cannot be read.
    const byTime = (pick: (a: Learner['attempts'][number]) => string | null, later: boolean) =>
      l.attempts.reduce<Learner['attempts'][number] | undefined>((x, a) => {
        if (!x) return a;
        const ta = parseMoodleDate(pick(a));
        const tx = parseMoodleDate(pick(x));
        if (ta === null) return x;
        if (tx === null) return a;
        return (later ? ta >= tx : ta < tx) ? a : x;
      }, undefined);
    const first = byTime((a) => a.started, false);
    const lastAttempt = byTime((a) => a.last, true);
    const start = parseMoodleDate(first?.started ?? null);
    const end = parseMoodleDate(lastAttempt?.last ?? null);
    return {
      key: l.key,
      name: l.name,
      email: l.email,
      alias: aliases.get(l.key)!,
      status,
      score,
      scoreNote: note,
      passed: score === null ? null : score >= passMark,
      gradebook: gradeColumn === null ? undefined : l.grades[gradeColumn],
      finalBest: final ? final.best : null,
      quizzes,
      modulesReached: quizzes.filter((q) => moduleOf.has(q.quiz)).map((q) => q.quiz),
      attempts: l.attempts.length,
      started: first?.started ?? null,
      last: lastAttempt?.last ?? null,
      startedAt: start,
      lastAt: end,
      spanMinutes: start !== null && end !== null ? end - start : null,
      responses: perLearnerCount[li]!
    };
  });
  // Only learners some SCORM report lists (a gradebook export lists every enrolled user).
  const listed = learners.filter((_, i) => data.learners[i]!.attempts.length > 0 || data.learners[i]!.listedNotAttempted);

  const modules: ModuleStats[] = packageModules.map((m) => {
    const takers = listed.filter((l) => l.quizzes.some((q) => q.quiz === m.slug));
    const bests = takers.map((l) => l.quizzes.find((q) => q.quiz === m.slug)!.best);
    return {
      ...groupStats(m.slug, m.title, m.slug, byModule.get(m.slug) ?? []),
      number: m.number,
      quizTakers: takers.length,
      quizPassed: bests.filter((b) => b >= passMark).length,
      meanBestQuiz: mean(bests) ?? null
    };
  });

  const opened = listed.filter((l) => l.attempts > 0).length;
  const step = (label: string, count: number): FunnelStep => ({ label, count, share: ratio(count, listed.length) });
  const funnel: FunnelStep[] = [
    step('Listed in the report', listed.length),
    step('Opened the activity', opened),
    ...(hasInteractions
      ? [
          ...packageModules.filter((m) => m.quizDraw > 0).map((m) => step(`Took the module ${m.number} quiz`, listed.filter((l) => l.modulesReached.includes(m.slug)).length)),
          step('Took the final assessment', listed.filter((l) => l.finalBest !== null).length)
        ]
      : []),
    step(`Reached the ${passMark}% pass mark`, listed.filter((l) => l.passed).length)
  ];

  return {
    passMark,
    method: DISCRIMINATION_METHOD,
    questions,
    unknownQuestions,
    unreadableIds: [...unreadable.entries()].map(([id, count]) => ({ id, count })),
    objectives,
    modules,
    learners: listed,
    funnel,
    unansweredBankQuestions: bank.items.filter((i) => inPackage.has(i.module) && !byItem.has(i.id)).length,
    bankSize: bank.items.filter((i) => inPackage.has(i.module)).length,
    hasInteractions,
    modulesLeftOut,
    modulesFrom,
    moduleQuizzes: packageModules.filter((m) => m.quizDraw > 0).length,
    gradeColumn,
    gradeColumnReason,
    rightFrom: resultsFromLms ? 'lms-result' : 'course-key',
    rightBasis
  };
}
