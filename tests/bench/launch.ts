/**
 * The launch screens on the slow profile, measured several times (issue 15): home and the first
 * lesson, each fresh (a first visit: nothing stored) and resumed (a returning learner: the course's
 * own localStorage record from an earlier visit to the first lesson, which gives the "Welcome back"
 * prompt on home, or the bookmarked lesson itself).
 *
 * Slow profile (Chrome DevTools protocol): 150 ms latency per request, 200 KiB/s down (204,800
 * bytes/s, `Network.emulateNetworkConditions` takes bytes per second), 4x CPU slowdown; served
 * uncompressed from a deep LMS path (tests/server.ts), every run in a new browser context (cold
 * cache: a learner on a shared school computer).
 *
 * Per scenario, from the page's own clock (Navigation/Resource Timing, `performance.now()`):
 *   bytes / requests   the course's HTML, JS and CSS bodies loaded for the screen, and how many
 *   chunk levels       round trips on the critical path: the document is level 1, what it preloads
 *                      level 2, a chunk that could only be asked for once a level-2 file had arrived
 *                      and run level 3... (chunkLevels: Vite's manifest says who imports whom, the
 *                      timing whether a file waited for its importer)
 *   heading painted    the screen's heading (the lesson title, the course title, or the resume
 *                      prompt) in a painted frame: the second animation frame after it is in the DOM
 *   content (LCP)      the Largest Contentful Paint entry's time
 *   interactive        the latest of: heading painted, the last of the screen's responses, the end of
 *                      the last long task (> 50 ms of script); after it nothing is left to arrive or run
 *
 * Physical floor for those bytes on this profile (what no amount of script work could beat):
 *
 *     floor = levels x 150 ms + bytes / 204,800 bytes/s
 *
 * one latency per chunk level on the critical path (the document's own round trip is level 1) plus
 * the bytes through the 200 KiB/s pipe. For the heading and LCP the floor counts the bytes and levels
 * that had arrived by that moment; for "interactive" everything the screen loaded. Each time is
 * printed as the median of the runs with its min-max spread and `N.NNx floor` (median / floor):
 * 1.00x would be a screen that waits for nothing but its bytes. Times are printed, never asserted.
 */
import type { Browser, BrowserContext } from '@playwright/test';
import { COURSE_PATH } from '../server';

export const LATENCY_MS = 150;
export const DOWN_BYTES_PER_S = 200 * 1024;
const CPU_SLOWDOWN = 4;

/** The physical floor in ms: one latency per chunk level plus the bytes at the profile's speed. */
export const floorMs = (bytes: number, levels: number) => levels * LATENCY_MS + (bytes / DOWN_BYTES_PER_S) * 1000;

interface Scenario {
  name: string;
  route: string;
  /** The screen's heading: any of these (selector, text it contains). */
  heading: { selector: string; text: string }[];
  resumed: boolean;
}

interface Run {
  heading: number;
  lcp: number;
  interactive: number;
  bytes: number;
  requests: number;
  levels: number;
  floorHeading: number;
  floorLcp: number;
  floorInteractive: number;
}

