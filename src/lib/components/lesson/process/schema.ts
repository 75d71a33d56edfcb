/**
 * `::: process` (README "Components inside Markdown"): an ordered procedure, shown one step at a
 * time or all at once. The body is a Markdown ordered list, one item per step; an item may start
 * with a short name and ` :: ` (`1. Validate :: Is there a valid authorization?`). Build time only.
 */
import { listItems, Problems, type BlockContext } from '../block-schema';

export const STEPS_MIN = 2;
export const STEPS_MAX = 12;

export interface ProcessStep {
  /** The step's short name, when the author gave one (`name :: text`). */
  titleHtml: string | null;
  html: string;
}

export interface ProcessData {
  steps: ProcessStep[];
}

export function compileProcess(body: string, ctx: BlockContext, prefix: string): ProcessData {
  const problems = new Problems(ctx, prefix);
  const items = listItems(body, 'ordered');
  if (!items) {
    problems.add('steps', 'expected an ordered list, one step per item ("1. Receive the request"), got other text');
    problems.throwIfAny();
  }
  if (items!.length < STEPS_MIN || items!.length > STEPS_MAX) {
    problems.add('steps', `expected ${STEPS_MIN} to ${STEPS_MAX} steps, got ${items!.length}`);
  }
  const steps = items!.map((item, i): ProcessStep => {
    const parts = item.split(' :: ');
    if (parts.length > 2 || parts.some((p) => !p.trim())) {
      problems.add(`steps[${i}]`, `expected "text" or "name :: text", got "${item.slice(0, 60)}"`);
    }
    const [name, detail] = parts.length === 2 ? parts : [null, item];
    const field = problems.field(`steps[${i}]`);
    return {
      titleHtml: name ? ctx.markdownInline(name.trim(), field) : null,
      html: ctx.markdownInline((detail ?? '').trim(), field)
    };
  });
  problems.throwIfAny();
  return { steps };
}
