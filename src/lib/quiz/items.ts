/**
 * Reads one module's `quiz.yaml` or `checks.yaml` (already parsed from YAML by the loader), checks
 * it against the authoring spec (README.md, "Quiz items") and compiles its Markdown into QuizItems.
 * Any mistake throws a ContentError naming the file, the field (`items[3].options`) and what was
 * expected, so the build stops before a broken question reaches a learner.
 *
 * Checked here: the shape of every field (valibot), an item with no correct answer, an answer that
 * names no option (a matching target, a duplicate option id), ids repeated within the file, ids
 * that are not `[a-z0-9-]` or longer than 64 characters (SCORM interaction ids), objectives and
 * lessons that do not exist in the module, and a `draw` larger than the pool. Ids repeated across
 * files are the loader's job (it sees every file).
 *
 * Imports are relative, not `$lib/...`: the loader runs this file inside vite.config.ts, where
 * SvelteKit's aliases do not exist yet.
 */
import * as v from 'valibot';
import type { CompileContext } from '../content/compile-context';
import { ContentError } from '../content/errors';
import type { ChoiceOption, QuizItem } from '../content/types';
import { plainTextOf } from './html';
import { FILL_IN_MAX_CHARS } from './response-codec';

/** Item ids become SCORM interaction ids; 64 keeps them well inside both versions' limits (1.2 RTE 3.4: CMIIdentifier, 255; 2004 RTE 4.2: long_identifier_type, 4000). */
const ITEM_ID_MAX = 64;
/** SCORM 2004 `cmi.interactions.n.description` holds 250 characters (RTE 4.2.9.1); 1.2 has none. */
const PROMPT_TEXT_MAX = 250;
const OPTION_LETTERS = 'abcdefghij';

const text = v.pipe(
  v.string('expected text'),
  v.trim(),
  v.minLength(1, 'expected non-empty text, got an empty string')
);

const itemId = v.pipe(
  v.string('expected an id (a-z, 0-9 and -)'),
  v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, (issue) => `expected an id of a-z, 0-9 and single '-' between them, got ${issue.received}`),
  v.maxLength(ITEM_ID_MAX, (issue) => `expected an id of at most ${ITEM_ID_MAX} characters, got ${String(issue.input).length}`)
);

/**
 * Ids inside an item (options, pairs, targets, steps): one character, so answers pack into a few
 * characters of suspend_data (response-codec.ts). YAML reads `1` as a number, hence the union.
 */
const localId = v.pipe(
  v.union([v.string(), v.number()], 'expected a one-character id (a-z or 0-9)'),
  v.transform(String),
  v.regex(/^[a-z0-9]$/, (issue) => `expected a one-character id (a-z or 0-9), got "${String(issue.input)}"`)
);

const listOf = <T extends v.GenericSchema>(schema: T, what: string, min: number, max: number) =>
  v.pipe(
    v.array(schema, `expected a list of ${what}`),
    v.minLength(min, (issue) => `expected at least ${min} ${what}, got ${(issue.input as unknown[]).length}`),
    v.maxLength(max, (issue) => `expected at most ${max} ${what}, got ${(issue.input as unknown[]).length}`)
  );

const common = {
  id: itemId,
  objective: v.string('expected an objective id of this module'),
  lesson: v.string('expected the slug of the lesson the explanation points back to'),
  difficulty: v.picklist([1, 2, 3], (issue) => `expected 1 (easy), 2 (medium) or 3 (hard), got ${issue.received}`),
  case: v.optional(text),
  prompt: text,
  explanation: text
};

const choiceOption = v.strictObject({
  id: localId,
  text,
  correct: v.optional(v.boolean('expected true or false')),
  feedback: v.optional(text)
});
const labelled = v.strictObject({ id: localId, text });

const itemSchema = v.variant(
  'type',
  [
    v.strictObject({ ...common, type: v.picklist(['single', 'multiple']), options: listOf(choiceOption, 'options', 2, 10) }),
    v.strictObject({
      ...common,
      type: v.literal('true-false'),
      answer: v.boolean('expected answer: true or answer: false'),
      feedbackTrue: v.optional(text),
      feedbackFalse: v.optional(text)
    }),
    v.strictObject({
      ...common,
      type: v.literal('matching'),
      pairs: listOf(v.strictObject({ id: localId, prompt: text, target: localId }), 'pairs', 2, 10),
      targets: listOf(labelled, 'targets', 2, 10)
    }),
    v.strictObject({ ...common, type: v.literal('ordering'), steps: listOf(labelled, 'steps', 2, 10) }),
    v.strictObject({
      ...common,
      type: v.literal('numeric'),
      answer: v.pipe(v.number('expected a number'), v.finite('expected a finite number')),
      tolerance: v.optional(v.pipe(v.number('expected a number'), v.minValue(0, 'expected a tolerance of 0 or more')), 0),
      unit: v.optional(text),
      prefix: v.optional(text)
    }),
    v.strictObject({
      ...common,
      type: v.literal('fill-in'),
      accepted: listOf(
        v.pipe(text, v.maxLength(FILL_IN_MAX_CHARS, `expected at most ${FILL_IN_MAX_CHARS} characters (longer answers are cut when saved)`)),
        'accepted answers',
        1,
        20
      )
    })
  ],
  (issue) =>
    `expected type: single, multiple, true-false, matching, ordering, numeric or fill-in, got ${issue.received === 'undefined' ? 'nothing' : issue.received}`
);

