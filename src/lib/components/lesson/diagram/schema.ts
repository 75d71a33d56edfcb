/**
 * `::: diagram id="..."` (README "Components inside Markdown"): a labelled graphic drawn as SVG
 * from data, each part explorable and described in text. Data: the YAML body, or
 * `modules/NN-slug/diagrams/<id>.yaml`. Two layouts:
 *   groups  parts in labelled groups (the sections of a record, the stages of a stay);
 *   tree    parts under one root by `parent` (an org chart).
 * Checked here besides the shape: ids unique, every `group` and `parent` names a listed one, a tree
 * has exactly one root and no loops. Build time only.
 */
import * as v from 'valibot';
import { blockId, checkUniqueIds, listOf, parseBlock, Problems, text, type BlockContext } from '../block-schema';

/** Labels are drawn inside boxes; longer ones would wrap onto too many lines. */
export const LABEL_MAX = 48;

const label = v.pipe(text('a short label'), v.maxLength(LABEL_MAX, `expected a label of at most ${LABEL_MAX} characters`));

const schema = v.strictObject({
  title: text('a title'),
  summary: v.optional(text('a one-sentence summary in Markdown')),
  layout: v.picklist(['groups', 'tree'], 'expected one of: groups, tree'),
  groups: v.optional(listOf(v.strictObject({ id: blockId, label }), 'groups', 1, 8)),
  parts: listOf(
    v.strictObject({
      id: blockId,
      label,
      text: text('what this part is, in Markdown'),
      group: v.optional(blockId),
      parent: v.optional(blockId)
    }),
    'parts',
    2,
    24
  )
});

export interface DiagramPart {
  id: string;
  label: string;
  html: string;
  group: string | null;
  parent: string | null;
}

export interface DiagramData {
  title: string;
  summaryHtml: string | null;
  layout: 'groups' | 'tree';
  groups: { id: string; label: string }[];
  parts: DiagramPart[];
}

export function compileDiagram(raw: unknown, ctx: BlockContext, prefix: string): DiagramData {
  const data = parseBlock(schema, raw, ctx, prefix);
  const problems = new Problems(ctx, prefix);
  checkUniqueIds(data.parts, 'parts', problems);
  const groups = data.groups ?? [];
  checkUniqueIds(groups, 'groups', problems);
  const partIds = new Set(data.parts.map((p) => p.id));
  const groupIds = new Set(groups.map((g) => g.id));

  if (data.layout === 'groups') {
    if (!groups.length) problems.add('groups', 'expected a list of groups (id, label) for the groups layout, got nothing');
    data.parts.forEach((p, i) => {
      if (p.parent) problems.add(`parts[${i}].parent`, 'expected no parent in the groups layout (use layout: tree)');
      if (!p.group) problems.add(`parts[${i}].group`, `expected a group id (${[...groupIds].join(', ')}), got nothing`);
      else if (!groupIds.has(p.group)) problems.add(`parts[${i}].group`, `expected a group id (${[...groupIds].join(', ')}), got "${p.group}"`);
    });
    groups.forEach((g, i) => {
      if (!data.parts.some((p) => p.group === g.id)) problems.add(`groups[${i}]`, `expected at least one part in group "${g.id}"`);
    });
  } else {
    if (data.groups) problems.add('groups', 'expected no groups in the tree layout (use layout: groups)');
    const roots = data.parts.filter((p) => !p.parent);
    if (roots.length !== 1) problems.add('parts', `expected exactly one part without a parent (the root), got ${roots.length}`);
    data.parts.forEach((p, i) => {
      if (p.group) problems.add(`parts[${i}].group`, 'expected no group in the tree layout (use layout: groups)');
      if (p.parent && !partIds.has(p.parent)) problems.add(`parts[${i}].parent`, `expected the id of another part, got "${p.parent}"`);
    });
    const parentOf = new Map(data.parts.map((p) => [p.id, p.parent]));
    data.parts.forEach((p, i) => {
      const path = new Set<string>([p.id]);
      for (let up = parentOf.get(p.id); up; up = parentOf.get(up)) {
        if (path.has(up)) {
          problems.add(`parts[${i}].parent`, `expected a tree, got a loop through "${up}"`);
          break;
        }
        path.add(up);
      }
    });
  }
  problems.throwIfAny();

  return {
    title: data.title,
    summaryHtml: data.summary ? ctx.markdownInline(data.summary, problems.field('summary')) : null,
    layout: data.layout,
    groups,
    parts: data.parts.map((p, i) => ({
      id: p.id,
      label: p.label,
      html: ctx.markdown(p.text, problems.field(`parts[${i}].text`)),
      group: p.group ?? null,
      parent: p.parent ?? null
    }))
  };
}
