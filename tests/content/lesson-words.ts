/**
 * How many words a student reads in a lesson: its Markdown (without the front matter, the `:::`
 * lines, citation and glossary markup) plus the text of the diagram, sort and scenario data files
 * it places (`diagrams/<id>.yaml` ...). Ids, group keys and ratings are not counted. Reads plain
 * files, so the same count can be taken of any copy of modules/ (for example an older commit's).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The blocks that issue 16 asks lessons to use besides text. */
export const VISUAL_BLOCKS = ['process', 'timeline', 'diagram', 'sort', 'scenario'] as const;
const DATA_FOLDER: Record<string, string> = { diagram: 'diagrams', sort: 'sorts', scenario: 'scenarios' };
const NOT_READ = new Set(['id', 'group', 'parent', 'next', 'rating', 'layout']);

const countWords = (text: string) =>
  text
    .replace(/\{\{src:[^}]+\}\}/g, ' ')
    .replace(/\[\[([^\]|]+)(?:\|[^\]]+)?\]\]/g, '$1')
    .replace(/\]\((?:lesson|module|glossary):[^)]*\)/g, ']')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

function yamlWords(value: unknown, key = ''): number {
  if (NOT_READ.has(key)) return 0;
  if (typeof value === 'string') return countWords(value);
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + yamlWords(v), 0);
  if (value && typeof value === 'object') return Object.entries(value).reduce((n, [k, v]) => n + yamlWords(v, k), 0);
  return 0;
}

export interface LessonWords {
  words: number;
  /** The issue-16 blocks the lesson places, in order. */
  blocks: string[];
}

/** `moduleDir` is modules/NN-slug, `lessonFile` e.g. 01-what-they-do.md. */
export function lessonWords(moduleDir: string, lessonFile: string): LessonWords {
  const source = readFileSync(join(moduleDir, lessonFile), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  let words = 0;
  const blocks: string[] = [];
  for (const line of source.split('\n')) {
    const directive = /^:::\s*([a-z-]+)?(.*)$/.exec(line);
    if (!directive) {
      words += countWords(line);
      continue;
    }
    const [, name, rest = ''] = directive;
    if (!name) continue;
    if ((VISUAL_BLOCKS as readonly string[]).includes(name)) blocks.push(name);
    // A title or caption on the directive line is read by the student.
    for (const m of rest.matchAll(/(?:title|caption)="([^"]*)"/g)) words += countWords(m[1] ?? '');
    const id = /id="([^"]+)"/.exec(rest)?.[1];
    const folder = DATA_FOLDER[name];
    const file = id && folder ? join(moduleDir, folder, `${id}.yaml`) : null;
    if (file && existsSync(file)) words += yamlWords(parse(readFileSync(file, 'utf8')));
  }
  return { words, blocks };
}
