/**
 * A learner's response to one item, as the views and machines hold it, and its compact string
 * form stored in QuizProgress.answers (packed by the LMS state codec into suspend_data, whose
 * SCORM 1.2 limit is 4096 characters, CMIString4096: SCORM 1.2 RTE section 3.4). The budget agreed
 * with the LMS codec is a few characters per item: choice `ac`, true/false `t`, matching `1a2c3b`,
 * ordering `dbac`, numeric `8688.5`, fill-in text capped at 60 characters.
 *
 * Every id inside an item (option, pair, target, step) is one character `[a-z0-9]` (enforced by
 * items.ts), which is what lets choice, matching and ordering answers be plain id strings.
 */
import type { QuizItem } from '../content/types';

export type LearnerResponse =
  | { kind: 'choice'; ids: string[] }
  | { kind: 'true-false'; value: boolean }
  /** Pair id -> chosen target id; pairs left unmatched are absent. */
  | { kind: 'matching'; matches: Record<string, string> }
  | { kind: 'ordering'; ids: string[] }
  | { kind: 'numeric'; value: number }
  | { kind: 'fill-in'; text: string };

/** Longest fill-in answer kept: longer text cannot match any accepted variant (items.ts caps them). */
export const FILL_IN_MAX_CHARS = 60;

/**
 * Typed text cut to FILL_IN_MAX_CHARS UTF-16 code units, never inside a surrogate pair (an emoji):
 * a lone surrogate is not valid text, and an LMS that URI-encodes values (encodeURIComponent)
 * throws on it.
 */
export function fillInText(text: string): string {
  if (text.length <= FILL_IN_MAX_CHARS) return text;
  const last = text.charCodeAt(FILL_IN_MAX_CHARS - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? FILL_IN_MAX_CHARS - 1 : FILL_IN_MAX_CHARS);
}

/**
 * Longest number kept: JavaScript writes some numbers with up to 24 characters
 * (`-0.0000012345678901234567`); past 17, 10 significant digits are kept, the precision an LMS
 * records anyway (SCORM 2004 real(10,7), RTE 4.2.9.2).
 */
export const NUMERIC_MAX_CHARS = 17;

/** A typed number as stored: as JavaScript writes it, or at 10 significant digits when that is longer. */
export function numericText(value: number): string {
  const text = String(value);
  if (text.length <= NUMERIC_MAX_CHARS) return text;
  // 9 digits after the point, fewer only if rounding up would overflow (Number.MAX_VALUE).
  for (let digits = 9; digits > 0; digits--) {
    const short = value.toExponential(digits).replace(/\.?0+e/, 'e').replace(/e\+0$/, '');
    if (Number.isFinite(Number(short))) return short;
  }
  return value.toExponential(0);
}

export function encodeResponse(response: LearnerResponse): string {
  switch (response.kind) {
    case 'choice':
      // Sorted so the same choice always encodes the same way.
      return [...response.ids].sort().join('');
    case 'true-false':
      return response.value ? 't' : 'f';
    case 'matching':
      return Object.keys(response.matches)
        .sort()
        .map((pair) => pair + response.matches[pair])
        .join('');
    case 'ordering':
      return response.ids.join('');
    case 'numeric':
      return numericText(response.value);
    case 'fill-in':
      return fillInText(response.text);
  }
}

/**
 * Reads a stored response back for `item`. Returns null when the text does not fit the item (an
 * updated package may have changed it since the learner saved): the item then shows unanswered
 * rather than breaking the resume.
 */
export function decodeResponse(item: QuizItem, encoded: string | null | undefined): LearnerResponse | null {
  if (encoded == null) return null;
  switch (item.type) {
    case 'single':
    case 'multiple': {
      const known = new Set(item.options.map((o) => o.id));
      const ids = [...encoded];
      if (ids.length === 0 || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id))) return null;
      if (item.type === 'single' && ids.length !== 1) return null;
      return { kind: 'choice', ids };
    }
    case 'true-false':
      return encoded === 't' ? { kind: 'true-false', value: true } : encoded === 'f' ? { kind: 'true-false', value: false } : null;
    case 'matching': {
      if (encoded.length % 2 !== 0) return null;
      const pairs = new Set(item.pairs.map((p) => p.id));
      const targets = new Set(item.targets.map((t) => t.id));
      const matches: Record<string, string> = {};
      for (let i = 0; i < encoded.length; i += 2) {
        const pair = encoded[i] as string;
        const target = encoded[i + 1] as string;
        if (!pairs.has(pair) || !targets.has(target) || pair in matches) return null;
        matches[pair] = target;
      }
      return { kind: 'matching', matches };
    }
    case 'ordering': {
      const ids = [...encoded];
      const steps = item.steps.map((s) => s.id);
      if (ids.length !== steps.length || !steps.every((id) => ids.includes(id))) return null;
      return { kind: 'ordering', ids };
    }
    case 'numeric': {
      if (encoded.trim() === '') return null;
      const value = Number(encoded);
      return Number.isFinite(value) ? { kind: 'numeric', value } : null;
    }
    case 'fill-in':
      return { kind: 'fill-in', text: fillInText(encoded) };
  }
}
