/**
 * `::: sort id="..."` (README "Components inside Markdown"): the learner places each item into one
 * of two to four groups and is told at once whether it belongs there and why. Data: the YAML body,
 * or `modules/NN-slug/sorts/<id>.yaml`. Checked besides the shape: every item names a listed
 * group, and every group receives at least one item. Build time only.
 */
import * as v from 'valibot';
import { blockId, checkUniqueIds, listOf, parseBlock, Problems, text, type BlockContext } from '../block-schema';

const schema = v.strictObject({
  title: text('a title'),
  instructions: v.optional(text('instructions in Markdown')),
  groups: listOf(v.strictObject({ id: blockId, label: v.pipe(text('a group label'), v.maxLength(40, 'expected a group label of at most 40 characters')) }), 'groups', 2, 4),
  items: listOf(
    v.strictObject({
      text: text('the item to sort, in Markdown'),
      group: blockId,
      feedback: text('why the item belongs in its group, in Markdown')
    }),
    'items',
    2,
    12
  )
});

export interface SortItem {
  html: string;
  /** Id of the group it belongs in. */
  group: string;
  feedbackHtml: string;
}

export interface SortData {
  title: string;
  instructionsHtml: string | null;
  groups: { id: string; label: string }[];
  items: SortItem[];
}

export function compileSort(raw: unknown, ctx: BlockContext, prefix: string): SortData {
  const data = parseBlock(schema, raw, ctx, prefix);
  const problems = new Problems(ctx, prefix);
  checkUniqueIds(data.groups, 'groups', problems);
  const groupIds = data.groups.map((g) => g.id);
  data.items.forEach((item, i) => {
    if (!groupIds.includes(item.group)) problems.add(`items[${i}].group`, `expected a group id (${groupIds.join(', ')}), got "${item.group}"`);
  });
  data.groups.forEach((g, i) => {
    if (!data.items.some((item) => item.group === g.id)) problems.add(`groups[${i}]`, `expected at least one item in group "${g.id}"`);
  });
  problems.throwIfAny();
  return {
    title: data.title,
    instructionsHtml: data.instructions ? ctx.markdownInline(data.instructions, problems.field('instructions')) : null,
    groups: data.groups,
    items: data.items.map((item, i) => ({
      html: ctx.markdownInline(item.text, problems.field(`items[${i}].text`)),
      group: item.group,
      feedbackHtml: ctx.markdownInline(item.feedback, problems.field(`items[${i}].feedback`))
    }))
  };
}
