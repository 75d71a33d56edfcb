/**
 * `::: timeline` (README "Components inside Markdown"): dated events in order. The body is a
 * Markdown bullet list, `- date :: what happened`; dates are text as the source gives them
 * ("1996", "14 April 2003"). Events must run forwards in time: when two neighbouring dates both
 * name a year, the later one may not come first. Build time only.
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
  let previous: { year: number; date: string } | null = null;
  const events = items!.map((item, i): TimelineEvent => {
    const parts = item.split(' :: ');
    if (parts.length !== 2 || parts.some((p) => !p.trim())) {
      problems.add(`events[${i}]`, `expected "date :: what happened", got "${item.slice(0, 60)}"`);
      return { date: '', html: '' };
    }
    const date = parts[0]!.trim();
    const year = yearOf(date);
    if (year !== null) {
      if (previous && year < previous.year) {
        problems.add(`events[${i}].date`, `expected events in date order, got ${date} after ${previous.date}`);
      }
      previous = { year, date };
    }
    return { date, html: ctx.markdownInline(parts[1]!.trim(), problems.field(`events[${i}]`)) };
  });
  problems.throwIfAny();
  return { events };
}
