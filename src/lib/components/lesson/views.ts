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
import { OPENING_CHARS, openingViewNames } from './opening';

/** Loaded views by component name. */
export type BlockViews = Record<string, Component<any>>;

const files = import.meta.glob<{ default: Component<any> }>('./*/[A-Z]*.svelte');
const fileOf = (name: string) => `./${name}/${name[0]!.toUpperCase()}${name.slice(1)}.svelte`;

/** True for a block name with a view here (process, timeline, diagram, sort, scenario). */
export const isBlockView = (name: string) => Boolean(files[fileOf(name)]);

/** One block's view module, for a lazy load. */
export const loadBlockView = (name: string) => files[fileOf(name)]!();

export { OPENING_CHARS };

/** Names of the block views placed in the lesson's opening (see OPENING_CHARS, opening.ts). */
export const openingViews = (blocks: LessonBlock[]): string[] => openingViewNames(blocks, isBlockView);

/** The views of the blocks in the lesson's opening, loaded before the lesson renders. */
export async function loadBlockViews(blocks: LessonBlock[]): Promise<BlockViews> {
  return Object.fromEntries(await Promise.all(openingViews(blocks).map(async (name) => [name, (await loadBlockView(name)).default] as const)));
}

// The other lesson parts' views (LessonBody.svelte loads them; the same modules, so the same chunks).
const parts = import.meta.glob<{ default: Component<any> }>(['$lib/charts/ChartBlock.svelte', '$lib/quiz/KnowledgeCheck.svelte', '$lib/exercises/*/Exercise.svelte']);
const partOf = (name: string) => {
  const tail = name === 'chart' ? '/charts/ChartBlock.svelte' : name === 'check' ? '/quiz/KnowledgeCheck.svelte' : name.startsWith('exercise:') ? `/exercises/${name.slice(9)}/Exercise.svelte` : '';
  return tail ? Object.entries(parts).find(([k]) => k.endsWith(tail))?.[1] : undefined;
};

/**
 * Starts loading the views named (a lesson's `code` in the course tree: block views, `chart`...)
 * without waiting for them: when the lesson renders and asks, they are on their way or there.
 */
export function warmViews(names: readonly string[]): void {
  for (const name of names) {
    const load = isBlockView(name) ? () => loadBlockView(name) : partOf(name);
    load?.().catch(() => {});
  }
}
