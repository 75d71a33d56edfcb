/**
 * What the build-time compilers of the lesson blocks (process, timeline, diagram, sort, scenario)
 * share: valibot pieces with author-facing messages, the context they compile in, and how a
 * cross-reference problem names its field. Runs in Node at build time (relative imports only).
 */
import * as v from 'valibot';
import type { CompileContext } from '../../content/compile-context';
import { ContentError, ContentErrors } from '../../content/errors';
import { parseWith } from '../../content/schema';

/** A block compiles in its file (the lesson, or its data file) with the course's Markdown compiler. */
export type BlockContext = Pick<CompileContext, 'file' | 'markdown' | 'markdownInline' | 'requireSource'>;

export const text = (what: string) => v.pipe(v.string(`expected ${what}`), v.trim(), v.nonEmpty(`expected ${what}`));

export const blockId = v.pipe(
  v.string('expected an id (a-z, 0-9 and -)'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an id of a-z, 0-9 and single dashes'),
  v.maxLength(40, 'expected an id of at most 40 characters')
);

/** A list with at least `min` and at most `max` entries, saying so in words. */
export const listOf = <T extends v.GenericSchema>(item: T, what: string, min: number, max: number) =>
  v.pipe(
    v.array(item, `expected a list of ${what}`),
    v.minLength(min, `expected at least ${min} ${what}`),
    v.maxLength(max, `expected at most ${max} ${what}`)
  );

/**
 * Parses `raw` with `schema`, fields named after `prefix` (e.g. `line 12 (sort)`) in `ctx.file`,
 * list positions written `items[1]` as in the quiz files' messages (valibot's own path says `items.1`).
 */
export function parseBlock<S extends v.GenericSchema>(schema: S, raw: unknown, ctx: BlockContext, prefix: string): v.InferOutput<S> {
  try {
    return parseWith(schema, raw, ctx.file, prefix);
  } catch (e) {
    if (!(e instanceof ContentErrors)) throw e;
    const bracketed = (field: string) => field.slice(0, prefix.length) + field.slice(prefix.length).replace(/\.(\d+)(?=\.|$)/g, '[$1]');
    throw new ContentErrors(e.errors.map((x) => new ContentError(x.file, bracketed(x.field), x.expected)));
  }
}

/** Gathers cross-reference problems (an unknown group, a dangling link) and throws them together. */
export class Problems {
  private readonly list: ContentError[] = [];
  constructor(
    private readonly ctx: BlockContext,
    private readonly prefix: string
  ) {}

  add(field: string, expected: string): void {
    this.list.push(new ContentError(this.ctx.file, [this.prefix, field].filter(Boolean).join('.'), expected));
  }

  /** The full field name, for the Markdown compiler's own messages. */
  field(field: string): string {
    return [this.prefix, field].filter(Boolean).join('.');
  }

  throwIfAny(): void {
    if (this.list.length) throw new ContentErrors(this.list);
  }
}

/** Every id in `items` once; a repeat is reported at its own index. */
export function checkUniqueIds(items: { id: string }[], listField: string, problems: Problems): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) problems.add(`${listField}[${i}].id`, `expected a unique id, got "${item.id}" twice`);
    seen.add(item.id);
  });
}

/**
 * The items of a Markdown list body: `- a` / `1. a` items, continuation lines joined with a space.
 * Returns null for text that is not such a list (the caller says what it expected).
 */
export function listItems(body: string, kind: 'bullet' | 'ordered'): string[] | null {
  const marker = kind === 'bullet' ? /^[-*]\s+/ : /^\d+[.)]\s+/;
  const items: string[] = [];
  for (const line of body.split('\n')) {
    if (!line.trim()) continue;
    if (marker.test(line)) items.push(line.replace(marker, '').trim());
    else if (items.length && /^\s+\S/.test(line)) items[items.length - 1] += ' ' + line.trim();
    else return null;
  }
  return items;
}
