/**
 * The LMS harness page: a strict test LMS (strict-lms.js over scorm-again) on this window as
 * window.API (SCORM 1.2) or window.API_1484_11 (SCORM 2004), the course in an iframe, and a live
 * panel of what the course reports.
 *
 * URL: /harness/?version=12|2004&course=<url-encoded course index.html URL>[&fresh=1][&learner=<id>][&learnerName=Last, First][&moodle=1][&beacon=<bytes>][&reinitialise=1]
 * `learner` is the learner id the LMS gives (default learner-1), `learnerName` their name as the LMS
 * holds it ("Last, First", default "Okafor, Amara"); `moodle=1` plays Moodle 4.5's
 * SCORM 2004 quirks (strict-lms.js); `reinitialise=1` lets a page restored from the back-forward
 * cache initialise again (as Moodle's 1.2 player does).
 * The CMI the LMS has committed is kept in this origin's localStorage, as an LMS keeps it on its
 * server, so closing the tab and opening the harness again relaunches the learner's attempt
 * (with entry = resume when the course exited with suspend). `fresh=1` starts a new learner.
 *
 * window.harness (for Playwright and the preview LMS):
 *   calls            every API call of every session: { session, method, args, result, error, threw }
 *   violations       spec rules the course broke (see strict-lms.js); a test expects none
 *   cmi()            the committed CMI as JSON (what the LMS would have stored)
 *   relaunch()       finish if the course has not, then reload it with the stored CMI (resume)
 *   finish()         unload the course (as closing its window does); the LMS finishes if it did not
 *   reset()          forget the learner and reload fresh
 *   fault(kind)      'commit-false' | 'throw' | 'disappear' | null
 *   ready            a Promise that resolves when the course frame has loaded
 *   stats(since)     counts of calls since call index `since` (default 0): { calls, gets, sets,
 *                    commits, finishes, failures }; `harness.calls.length` marks a point, so the
 *                    benchmark measures calls per lesson or per quiz as stats(mark)
 */
import { cmiForRelaunch, createStrictLms } from './strict-lms.js';

const params = new URLSearchParams(location.search);
/** @type {'12' | '2004'} */
const version = params.get('version') === '2004' ? '2004' : '12';
const courseUrl = params.get('course') ?? '/pluginfile.php/12/mod_scorm/content/0/index.html';
const learner = params.get('learner') ?? 'learner-1';
/** The learner's name as an LMS holds it: "Last, First" (1.2 cmi.core.student_name, 2004 cmi.learner_name). */
const learnerName = params.get('learnerName') ?? 'Okafor, Amara';
const moodle = params.get('moodle') === '1';
const reinitialise = params.get('reinitialise') === '1';
/** Bytes a beacon may carry while the course unloads (Chromium: 65,536); smaller to test the limit quickly. */
const beaconLimitBytes = params.get('beacon') ? Number(params.get('beacon')) : undefined;
const storageKey = `lms-harness:${version}:${learner}:${courseUrl}`;
/** A new learner's record: who they are (every LMS says so). */
const newLearner = version === '12' ? { core: { student_id: learner, student_name: learnerName } } : { learner_id: learner, learner_name: learnerName };
const apiName = version === '12' ? 'API' : 'API_1484_11';
/** @type {any} */
const win = window;
const ApiClass = version === '12' ? win.Scorm12API : win.Scorm2004API;

if (params.get('fresh') === '1') localStorage.removeItem(storageKey);

/** @type {HTMLIFrameElement} */
const frame = /** @type {any} */ (document.getElementById('course'));
/** @type {{ session: number, method: string, args: string[], result: string | null, error: string | null, threw: boolean }[]} */
const earlierCalls = [];
/** @type {string[]} */
const earlierViolations = [];
let session = 0;
/** @type {null | 'commit-false' | 'throw' | 'disappear'} */
let currentFault = null;
/** @type {any} */
let lms = null;

function storedCmi() {
  const text = localStorage.getItem(storageKey);
  return text ? JSON.parse(text) : null;
}

