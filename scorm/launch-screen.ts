/**
 * Writes the launch screen into the built index.html (issue 15): the page frame and the home
 * page's opening, as plain HTML, so the first thing a learner sees paints as soon as the page and
 * its stylesheet arrive, before any script has loaded or run (on the slow profile, most of a second).
 *
 * It is the same for every learner: the course title, the navigation, the heading and the
 * description are what home shows to a first visit and to a return alike (a returning learner's
 * "Welcome back" and progress come below it, or beside it hidden until known). The markup copies
 * src/routes/+layout.svelte and +page.svelte's opening with their global classes (src/app.css), so
 * when the app's own page replaces it (the layout's onMount) every box stays where it was;
 * tests/launch-screen.spec.ts compares the boxes and watches for layout shifts.
 *
 * Two small inline scripts (allowed by their hashes, added to the CSP by relativize.ts like
 * SvelteKit's own) run as the page is parsed. One in the head decides what the first paint shows
 * (launchDecision): on any route other than home (a bookmark, a reload on a lesson) none of it, and
 * without an LMS the copy of the "not connected" notice in the box the app gives it, until the
 * learner has dismissed it. The one after the screen takes out what is not shown, and a package
 * whose options rename the course (src/lib/content/package-options.ts) gets its own title
 * (launchScript). Nothing here loads anything.
 */
import { escapeHtml } from '../src/lib/content/markdown';
import type { CourseTree } from '../src/lib/content/types';
import { LAUNCH_SCREEN_ID } from '../src/lib/launch-screen';
import { PACKAGE_OPTIONS_ELEMENT_ID } from '../src/lib/content/package-options';
import { backupKeys } from '../src/lib/lms/backups';
import { NOTICES } from '../src/lib/lms/notices';

/**
 * JavaScript for one of backups.ts's keys of the package whose id is the JavaScript expression `id`
 * (an inline script cannot import backups.ts): its text before and after the id are backups.ts's
 * own, so the key format is written in one place.
 */
export function backupKeyJs(id: string, key: 'standalone' | 'standaloneNoticeDismissed'): string {
  const mark = '\u0000';
  const [before, after] = backupKeys(mark)[key].split(encodeURIComponent(mark));
  return `${JSON.stringify(before)}+encodeURIComponent(${id})+${JSON.stringify(after)}`;
}

/**
 * Decides what the screen's first paint shows, in index.html's head before the stylesheet (so it
 * runs at once: the screen's own script, after the stylesheet, waits for it, and the browser may
 * paint the screen as the stylesheet arrives, before that script has run). It marks the page
 * (`<html data-launch>`), and app.css shows the screen's parts by that mark from the first paint:
 * - `other`: a route other than home (a bookmark, a reload on a lesson): none of the screen;
 * - `notice`: home without an LMS in reach (the same windows api-search.ts searches: this one, its
 *   parents, the opener's) on a first visit (no saved copy) while the learner has not dismissed the
 *   "not connected" notice (src/lib/lms/standalone.ts, backups.ts keys): the app will show that
 *   notice, and only it, between the header and the page, so the screen shows its copy there and the
 *   heading stands where the app puts it;
 * - `home`: home with an LMS, or once the notice was dismissed: header, heading and description;
 * - `frame`: a return without an LMS that has not dismissed the notice (a saved copy can bring
 *   another notice first, of another height: unreadable, package updated), options the app refuses
 *   (it says so in a notice), a page opened from a folder (file://, where browsers refuse the app's
 *   modules), or anything failed (storage refused): only the header, since the app may then show a
 *   notice this script cannot foresee, and the heading must not move down.
 * With SvelteKit's, the launch preload's (scorm/launch-preload.ts) and the screen's, one of four
 * inline scripts, each allowed by its hash.
 */
export function launchDecision(authoredPackageId: string): string {
  return (
    `{let l='other';if(/^(#\\/?)?$/.test(location.hash))try{l='frame';` +
    // Options the app would refuse (package-options.ts: format 1 only) bring a notice of their own.
    `const b=document.getElementById('${PACKAGE_OPTIONS_ELEMENT_ID}'),o=(b&&JSON.parse(b.textContent))||{};` +
    `if(Object.keys(o).length&&(o.format!==1||typeof o.packageId!='string'||!o.packageId))throw 0;` +
    // From a folder (file://) the app's modules do not run in most browsers: no notice that says they do.
    `if(location.protocol=='file:')throw 0;` +
    `const id=o.packageId||${JSON.stringify(authoredPackageId)};` +
    `const has=w=>{for(let i=0;w&&i<=500;i++){try{if(w.API||w.API_1484_11)return!0}catch{}if(w.parent===w)break;w=w.parent}return!1};` +
    `let top=window;try{while(top.parent&&top.parent!==top)top=top.parent}catch{}` +
    `l=has(window)||has((()=>{try{return top.opener||window.opener}catch{}})())` +
    // A saved copy may bring another notice first (unreadable, package updated): only the header then.
    `||localStorage.getItem(${backupKeyJs('id', 'standaloneNoticeDismissed')})?'home':localStorage.getItem(${backupKeyJs('id', 'standalone')})!==null?'frame':'notice'}catch{}` +
    `document.documentElement.dataset.launch=l}`
  );
}

