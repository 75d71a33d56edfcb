import type { Slug } from './types';

/**
 * What the loader hands to code that compiles a data file of a module (quiz items, exercise data,
 * chart data): where the file is, what it may refer to, and the course's Markdown compiler, which
 * also checks glossary terms, citations and internal links inside the text it compiles.
 */
export interface CompileContext {
  /** Repository-relative path of the file being compiled, for ContentError. */
  file: string;
  module: Slug;
  objectiveIds: string[];
  lessonSlugs: Slug[];
  /** Markdown block -> HTML. `field` names where the text came from, for error messages. */
  markdown(source: string, field: string): string;
  /** Markdown without the surrounding <p>, for option labels and short text. */
  markdownInline(source: string, field: string): string;
  /** Throws ContentError unless `id` is in sources.yaml. */
  requireSource(id: string, field: string): void;
}
