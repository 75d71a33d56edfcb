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
 * A small inline script (allowed by its hash, added to the CSP by relativize.ts like SvelteKit's
 * own) runs as the page is parsed: on any route other than home (a bookmark, a reload on a lesson)
 * it removes the screen before it can paint, a package whose options rename the course
 * (src/lib/content/package-options.ts) gets its own title, and without an LMS the screen keeps its
 * copy of the "not connected" notice in the box the app gives it, or drops it (launchScript).
 * Nothing here loads anything.
 */
import { escapeHtml } from '../src/lib/content/markdown';
import type { CourseTree } from '../src/lib/content/types';
import { LAUNCH_SCREEN_ID } from '../src/lib/launch-screen';
import { NOTICES } from '../src/lib/lms/notices';

/**
 * Runs while the page is parsed, right after the screen (with SvelteKit's and the launch preload's, scorm/launch-preload.ts, one of three inline scripts).
 * Without an LMS in reach (the same windows api-search.ts searches: this one, its parents, the
 * opener's), the app shows its "not connected" notice between the header and the page until the
 * learner dismisses it (src/lib/lms/standalone.ts, backups.ts key): then the screen keeps its copy
 * of that notice, so the heading below already stands where the app's page will put it. With an
 * LMS, or once dismissed, the copy goes before it can paint. If anything here fails (storage
 * refused, unreadable options), only the header stays: the app may then show a notice this script
 * could not foresee, and the heading must not move down when it does.
 *
 * The copy's Dismiss button is a real button, in the tab order, that works at once: a keyboard or
 * screen-reader user who reaches a visible "Dismiss" expects it to do what it says, and a button
 * that is there but cannot be reached or does nothing until the code arrives (a second or more on
 * a slow line) would be a trap with no sign of it. Pressed before the app has taken over, the copy
 * goes and the press is noted (data-dismissed); the layout then dismisses the app's notice as it
 * mounts, which also remembers it for the next launch (+layout.svelte).
 */
export function launchScript(authoredPackageId: string): string {
  return (
    `{const s=document.getElementById('${LAUNCH_SCREEN_ID}');` +
    // A link clicked before the app has taken over: where it points, for the layout (+layout.svelte).
    `s.addEventListener('click',e=>{const a=e.target.closest&&e.target.closest('a[href^="#"],.notice button');if(!a)return;` +
    // Its notice dismissed before then: gone now, for the layout to dismiss the app's on mount.
    `if(a.tagName=='BUTTON'){s.dataset.dismissed='';a.closest('.notice-region').remove()}else s.dataset.to=a.getAttribute('href')});` +
    `if(!/^(#\\/?)?$/.test(location.hash))s.remove();` +
    `else try{const o=JSON.parse(document.getElementById('hit-package-options').textContent)||{},t=typeof o.title=='string'&&o.title.trim();` +
    `if(t){for(const e of s.querySelectorAll('[data-title]'))e.textContent=t;document.title=t}` +
    `const has=w=>{for(let i=0;w&&i<=500;i++){try{if(w.API||w.API_1484_11)return!0}catch{}if(w.parent===w)break;w=w.parent}return!1};` +
    `let top=window;try{while(top.parent&&top.parent!==top)top=top.parent}catch{}` +
    `if(has(window)||has((()=>{try{return top.opener||window.opener}catch{}})())` +
    `||localStorage.getItem('hit-course:'+encodeURIComponent(o.packageId||${JSON.stringify(authoredPackageId)})+':standalone-notice-dismissed'))s.querySelector('.notice-region').remove()}` +
    `catch{for(const e of s.querySelectorAll('.notice-region,main'))e.remove()}}`
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
    `</div><script>${launchScript(course.settings.packageId)}</script>`
  );
}

/** index.html with the launch screen before SvelteKit's bootstrap script, and the page's title. */
export function withLaunchScreen(html: string, course: CourseTree): string {
  const body = '<div style="display: contents">';
  const at = html.indexOf(body);
  if (at < 0 || html.includes(`id="${LAUNCH_SCREEN_ID}"`)) throw new Error('index.html: no body container for the launch screen (src/app.html), or it has one already');
  const withTitle = html.replace('</head>', `<title>${escapeHtml(course.settings.title)}</title>\n  </head>`);
  const from = withTitle.indexOf(body) + body.length;
  return withTitle.slice(0, from) + launchScreen(course) + withTitle.slice(from);
}
