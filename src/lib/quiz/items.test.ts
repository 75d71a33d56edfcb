import { describe, expect, it } from 'vitest';
import type { CompileContext } from '$lib/content/compile-context';
import { ContentError } from '$lib/content/errors';
import { compileQuizFile, plainText } from './items';

const FILE = 'modules/01-the-job/quiz.yaml';

/** A stand-in for the course Markdown compiler: wraps text so the tests can see what was compiled. */
const ctx: CompileContext = {
  file: FILE,
  module: 'the-job',
  objectiveIds: ['job-1', 'job-2'],
  lessonSlugs: ['what-they-do', 'duties'],
  markdown: (source) => `<p>${source.trim().replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/&/g, '&amp;')}</p>`,
  markdownInline: (source) => source.trim().replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/&/g, '&amp;'),
  requireSource: () => {}
};

const base = { objective: 'job-1', lesson: 'duties', difficulty: 1, prompt: 'Prompt?', explanation: 'Because.' };
const single = (over: Record<string, unknown> = {}) => ({
  ...base,
  id: 'q-single',
  type: 'single',
  options: [
    { id: 'a', text: 'Right', correct: true, feedback: 'Yes.' },
    { id: 'b', text: 'Wrong' }
  ],
  ...over
});

const everyType = [
  single({ case: 'A **chart** excerpt.' }),
  { ...base, id: 'q-multiple', type: 'multiple', options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: true }, { id: 'c', text: 'C' }] },
  { ...base, id: 'q-tf', type: 'true-false', answer: false, feedbackTrue: 'No: it is false.' },
  {
    ...base,
    id: 'q-match',
    type: 'matching',
    pairs: [{ id: 1, prompt: 'Coder', target: 'a' }, { id: 2, prompt: 'Registrar', target: 'b' }],
    targets: [{ id: 'a', text: 'Codes' }, { id: 'b', text: 'Registry' }, { id: 'c', text: 'Distractor' }]
  },
  { ...base, id: 'q-order', type: 'ordering', steps: [{ id: 'a', text: 'First' }, { id: 'b', text: 'Second' }, { id: 'c', text: 'Third' }] },
  { ...base, id: 'q-num', type: 'numeric', answer: 8688.5, tolerance: 0.5, prefix: '$' },
  { ...base, id: 'q-fill', type: 'fill-in', accepted: ['RHIT', 'Registered Health Information Technician'] }
];

/** Runs compileQuizFile and returns the ContentError it throws, failing the test if it does not throw one. */
function errorOf(raw: unknown, kind: 'quiz' | 'checks' = 'quiz'): ContentError {
  try {
    compileQuizFile(raw, ctx, kind);
  } catch (e) {
    if (e instanceof ContentError) return e;
    throw e;
  }
  throw new Error('expected a ContentError, but the file compiled');
}

