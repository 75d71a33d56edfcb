/**
 * Markdown -> HTML at build time (no Markdown parser ships to the browser), with the course's
 * own inline syntax (README "Authoring content"):
 *   [[term]] / [[text|id]]      glossary link, checked against the glossary
 *   {{src:id}}                  citation, checked against sources.yaml
 *   lesson:, module:, glossary: internal links, checked against the course tree
 * Problems are collected, not thrown, so one build reports every broken reference at once.
 */
import { Marked, type Tokens } from 'marked';
import { ContentError } from './errors';
import type { Source } from './types';

/** What the compiler may refer to. Built by the loader after every file has been read. */
export interface LinkTargets {
  /** `module/lesson` keys, plus `module` keys for module pages. */
  lessons: Set<string>;
  modules: Set<string>;
  /** Modules left out of this build (teacher's subset): links to them become plain text. */
  excludedModules: Set<string>;
  glossary: Set<string>;
  sources: Map<string, Source>;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

/** Hash route of a page, as written into links (the app uses SvelteKit's hash router). */
export function routeHref(path: string): string {
  return `#/${path}`;
}

interface Where {
  file: string;
  field: string;
}

export class MarkdownCompiler {
  readonly errors: ContentError[] = [];
  private where: Where = { file: '', field: '' };
  private readonly marked: Marked;

  constructor(private readonly targets: LinkTargets) {
    // Renderers below are plain functions: marked calls them with `this` = its renderer, whose
    // `parser` knows the course's inline extensions (glossary terms, citations) inside cells and links.
    const self = this;
    this.marked = new Marked({
      gfm: true,
      async: false,
      extensions: [
        {
          name: 'glossaryTerm',
          level: 'inline',
          start: (src: string) => src.indexOf('[['),
          tokenizer: (src: string) => {
            const m = /^\[\[([^\]|\n]+?)(?:\|([^\]\n]+?))?\]\]/.exec(src);
            if (!m) return undefined;
            const text = m[1]!.trim();
            return { type: 'glossaryTerm', raw: m[0], text, id: (m[2] ?? slugify(text)).trim() };
          },
          renderer: (token) => this.renderTerm(token.text as string, token.id as string)
        },
        {
          name: 'citation',
          level: 'inline',
          start: (src: string) => src.indexOf('{{'),
          tokenizer: (src: string) => {
            const m = /^\{\{src:([a-z0-9-]+)\}\}/.exec(src);
            if (!m) return undefined;
            return { type: 'citation', raw: m[0], id: m[1] };
          },
          renderer: (token) => this.renderCitation(token.id as string)
        }
      ],
      renderer: {
        link(token: Tokens.Link) {
          return self.renderLink(token, this.parser.parseInline(token.tokens));
        },
        // Every table scrolls inside its own focusable region, so a wide one never makes the page
        // scroll sideways at 320 px (WCAG 1.4.10) and keyboard users can still scroll it.
        table(token: Tokens.Table) {
          const cell = (c: Tokens.TableCell) => this.parser.parseInline(c.tokens);
          const head = token.header.map((c) => `<th scope="col">${cell(c)}</th>`).join('');
          const body = token.rows.map((row) => `<tr>${row.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('');
          return `<div class="table-scroll" role="region" aria-label="Table" tabindex="0"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
        },
        heading(token: Tokens.Heading) {
          if (token.depth === 1) {
            self.fail('a level-2 or deeper heading (## ...): the page supplies the h1 from the title', `# ${token.text}`);
          }
          return false;
        }
      }
    });
  }

  /** A block of Markdown. */
  block(source: string, file: string, field: string): string {
    this.where = { file, field };
    return (this.marked.parse(source) as string).trim();
  }

  /** A short piece of Markdown with no surrounding paragraph (option labels, titles). */
  inline(source: string, file: string, field: string): string {
    this.where = { file, field };
    return (this.marked.parseInline(source) as string).trim();
  }

  /** Throws unless the source exists; used by data compilers for `source:` fields. */
  requireSource(id: string, file: string, field: string): void {
    if (!this.targets.sources.has(id)) {
      throw new ContentError(file, field, `expected a source id from modules/sources.yaml, got "${id}"`);
    }
  }

  /** "BLS OOH, 2019" style label of a known source. */
  sourceLabel(id: string): string {
    const s = this.targets.sources.get(id);
    return s ? `${s.short}` : id;
  }

  private fail(expected: string, found: string) {
    this.errors.push(new ContentError(this.where.file, this.where.field, `expected ${expected}, got ${found}`));
  }

  private renderTerm(text: string, id: string): string {
    if (!this.targets.glossary.has(id)) {
      this.fail(`a glossary entry with id "${id}" (add it to a glossary.yaml)`, `[[${text}]]`);
    }
    return `<a class="term" href="${routeHref(`glossary/${id}`)}">${this.marked.parseInline(text) as string}</a>`;
  }

  private renderCitation(id: string): string {
    const source = this.targets.sources.get(id);
    if (!source) {
      this.fail('a source id from modules/sources.yaml', `{{src:${id}}}`);
      return '';
    }
    return ` <a class="cite" href="${routeHref(`sources/${id}`)}" title="${escapeHtml(source.title)}, ${escapeHtml(source.year)}">(${escapeHtml(source.short)})</a>`;
  }

  private renderLink(token: Tokens.Link, text: string): string | false {
    const href = token.href ?? '';
    const internal = /^(lesson|module|glossary|sources):(.*)$/.exec(href);
    if (internal) {
      const [, kind = '', target = ''] = internal;
      const moduleOf = target.split('/')[0] ?? '';
      if ((kind === 'lesson' || kind === 'module') && this.targets.excludedModules.has(moduleOf)) {
        return `<span class="unlinked">${text}</span>`;
      }
      const ok =
        (kind === 'lesson' && this.targets.lessons.has(target)) ||
        (kind === 'module' && this.targets.modules.has(target)) ||
        (kind === 'glossary' && this.targets.glossary.has(target)) ||
        (kind === 'sources' && (target === '' || this.targets.sources.has(target)));
      if (!ok) {
        this.fail(`a link to an existing ${kind} (e.g. lesson:module-slug/lesson-slug)`, `(${href})`);
      }
      const path = kind === 'lesson' || kind === 'module' ? target : target ? `${kind}/${target}` : kind;
      return `<a href="${routeHref(path)}">${text}</a>`;
    }
    if (/^https?:\/\//.test(href)) {
      return `<a href="${escapeHtml(href)}" rel="external noopener">${text}<span class="visually-hidden"> (external site)</span></a>`;
    }
    this.fail('lesson:, module:, glossary:, sources: or an http(s) link (paths and #anchors break inside an LMS)', `(${href})`);
    return text;
  }
}
