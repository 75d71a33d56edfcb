/**
 * The views of the lesson blocks: process, timeline, diagram, sort and scenario
 * (`./<name>/<Name>.svelte`), each its own chunk, fetched only for a lesson that places it; the
 * course's first screen carries none of them.
 *
 * A block in the lesson's opening (little enough text before it to share the first screen) arrives
 * with the lesson: the page's load fetches its view before the page renders, so nothing shifts
 * under the reader. A block further down is loaded by LessonBody when it comes near the viewport
 * (or before printing), after the first paint, so it never weighs on the lesson's first screen.
 */
import type { Component } from 'svelte';
import type { LessonBlock } from '$lib/content/types';

/** Loaded views by component name. */
export type BlockViews = Record<string, Component<any>>;

const files = import.meta.glob<{ default: Component<any> }>('./*/[A-Z]*.svelte');
const fileOf = (name: string) => `./${name}/${name[0]!.toUpperCase()}${name.slice(1)}.svelte`;

/** True for a block name with a view here (process, timeline, diagram, sort, scenario). */
export const isBlockView = (name: string) => Boolean(files[fileOf(name)]);

/** One block's view module, for a lazy load. */
export const loadBlockView = (name: string) => files[fileOf(name)]!();

/**
 * Characters of text before a block up to which it counts as in the lesson's opening: about what a
 * laptop window shows under the lesson's heading. A block after more text than this is loaded lazily.
 */
export const OPENING_CHARS = 1200;

const textLength = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim().length;

/** Names of the block views placed in the lesson's opening (see OPENING_CHARS). */
export function openingViews(blocks: LessonBlock[]): string[] {
  const names = new Set<string>();
  let before = 0;
  for (const b of blocks) {
    if (before > OPENING_CHARS) break;
    if (b.kind === 'html') before += textLength(b.html);
    else if (isBlockView(b.name)) names.add(b.name);
    // Any other component (a check, a callout, a chart) takes at least a few lines of the screen.
    else before += textLength(b.html ?? '') + 200;
  }
  return [...names];
}

/** The views of the blocks in the lesson's opening, loaded before the lesson renders. */
export async function loadBlockViews(blocks: LessonBlock[]): Promise<BlockViews> {
  return Object.fromEntries(await Promise.all(openingViews(blocks).map(async (name) => [name, (await loadBlockView(name)).default] as const)));
}