describe('compileQuizFile: valid files', () => {
  it('compiles one item of every type into QuizItems', () => {
    const { draw, items } = compileQuizFile({ draw: 5, items: everyType }, ctx, 'quiz');
    expect(draw).toBe(5);
    expect(items.map((i) => i.type)).toEqual(['single', 'multiple', 'true-false', 'matching', 'ordering', 'numeric', 'fill-in']);
    const [s, , tf, m, , n, f] = items;
    expect(s).toMatchObject({
      id: 'q-single',
      module: 'the-job',
      objective: 'job-1',
      lesson: 'duties',
      caseHtml: '<p>A <strong>chart</strong> excerpt.</p>',
      promptHtml: 'Prompt?',
      promptText: 'Prompt?',
      explanationHtml: '<p>Because.</p>',
      options: [
        { id: 'a', html: 'Right', correct: true, feedbackHtml: 'Yes.' },
        { id: 'b', html: 'Wrong', correct: false }
      ]
    });
    expect(tf).toMatchObject({ answer: false, feedbackTrueHtml: 'No: it is false.' });
    // YAML reads pair id 1 as a number; it becomes the string "1".
    expect(m).toMatchObject({ pairs: [{ id: '1', target: 'a' }, { id: '2', target: 'b' }] });
    expect(n).toMatchObject({ answer: 8688.5, tolerance: 0.5, prefix: '$' });
    expect(f).toMatchObject({ accepted: ['RHIT', 'Registered Health Information Technician'] });
  });

  it('compiles a checks file without draw, and numeric tolerance defaults to 0', () => {
    const out = compileQuizFile({ items: [{ ...base, id: 'kc-num', type: 'numeric', answer: 3 }] }, ctx, 'checks');
    expect(out.draw).toBeUndefined();
    expect(out.items[0]).toMatchObject({ type: 'numeric', answer: 3, tolerance: 0 });
  });

  it('makes a plain-text prompt of at most 250 characters for the SCORM 2004 description', () => {
    expect(plainText('Is <strong>R&amp;D</strong> coded?')).toBe('Is R&D coded?');
    const long = plainText('word '.repeat(100));
    expect(long.length).toBe(250);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('compileQuizFile: every mistake names the file and field', () => {
  const cases: [string, unknown, string, RegExp, ('quiz' | 'checks')?][] = [
    ['a file that is not a mapping', 'oops', '(file)', /^expected a mapping with draw: and items:/],
    ['an empty checks file', null, '(file)', /^expected a mapping with items:/, 'checks'],
    ['a quiz without draw', { items: [single()] }, 'draw', /expected the number of items a quiz draws \(draw: 8\), got nothing/],
    ['draw in a checks file', { draw: 1, items: [single()] }, 'draw', /not a field/, 'checks'],
    ['draw larger than the pool', { draw: 3, items: [single(), single({ id: 'q-2' })] }, 'draw', /expected at most 2 \(the number of items in the pool\), got 3/],
    ['draw not a whole number', { draw: 1.5, items: [single()] }, 'draw', /whole number/],
    ['an unknown item type', { draw: 1, items: [single({ type: 'essay' })] }, 'items[0].type', /expected type: single, multiple.*got "essay"/],
    ['a missing prompt', { draw: 1, items: [single({ prompt: undefined })] }, 'items[0].prompt', /expected the question text, got nothing/],
    ['a prompt with no value', { draw: 1, items: [single({ prompt: null })] }, 'items[0].prompt', /expected the question text, got nothing/],
    ['an empty explanation', { draw: 1, items: [single({ explanation: '  ' })] }, 'items[0].explanation', /non-empty/],
    ['a misspelt field', { draw: 1, items: [{ ...single(), corect: true }] }, 'items[0].corect', /not a field/],
    ['a difficulty out of range', { draw: 1, items: [single({ difficulty: 4 })] }, 'items[0].difficulty', /1 \(easy\), 2 \(medium\) or 3 \(hard\)/],
    ['an id with capitals', { draw: 1, items: [single({ id: 'Q-Single' })] }, 'items[0].id', /a-z, 0-9/],
    ['an id with spaces', { draw: 1, items: [single({ id: 'q single' })] }, 'items[0].id', /a-z, 0-9/],
    ['an id over 64 characters', { draw: 1, items: [single({ id: 'q'.repeat(65) })] }, 'items[0].id', /at most 64 characters, got 65/],
    ['ids colliding in the file', { draw: 1, items: [single(), single()] }, 'items[1].id', /unique in the file, got "q-single" again \(first at items\[0\]\)/],
    ['an objective of another module', { draw: 1, items: [single({ objective: 'rec-1' })] }, 'items[0].objective', /job-1, job-2.*got "rec-1"/],
    ['a lesson that does not exist', { draw: 1, items: [single({ lesson: 'nope' })] }, 'items[0].lesson', /what-they-do, duties.*got "nope"/],
    ['no correct option', { draw: 1, items: [single({ options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }] })] }, 'items[0].options', /at least one option with correct: true, got none/],
    [
      'two correct options in a single-choice item',
      { draw: 1, items: [single({ options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: true }, { id: 'c', text: 'C' }] })] },
      'items[0].options',
      /exactly one.*got 2/
    ],
    [
      'every option correct',
      { draw: 1, items: [single({ type: 'multiple', options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: true }] })] },
      'items[0].options',
      /at least one wrong option/
    ],
    ['one option only', { draw: 1, items: [single({ options: [{ id: 'a', text: 'A', correct: true }] })] }, 'items[0].options', /at least 2 options, got 1/],
    [
      'options out of letter order',
      { draw: 1, items: [single({ options: [{ id: 'a', text: 'A', correct: true }, { id: 'c', text: 'C' }] })] },
      'items[0].options[1].id',
      /expected "b".*got "c"/
    ],
    ['a two-character option id', { draw: 1, items: [single({ options: [{ id: 'aa', text: 'A', correct: true }, { id: 'b', text: 'B' }] })] }, 'items[0].options[0].id', /one-character id/],
    ['true-false without answer', { draw: 1, items: [{ ...base, id: 'q', type: 'true-false' }] }, 'items[0].answer', /expected answer: true or answer: false.*got nothing/],
    [
      'a matching pair naming no target',
      { draw: 1, items: [{ ...base, id: 'q', type: 'matching', pairs: [{ id: 1, prompt: 'P', target: 'a' }, { id: 2, prompt: 'Q', target: 'z' }], targets: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }] }] },
      'items[0].pairs[1].target',
      /one of the targets' ids \(a, b\), got "z"/
    ],
    [
      'a matching pair id used twice',
      { draw: 1, items: [{ ...base, id: 'q', type: 'matching', pairs: [{ id: 1, prompt: 'P', target: 'a' }, { id: 1, prompt: 'Q', target: 'b' }], targets: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }] }] },
      'items[0].pairs[1].id',
      /unique within the item, got "1" twice/
    ],
    ['an ordering step id used twice', { draw: 1, items: [{ ...base, id: 'q', type: 'ordering', steps: [{ id: 'a', text: 'A' }, { id: 'a', text: 'B' }] }] }, 'items[0].steps[1].id', /twice/],
    ['numeric without answer', { draw: 1, items: [{ ...base, id: 'q', type: 'numeric' }] }, 'items[0].answer', /a number \(numeric\), got nothing/],
    ['a negative tolerance', { draw: 1, items: [{ ...base, id: 'q', type: 'numeric', answer: 1, tolerance: -1 }] }, 'items[0].tolerance', /0 or more/],
    ['fill-in without accepted answers', { draw: 1, items: [{ ...base, id: 'q', type: 'fill-in', accepted: [] }] }, 'items[0].accepted', /at least 1 accepted answers, got 0/],
    ['a fill-in variant too long to be typed', { draw: 1, items: [{ ...base, id: 'q', type: 'fill-in', accepted: ['x'.repeat(61)] }] }, 'items[0].accepted[0]', /at most 60 characters/]
  ];

  it.each(cases)('%s', (_name, raw, field, message, kind = 'quiz') => {
    const error = errorOf(raw, kind);
    expect(error.file).toBe(FILE);
    expect(error.field).toBe(field);
    expect(error.expected).toMatch(message);
    expect(error.message).toBe(`${FILE}: ${field}: ${error.expected}`);
  });
});
