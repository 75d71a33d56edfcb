/**
 * The components an author may place in a lesson with `::: name key="value"` (README table
 * "Components inside Markdown"): their properties, what their body holds, and what they refer to.
 * The browser side of each lives in src/lib/components/lesson/ (see LessonBody.svelte).
 */
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { ContentError, gatherErrors } from './errors';
import { issueToError } from './schema';
import type { LessonBlock } from './types';
import type { MarkdownCompiler } from './markdown';
import type { BlockContext } from '../components/lesson/block-schema';
import { compileProcess } from '../components/lesson/process/schema';
import { compileTimeline } from '../components/lesson/timeline/schema';
import { compileDiagram } from '../components/lesson/diagram/schema';
import { compileSort } from '../components/lesson/sort/schema';
import { compileScenario } from '../components/lesson/scenario/schema';

/**
 * What a component's body holds: Markdown; nothing; flip cards; a Markdown list compiled by the
 * component (`list`); or YAML data (`data`), in the body or in the module's `<folder>/<id>.yaml`.
 */
type Body = 'markdown' | 'none' | 'cards' | 'list' | 'data';

interface ComponentSpec {
  props: v.GenericSchema;
  body: Body;
  /** `list` components: compiles the body into the block's data. */
  compileList?: (body: string, ctx: BlockContext, prefix: string) => unknown;
  /** `data` components: the module folder of their data files, and the compiler of the data. */
  data?: { folder: string; compile: (raw: unknown, ctx: BlockContext, prefix: string) => unknown };
}

const id = v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, 'expected an id of a-z, 0-9 and -'));

export const componentSpecs: Record<string, ComponentSpec> = {
  callout: {
    props: v.strictObject({
      kind: v.picklist(['note', 'tip', 'warning', 'example'], 'expected one of: note, tip, warning, example'),
      title: v.optional(v.string())
    }),
    body: 'markdown'
  },
  flipcards: { props: v.strictObject({ title: v.optional(v.string()) }), body: 'cards' },
  check: { props: v.strictObject({ id }), body: 'none' },
  chart: { props: v.strictObject({ id }), body: 'none' },
  exercise: { props: v.strictObject({ id }), body: 'none' },
  'figure-table': { props: v.strictObject({ caption: v.string(), source: id }), body: 'markdown' },
  process: {
    props: v.strictObject({
      title: v.optional(v.string()),
      mode: v.optional(v.picklist(['steps', 'all'], 'expected one of: steps, all'))
    }),
    body: 'list',
    compileList: compileProcess
  },
  timeline: { props: v.strictObject({ title: v.optional(v.string()) }), body: 'list', compileList: compileTimeline },
  diagram: { props: v.strictObject({ id }), body: 'data', data: { folder: 'diagrams', compile: compileDiagram } },
  sort: { props: v.strictObject({ id }), body: 'data', data: { folder: 'sorts', compile: compileSort } },
  scenario: { props: v.strictObject({ id }), body: 'data', data: { folder: 'scenarios', compile: compileScenario } }
};

/** Module folders that hold component data files (`diagrams/`, `sorts/`, `scenarios/`). */
export const componentDataFolders = Object.values(componentSpecs).flatMap((s) => (s.data ? [s.data.folder] : []));

/** What a lesson's components may point at inside its module. */
export interface ComponentTargets {
  checks: Set<string>;
  charts: Set<string>;
  exercises: Set<string>;
  /**
   * The module's data file `<folder>/<id>.yaml`, parsed, with its repository path; null when there
   * is none. Throws a ContentError for a file that is not valid YAML.
   */
  dataFile(folder: string, id: string): { raw: unknown; file: string } | null;
}

export interface FlipCard {
  frontHtml: string;
  backHtml: string;
}

