/**
 * Whether a response is correct, and the version-neutral SCORM interaction values for it
 * (src/lib/lms/types.ts ResponseValue; the LMS adapters turn them into 1.2 / 2004 patterns).
 * One function per question, each a switch over the item types, so every rule for a type sits
 * in one place.
 */
import type { QuizItem } from '$lib/content/types';
import type { InteractionType, ResponseValue } from '$lib/lms/types';
import type { LearnerResponse } from './response-codec';

/** Float noise (0.1 + 0.2) must not turn a right numeric answer wrong or print as 8688.499999999. */
const EPSILON = 1e-9;
const clean = (x: number) => Math.round(x * 1e9) / 1e9;

/** Fill-in matching ignores case and surrounding spaces (README "Quiz items"); inner runs of spaces count as one. */
export function normaliseFillIn(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Reads what a learner typed into a numeric item: accepts `8688.5`, `8,688.50`, `$8,688.50`,
 * `8688.5 dollars` style noise around one number. Returns null when there is no single number.
 */
export function parseNumericInput(text: string): number | null {
  const match = text.replace(/,(?=\d{3}(\D|$))/g, '').match(/^[^\d.-]*(-?(\d+\.?\d*|\.\d+))[^\d]*$/);
  if (!match?.[1]) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : null;
}

export function interactionType(item: QuizItem): InteractionType {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return 'choice';
    case 'ordering':
      return 'sequencing';
    default:
      return item.type;
  }
}

/** Whether the learner has given a full answer (every pair matched, some option chosen, ...). */
export function isComplete(item: QuizItem, response: LearnerResponse | null): boolean {
  if (!response) return false;
  switch (response.kind) {
    case 'choice':
      return response.ids.length > 0;
    case 'matching':
      return item.type === 'matching' && item.pairs.every((p) => p.id in response.matches);
    case 'fill-in':
      return response.text.trim() !== '';
    default:
      return true;
  }
}

export function isCorrect(item: QuizItem, response: LearnerResponse | null): boolean {
  if (!response) return false;
  switch (item.type) {
    case 'single':
    case 'multiple': {
      if (response.kind !== 'choice') return false;
      const chosen = new Set(response.ids);
      // Multiple response: exactly the correct set, no partial credit (SCORM choice is all-or-nothing).
      return item.options.every((o) => o.correct === chosen.has(o.id)) && chosen.size > 0;
    }
    case 'true-false':
      return response.kind === 'true-false' && response.value === item.answer;
    case 'matching':
      return response.kind === 'matching' && item.pairs.every((p) => response.matches[p.id] === p.target);
    case 'ordering':
      return (
        response.kind === 'ordering' &&
        response.ids.length === item.steps.length &&
        item.steps.every((step, i) => response.ids[i] === step.id)
      );
    case 'numeric':
      return response.kind === 'numeric' && Math.abs(response.value - item.answer) <= item.tolerance + EPSILON;
    case 'fill-in':
      return (
        response.kind === 'fill-in' &&
        item.accepted.some((variant) => normaliseFillIn(variant) === normaliseFillIn(response.text))
      );
  }
}

/** The learner's response as a SCORM interaction value (`learner_response` / `student_response`). */
export function learnerResponseValue(item: QuizItem, response: LearnerResponse): ResponseValue {
  switch (response.kind) {
    case 'choice':
      // In the item's option order, so `b,a` and `a,b` report alike.
      return { type: 'choice', ids: item.type === 'single' || item.type === 'multiple' ? item.options.map((o) => o.id).filter((id) => response.ids.includes(id)) : [...response.ids] };
    case 'true-false':
      return { type: 'true-false', value: response.value };
    case 'matching':
      return {
        type: 'matching',
        pairs: item.type === 'matching'
          ? item.pairs.filter((p) => p.id in response.matches).map((p) => [p.id, response.matches[p.id] as string])
          : []
      };
    case 'ordering':
      return { type: 'sequencing', ids: [...response.ids] };
    case 'numeric':
      return { type: 'numeric', value: response.value };
    case 'fill-in':
      return { type: 'fill-in', texts: [response.text.trim()] };
  }
}

/** Every acceptable response: one for most types, one per accepted variant for fill-in. */
export function correctResponseValues(item: QuizItem): ResponseValue[] {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return [{ type: 'choice', ids: item.options.filter((o) => o.correct).map((o) => o.id) }];
    case 'true-false':
      return [{ type: 'true-false', value: item.answer }];
    case 'matching':
      return [{ type: 'matching', pairs: item.pairs.map((p) => [p.id, p.target]) }];
    case 'ordering':
      return [{ type: 'sequencing', ids: item.steps.map((s) => s.id) }];
    case 'numeric':
      return [{ type: 'numeric-range', min: clean(item.answer - item.tolerance), max: clean(item.answer + item.tolerance) }];
    case 'fill-in':
      return item.accepted.map((variant) => ({ type: 'fill-in', texts: [variant] }));
  }
}

/** Percent score, rounded to a whole number as shown to the learner and reported to the LMS. */
export function percent(correct: number, total: number): number {
  return total === 0 ? 0 : Math.round((100 * correct) / total);
}