/**
 * Runs while the page is parsed, right after the screen: takes out what launchDecision left unseen
 * (so it is not in the document either), and gives a package that renames the course its own title.
 *
 * The notice copy's Dismiss button is a real button, in the tab order, that works at once: a
 * keyboard or screen-reader user who reaches a visible "Dismiss" expects it to do what it says, and
 * a button that is there but cannot be reached, or does nothing until the code arrives (a second or
 * more on a slow line), would be a trap with no sign of it. Pressed before the app has taken over,
 * the copy goes and the press is noted (data-dismissed); the layout then dismisses the app's notice
 * as it mounts, which also remembers it for the next launch (+layout.svelte).
 */
export function launchScript(): string {
  return (
    `{const s=document.getElementById('${LAUNCH_SCREEN_ID}'),l=document.documentElement.dataset.launch;` +
    // A link clicked before the app has taken over: where it points, for the layout (+layout.svelte).
    `s.addEventListener('click',e=>{const a=e.target.closest&&e.target.closest('a[href^="#"],.notice button');if(!a)return;` +
    // Its notice dismissed before then: gone now, for the layout to dismiss the app's on mount.
    `if(a.tagName=='BUTTON'){s.dataset.dismissed='';a.closest('.notice-region').remove()}else s.dataset.to=a.getAttribute('href')});` +
    // A package's own title is written into index.html when the package is made (scorm/assemble.ts);
    // this is for a page whose copy was not (the app reads the options the same way: format 1 only).
    `if(l=='other')s.remove();else{try{const b=document.getElementById('${PACKAGE_OPTIONS_ELEMENT_ID}'),o=(b&&JSON.parse(b.textContent))||{},t=o.format===1&&typeof o.title=='string'&&o.title.trim();` +
    `if(t){for(const e of s.querySelectorAll('[data-title]'))e.textContent=t;document.title=t}}catch{}` +
    `if(l!='notice')s.querySelector('.notice-region').remove();if(l!='notice'&&l!='home')s.querySelector('main').remove()}}`
  );
}

export function launchScreen(course: CourseTree): string {
  const title = escapeHtml(course.settings.title);
  const lessons = course.modules.reduce((n, m) => n + m.lessons.length, 0);
  return (
    `<div id="${LAUNCH_SCREEN_ID}" style="display: contents">` +
    `<header class="site"><div class="bar">` +
    `<a class="course-title" href="#/" data-title>${title}</a>` +
    `<nav aria-label="Course"><ul><li><a href="#/">Contents</a></li><li><a href="#/progress">Progress</a></li><li><a href="#/glossary">Glossary</a></li><li><a href="#/sources">Sources</a></li></ul></nav>` +
    // The learner's count is not known yet: its place is kept, unseen, so nothing beside it moves.
    `<p class="progress" style="visibility: hidden" aria-hidden="true"><span class="visually-hidden">Course progress:</span> <progress max="${lessons}" value="0"></progress> <span>0 of ${lessons} lessons</span></p>` +
    `</div></header>` +
    // Notice.svelte's markup for the standalone notice, without its live region's role: this copy is
    // plain text to a screen reader (the app's region is the one that announces), and its button
    // works from the first paint (launchScript).
    `<div class="notice-region no-print"><div class="notice" data-kind="standalone"><p>${escapeHtml(NOTICES.standalone)}</p>` +
    `<button type="button" class="button secondary">Dismiss</button></div></div>` +
    `<main class="site"><h1 data-title>${title}</h1><p class="home-lead">${escapeHtml(course.settings.description)}</p></main>` +
    `</div><script>${launchScript()}</script>`
  );
}

/**
 * index.html with the launch screen before SvelteKit's bootstrap script, the page's title, and the
 * screen's decision in the head before the stylesheet (launchDecision).
 */
export function withLaunchScreen(html: string, course: CourseTree): string {
  const body = '<div style="display: contents">';
  const at = html.indexOf(body);
  if (at < 0 || html.includes(`id="${LAUNCH_SCREEN_ID}"`)) throw new Error('index.html: no body container for the launch screen (src/app.html), or it has one already');
  const css = /<link href="[^"]+" rel="stylesheet">/.exec(html);
  if (!css || css.index < html.indexOf('id="hit-package-options"') || css.index > at) throw new Error('index.html: no stylesheet link after the package options to put the launch decision before');
  const withDecision = `${html.slice(0, css.index)}<script>${launchDecision(course.settings.packageId)}</script>\n\t\t${html.slice(css.index)}`;
  const withTitle = withDecision.replace('</head>', `<title>${escapeHtml(course.settings.title)}</title>\n  </head>`);
  const from = withTitle.indexOf(body) + body.length;
  return withTitle.slice(0, from) + launchScreen(course) + withTitle.slice(from);
}