const items = listOf(itemSchema, 'items', 1, 500);
const quizFileSchema = v.strictObject(
  {
    draw: v.pipe(v.number('expected the number of items a quiz draws'), v.integer('expected a whole number'), v.minValue(1, 'expected at least 1')),
    items
  },
  'expected a mapping with draw: and items: (README "Quiz items")'
);
const checksFileSchema = v.strictObject({ items }, 'expected a mapping with items: (README "Quiz items")');

type RawItem = v.InferOutput<typeof itemSchema>;

/** `['items', 3, 'options']` -> `items[3].options`, the field notation of ContentError. */
function fieldPath(path: readonly { key: unknown }[] | undefined): string {
  let out = '';
  for (const { key } of path ?? []) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || '(file)';
}

/** What a missing field should hold, for the "got nothing" message. */
const REQUIRED_FIELD_HINTS: Record<string, string> = {
  draw: 'the number of items a quiz draws (draw: 8)',
  items: 'a list of items',
  id: 'an id (a-z, 0-9 and -)',
  type: 'type: single, multiple, true-false, matching, ordering, numeric or fill-in',
  objective: 'an objective id of this module',
  lesson: 'the slug of the lesson the explanation points back to',
  difficulty: 'difficulty: 1, 2 or 3',
  prompt: 'the question text',
  explanation: 'an explanation of the answer',
  options: 'a list of options',
  answer: 'answer: true or answer: false (true-false) or a number (numeric)',
  pairs: 'a list of pairs {id, prompt, target}',
  targets: 'a list of targets {id, text}',
  steps: 'a list of steps {id, text} in the correct order',
  accepted: 'a list of accepted answers',
  text: 'text'
};

/** Turns the first schema issue into an author-facing ContentError. */
function schemaError(file: string, issue: v.BaseIssue<unknown>): ContentError {
  // An unknown key (typo such as `corect:`) is reported at the key itself.
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return new ContentError(file, fieldPath(issue.path), `is not a field of this item or file (check the spelling against README "Quiz items")`);
  }
  // A required field that is absent, or present with no value (`prompt:` alone reads as null).
  if (issue.kind === 'schema' && issue.path && (issue.received === 'undefined' || issue.received === 'null') && issue.type !== 'variant') {
    const key = String(issue.path?.at(-1)?.key ?? '');
    return new ContentError(file, fieldPath(issue.path), `expected ${REQUIRED_FIELD_HINTS[key] ?? 'a value'}, got nothing`);
  }
  // Anything else: valibot's "Invalid type: Expected X but received Y" in the README's words.
  const message = issue.message.replace(/but received undefined$/, 'got nothing').replace(/^Invalid \w+: Expected (.*) but received (.*)$/, 'expected $1, got $2');
  return new ContentError(file, fieldPath(issue.path), message);
}

/** Plain text of compiled HTML for the SCORM 2004 interaction description (at most 250 characters). */
export function plainText(html: string, max = PROMPT_TEXT_MAX): string {
  const flat = plainTextOf(html);
  return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + '…';
}

function duplicateOf<T>(values: readonly T[]): { value: T; index: number } | null {
  const seen = new Set<T>();
  for (const [index, value] of values.entries()) {
    if (seen.has(value)) return { value, index };
    seen.add(value);
  }
  return null;
}

/** The checks on meaning that a schema cannot express. */
function checkItem(raw: RawItem, at: string, ctx: CompileContext): void {
  const fail = (field: string, expected: string) => new ContentError(ctx.file, `${at}.${field}`, expected);
  if (!ctx.objectiveIds.includes(raw.objective)) {
    throw fail('objective', `expected one of this module's objectives (${ctx.objectiveIds.join(', ') || 'none declared'}), got "${raw.objective}"`);
  }
  if (!ctx.lessonSlugs.includes(raw.lesson)) {
    throw fail('lesson', `expected a lesson slug of this module (${ctx.lessonSlugs.join(', ') || 'none'}), got "${raw.lesson}"`);
  }
  const unique = (list: { id: string }[], field: string) => {
    const dup = duplicateOf(list.map((x) => x.id));
    if (dup) throw fail(`${field}[${dup.index}].id`, `expected ids unique within the item, got "${dup.value}" twice`);
  };
  switch (raw.type) {
    case 'single':
    case 'multiple': {
      // README: options are lettered a..j in order, so SCORM choice ids read like the paper version.
      raw.options.forEach((o, i) => {
        if (o.id !== OPTION_LETTERS[i]) throw fail(`options[${i}].id`, `expected "${OPTION_LETTERS[i]}" (options are lettered a, b, c... in order), got "${o.id}"`);
      });
      const correct = raw.options.filter((o) => o.correct).length;
      if (correct === 0) throw fail('options', 'expected at least one option with correct: true, got none');
      if (raw.type === 'single' && correct > 1) throw fail('options', `expected exactly one option with correct: true (use type: multiple for several), got ${correct}`);
      if (correct === raw.options.length) throw fail('options', 'expected at least one wrong option, got every option marked correct');
      break;
    }
    case 'matching': {
      unique(raw.pairs, 'pairs');
      unique(raw.targets, 'targets');
      const targetIds = raw.targets.map((t) => t.id);
      raw.pairs.forEach((p, i) => {
        if (!targetIds.includes(p.target)) throw fail(`pairs[${i}].target`, `expected one of the targets' ids (${targetIds.join(', ')}), got "${p.target}"`);
      });
      break;
    }
    case 'ordering':
      unique(raw.steps, 'steps');
      break;
    default:
      break;
  }
}

