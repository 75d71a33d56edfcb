/**
 * A mistake in modules/: always names the file, the field and what was expected, so an author can
 * fix it without reading code. The build stops on the first batch of these (see loader.ts).
 */
export class ContentError extends Error {
  constructor(
    /** Path relative to the repository root, e.g. `modules/01-the-job/quiz.yaml`. */
    readonly file: string,
    /** Dotted field path, e.g. `items[3].options` or `frontmatter.title`. */
    readonly field: string,
    /** What was expected, in plain words, and what was found. */
    readonly expected: string
  ) {
    super(`${file}: ${field}: ${expected}`);
    this.name = 'ContentError';
  }
}

/** Several content errors reported together, so one build run shows every problem. */
export class ContentErrors extends Error {
  constructor(readonly errors: ContentError[]) {
    super(`${errors.length} problem(s) in modules/:\n` + errors.map((e) => '  ' + e.message).join('\n'));
    this.name = 'ContentErrors';
  }
}
