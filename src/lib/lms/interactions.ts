/**
 * Turns a graded answer into the values of one SCORM interaction record, per version.
 * Formats: SCORM 1.2 RTE 3.4.2.7.5 (correct_responses pattern; student_response uses the same),
 * SCORM 2004 RTE 4.2.9.1 / 4.2.9.2 (correct_responses and learner_response per type).
 */
import type { GradedAnswer, ResponseValue } from './types';
import type { VersionTable } from './versions';

/**
 * A stable, spec-valid interaction id: `<quiz>_a<attempt>_<item>`. 1.2 CMIIdentifier allows only
 * `[A-Za-z0-9_-]` (no spaces or periods, 1.2 RTE 3.4.2.7.1); 2004 long_identifier_type allows more
 * but the same id keeps reports comparable across versions.
 */
export function interactionId(answer: Pick<GradedAnswer, 'quizId' | 'attempt' | 'itemId'>, table: VersionTable): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '-');
  return `${clean(answer.quizId)}_a${answer.attempt}_${clean(answer.itemId)}`.slice(0, table.limits.identifier);
}

/**
 * 1.2 choice/matching/sequencing identifiers are single characters `0-9a-z` (1.2 RTE 3.4.2.7.5);
 * 2004 short_identifier_type allows longer ones without spaces or reserved delimiters.
 */
function identifierToken(id: string, table: VersionTable): string {
  if (table.version === '1.2') return id.toLowerCase().replace(/[^0-9a-z]/g, '').slice(0, 1) || '0';
  return id.replace(/\s+|\[|\]/g, '').slice(0, 250) || '0';
}

/** Free text: 2004 reserves `[,]`-style brackets as delimiters, so brackets are dropped there. */
function textToken(text: string, table: VersionTable): string {
  const cleaned = table.version === '2004' ? text.replace(/\[|\]/g, '') : text.replace(/,/g, ' ');
  return cleaned.slice(0, table.limits.responseText);
}

/** A number as CMIDecimal / real(10,7): plain decimal notation (at most 7 decimals), never exponent form. */
export function decimal(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const text = n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 7 });
  return text === '-0' ? '0' : text;
}

/** Formats a response (learner or correct) for `table`'s version. */
export function formatResponse(value: ResponseValue, table: VersionTable): string {
  const { list, pair, range } = table.delimiters;
  switch (value.type) {
    case 'true-false':
      return value.value ? table.trueFalse.true : table.trueFalse.false;
    case 'choice':
      return value.ids.map((id) => identifierToken(id, table)).join(list);
    case 'sequencing':
      return value.ids.map((id) => identifierToken(id, table)).join(list);
    case 'matching':
      return value.pairs.map(([s, t]) => `${identifierToken(s, table)}${pair}${identifierToken(t, table)}`).join(list);
    case 'fill-in':
      // 1.2 holds one string (CMIFeedback); 2004 up to 10 strings joined by [,].
      return table.version === '1.2'
        ? textToken(value.texts.join(' '), table)
        : value.texts.slice(0, 10).map((t) => textToken(t, table)).join(list);
    case 'numeric':
      return decimal(value.value);
    case 'numeric-range':
      // 2004: `min[:]max` (RTE 4.2.9.1). 1.2's numeric pattern is a single number: the centre of the
      // range, which is the authored answer (range = answer +/- tolerance).
      return table.version === '2004'
        ? `${decimal(value.min)}${range}${decimal(value.max)}`
        : decimal((value.min + value.max) / 2);
  }
}

export interface InteractionRecord {
  id: string;
  type: string;
  objectiveId: string;
  time: string;
  weighting: string;
  learnerResponse: string;
  correctPatterns: string[];
  result: string;
  latency: string;
  /** Always null: see interactionRecord. */
  description: string | null;
}

/** Integer digits of a number as `decimal` writes it (`-147000.5` has 6). */
function integerDigits(n: number): number {
  return decimal(Math.trunc(Math.abs(n))).length;
}

/**
 * A numeric answer the LMS cannot take as `numeric`: 2004's numeric learner_response is real(10,7)
 * (RTE 4.2.9.2) and Moodle's 2004 player refuses more than 5 integer digits (SetValue "false",
 * 406), so 147000 would lose its response. Such a record is written as type `other`
 * (characterstring, RTE 4.2.9.1), which keeps the same text.
 */
function numericTooWide(answer: GradedAnswer, table: VersionTable): boolean {
  const digits = table.limits.numericIntegerDigits;
  if (digits === null) return false;
  const numbers = [answer.learnerResponse, ...answer.correctResponses].flatMap((r) =>
    r.type === 'numeric' ? [r.value] : r.type === 'numeric-range' ? [r.min, r.max] : []
  );
  return numbers.some((n) => integerDigits(n) > digits);
}

/** All values of one interaction record, ready to be written in the order the spec requires. */
export function interactionRecord(answer: GradedAnswer, table: VersionTable): InteractionRecord {
  const patterns = [...new Set(answer.correctResponses.map((r) => formatResponse(r, table)))];
  return {
    id: interactionId(answer, table),
    type: answer.type === 'numeric' && numericTooWide(answer, table) ? 'other' : answer.type,
    objectiveId: answer.objectiveId.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, table.limits.identifier),
    time: table.formatInteractionTime(answer.answeredAt),
    weighting: decimal(answer.weighting),
    learnerResponse: formatResponse(answer.learnerResponse, table),
    // 2004 allows exactly one pattern for true-false and numeric, up to 5 for the others.
    correctPatterns: patterns.slice(0, answer.type === 'true-false' || answer.type === 'numeric' ? 1 : table.limits.correctPatterns),
    result: answer.result === 'correct' ? table.result.correct : table.result.incorrect,
    latency: table.formatDuration(answer.latencyMs),
    // Never written (2004 cmi.interactions.n.description is optional, RTE 4.2.9; 1.2 has none).
    // Moodle's 2004 player posts the whole data model in one beacon when the course closes, and a
    // browser refuses a beacon over 64 KiB (Chromium): with the question text in every record, a
    // learner who took every quiz once came to 69.6 KB, so Terminate failed and that session's time
    // was never added to the total. The id names quiz, attempt and item, which the coordinators'
    // results page turns back into the question.
    description: null
  };
}
