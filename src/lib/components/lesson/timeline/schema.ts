/**
 * `::: timeline` (README "Components inside Markdown"): dated events in order. The body is a
 * Markdown bullet list, `- date :: what happened`; dates are text as the source gives them
 * ("1996", "14 April 2003"). Events must run forwards in time: of two dated events, the later may
 * not come first, compared as far as both dates say (year, then month, then day: "30 December 1996"
 * may not precede "1 January 1996", but "1996" and "March 1996" are in order either way). Build time only.
 */
import { listItems, Problems, type BlockContext } from '../block-schema';

export const EVENTS_MIN = 2;
export const EVENTS_MAX = 20;

export interface TimelineEvent {
  /** As written, plain text. */
  date: string;
  html: string;
}

export interface TimelineData {
  events: TimelineEvent[];
}

/** The first four-digit year in a date ("14 April 2003" -> 2003), or null. */
export function yearOf(date: string): number | null {
  const m = /\b(1[5-9]\d\d|2\d\d\d)\b/.exec(date);
  return m ? Number(m[1]) : null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Year, and month and day when the date names them ("14 April 2003" -> [2003, 4, 14]); null without a year. */
export function dateParts(date: string): number[] | null {
  const year = yearOf(date);
  if (year === null) return null;
  const words = date.toLowerCase().split(/[^a-z0-9]+/);
  const monthAt = words.findIndex((w) => MONTHS.includes(w));
  if (monthAt < 0) return [year];
  const month = MONTHS.indexOf(words[monthAt]!) + 1;
  const day = Number(words[monthAt - 1] ?? words[monthAt + 1]);
  return Number.isInteger(day) && day >= 1 && day <= 31 ? [year, month, day] : [year, month];
}

/** Whether `later` is before `earlier`, as far as both dates say. */
function runsBackwards(earlier: number[], later: number[]): boolean {
  for (let k = 0; k < Math.min(earlier.length, later.length); k++) {
    if (later[k]! !== earlier[k]!) return later[k]! < earlier[k]!;
  }
  return false;
}

export function compileTimeline(body: string, ctx: BlockContext, prefix: string): TimelineData {
  const problems = new Problems(ctx, prefix);
  const items = listItems(body, 'bullet');
  if (!items) {
    problems.add('events', 'expected a bullet list, one event per item ("- 1996 :: HIPAA becomes law"), got other text');
    problems.throwIfAny();
  }
  if (items!.length < EVENTS_MIN || items!.length > EVENTS_MAX) {
    problems.add('events', `expected ${EVENTS_MIN} to ${EVENTS_MAX} events, got ${items!.length}`);
  }
  let previous: { when: number[]; date: string } | null = null;
  const events = items!.map((item, i): TimelineEvent => {
    const parts = item.split(' :: ');
    if (parts.length !== 2 || parts.some((p) => !p.trim())) {
      problems.add(`events[${i}]`, `expected "date :: what happened", got "${item.slice(0, 60)}"`);
      return { date: '', html: '' };
    }
    const date = parts[0]!.trim();
    const when = dateParts(date);
    if (when !== null) {
      if (previous && runsBackwards(previous.when, when)) {
        problems.add(`events[${i}].date`, `expected events in date order, got ${date} after ${previous.date}`);
      }
      previous = { when, date };
    }
    return { date, html: ctx.markdownInline(parts[1]!.trim(), problems.field(`events[${i}]`)) };
  });
  problems.throwIfAny();
  return { events };
}
