/**
 * Where each component block sits in a lesson's text, as characters of text before it: the rule
 * views.ts uses for a lesson's opening, in a module without Vite's globs, so the build can apply it
 * too (scorm/launch-preload.ts asks for the files of a bookmarked lesson's opening while index.html
 * is parsed, and must name the same ones the page's load fetches).
 */
import type { LessonBlock } from '$lib/content/types';

/**
 * Characters of text before a block up to which it counts as in the lesson's opening: about what a
 * laptop window shows under the lesson's heading. A block after more text than this is loaded lazily.
 */
export const OPENING_CHARS = 1200;

/** The block views (lesson/<name>/<Name>.svelte) by name. */
export const BLOCK_VIEW_NAMES = ['diagram', 'process', 'scenario', 'sort', 'timeline'] as const;

const textLength = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim().length;

/** Each component block with the characters of text before it (any component counts as 200 or more). */
export function componentOffsets(blocks: LessonBlock[]): { block: Extract<LessonBlock, { kind: 'component' }>; before: number }[] {
  const out: { block: Extract<LessonBlock, { kind: 'component' }>; before: number }[] = [];
  let before = 0;
  for (const b of blocks) {
    if (b.kind === 'html') {
      before += textLength(b.html);
      continue;
    }
    out.push({ block: b, before });
    // A block view counts as nothing (the rule as it was); any other component (a check, a callout,
    // a chart) takes at least a few lines of the screen.
    if (!(BLOCK_VIEW_NAMES as readonly string[]).includes(b.name)) before += textLength(b.html ?? '') + 200;
  }
  return out;
}

/** Names of the block views placed in the lesson's opening (see OPENING_CHARS), given which names are views. */
export function openingViewNames(blocks: LessonBlock[], isView: (name: string) => boolean): string[] {
  const names = new Set<string>();
  for (const { block, before } of componentOffsets(blocks)) {
    if (before > OPENING_CHARS) break;
    if (isView(block.name)) names.add(block.name);
  }
  return [...names];
}
