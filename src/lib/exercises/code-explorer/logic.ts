/**
 * Pure logic of the code explorer: code shapes, the character-to-part map, spot-the-invalid scoring
 * and the small saved state. No DOM, so it runs in Node tests and at build time (schema.ts).
 */

export const SYSTEMS = ['icd-10-cm', 'icd-10-pcs', 'cpt', 'hcpcs-level-ii'] as const;
export type CodeSystem = (typeof SYSTEMS)[number];

/**
 * Format rules (ICD-10-CM Official Guidelines I.A; ICD-10-PCS Reference Manual; CPT and HCPCS formats,
 * restated in modules/facts/code-sets.yaml): ICD-10-CM = letter, digit, letter-or-digit, then a decimal point and up
 * to 4 more (3-7 characters); ICD-10-PCS = exactly 7 of 0-9 and A-Z without O and I; CPT Category I =
 * 5 digits, Category II = 4 digits + F, Category III = 4 digits + T; HCPCS Level II = letter + 4 digits.
 * A right shape is necessary, not sufficient: I50 has the shape but is invalid (it has subdivisions).
 */
const SHAPES: Record<CodeSystem, { pattern: RegExp; rule: string }> = {
  'icd-10-cm': {
    pattern: /^[A-Z][0-9][A-Z0-9](?:\.[A-Z0-9]{1,4})?$/,
    rule: 'a letter, a digit and a letter or digit, then optionally a decimal point and 1 to 4 more characters'
  },
  'icd-10-pcs': { pattern: /^[0-9A-HJ-NP-Z]{7}$/, rule: 'exactly 7 characters, digits or letters other than O and I' },
  cpt: { pattern: /^(?:[0-9]{5}|[0-9]{4}[FT])$/, rule: '5 digits, or 4 digits followed by F or T' },
  'hcpcs-level-ii': { pattern: /^[A-Z][0-9]{4}$/, rule: 'one letter followed by 4 digits' }
};

/** Null when `code` has the shape its system requires, otherwise the rule it breaks. */
export function shapeProblem(system: CodeSystem, code: string): string | null {
  const shape = SHAPES[system];
  return shape.pattern.test(code) ? null : `expected ${shape.rule}`;
}

export interface CharacterSlot {
  char: string;
  /** 1-based position counted the way coders count, skipping the decimal point; null for '.'. */
  position: number | null;
  /** Index of the part of the code this character belongs to. */
  part: number;
}

/** One slot per character of the code, each tied to the part that explains it. */
export function characterSlots(parts: readonly { text: string }[]): CharacterSlot[] {
  const slots: CharacterSlot[] = [];
  let position = 0;
  parts.forEach((part, index) => {
    for (const char of part.text) {
      slots.push({ char, position: char === '.' ? null : ++position, part: index });
    }
  });
  return slots;
}

/** The first and last position a part covers, for labels like "characters 4-6". */
export function partPositions(slots: readonly CharacterSlot[], part: number): { first: number; last: number } | null {
  const positions = slots.filter((s) => s.part === part && s.position !== null).map((s) => s.position!);
  if (positions.length === 0) return null;
  return { first: Math.min(...positions), last: Math.max(...positions) };
}

export type Verdict = 'valid' | 'invalid';

export interface SpotResult {
  id: string;
  correct: boolean;
  given: Verdict | null;
}

export function scoreSpot(items: readonly { id: string; valid: boolean }[], answers: Record<string, Verdict | undefined>) {
  const results: SpotResult[] = items.map((item) => {
    const given = answers[item.id] ?? null;
    return { id: item.id, correct: given === (item.valid ? 'valid' : 'invalid'), given };
  });
  return { results, score: results.filter((r) => r.correct).length, max: items.length, unanswered: results.filter((r) => r.given === null).length };
}

/** Per-exercise saved state is limited to 200 characters (suspend_data: 4096 in SCORM 1.2, RTE section 3.4). */
export const SAVED_STATE_LIMIT = 200;

export interface ExplorerProgress {
  /** Ids of codes the learner has opened in the explorer. */
  explored: string[];
  /** Best spot-the-invalid result, or null before the first check. */
  best: { score: number; max: number } | null;
}

/**
 * `x:<indexes of explored codes in base 36>;s:<score>/<max>`: indexes, not ids, keep a full run of
 * the explorer well under the limit (14 codes take about 30 characters).
 */
export function encodeProgress(progress: ExplorerProgress, codeIds: readonly string[]): string {
  const indexes = progress.explored.map((id) => codeIds.indexOf(id)).filter((i) => i >= 0).sort((a, b) => a - b);
  const parts = [`x:${indexes.map((i) => i.toString(36)).join('.')}`];
  if (progress.best) parts.push(`s:${progress.best.score}/${progress.best.max}`);
  const out = parts.join(';');
  if (out.length > SAVED_STATE_LIMIT) throw new Error(`code-explorer state is ${out.length} characters, over ${SAVED_STATE_LIMIT}`);
  return out;
}

/** Reads what encodeProgress wrote; unreadable pieces are ignored rather than breaking the lesson. */
export function decodeProgress(value: string | undefined, codeIds: readonly string[]): ExplorerProgress {
  const progress: ExplorerProgress = { explored: [], best: null };
  if (!value) return progress;
  for (const piece of value.split(';')) {
    const explored = /^x:([0-9a-z.]*)$/.exec(piece);
    if (explored) {
      progress.explored = explored[1]!
        .split('.')
        .filter(Boolean)
        .map((s) => codeIds[parseInt(s, 36)])
        .filter((id): id is string => id !== undefined);
    }
    const best = /^s:(\d+)\/(\d+)$/.exec(piece);
    if (best && Number(best[2]) > 0 && Number(best[1]) <= Number(best[2])) {
      progress.best = { score: Number(best[1]), max: Number(best[2]) };
    }
  }
  return progress;
}

/** Keeps the better result of the same test. */
export function betterResult(previous: ExplorerProgress['best'], next: { score: number; max: number }): { score: number; max: number } {
  if (previous && previous.max === next.max && previous.score >= next.score) return previous;
  return { score: next.score, max: next.max };
}