/** A new LMS session: pre-filled with the stored CMI (prepared as a relaunch) when there is one. */
function openLms() {
  if (lms) {
    earlierCalls.push(...lms.calls.map((/** @type {any} */ c) => ({ session, ...c })));
    earlierViolations.push(...lms.violations);
  }
  session += 1;
  const stored = storedCmi();
  lms = createStrictLms(ApiClass, {
    version,
    moodle2004: moodle,
    reinitialise,
    beaconLimitBytes,
    cmi: stored ? cmiForRelaunch(version, stored) : newLearner,
    onCommit: (/** @type {any} */ cmi) => {
      localStorage.setItem(storageKey, JSON.stringify(cmi));
      schedulePanel();
    }
  });
  // Re-render the panel after every call the course makes.
  for (const name of Object.keys(lms.api)) {
    const call = lms.api[name];
    lms.api[name] = (/** @type {string[]} */ ...args) => {
      try {
        return call(...args);
      } finally {
        schedulePanel();
      }
    };
  }
  win[apiName] = lms.api;
}

/** @returns {Promise<void>} */
function loadCourse() {
  return new Promise((resolve) => {
    frame.addEventListener('load', () => resolve(), { once: true });
    frame.src = courseUrl;
  });
}

/** Unloads the course (its pagehide fires) and makes sure the LMS session is closed. */
async function unloadCourse() {
  if (frame.src && frame.src !== 'about:blank') {
    // What the course sends while it unloads, Moodle sends with navigator.sendBeacon (strict-lms.js).
    lms?.unloading(true);
    await new Promise((resolve) => {
      frame.addEventListener('load', resolve, { once: true });
      frame.src = 'about:blank';
    });
    lms?.unloading(false);
  }
  if (lms && lms.phase === 'running' && currentFault === null) {
    // The course never finished: like an LMS whose SCO window closed, end the session ourselves.
    lms.inner[version === '12' ? 'LMSFinish' : 'Terminate']('');
    localStorage.setItem(storageKey, JSON.stringify(JSON.parse(JSON.stringify(lms.inner.renderCommitCMI(true))).cmi));
    lms.violations.push('the course did not finish before it was unloaded (the harness finished it)');
  }
}

const harness = {
  version,
  get calls() {
    return [...earlierCalls, ...(lms ? lms.calls.map((/** @type {any} */ c) => ({ session, ...c })) : [])];
  },
  get violations() {
    return [...earlierViolations, ...(lms ? lms.violations : [])];
  },
  get session() {
    return session;
  },
  cmi: () => (lms?.committed() ?? storedCmi()),
  /** The live CMI (set but perhaps not committed), for the panel. */
  liveCmi: () => JSON.parse(JSON.stringify(lms.inner.renderCommitCMI(true))).cmi,
  async finish() {
    await unloadCourse();
    schedulePanel();
  },
  async relaunch() {
    await unloadCourse();
    lms?.fault(null);
    currentFault = null;
    faultSelect.value = '';
    openLms();
    await loadCourse();
    schedulePanel();
  },
  async reset() {
    await unloadCourse();
    currentFault = null;
    faultSelect.value = '';
    localStorage.removeItem(storageKey);
    earlierCalls.length = 0;
    earlierViolations.length = 0;
    lms = null;
    openLms();
    await loadCourse();
    schedulePanel();
  },
  /** @param {null | 'commit-false' | 'throw' | 'disappear'} kind */
  fault(kind) {
    lms.fault(kind);
    currentFault = kind;
    if (kind === 'disappear') delete win[apiName];
    else win[apiName] = lms.api;
    faultSelect.value = kind ?? '';
    schedulePanel();
  },
  /** @param {number} [since] */
  stats(since = 0) {
    const calls = harness.calls.slice(since);
    const named = (/** @type {string} */ suffix) => calls.filter((c) => c.method.endsWith(suffix)).length;
    return {
      calls: calls.length,
      gets: named('GetValue'),
      sets: named('SetValue'),
      commits: named('Commit'),
      finishes: calls.filter((c) => c.method === 'LMSFinish' || c.method === 'Terminate').length,
      failures: calls.filter((c) => c.threw || c.result === 'false').length
    };
  },
  /** @type {Promise<void>} */
  ready: Promise.resolve()
};
win.harness = harness;

