/**
 * Reads an interaction's id and learner response as the course wrote them (src/lib/lms/interactions.ts):
 * ids are `<quiz>_a<attempt>_<item>`; responses follow SCORM 1.2 RTE 3.4.2.7.5 (choice `a,c`,
 * true-false `t`/`f`, matching `1.a,2.c`, sequencing `b,a,c`, numeric `42.5`, fill-in text) or the
 * 2004 forms with `[,]` and `[.]` (RTE 4.2.9.2). Each response becomes the options it picked, for pick
 * rates, and a label with the item's own text.
 */
import type { BankItem } from './bank';
import type { LearnerResponse } from '../quiz/response-codec';

export interface InteractionRef {
  quiz: string;
  quizAttempt: number;
  item: string;
}

export function parseInteractionId(id: string): InteractionRef | null {
  const m = /^([A-Za-z0-9-]+)_a(\d+)_([A-Za-z0-9-]+)$/.exec(id.trim());
  return m ? { quiz: m[1]!, quizAttempt: Number(m[2]), item: m[3]! } : null;
}

const list = (text: string) => text.split(/\[,\]|,/).map((s) => s.trim()).filter(Boolean);

/** The response as the course's own LearnerResponse, or null when it does not fit the item. */
export function toLearnerResponse(item: BankItem, response: string): LearnerResponse | null {
  const text = response.trim();
  switch (item.type) {
    case 'single':
    case 'multiple':
      return { kind: 'choice', ids: list(text) };
    case 'true-false': {
      const t = text.toLowerCase();
      if (t === 't' || t === 'true' || t === '1') return { kind: 'true-false', value: true };
      if (t === 'f' || t === 'false' || t === '0') return { kind: 'true-false', value: false };
      return null;
    }
    case 'matching': {
      const matches: Record<string, string> = {};
      for (const pair of list(text)) {
        const [source, target] = pair.split(/\[\.\]|\./);
        if (source && target) matches[source] = target;
      }
      return { kind: 'matching', matches };
    }
    case 'ordering':
      return { kind: 'ordering', ids: list(text) };
    case 'numeric': {
      const value = Number(text);
      return text !== '' && Number.isFinite(value) ? { kind: 'numeric', value } : null;
    }
    case 'fill-in':
      return { kind: 'fill-in', text: text.split('[,]').join(' ') };
  }
}

export interface Pick {
  /** Stable key of what was picked: an option id, `true`/`false`, or the normalised response. */
  key: string;
  label: string;
}

/**
 * What a response picked, for the pick-rate table: each chosen option of a choice item (a multiple
 * response picks several), the value of a true-false item, or the whole response otherwise.
 */
export function picksOf(item: BankItem | undefined, response: string): Pick[] {
  const text = response.trim();
  if (!item) return [{ key: text, label: text || '(empty)' }];
  const parsed = toLearnerResponse(item, text);
  switch (item.type) {
    case 'single':
    case 'multiple':
      return parsed?.kind === 'choice' ? [...new Set(parsed.ids)].map((id) => ({ key: id, label: id })) : [];
    case 'true-false':
      return parsed?.kind === 'true-false' ? [{ key: String(parsed.value), label: parsed.value ? 'True' : 'False' }] : [{ key: text, label: text }];
    case 'matching': {
      if (parsed?.kind !== 'matching') return [{ key: text, label: text }];
      const label = (item.pairs ?? [])
        .filter((p) => p.id in parsed.matches)
        .map((p) => `${p.text} → ${item.targets?.find((t) => t.id === parsed.matches[p.id])?.text ?? parsed.matches[p.id]}`)
        .join('; ');
      return [{ key: text, label: label || text }];
    }
    case 'ordering': {
      const ids = parsed?.kind === 'ordering' ? parsed.ids : [];
      const label = ids.map((id) => item.steps?.find((s) => s.id === id)?.text ?? id).join(' → ');
      return [{ key: ids.join(','), label: label || text }];
    }
    case 'numeric': {
      const value = parsed?.kind === 'numeric' ? String(parsed.value) : text;
      return [{ key: value, label: `${item.prefix ?? ''}${value}${item.unit ? ` ${item.unit}` : ''}` }];
    }
    case 'fill-in': {
      const typed = text.split('[,]').join(' ');
      return [{ key: typed.toLowerCase(), label: typed || '(empty)' }];
    }
  }
}
