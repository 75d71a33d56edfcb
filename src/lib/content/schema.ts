/**
 * Schemas of every content file in modules/ (valibot). `parseWith` turns a valibot failure into
 * ContentErrors that name the file, the field and what was expected.
 */
import * as v from 'valibot';
import { ContentError, ContentErrors } from './errors';

const text = (what = 'a non-empty string') => v.pipe(v.string(`expected ${what}`), v.trim(), v.nonEmpty(`expected ${what}`));
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const idSchema = v.pipe(
  v.string('expected an id (a-z, 0-9 and -)'),
  v.regex(slugPattern, 'expected an id of a-z, 0-9 and single dashes'),
  v.maxLength(64, 'expected an id of at most 64 characters')
);
const minutes = v.pipe(
  v.number('expected a whole number of minutes'),
  v.integer('expected a whole number of minutes'),
  v.minValue(1, 'expected at least 1 minute'),
  v.maxValue(240, 'expected at most 240 minutes')
);

export const courseSchema = v.strictObject({
  title: text(),
  description: text(),
  language: v.pipe(v.string(), v.regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language tag such as en-US')),
  masteryScore: v.pipe(v.number('expected a percent from 0 to 100'), v.minValue(0, 'expected a percent from 0 to 100'), v.maxValue(100, 'expected a percent from 0 to 100')),
  completion: v.picklist(['lessons', 'assessment', 'both'], 'expected one of: lessons, assessment, both'),
  attemptsPerQuiz: v.pipe(v.number(), v.integer('expected a whole number (0 = unlimited)'), v.minValue(0), v.maxValue(10, 'expected at most 10 attempts')),
  randomise: v.boolean('expected true or false'),
  finalAssessmentItems: v.pipe(v.number(), v.integer('expected a whole number of items'), v.minValue(1), v.maxValue(40, 'expected at most 40 items')),
  modules: v.array(idSchema, 'expected a list of module slugs'),
  // Package data (scorm/assemble.ts writes them per package; see package-options.ts). course.yaml
  // may set the authored default of whenFinished; the other two only ever come from a package.
  whenFinished: v.optional(v.picklist(['end-attempt', 'keep-open'], 'expected one of: end-attempt, keep-open'), 'keep-open'),
  scormVersion: v.optional(v.nullable(v.picklist(['1.2', '2004'], 'expected 1.2, 2004 or null')), null),
  packageId: v.optional(v.pipe(v.string('expected a package id'), v.minLength(1, 'expected a package id')))
});

export const moduleFrontmatterSchema = v.strictObject({
  title: text(),
  summary: text(),
  minutes,
  objectives: v.pipe(
    v.array(v.strictObject({ id: idSchema, text: text() }), 'expected a list of objectives with id and text'),
    v.minLength(1, 'expected at least one objective')
  )
});

export const lessonFrontmatterSchema = v.strictObject({
  title: text(),
  minutes
});

export const glossarySchema = v.array(
  v.strictObject({ id: idSchema, term: text(), definition: text(), source: v.optional(idSchema) }),
  'expected a list of glossary entries (id, term, definition)'
);

export const sourcesSchema = v.array(
  v.strictObject({
    id: idSchema,
    short: text(),
    title: text(),
    publisher: text(),
    year: text('the year the figures describe'),
    url: v.optional(v.pipe(v.string(), v.url('expected a full URL'))),
    /** The source's text archived in the repo, e.g. sources/bls-ooh-2019.txt (see source-archive.ts). */
    archive: v.optional(v.pipe(v.string(), v.regex(/^sources\/[a-z0-9-]+\.txt$/, 'expected a file in modules/sources/, e.g. sources/bls-ooh-2019.txt'))),
    note: v.optional(v.string())
  }),
  'expected a list of sources'
);

/** A value inside a fact's `data` (the machine-readable form tests compare the content with). */
const factDatum = v.union(
  [v.string(), v.number(), v.boolean(), v.null(), v.array(v.string())],
  'expected a string, a number, true/false, null or a list of strings'
);

/**
 * modules/facts/*.yaml: every fact the course takes from a source whose text is not archived in
 * modules/sources/, restated in the course's own words with where it was read. The figure and data
 * tests check lessons, charts and exercises against these files (and the archived texts) only.
 */
export const factsSchema = v.array(
  v.strictObject({
    id: idSchema,
    value: text('the figure or short answer the fact gives, e.g. "30 calendar days"'),
    statement: text('the fact in the course\'s own words'),
    source: idSchema,
    where: text('where in the source it was read (section, table, page)'),
    year: text('the year the fact describes or the source was published'),
    basis: v.picklist(
      ['primary', 'secondary', 'cms-grouper'],
      'expected primary (the text of the official source), secondary (other sources that agree) or cms-grouper (checked by running the CMS grouper)'
    ),
    data: v.optional(v.record(v.pipe(v.string(), v.regex(/^[a-z][a-zA-Z0-9]*$/, 'expected a field name such as drg')), factDatum))
  }),
  'expected a list of facts (id, value, statement, source, where, year, basis)'
);

export const figuresSchema = v.array(
  v.strictObject({
    value: text('the figure exactly as written in the text'),
    source: idSchema,
    year: text('the year the figure describes'),
    where: v.optional(v.string())
  }),
  'expected a list of figures (value, source, year)'
);

/** The schema that validates the value at `path` inside `root` (objects and arrays only). */
function schemaAt(root: v.GenericSchema, path: readonly { key: unknown }[]): v.GenericSchema | undefined {
  let schema: any = root;
  for (const step of path) {
    while (schema?.type === 'optional' || schema?.type === 'nullable') schema = schema.wrapped;
    if (schema?.pipe) schema = schema.pipe[0];
    if (schema?.entries) schema = schema.entries[String(step.key)];
    else if (schema?.item) schema = schema.item;
    else return undefined;
  }
  return schema;
}

/** The author-facing "expected ..." message a schema carries (v.string('expected ...')). */
function expectedOf(schema: any): string | undefined {
  const own = schema?.message ?? schema?.pipe?.[0]?.message;
  return typeof own === 'string' && own.startsWith('expected') ? own : undefined;
}

/** Parses `input` or throws ContentErrors naming each bad field of `file`. */
export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown, file: string, prefix = ''): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw new ContentErrors(result.issues.map((issue) => issueToError(schema, issue, file, prefix)));
}

export function issueToError(root: v.GenericSchema, issue: v.BaseIssue<unknown>, file: string, prefix = ''): ContentError {
  const path = v.getDotPath(issue);
  const field = [prefix, path].filter(Boolean).join('.') || '(file)';
  // A strict object reports both a missing key (received undefined) and an unknown key
  // (expected never) as its own issue: say which in plain words.
  if (issue.type === 'strict_object' || issue.type === 'object') {
    if (issue.expected === 'never') {
      const key = String(issue.path?.at(-1)?.key ?? '');
      return new ContentError(file, field, `unknown property "${key}"`);
    }
    const expected = expectedOf(schemaAt(root, issue.path ?? [])) ?? 'a value (this field is required)';
    return new ContentError(file, field, `${expected}, got nothing`);
  }
  const got = issue.received === 'undefined' ? 'nothing' : issue.received;
  const message = /^expected /i.test(issue.message) ? issue.message : `expected ${issue.expected ?? 'a valid value'} (${issue.message})`;
  return new ContentError(file, field, `${message}, got ${got}`);
}
