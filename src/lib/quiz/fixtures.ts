/**
 * Hand-written QuizItems for unit tests: one of each type, plus a scenario item and a pool large
 * enough to draw from. Test data only: never shown to a student, so the numbers are made up.
 */
import type { QuizItem } from '$lib/content/types';

const base = {
  module: 'the-job',
  objective: 'job-1',
  difficulty: 1 as const,
  lesson: 'duties',
  explanationHtml: '<p>Because.</p>'
};

export const singleItem: QuizItem = {
  ...base,
  id: 'fx-single',
  type: 'single',
  promptHtml: 'Which task is part of reviewing a record?',
  promptText: 'Which task is part of reviewing a record?',
  options: [
    { id: 'a', html: 'Checking every form is signed', correct: true, feedbackHtml: 'Yes.' },
    { id: 'b', html: 'Taking blood pressure', correct: false, feedbackHtml: 'That is direct care.' },
    { id: 'c', html: 'Prescribing', correct: false }
  ]
};

export const multipleItem: QuizItem = {
  ...base,
  id: 'fx-multiple',
  type: 'multiple',
  promptHtml: 'Which are code sets?',
  promptText: 'Which are code sets?',
  options: [
    { id: 'a', html: 'ICD-10-CM', correct: true },
    { id: 'b', html: 'HIPAA', correct: false },
    { id: 'c', html: 'CPT', correct: true },
    { id: 'd', html: 'RHIT', correct: false }
  ]
};

export const trueFalseItem: QuizItem = {
  ...base,
  id: 'fx-true-false',
  type: 'true-false',
  promptHtml: 'Coders assign codes from documentation.',
  promptText: 'Coders assign codes from documentation.',
  answer: true,
  feedbackFalseHtml: 'They do: codes come from what the record documents.'
};

export const matchingItem: QuizItem = {
  ...base,
  id: 'fx-matching',
  type: 'matching',
  promptHtml: 'Match each role to its work.',
  promptText: 'Match each role to its work.',
  pairs: [
    { id: '1', promptHtml: 'Coder', target: 'a' },
    { id: '2', promptHtml: 'Cancer registrar', target: 'c' },
    { id: '3', promptHtml: 'Release-of-information specialist', target: 'b' }
  ],
  targets: [
    { id: 'a', html: 'Assigns diagnosis codes' },
    { id: 'b', html: 'Answers requests for records' },
    { id: 'c', html: 'Follows up tumor cases' },
    { id: 'd', html: 'Draws blood' }
  ]
};

export const orderingItem: QuizItem = {
  ...base,
  id: 'fx-ordering',
  type: 'ordering',
  promptHtml: 'Put the steps in order.',
  promptText: 'Put the steps in order.',
  steps: [
    { id: 'a', html: 'Receive the request' },
    { id: 'b', html: 'Check the authorization' },
    { id: 'c', html: 'Copy the records' },
    { id: 'd', html: 'Log the disclosure' }
  ]
};

export const numericItem: QuizItem = {
  ...base,
  id: 'fx-numeric',
  type: 'numeric',
  promptHtml: 'A DRG has relative weight 1.5 and the base rate is $5,792.33. What is the payment?',
  promptText: 'A DRG has relative weight 1.5 and the base rate is $5,792.33. What is the payment?',
  answer: 8688.5,
  tolerance: 0.5,
  prefix: '$'
};

export const fillInItem: QuizItem = {
  ...base,
  id: 'fx-fill-in',
  type: 'fill-in',
  promptHtml: 'Which credential does the technician exam lead to?',
  promptText: 'Which credential does the technician exam lead to?',
  accepted: ['RHIT', 'Registered Health Information Technician']
};

export const scenarioItem: QuizItem = {
  ...base,
  id: 'fx-scenario',
  type: 'single',
  caseHtml: '<p>A lawyer asks for a patient\'s chart without a signed authorization.</p>',
  promptHtml: 'What do you do?',
  promptText: 'What do you do?',
  options: [
    { id: 'a', html: 'Send it', correct: false, feedbackHtml: 'Not without authorization.' },
    { id: 'b', html: 'Ask for a valid authorization', correct: true }
  ]
};

export const oneOfEachType: QuizItem[] = [
  singleItem,
  multipleItem,
  trueFalseItem,
  matchingItem,
  orderingItem,
  numericItem,
  fillInItem,
  scenarioItem
];

/** A pool of `size` single-choice items (`pool-1`..), option `a` correct, for draw tests. */
export function singleChoicePool(size: number, module = 'the-job'): QuizItem[] {
  return Array.from({ length: size }, (_, i) => ({
    ...base,
    module,
    id: `${module}-pool-${i + 1}`,
    type: 'single' as const,
    promptHtml: `Question ${i + 1}`,
    promptText: `Question ${i + 1}`,
    options: [
      { id: 'a', html: 'Right', correct: true },
      { id: 'b', html: 'Wrong', correct: false },
      { id: 'c', html: 'Also wrong', correct: false }
    ]
  }));
}