type Row = { measure: string; value: string };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Records, inside the page, when the heading is painted, the LCP and the last long task. */
function observe(headings: { selector: string; text: string }[]) {
  const w = window as unknown as { __bench: { heading: number; lcp: number; longTaskEnd: number } };
  w.__bench = { heading: 0, lcp: 0, longTaskEnd: 0 };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.__bench.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.__bench.longTaskEnd = Math.max(w.__bench.longTaskEnd, e.startTime + e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const there = () => headings.some((h) => document.querySelector(h.selector)?.textContent?.includes(h.text));
  const poll = () => {
    if (there()) requestAnimationFrame(() => requestAnimationFrame(() => (w.__bench.heading = performance.now())));
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
/** For each built file (by file name), the files that import it or bring it as their CSS; `document` for the entries. */
type ImportGraph = Map<string, string[]>;

const baseName = (u: string) => new URL(u, 'http://x/').pathname.split('/').pop()!;

function importGraph(manifest: Record<string, ManifestChunk> | undefined): ImportGraph {
  const parents: ImportGraph = new Map();
  const add = (child: string, parent: string) => parents.set(baseName(child), [...(parents.get(baseName(child)) ?? []), parent]);
  for (const chunk of Object.values(manifest ?? {})) {
    const self = baseName(chunk.file);
    if (chunk.isEntry) add(chunk.file, 'document');
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) if (manifest![k]) add(manifest![k]!.file, self);
    for (const css of chunk.css ?? []) add(css, self);
  }
  return parents;
}

type Timed = { url: string; start: number; end: number; bytes: number };

/**
 * Chunk level of each loaded file: the document is level 1, what the HTML asks for before any script
 * has arrived level 2. A file asked for while one of its importers (per Vite's manifest: imports,
 * dynamic imports, stylesheets) was still on its way came in that importer's round trip (a
 * modulepreload, or Vite's preload of a dynamic import's dependencies): the importer's level. Any
 * other file was asked for by code that had arrived: one level deeper than the last file that had
 * arrived when it was asked for (the DevTools protocol names no initiator for module imports).
 */
function chunkLevels(loaded: Timed[], graph: ImportGraph): (Timed & { level: number })[] {
  const doc = loaded[0]!;
  const byName = new Map(loaded.slice(1).map((f) => [baseName(f.url), f]));
  const memo = new Map<Timed, number>([[doc, 1]]);
  // Only the HTML can have asked for a file before any script arrived: Kit's route nodes are
  // entries in the manifest too, but are asked for by its start script.
  const firstScript = Math.min(...loaded.slice(1).map((f) => f.end));
  const level = (f: Timed, path: Set<Timed>): number => {
    const known = memo.get(f);
    if (known !== undefined) return known;
    const importers = graph.get(baseName(f.url)) ?? [];
    let result: number;
    if (importers.includes('document') && f.start < firstScript) result = 2;
    else {
      const sameTrip = importers
        .map((p) => byName.get(p))
        .filter((p): p is Timed => !!p && !path.has(p) && f.start < p.end)
        .map((p) => level(p, new Set([...path, f])));
      if (sameTrip.length) result = Math.min(...sameTrip);
      else {
        const before = loaded.filter((g) => g !== f && g.end <= f.start);
        const trigger = before.reduce<Timed | undefined>((t, g) => (!t || g.end > t.end ? g : t), undefined);
        result = trigger ? level(trigger, new Set([...path, f])) + 1 : 2;
      }
    }
    memo.set(f, result);
    return result;
  };
  return loaded.map((f) => ({ ...f, level: level(f, new Set([f])) }));
}

async function slowRun(browser: Browser, base: string, graph: ImportGraph, s: Scenario, storageState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined): Promise<Run> {
  const context = await browser.newContext({ storageState, viewport: { width: 1280, height: 800 } });
  // tsx compiles named inner functions with an `__name(fn, name)` helper the page lacks.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  await context.addInitScript(observe, s.heading);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY_MS, downloadThroughput: DOWN_BYTES_PER_S, uploadThroughput: 100 * 1024 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

  // Idle: nothing in flight for a second.
  let inFlight = 0;
  let lastEvent = Date.now();
  cdp.on('Network.requestWillBeSent', () => ((inFlight += 1), (lastEvent = Date.now())));
  const done = () => ((inFlight = Math.max(0, inFlight - 1)), (lastEvent = Date.now()));
  cdp.on('Network.loadingFinished', done);
  cdp.on('Network.loadingFailed', done);

  await page.goto(`${base}${COURSE_PATH}index.html#${s.route}`);
  await page.waitForFunction(() => (window as unknown as { __bench: { heading: number } }).__bench.heading > 0, undefined, { timeout: 60_000, polling: 100 });
  // Quiet: nothing in flight for a second (the screen's lazily loaded parts have arrived).
  while (inFlight > 0 || Date.now() - lastEvent < 1000) await page.waitForTimeout(100);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300))); // let a last long task be reported

  const seen = await page.evaluate((coursePath) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const files = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => new URL(r.name).pathname.startsWith(coursePath) && /\.(js|css|html)$/.test(new URL(r.name).pathname))
      .map((r) => ({ url: r.name, start: r.startTime, end: r.responseEnd, bytes: r.encodedBodySize }));
    return {
      bench: (window as unknown as { __bench: { heading: number; lcp: number; longTaskEnd: number } }).__bench,
      files: [{ url: nav.name, start: 0, end: nav.responseEnd, bytes: nav.encodedBodySize }, ...files].sort((a, b) => a.start - b.start)
    };
  }, COURSE_PATH);
  await context.close();

  const files = chunkLevels(seen.files, graph);
  if (process.env.HIT_BENCH_DEBUG) console.log(s.name, JSON.stringify(seen.bench), files.map((f) => `${f.level} ${Math.round(f.start)}-${Math.round(f.end)} ${f.bytes} ${f.url.split('/').pop()}`).join('\n'));
  const upTo = (t: number) => {
    const arrived = files.filter((f) => f.end <= t);
    return floorMs(arrived.reduce((n, f) => n + f.bytes, 0), Math.max(1, ...arrived.map((f) => f.level)));
  };
  const { heading, lcp, longTaskEnd } = seen.bench;
  const lastResponse = Math.max(...files.map((f) => f.end));
  return {
    heading,
    lcp: lcp || heading,
    interactive: Math.max(heading, lastResponse, longTaskEnd),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    requests: files.length,
    levels: Math.max(...files.map((f) => f.level)),
    floorHeading: upTo(heading),
    floorLcp: upTo(lcp || heading),
    floorInteractive: upTo(Infinity)
  };
}