function compileItem(raw: RawItem, at: string, ctx: CompileContext): QuizItem {
  const md = (source: string, field: string) => ctx.markdown(source, `${at}.${field}`);
  const inline = (source: string, field: string) => ctx.markdownInline(source, `${at}.${field}`);
  const promptHtml = inline(raw.prompt, 'prompt');
  const base = {
    id: raw.id,
    module: ctx.module,
    objective: raw.objective,
    difficulty: raw.difficulty,
    lesson: raw.lesson,
    ...(raw.case !== undefined ? { caseHtml: md(raw.case, 'case') } : {}),
    promptHtml,
    promptText: plainText(promptHtml),
    explanationHtml: md(raw.explanation, 'explanation')
  };
  switch (raw.type) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        type: raw.type,
        options: raw.options.map(
          (o, i): ChoiceOption => ({
            id: o.id,
            html: inline(o.text, `options[${i}].text`),
            correct: o.correct === true,
            ...(o.feedback !== undefined ? { feedbackHtml: inline(o.feedback, `options[${i}].feedback`) } : {})
          })
        )
      };
    case 'true-false':
      return {
        ...base,
        type: 'true-false',
        answer: raw.answer,
        ...(raw.feedbackTrue !== undefined ? { feedbackTrueHtml: inline(raw.feedbackTrue, 'feedbackTrue') } : {}),
        ...(raw.feedbackFalse !== undefined ? { feedbackFalseHtml: inline(raw.feedbackFalse, 'feedbackFalse') } : {})
      };
    case 'matching':
      return {
        ...base,
        type: 'matching',
        pairs: raw.pairs.map((p, i) => ({ id: p.id, promptHtml: inline(p.prompt, `pairs[${i}].prompt`), target: p.target })),
        targets: raw.targets.map((t, i) => ({ id: t.id, html: inline(t.text, `targets[${i}].text`) }))
      };
    case 'ordering':
      return { ...base, type: 'ordering', steps: raw.steps.map((s, i) => ({ id: s.id, html: inline(s.text, `steps[${i}].text`) })) };
    case 'numeric':
      return {
        ...base,
        type: 'numeric',
        answer: raw.answer,
        tolerance: raw.tolerance,
        ...(raw.unit !== undefined ? { unit: raw.unit } : {}),
        ...(raw.prefix !== undefined ? { prefix: raw.prefix } : {})
      };
    case 'fill-in':
      return { ...base, type: 'fill-in', accepted: raw.accepted };
  }
}

/**
 * Checks and compiles one parsed `quiz.yaml` (`kind: 'quiz'`, needs `draw`) or `checks.yaml`
 * (`kind: 'checks'`, no `draw`). Throws ContentError on the first problem.
 */
export function compileQuizFile(raw: unknown, ctx: CompileContext, kind: 'quiz' | 'checks'): { draw?: number; items: QuizItem[] } {
  const parsed = v.safeParse(kind === 'quiz' ? quizFileSchema : checksFileSchema, raw);
  if (!parsed.success) throw schemaError(ctx.file, parsed.issues[0]);
  const file = parsed.output as { draw?: number; items: RawItem[] };

  const dup = duplicateOf(file.items.map((item) => item.id));
  if (dup) {
    const first = file.items.findIndex((item) => item.id === dup.value);
    throw new ContentError(ctx.file, `items[${dup.index}].id`, `expected an id unique in the file, got "${dup.value}" again (first at items[${first}])`);
  }
  file.items.forEach((item, i) => checkItem(item, `items[${i}]`, ctx));
  if (file.draw !== undefined && file.draw > file.items.length) {
    throw new ContentError(ctx.file, 'draw', `expected at most ${file.items.length} (the number of items in the pool), got ${file.draw}`);
  }
  const compiled = file.items.map((item, i) => compileItem(item, `items[${i}]`, ctx));
  return file.draw !== undefined ? { draw: file.draw, items: compiled } : { items: compiled };
}
