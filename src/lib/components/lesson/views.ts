/**
 * The views of the lesson blocks that arrive with their lesson: process, timeline, diagram, sort
 * and scenario (`./<name>/<Name>.svelte`). Each is its own chunk, fetched by the lesson page's load
 * right after the lesson's own chunk and before the page renders, and only when the lesson places
 * it: the course's first screen carries none of them, a lesson only those it uses.
 */
import type { Component } from 'svelte';
import type { LessonBlock } from '$lib/content/types';

/** Loaded views by component name. */
export type BlockViews = Record<string, Component<any>>;

const files = import.meta.glob<{ default: Component<any> }>('./*/[A-Z]*.svelte');
const fileOf = (name: string) => `./${name}/${name[0]!.toUpperCase()}${name.slice(1)}.svelte`;

export async function loadBlockViews(blocks: LessonBlock[]): Promise<BlockViews> {
  const names = new Set(blocks.flatMap((b) => (b.kind === 'component' && files[fileOf(b.name)] ? [b.name] : [])));
  return Object.fromEntries(await Promise.all([...names].map(async (name) => [name, (await files[fileOf(name)]!()).default] as const)));
}