/** A returning learner's stored record: an earlier (unthrottled) visit to `route`, then closed. */
async function returningLearner(browser: Browser, base: string, route: string, heading: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}${COURSE_PATH}index.html#${route}`);
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent?.includes(t), heading);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => dispatchEvent(new Event('pagehide'))); // the course saves as the page goes away
  const state = await context.storageState();
  await context.close();
  if (!state.origins.some((o) => o.localStorage.length)) throw new Error('bench: the first visit left no stored record to resume from');
  return state;
}

export async function measureLaunch(opts: {
  browser: Browser;
  base: string;
  runs: number;
  /** Vite's manifest of the client build (.svelte-kit/output/client/.vite/manifest.json), if there. */
  manifest?: Record<string, ManifestChunk>;
  home: { title: string };
  firstLesson: { route: string; title: string };
}): Promise<Row[]> {
  const { browser, base, runs, home, firstLesson } = opts;
  const graph = importGraph(opts.manifest);
  const stored = await returningLearner(browser, base, firstLesson.route, firstLesson.title);
  const scenarios: Scenario[] = [
    { name: 'home, fresh', route: '/', heading: [{ selector: 'main h1', text: home.title }], resumed: false },
    { name: 'first lesson, fresh', route: firstLesson.route, heading: [{ selector: 'main h1', text: firstLesson.title }], resumed: false },
    // A return launches home: the resume prompt ("Welcome back"), or the bookmarked lesson itself.
    {
      name: 'home, resumed (bookmark at lesson 1)',
      route: '/',
      heading: [
        { selector: '#resume-heading', text: 'Welcome back' },
        { selector: 'main h1', text: firstLesson.title }
      ],
      resumed: true
    },
    { name: 'first lesson, resumed', route: firstLesson.route, heading: [{ selector: 'main h1', text: firstLesson.title }], resumed: true }
  ];
  const rows: Row[] = [];
  for (const s of scenarios) {
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) results.push(await slowRun(browser, base, graph, s, s.resumed ? stored : undefined));
    const m = (k: keyof Run) => median(results.map((r) => r[k]));
    const spread = (k: keyof Run) => {
      const xs = results.map((r) => r[k]);
      return runs > 1 ? ` (${(Math.min(...xs) / 1000).toFixed(2)}-${(Math.max(...xs) / 1000).toFixed(2)})` : '';
    };
    const timed = (k: 'heading' | 'lcp' | 'interactive', floor: keyof Run) => `${sec(m(k))}${spread(k)}; floor ${sec(m(floor))}, ${(m(k) / m(floor)).toFixed(2)}x floor`;
    const p = `slow profile, ${s.name}`;
    rows.push({ measure: `${p}: bytes / requests / chunk levels`, value: `${(m('bytes') / 1000).toFixed(1)} KB / ${m('requests')} / ${m('levels')}` });
    rows.push({ measure: `${p}: heading painted, median of ${runs}`, value: timed('heading', 'floorHeading') });
    rows.push({ measure: `${p}: content on screen (LCP), median of ${runs}`, value: timed('lcp', 'floorLcp') });
    rows.push({ measure: `${p}: interactive, median of ${runs}`, value: timed('interactive', 'floorInteractive') });
  }
  return rows;
}
