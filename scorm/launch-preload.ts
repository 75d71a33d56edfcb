/**
 * A launch on a lesson asks for the code its first paint waits for at once (issue 15: a bookmark, a
 * reload, an LMS that opens the learner's place). Without this, each file waits for the one that
 * names it: index.html, then SvelteKit's start script, which asks for the lesson route's node, whose
 * load asks for the lesson's chunk and then the views of its opening (a process, a diagram...):
 * three or four round trips before the heading, 150 ms each on a slow school network.
 *
 * A small inline script in index.html's head (after SvelteKit's preloads, before the stylesheet, so
 * it runs at once while the page is parsed; allowed by its hash like SvelteKit's, relativize.ts)
 * reads the route from the URL and adds `<link rel=modulepreload>` (`rel=preload as=style` for
 * stylesheets) for exactly what the page's first render waits for: the lesson route's node and the
 * error page's (SvelteKit loads both), the lesson's chunk and the views of its opening (the same
 * rule as the page's load, opening.ts). Each then comes in the document's second round trip.
 * A launch on home asks for nothing more: its screen paints from index.html and its stylesheet
 * (launch-screen.ts), which files asked for alongside would only slow down. Any launch where this
 * browser holds the course's standalone copy (a return without an LMS) also asks for the state codec,
 * which the session reads that copy with before the first screen shows it (src/lib/lms/launch.ts);
 * a first visit never needs it that early (standalone.ts).
 *
 * What loads after the first render (knowledge checks, charts, exercises, blocks further down) is
 * not asked for here: on the slow profile the pipe, not the latency, is the limit, and bytes asked
 * for early share it with the ones the heading waits for (measured: preloading lesson 1's knowledge
 * check with its quiz engine, 65 KB, put the heading 0.5 s later). It loads one round trip after the
 * page renders.
 *
 * The file names come from the build's own chunk graph (build-map.ts `launchChunks` and `files`),
 * written into the script as one compact map; files index.html already preloads are left out. A
 * package leaving a module out (its modules record, package-options.ts) never asks for its files.
 */
import type { BuildMap } from '../src/lib/content/build-map';
import type { ModuleContent } from '../src/lib/content/types';
import { openingViewNames, BLOCK_VIEW_NAMES } from '../src/lib/components/lesson/opening';
import { PACKAGE_MODULES_ELEMENT_ID, PACKAGE_OPTIONS_ELEMENT_ID } from '../src/lib/content/package-options';
import { backupKeyJs } from './launch-screen';

/** The map the script reads: a file table and, by index into it, what each launch needs. */
export interface PreloadMap {
  /** Prefix of every file (the build's immutable directory, relative to index.html). */
  b: string;
  f: string[];
  /** The lesson route: its node, the error page's, their imports and stylesheets. */
  r: number[];
  /** A view's files by block name (check, chart, exercise:<id>, process...). */
  v: Record<string, number[]>;
  /** By lessonKey(module/lesson): its chunk (short name), or [its chunk, the block views of its opening]. */
  l: Record<string, string | string[]>;
  /** The state codec and its imports, asked for when this browser holds the standalone copy of package `i`. */
  c: number[];
  /** The authored package id (a package's options may name another: the script reads them first). */
  i: string;
}