const OPEN = /^:::\s*([a-z][a-z0-9-]*)((?:\s+[a-zA-Z][\w-]*="[^"]*")*)\s*(\/)?\s*$/;
const CLOSE = /^:::\s*$/;
const FENCE = /^(```|~~~)/;

/**
 * Splits a lesson body into Markdown runs and component blocks, compiling both.
 * Components do not nest; fenced code is left alone.
 */
export function compileLessonBody(
  body: string,
  file: string,
  md: MarkdownCompiler,
  targets: ComponentTargets,
  lineOffset = 0
): { blocks: LessonBlock[]; errors: ContentError[] } {
  const lines = body.split('\n');
  const blocks: LessonBlock[] = [];
  const errors: ContentError[] = [];
  let run: string[] = [];
  let inFence = false;

  const flush = () => {
    const src = run.join('\n').trim();
    if (src) blocks.push({ kind: 'html', html: md.block(src, file, 'body') });
    run = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) inFence = !inFence;
    const open = inFence ? null : OPEN.exec(line);
    if (!open) {
      if (!inFence && line.startsWith(':::')) {
        errors.push(new ContentError(file, `line ${i + 1 + lineOffset}`, `expected a component opening such as ::: callout kind="tip" or a closing :::, got "${line.trim()}"`));
      }
      run.push(line);
      continue;
    }
    flush();
    const [, name = '', attrs = '', selfClosing] = open;
    const where = `line ${i + 1 + lineOffset} (${name})`;
    const props: Record<string, string> = {};
    for (const m of attrs.matchAll(/([a-zA-Z][\w-]*)="([^"]*)"/g)) props[m[1]!] = m[2]!;

    // Collect the body up to the closing line.
    const bodyLines: string[] = [];
    if (!selfClosing) {
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (CLOSE.test(lines[i]!)) {
          closed = true;
          break;
        }
        bodyLines.push(lines[i]!);
      }
      if (!closed) errors.push(new ContentError(file, where, 'expected a closing ::: line, got the end of the file'));
    }

    const spec = componentSpecs[name];
    if (!spec) {
      errors.push(new ContentError(file, where, `expected a known component (${Object.keys(componentSpecs).join(', ')}), got "${name}"`));
      continue;
    }
    const parsed = v.safeParse(spec.props, props);
    if (!parsed.success) {
      errors.push(...parsed.issues.map((issue) => issueToError(spec.props, issue, file, where)));
      continue;
    }
    const bodyText = bodyLines.join('\n').trim();
    if (spec.body === 'none' && bodyText) {
      errors.push(new ContentError(file, where, 'expected no body (end the line with / )'));
    }
    if (spec.body !== 'none' && spec.body !== 'data' && !bodyText) {
      errors.push(new ContentError(file, where, 'expected a body before the closing :::'));
    }

    const refs: [string, Set<string>, string][] = [
      ['check', targets.checks, 'an item id in this module\'s checks.yaml'],
      ['chart', targets.charts, 'a chart with data in this module\'s charts/<id>.yaml'],
      ['exercise', targets.exercises, 'an exercise with data in this module\'s exercises/<id>.yaml']
    ];
    for (const [component, known, what] of refs) {
      if (name === component && !known.has(props.id!)) {
        errors.push(new ContentError(file, `${where}.id`, `expected ${what}, got "${props.id}"`));
      }
    }
    if (name === 'figure-table') {
      try {
        md.requireSource(props.source!, file, `${where}.source`);
      } catch (e) {
        errors.push(e as ContentError);
      }
    }

    const block: LessonBlock = { kind: 'component', name, props };
    if (name === 'figure-table') block.props.sourceLabel = md.sourceLabel(props.source!);
    if (spec.body === 'markdown') block.html = md.block(bodyText, file, where);
    if (spec.body === 'cards') {
      const cards = parseCards(bodyText, file, where, md, errors);
      block.data = cards;
    }
    if (spec.compileList && bodyText) {
      gatherErrors(errors, () => (block.data = spec.compileList!(bodyText, blockContext(md, file), where)));
    }
    if (spec.data) {
      const source = gatherErrors(errors, () => dataSource(spec.data!.folder, props.id!, bodyText, file, where, targets, errors));
      if (source) gatherErrors(errors, () => (block.data = spec.data!.compile(source.raw, blockContext(md, source.file), source.prefix)));
    }
    blocks.push(block);
  }
  if (inFence) errors.push(new ContentError(file, 'body', 'expected a closing ``` for a code fence'));
  flush();
  return { blocks, errors };
}

function blockContext(md: MarkdownCompiler, file: string): BlockContext {
  return {
    file,
    markdown: (src, field) => md.block(src, file, field),
    markdownInline: (src, field) => md.inline(src, file, field),
    requireSource: (sourceId, field) => md.requireSource(sourceId, file, field)
  };
}

/**
 * Where a data component's YAML comes from: its body (small data, fields named after the lesson
 * line) or the module's `<folder>/<id>.yaml` (fields named in that file). Never both, never neither.
 */
function dataSource(folder: string, blockId: string, bodyText: string, file: string, where: string, targets: ComponentTargets, errors: ContentError[]) {
  const fromFile = targets.dataFile(folder, blockId);
  if (bodyText && fromFile) {
    errors.push(new ContentError(file, where, `expected the data either in the body or in ${fromFile.file}, got both`));
    return undefined;
  }
  if (fromFile) return { raw: fromFile.raw, file: fromFile.file, prefix: '' };
  if (!bodyText) {
    errors.push(new ContentError(file, `${where}.id`, `expected YAML data in the body or a file ${folder}/${blockId}.yaml in this module, got neither`));
    return undefined;
  }
  let raw: unknown;
  try {
    raw = parseYaml(bodyText);
  } catch (e) {
    errors.push(new ContentError(file, where, `expected YAML data in the body (${(e as Error).message.split('\n')[0]})`));
    return undefined;
  }
  return { raw, file, prefix: where };
}

/** Flip cards: one list item per card, `- front :: back`. */
function parseCards(body: string, file: string, where: string, md: MarkdownCompiler, errors: ContentError[]): FlipCard[] {
  const items = body.split(/\n(?=- )/).map((s) => s.replace(/^- /, '').trim()).filter(Boolean);
  const cards: FlipCard[] = [];
  items.forEach((item, n) => {
    const [front, back, ...rest] = item.split('::');
    if (!front?.trim() || !back?.trim() || rest.length) {
      errors.push(new ContentError(file, `${where}.cards[${n}]`, `expected "- front :: back", got "${item.slice(0, 60)}"`));
      return;
    }
    cards.push({ frontHtml: md.inline(front.trim(), file, `${where}.cards[${n}]`), backHtml: md.inline(back.trim(), file, `${where}.cards[${n}]`) });
  });
  if (!cards.length && !errors.length) errors.push(new ContentError(file, where, 'expected at least one card'));
  return cards;
}
