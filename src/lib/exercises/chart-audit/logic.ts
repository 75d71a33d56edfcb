/**
 * Scoring of the chart audit, kept apart from the view so it can be tested without a DOM.
 * One point per document given the right finding, and one point per required document judged
 * correctly (ticked when it is missing, left unticked when it is present).
 */

export interface AuditCase {
  id: string;
  documents: { id: string; answer: string }[];
  required: { id: string; present: boolean }[];
}

export interface AuditResponse {
  /** Finding chosen per document id; a document left out counts as unanswered. */
  findings: Record<string, string | undefined>;
  /** Required-document ids the learner ticked as missing. */
  missing: string[];
}

export interface ItemResult {
  kind: 'document' | 'required';
  id: string;
  correct: boolean;
  /** For documents: the finding chosen, or null when unanswered. For required: whether it was ticked. */
  given: string | boolean | null;
  expected: string | boolean;
}

export interface AuditScore {
  items: ItemResult[];
  score: number;
  max: number;
  /** Documents with no finding chosen, so the view can say so before scoring. */
  unanswered: string[];
}

export function scoreAudit(auditCase: AuditCase, response: AuditResponse): AuditScore {
  const items: ItemResult[] = [];
  const unanswered: string[] = [];
  for (const doc of auditCase.documents) {
    const given = response.findings[doc.id] ?? null;
    if (given === null) unanswered.push(doc.id);
    items.push({ kind: 'document', id: doc.id, correct: given === doc.answer, given, expected: doc.answer });
  }
  const ticked = new Set(response.missing);
  for (const req of auditCase.required) {
    const markedMissing = ticked.has(req.id);
    items.push({ kind: 'required', id: req.id, correct: markedMissing === !req.present, given: markedMissing, expected: !req.present });
  }
  const score = items.filter((i) => i.correct).length;
  return { items, score, max: items.length, unanswered };
}

/** SCORM suspend_data is small (4096 characters in SCORM 1.2, RTE section 3.4): each exercise may store at most 200 characters. */
export const SAVED_STATE_LIMIT = 200;

/** Best score per chart id. */
export type SavedScores = Record<string, { score: number; max: number }>;

/** `case-1:7/9;case-2:9/9` — readable in an LMS report and well under the limit for a few charts. */
export function encodeScores(scores: SavedScores): string {
  const out = Object.entries(scores)
    .map(([id, s]) => `${id}:${s.score}/${s.max}`)
    .join(';');
  if (out.length > SAVED_STATE_LIMIT) throw new Error(`chart-audit state is ${out.length} characters, over ${SAVED_STATE_LIMIT}`);
  return out;
}

/** Reads what encodeScores wrote; anything unreadable is ignored rather than breaking the lesson. */
export function decodeScores(value: string | undefined): SavedScores {
  const scores: SavedScores = {};
  if (!value) return scores;
  for (const part of value.split(';')) {
    const m = /^([a-z0-9-]+):(\d+)\/(\d+)$/.exec(part);
    if (!m) continue;
    const score = Number(m[2]);
    const max = Number(m[3]);
    if (max > 0 && score <= max) scores[m[1]!] = { score, max };
  }
  return scores;
}

/** Keeps the better of the saved and the new result for a chart. */
export function recordBest(saved: SavedScores, caseId: string, result: { score: number; max: number }): SavedScores {
  const previous = saved[caseId];
  if (previous && previous.max === result.max && previous.score >= result.score) return saved;
  return { ...saved, [caseId]: { score: result.score, max: result.max } };
}
