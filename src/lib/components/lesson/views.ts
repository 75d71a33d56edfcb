/**
 * The views of the lesson blocks that arrive with their lesson: process, timeline, diagram, sort
 * and scenario. Each is its own chunk, fetched by the lesson page's load (right after the lesson's
 * own chunk, before the page renders) only when the lesson places it, so the course's first
 * screen carries none of them and a lesson carries only those it uses.
 */
import type { Component } from 'svelte';
import type { LessonBlock } from '$lib/content/types';

type View = Component<any>;

const files = import.meta.glob<{ default: View }>([
  './process/Process.svelte',
  './timeline/Timeline.svelte',
  './diagram/Diagram.svelte',
  './sort/Sort.svelte',
  './scenario/Scenario.svelte'
]);

const FILE_OF: Record<string, string> = {
  process: './process/Process.svelte',
  timeline: './timeline/Timeline.svelte',
  diagram: './diagram/Diagram.svelte',
  sort: './sort/Sort.svelte',
  scenario: './scenario/Scenario.svelte'
};

/** Loaded views by component name. A view that failed to load is absent (LessonBody says so). */
export type BlockViews = Record<string, View>;

export function isBlockView(name: string): boolean {
  return name in FILE_OF;
}

export async function loadBlockViews(blocks: LessonBlock[]): Promise<BlockViews> {
  const names = [...new Set(blocks.flatMap((b) => (b.kind === 'component' && isBlockView(b.name) ? [b.name] : [])))];
  const loaded = await Promise.all(
    names.map(async (name) => {
      try {
        return [[name, (await files[FILE_OF[name]!]!()).default] as const];
      } catch {
        return [];
      }
    })
  );
  return Object.fromEntries(loaded.flat());
}
