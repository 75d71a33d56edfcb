/**
 * Pure logic of the release-of-information decisions exercise: checking a decision, the score,
 * and the small saved state. No DOM, no Svelte.
 */
import type { RoiDecisionsData, RoiRequest } from './schema';

export function isCorrect(request: RoiRequest, decision: string): boolean {
  return request.correct === decision;
}

export function decisionLabel(data: RoiDecisionsData, decision: string): string {
  return data.decisions.find((d) => d.id === decision)?.label ?? decision;
}

/** Feedback for the chosen decision, written in the data for every decision of every request. */
export function feedbackFor(request: RoiRequest, decision: string): string {
  return request.feedback[decision] ?? '';
}

/** Fills `{name}` placeholders of a label from the data file. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

// Saved state: `id:1` (right first time) or `id:0` per answered request, comma-joined. The session
// allows at most 200 characters per exercise (lms/types.ts saveExercise); pairs that would overflow
// are dropped rather than failing the save.
export const SAVE_LIMIT = 200;

export function encodeAnswers(answers: ReadonlyMap<string, boolean>): string {
  let out = '';
  for (const [id, right] of answers) {
    const pair = `${id}:${right ? 1 : 0}`;
    const next = out ? `${out},${pair}` : pair;
    if (next.length > SAVE_LIMIT) break;
    out = next;
  }
  return out;
}

export function decodeAnswers(saved: string | undefined, data: RoiDecisionsData): Map<string, boolean> {
  const known = new Set(data.requests.map((r) => r.id));
  const answers = new Map<string, boolean>();
  for (const pair of (saved ?? '').split(',')) {
    const [id = '', right] = pair.split(':');
    if (known.has(id) && (right === '0' || right === '1')) answers.set(id, right === '1');
  }
  return answers;
}

export function score(answers: ReadonlyMap<string, boolean>): number {
  let right = 0;
  for (const ok of answers.values()) if (ok) right++;
  return right;
}
