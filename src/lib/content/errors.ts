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

/**
 * Runs `fn`; the content errors it throws go into `errors` (and the result is undefined), so a
 * build gathers every problem instead of stopping at the first. Anything else is rethrown.
 */
export function gatherErrors<T>(errors: ContentError[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ContentErrors) errors.push(...e.errors);
    else if (e instanceof ContentError) errors.push(e);
    else throw e;
    return undefined;
  }
}
