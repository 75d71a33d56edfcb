/**
 * The analysis as one CSV file (RFC 4180, UTF-8 with a byte-order mark so Excel opens accents right):
 * one block per table, each a title line, its header row and its rows, blocks separated by an empty
 * line. Shares are percentages with one decimal. With `anonymise`, learners appear as their alias
 * (salted: analysis.ts AnalyseOptions.aliasSalt), in alias order, no name or email is written, and
 * times are cut to the day and spans to whole hours: a minute-exact "last accessed" tells anyone who
 * was in the room who the learner is.
 */
import { csvFormatRows } from 'd3-dsv';
import { fixed2, type Analysis } from './analysis';
import type { ItemBank } from './bank';
import type { Note } from './sheet';

export const pct = (share: number | null) => (share === null ? '' : (Math.round(share * 1000) / 10).toFixed(1));
const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** Moodle's "Wednesday, 2 December 2026, 1:31 PM" as "2 December 2026": the day, no time. */
export const dateOnly = (date: string | null) => {
  if (!date) return '';
  const m = /(\d{1,2} [A-Za-z]+ \d{4})/.exec(date);
  return m ? m[1]! : '';
};
/**
 * A note's times cut to the day, for the anonymised page: Moodle's "2 December 2026, 1:33 PM" becomes
 * "2 December 2026" and "2026-12-02 13:21 UTC" becomes "2026-12-02", like every other date then.
 */
export const daysOnly = (text: string) =>
  text
    .replace(/((?:[A-Za-z]+day, )?\d{1,2} [A-Za-z]+ \d{4}),? \d{1,2}:\d{2}(?: ?[AaPp]\.?[Mm]\.?)?/g, '$1')
    .replace(/(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:UTC|Z))?/g, '$1');
/** The CSV's file name: no learner's name or date in it, whatever the switch. */
export const csvFileName = (anonymise: boolean) => (anonymise ? 'class-results-anonymised.csv' : 'class-results.csv');
/** A note as the page shows it: while anonymised, its anonymous text if it has one, times cut to the day. */
export const noteText = (note: Note, anonymise: boolean) => (anonymise ? daysOnly(note.anonymous ?? note.text) : note.text);
/** Alias order: "Learner 2" before "Learner 10". */
/**
 * A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return:
 * OWASP "CSV Injection") gets a leading apostrophe, so a learner's name or typed answer such as
 * `=HYPERLINK(...)` stays text. Plain numbers (a negative discrimination) stay numbers.
 */
export const inertCell = (cell: string) =>
  /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;
const aliasNumber = (alias: string) => Number(/\d+/.exec(alias)?.[0] ?? 0);

export function analysisCsv(analysis: Analysis, bank: ItemBank, options: { anonymise: boolean }): string {
  const blocks: string[][][] = [];
  const moduleTitle = (slug: string | null) => {
    const m = bank.modules.find((x) => x.slug === slug);
    return m ? `${m.number}. ${m.title}` : '';
  };
  const questionRows = [...analysis.questions, ...analysis.unknownQuestions];
  blocks.push([
    [`Questions (discrimination: ${analysis.method}; right and wrong: ${analysis.rightBasis})`],
    ['Question id', 'In this version of the course', 'Module', 'Objective', 'Type', 'Question', 'Responses', 'Learners', 'Difficulty (% right)', 'Discrimination', 'Flags', "LMS's right answer where it differs from the course's key", "Course's key"],
    ...questionRows.map((q) => [
      q.id,
      q.known ? 'yes' : 'no',
      moduleTitle(q.module),
      q.objective ?? '',
      q.type ?? '',
      q.prompt,
      String(q.responses),
      String(q.learners),
      pct(q.difficulty),
      fixed2(q.discrimination),
      q.flags.map((f) => f.text).join('; '),
      q.keyDiffers ? q.keyDiffers.lmsRight.join(' or ') : '',
      q.keyDiffers ? q.keyDiffers.bankKey : ''
    ])
  ]);
  blocks.push([
    ['Options and responses'],
    ['Question id', 'Option', 'Text', 'Right answer', 'Picks', 'Pick rate (%)'],
    ...questionRows.flatMap((q) => q.options.map((o) => [q.id, o.label, o.text, o.correct === null ? '' : o.correct ? 'yes' : 'no', String(o.count), pct(o.rate)]))
  ]);
  const groupHeader = ['Questions answered', 'Responses', 'Share right (%)', 'Learners', `Learners at ${analysis.passMark}%+`, 'Mastery (%)'];
  blocks.push([
    ['Objectives'],
    ['Objective', 'Module', 'Objective text', ...groupHeader],
    ...analysis.objectives.map((o) => [o.id, o.moduleTitle, o.title, String(o.questions), String(o.responses), pct(o.share), String(o.learners), String(o.mastered), pct(o.mastery)])
  ]);
  blocks.push([
    ['Modules'],
    ['Module', ...groupHeader, 'Took the module quiz', `Best quiz score ${analysis.passMark}%+`, 'Mean best quiz score (%)'],
    ...analysis.modules.map((m) => [
      m.moduleTitle,
      String(m.questions),
      String(m.responses),
      pct(m.share),
      String(m.learners),
      String(m.mastered),
      pct(m.mastery),
      String(m.quizTakers),
      String(m.quizPassed),
      m.meanBestQuiz === null ? '' : m.meanBestQuiz.toFixed(1)
    ])
  ]);
  blocks.push([
    ['Learners'],
    [
      ...(options.anonymise ? ['Learner'] : ['Learner', 'Email address']),
      'Status',
      'Score (%)',
      `Pass mark ${analysis.passMark}% met`,
      ...(analysis.gradeColumn ? [`Gradebook: ${analysis.gradeColumn}`] : []),
      'Best final assessment (%)',
      'Module quizzes taken',
      ...(options.anonymise ? ['Started on (date)', 'Last accessed on (date)', 'Span (hours, rounded)'] : ['Started on', 'Last accessed on', 'Span (minutes)']),
      'Responses'
    ],
    ...(options.anonymise ? [...analysis.learners].sort((a, b) => aliasNumber(a.alias) - aliasNumber(b.alias)) : analysis.learners).map((l) => [
      ...(options.anonymise ? [l.alias] : [l.name, l.email]),
      l.status,
      l.score === null ? l.scoreNote || '' : String(l.score),
      l.passed === null ? '' : l.passed ? 'yes' : 'no',
      ...(analysis.gradeColumn ? [num(l.gradebook)] : []),
      num(l.finalBest),
      String(l.modulesReached.length),
      ...(options.anonymise
        ? [dateOnly(l.started), dateOnly(l.last), l.spanMinutes === null ? '' : String(Math.round(l.spanMinutes / 60))]
        : [l.started ?? '', l.last ?? '', num(l.spanMinutes)]),
      String(l.responses)
    ])
  ]);
  blocks.push([['Completion funnel'], ['Step', 'Learners', 'Share of listed (%)'], ...analysis.funnel.map((s) => [s.label, String(s.count), pct(s.share)])]);
  return '\uFEFF' + blocks.map((b) => csvFormatRows(b.map((row) => row.map(inertCell)))).join('\r\n\r\n') + '\r\n';
}
