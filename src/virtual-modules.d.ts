// Types of the virtual modules served by src/lib/content/vite-plugin.ts.
declare module 'virtual:hit/course' {
  import type { CourseTree, LessonContent, ModuleChunk } from '$lib/content/types';
  export const course: CourseTree;
  export const moduleLoaders: Record<string, () => Promise<{ default: ModuleChunk }>>;
  /** Keyed `module/lesson`. */
  export const lessonLoaders: Record<string, () => Promise<{ default: LessonContent }>>;
}
declare module 'virtual:hit/module/*' {
  import type { ModuleChunk } from '$lib/content/types';
  const content: ModuleChunk;
  export default content;
}
declare module 'virtual:hit/glossary' {
  import type { GlossaryEntry } from '$lib/content/types';
  const glossary: GlossaryEntry[];
  export default glossary;
}
declare module 'virtual:hit/sources' {
  import type { Source } from '$lib/content/types';
  const sources: Source[];
  export default sources;
}
declare module 'virtual:hit/icons' {
  /** Module slug -> modules/NN-slug/icon.svg, checked and reduced (src/lib/content/icons.ts). */
  const icons: Record<string, import('$lib/content/icons').ModuleIcon>;
  export default icons;
}
declare module 'virtual:hit/objectives' {
  /** Objective id -> text (the course tree carries the ids only). */
  const texts: Record<string, string>;
  export default texts;
}