// ---------------------------------------------------------------------------------------------
// Panel
// ---------------------------------------------------------------------------------------------
const faultSelect = /** @type {HTMLSelectElement} */ (document.getElementById('fault'));
const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
byId('version-label').textContent = `SCORM ${version === '12' ? '1.2' : '2004'}`;
byId('finish').addEventListener('click', () => void harness.finish());
byId('relaunch').addEventListener('click', () => void harness.relaunch());
byId('reset').addEventListener('click', () => void harness.reset());
faultSelect.addEventListener('change', () => harness.fault(/** @type {any} */ (faultSelect.value || null)));

let panelQueued = false;
function schedulePanel() {
  if (panelQueued) return;
  panelQueued = true;
  requestAnimationFrame(() => {
    panelQueued = false;
    renderPanel();
  });
}

/** @param {string} tag @param {string} text @param {string} [className] */
function el(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** @param {string[]} headers @param {string[][]} rows */
function table(headers, rows) {
  const t = document.createElement('table');
  const head = t.createTHead().insertRow();
  for (const h of headers) head.appendChild(el('th', h));
  const body = t.createTBody();
  for (const r of rows) {
    const row = body.insertRow();
    for (const c of r) row.appendChild(el('td', c));
  }
  return t;
}

function renderPanel() {
  if (!lms) return;
  const cmi = harness.liveCmi();
  const is12 = version === '12';
  const suspend = String(cmi.suspend_data ?? '');
  const limit = is12 ? 4096 : 64000;
  const summary = byId('summary');
  summary.replaceChildren();
  /** @type {[string, string, string?][]} */
  const rows = [
    ['Session', `${session} (${lms.phase})`],
    ['Entry', is12 ? cmi.core.entry : cmi.entry],
    ['Status', is12 ? cmi.core.lesson_status : `${cmi.completion_status} / ${cmi.success_status}`],
    ['Score', is12 ? `${cmi.core.score.raw} (min ${cmi.core.score.min}, max ${cmi.core.score.max})` : `${cmi.score.raw} (scaled ${cmi.score.scaled})`],
    ['Location', is12 ? cmi.core.lesson_location : cmi.location],
    ['suspend_data', `${suspend.length} / ${limit} characters`, suspend.length > limit ? 'over' : ''],
    ['Session time', is12 ? cmi.core.session_time : cmi.session_time],
    ['Committed', harness.cmi() ? 'yes' : 'not yet']
  ];
  for (const [k, v, cls] of rows) {
    summary.appendChild(el('dt', k));
    summary.appendChild(el('dd', String(v ?? ''), cls));
  }
  const violations = harness.violations;
  byId('violation-count').textContent = String(violations.length);
  byId('violations').replaceChildren(...violations.map((v) => el('li', v, 'false')));

  const objectives = Object.values(cmi.objectives ?? {});
  byId('objective-count').textContent = String(objectives.length);
  byId('objectives').replaceChildren(
    table(
      ['id', 'status', 'score'],
      objectives.map((/** @type {any} */ o) => [o.id, is12 ? o.status : `${o.completion_status} / ${o.success_status}`, o.score?.raw ?? ''])
    )
  );
  const interactions = Object.values(cmi.interactions ?? {});
  byId('interaction-count').textContent = String(interactions.length);
  byId('interactions').replaceChildren(
    table(
      ['id', 'type', 'response', 'correct', 'result', 'latency'],
      interactions.map((/** @type {any} */ i) => [
        i.id,
        i.type,
        is12 ? i.student_response : i.learner_response,
        Object.values(i.correct_responses ?? {}).map((/** @type {any} */ r) => r.pattern).join(' | '),
        i.result,
        i.latency
      ])
    )
  );
  const calls = harness.calls;
  byId('call-count').textContent = String(calls.length);
  byId('calls').replaceChildren(
    ...calls
      .slice(-200)
      .reverse()
      .map((c) =>
        el(
          'li',
          `#${c.session} ${c.method}(${c.args.map((/** @type {string} */ a) => JSON.stringify(a.length > 80 ? `${a.slice(0, 80)}…` : a)).join(', ')}) → ${c.threw ? 'threw' : JSON.stringify(c.result)}${c.error && c.error !== '0' ? ` [error ${c.error}]` : ''}`,
          c.threw ? 'threw' : c.result === 'false' ? 'false' : ''
        )
      )
  );
  byId('suspend-data').textContent = suspend;
}

openLms();
harness.ready = loadCourse().then(schedulePanel);