/** Files index.html already asks for (SvelteKit's modulepreloads and stylesheet). */
function inPage(html: string): Set<string> {
  return new Set([...html.matchAll(/<link href="\.?\/?([^"]+)" rel="(?:modulepreload|stylesheet)">/g)].map((m) => m[1]!));
}

const PREFIX = '_app/immutable/';
/** A file's name in the map: `X` for chunks/X.js, `n/X` for nodes/X.js, `a/X` for assets/X.css (the script's `u` reverses it). */
function short(file: string): string {
  const m = /^_app\/immutable\/(?:chunks\/([\w-]+)\.js|nodes\/([\w.-]+)\.js|assets\/([\w.-]+)\.css)$/.exec(file);
  if (!m) throw new Error(`launch preloads: ${file} is not a chunk, node or stylesheet of ${PREFIX}`);
  return m[1] ?? (m[2] ? `n/${m[2]}` : `a/${m[3]}`);
}

/**
 * A lesson's key in the map: a short hash of `module/lesson` (the slugs themselves would be most of
 * the map's bytes, which every launch pays, home's too). The script computes the same (KEY_JS).
 */
export function lessonKey(path: string): string {
  let x = 7;
  for (const ch of path) x = (x * 31 + ch.charCodeAt(0)) % 1679616; // 36^4: four base-36 characters
  return x.toString(36);
}
const KEY_JS = `x=7;for(const ch of h[0]+'/'+h[1])x=(x*31+ch.charCodeAt(0))%1679616`;

export function preloadMap(map: BuildMap, modules: Record<string, Pick<ModuleContent, 'lessons'>>, html: string): PreloadMap {
  const chunks = map.launchChunks;
  if (!chunks) throw new Error('package-map.json has no launchChunks: rebuild with `npm run build`');
  const have = inPage(html);
  const table: string[] = [];
  const index = new Map<string, number>();
  // A file and everything it imports statically, with their stylesheets, minus what the page has.
  const closure = (file: string | undefined): number[] => {
    const out = new Set<number>();
    const seen = new Set<string>();
    const walk = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      const node = map.files[f];
      for (const x of [f, ...(node?.css ?? [])]) {
        if (have.has(x)) continue;
        if (!index.has(x)) index.set(x, table.push(x) - 1);
        out.add(index.get(x)!);
      }
      for (const i of node?.imports ?? []) walk(i);
    };
    if (file) walk(file);
    return [...out];
  };
  const r = [...new Set(chunks.lessonRoute.flatMap(closure))];
  const isView = (name: string) => (BLOCK_VIEW_NAMES as readonly string[]).includes(name);
  const v: Record<string, number[]> = {};
  for (const [name, file] of Object.entries(chunks.views)) if (isView(name)) v[name] = closure(file).filter((i) => !r.includes(i));
  const l: PreloadMap['l'] = {};
  for (const mod of map.course.modules) {
    const content = modules[mod.slug];
    if (!content) continue;
    for (const lesson of content.lessons) {
      const chunk = chunks.lessons[`${mod.slug}/${lesson.slug}`];
      if (!chunk) continue;
      const always = openingViewNames(lesson.blocks, isView);
      // A lesson's chunk is data only (vite-plugin.ts dataModule): named here directly, never in the table.
      if (map.files[chunk]?.imports.length || map.files[chunk]?.css.length) throw new Error(`launch preloads: lesson chunk ${chunk} imports other files`);
      const key = lessonKey(`${mod.slug}/${lesson.slug}`);
      if (l[key]) throw new Error(`launch preloads: two lessons share the key ${key}; lengthen lessonKey`);
      l[key] = always.length ? [short(chunk), ...always] : short(chunk);
    }
  }
  const c = closure(chunks.codec);
  return { b: `./${PREFIX}`, f: table.map(short), r, v, l, c, i: map.course.settings.packageId };
}

/** The script (kept apart from launch-screen.ts's, which shapes the screen; this one only asks for files). */
export function preloadScript(map: PreloadMap): string {
  return (
    `{const p=${JSON.stringify(map).replace(/</g, '\\u003c')},d=document,s=new Set(),` +
    `h=location.hash.replace(/^#\\/?/,'').split('?')[0].split('/'),k=d.getElementById('${PACKAGE_MODULES_ELEMENT_ID}');let ${KEY_JS};` +
    `const e=h.length==2&&(!k||k.content.split(',').includes(h[0]))&&p.l[x.toString(36)];` +
    `if(e){const[c,...n]=[].concat(e);for(const i of [...p.r,c,...n.flatMap(x=>p.v[x]||[])])s.add(i)}` +
    // The standalone copy's key (backups.ts, of the options' package id, else the authored one).
    // Options the app would refuse (package-options.ts: format 1 only) leave the authored id.
    `try{const b=d.getElementById('${PACKAGE_OPTIONS_ELEMENT_ID}'),o=(b&&JSON.parse(b.textContent))||{},id=o.format===1&&typeof o.packageId=='string'&&o.packageId||p.i;` +
    `if(localStorage.getItem(${backupKeyJs('id', 'standalone')})!==null)for(const i of p.c)s.add(i)}catch{}` +
    `for(const i of s){const f=typeof i=='number'?p.f[i]:i,c=f[0]=='a'&&f[1]=='/',l=d.createElement('link');` +
    `if(c){l.rel='preload';l.as='style';l.crossOrigin=''}else l.rel='modulepreload';` +
    `l.href=p.b+(c?'assets/'+f.slice(2)+'.css':f[1]=='/'?'nodes/'+f.slice(2)+'.js':'chunks/'+f+'.js');d.head.append(l)}}`
  );
}

/**
 * index.html with the preload script after SvelteKit's own preloads (the page's start, asked for
 * first) and before its stylesheet (a script after a stylesheet would wait for it to arrive).
 */
export function withLaunchPreloads(html: string, map: BuildMap, modules: Record<string, Pick<ModuleContent, 'lessons'>>): string {
  const css = /<link href="[^"]+" rel="stylesheet">/.exec(html);
  if (!css || css.index < html.indexOf('http-equiv="content-security-policy"')) throw new Error('index.html: no stylesheet link after the CSP to put the launch preloads before');
  return `${html.slice(0, css.index)}<script>${preloadScript(preloadMap(map, modules, html))}</script>\n\t\t${html.slice(css.index)}`;
}
