/**
 * Reads every dropped file, says for each what it is (which report, which format, what it cannot
 * show), and merges them into one class: learners (by email, else name), their Moodle attempts,
 * each attempt's score, status, dates and interactions, and their gradebook grades. The same attempt
 * in two files (the .txt and the .xlsx of one report) is counted once.
 */
import { readExportBytes } from './read-file';
import { IDENTITY_FIELDS, parseMoodleDate, recogniseSheet, REPORT_TITLES, type Identity, type AttemptRecord, type ParsedReport, type RawInteraction, type ReportKind } from './reports';
import { UnreadableFile, type Note } from './sheet';
import type { ItemBank } from './bank';

export interface FileInput {
  name: string;
  bytes: Uint8Array;
  /** The file's size when the page did not read its bytes (a file over MAX_FILE_BYTES). */
  size?: number;
}

/**
 * Largest file the page reads: the interactions report of this course is about 5 KB per learner
 * attempt, so 50 MB is some 10,000 attempts, far more than one activity; a bigger file would only
 * make the browser tab run out of memory.
 */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const megabytes = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

export interface FileSummary {
  name: string;
  /** What the file was read as, e.g. "UTF-8, tab-separated"; empty when unreadable. */
  how: string;
  /** Recognised reports, one per sheet that is one. */
  reports: { kind: ReportKind; title: string; sheet: string; rows: number }[];
  notes: Note[];
}

export interface LearnerAttempt {
  /**
   * The activity the attempt is of, by its SCO column's title ('' when the report has none). A teacher's
   * per-module zips are one activity each ("Module 2: ... (course title)"), each with its own attempt 1:
   * their exports are combined, never one attempt taken for another.
   */
  activity: string;
  attempt: number;
  started: string | null;
  last: string | null;
  score: number | null;
  sco: string | null;
  /** Null when no interactions report with question ids covered this attempt. */
  interactions: RawInteraction[] | null;
  objectives: AttemptRecord['objectives'];
  /** "Last accessed on" as minutes (reports.ts parseMoodleDate) and the file it came from: the newest row wins. */
  lastAt: number | null;
  source: string;
  /** The same for the row whose interactions are used. */
  interactionsAt?: number | null;
}

export interface Learner {
  /**
   * Who the learner is across files: `username:`, `email:`, `id:` (ID number) or `name:` followed by the
   * most stable identity any file gave (reports.ts IDENTITY_FIELDS order), lower-cased.
   */
  key: string;
  name: string;
  email: string;
  identity: Identity;
  /** True when some report lists the learner as not having attempted the activity. */
  listedNotAttempted: boolean;
  attempts: LearnerAttempt[];
  /** Gradebook grade per grade column name (null: no grade, `-`). */
  grades: Record<string, number | null>;
}

export interface ClassData {
  files: FileSummary[];
  learners: Learner[];
  kinds: ReportKind[];
  gradeColumns: string[];
  /** Which interactions summaries any interactions report had. */
  summaries: ParsedReport['summaries'];
  /** Notes about the files taken together (different activities, duplicates). */
  notes: Note[];
  /** Objective ids in the header of any objectives report: the objectives the package declares. */
  objectiveIds: string[];
  /** The identity fields learners were told apart by (README "For coordinators"), most stable first; empty: names only. */
  identityFields: (typeof IDENTITY_FIELDS)[number][];
}

const KEY_PREFIX: Record<(typeof IDENTITY_FIELDS)[number], string> = { username: 'username:', email: 'email:', idNumber: 'id:' };

/** The key of the most stable identity present. */
function learnerKey(name: string, identity: Identity): string {
  for (const f of IDENTITY_FIELDS) if (identity[f]) return `${KEY_PREFIX[f]}${identity[f].toLowerCase()}`;
  return `name:${name.toLowerCase()}`;
}

const UNEXPECTED = 'Download it from Moodle again; if that does not help, the file is not a report this page knows.';

const SCORM_2004_HINT =
  'If the activity was made from the SCORM 2004 zip, this is expected: Moodle 4.5\'s interactions report reads only SCORM 1.2 data, so it is always empty for a 2004 package. Upload the SCORM 1.2 zip (hit-career-course-scorm12.zip) to Moodle to get question-level data.';

/** Notes on what one recognised report can and cannot show. */
function reportNotes(report: ParsedReport, bank: ItemBank): Note[] {
  const notes: Note[] = [...report.notes];
  const attempted = report.rows.filter((r) => r.attempt !== null).length;
  if (report.kind !== 'grades' && report.rows.length > 0 && attempted === 0) {
    notes.push({
      level: 'warning',
      text: `No learner in this report has attempted the activity: all ${report.rows.length} are "Not attempted". If learners have played it, the report may have been downloaded with "Show: Users with no attempts", or it is another activity's.`
    });
  }
  if (report.kind !== 'grades' && report.rows.length === 0) {
    notes.push({ level: 'error', text: 'The report has its column names but no learner rows: nobody is enrolled in the activity, or the download was cut short.' });
  }
  if (report.kind === 'grades' && report.grades.length === 0) {
    notes.push({ level: 'error', text: 'The gradebook export has its column names but no learner rows.' });
  }
  const sco = report.scoTitles[0];
  // A per-module zip's SCO is titled "Module N: <module> (<course>)" (scorm/manifest.ts manifestInputFromTree).
  const perModule = sco !== undefined && bank.modules.some((m) => sco === `Module ${m.number}: ${m.title} (${bank.courseTitle})`);
  if (sco && sco !== bank.courseTitle && !perModule) {
    notes.push({
      level: 'warning',
      text: `The SCO column is named "${sco}", not this course's title "${bank.courseTitle}". If the teacher gave the package its own title (--title) that is expected; otherwise this export may be of another activity.`
    });
  }
  if (report.kind === 'basic' && !report.scoTitles.length) {
    notes.push({
      level: 'warning',
      text: 'Downloaded with "Track details: No": without the SCO column a learner with no score shows as 0, the same as a real 0. In the basic report set Track details to Yes, press Save preferences, then download again.'
    });
  }
  if (report.kind === 'interactions') {
    const s = report.summaries;
    const cells = report.rows.reduce((n, r) => n + r.interactions.length, 0);
    if (attempted > 0 && cells === 0) {
      notes.push({ level: 'warning', text: `Every interaction cell is empty although ${attempted} learner${attempted === 1 ? ' has' : 's have'} attempted the activity. ${SCORM_2004_HINT}` });
    } else if (!s.question) {
      notes.push({
        level: 'error',
        text: 'This interactions report has no "Question N" columns, so no answer can be matched to its question (Moodle\'s default options give responses only). In the interactions report check Summary of question, Summary of responses, Summary of right answer and Summary of result, press Save preferences, then download again: the Download menu uses the saved preferences, not the checked boxes.'
      });
    } else {
      if (!s.result) notes.push({ level: 'info', text: 'No "Result N" columns: right and wrong are worked out from the item bank for the questions this course knows.' });
      if (!s.response) notes.push({ level: 'warning', text: 'No "Response N" columns: which option each learner picked cannot be shown. Check Summary of responses and Save preferences in Moodle.' });
    }
  }
  if (report.kind === 'objectives') {
    const filled = report.rows.some((r) => r.objectives.length > 0);
    if (!filled) {
      notes.push({
        level: 'info',
        text: `All ${report.objectiveIds.length} objective columns are empty: Moodle 4.5's objectives report drops every objective (a Moodle bug, not the course's). Objective mastery on this page is worked out from the interactions report instead, where each question belongs to one objective.`
      });
    }
    const unknown = report.objectiveIds.filter((id) => id !== 'course-mastery' && !bank.modules.some((m) => m.objectives.some((o) => o.id === id)));
    if (unknown.length) notes.push({ level: 'warning', text: `Objectives not in this version of the course: ${unknown.join(', ')}.` });
  }
  return notes;
}

export function loadExports(inputs: FileInput[], bank: ItemBank): ClassData {
  const files: FileSummary[] = [];
  const learners = new Map<string, Learner>();
  const kinds = new Set<ReportKind>();
  const gradeColumns: string[] = [];
  const summaries = { question: false, response: false, right: false, result: false };
  const notes: Note[] = [];
  const objectiveIds = new Set<string>();
  /** SCO titles of the reports read: more than one when per-module activities are dropped together. */
  const activities = new Set<string>();
  /** Activities each learner is listed as not having attempted. */
  const notAttempted = new Map<Learner, Set<string>>();
  /** learner key + attempt -> file that supplied its interactions. */
  const interactionSource = new Map<string, string>();
  let duplicateAttempts = 0;
  let conflicts = 0;
  /** Newer file -> older file -> attempts where the newer download was used, with its latest time. */
  const later = new Map<string, { newer: string; older: string; attempts: Set<string>; last: string | null }>();
  const laterDownload = (newer: string, older: string, last: string | null, attempt: string) => {
    const k = `${newer}\u0000${older}`;
    const entry = later.get(k) ?? { newer, older, attempts: new Set<string>(), last };
    entry.attempts.add(attempt);
    later.set(k, entry);
  };
  /** Gradebook exports, applied oldest first once every file is read, so the newest grade wins. */
  const gradebooks: { file: string; report: ParsedReport }[] = [];

  // Learners are found by any identity a row shares with one already read, most stable first; by name
  // only when no identity field is in both. Two learners with one name and different usernames stay two.
  const byIdentity = new Map<string, Learner>();
  const byName = new Map<string, Learner[]>();
  const usedFields = new Set<(typeof IDENTITY_FIELDS)[number]>();
  let nextId = 0;
  const learnerFor = (name: string, identity: Identity) => {
    const ids = IDENTITY_FIELDS.filter((f) => identity[f]).map((f) => `${KEY_PREFIX[f]}${identity[f].toLowerCase()}`);
    for (const f of IDENTITY_FIELDS) if (identity[f]) usedFields.add(f);
    let l: Learner | undefined;
    for (const id of ids) if ((l = byIdentity.get(id))) break;
    const nameKey = name.toLowerCase();
    if (!l) {
      const sameName = byName.get(nameKey) ?? [];
      // The same name, and no identity field that both have (which would differ, or it was found above):
      // a report with Username and a gradebook export with Email address name one learner.
      l = sameName.find((x) => IDENTITY_FIELDS.every((f) => !x.identity[f] || !identity[f]));
    }
    if (!l) {
      l = { key: `#${nextId++}`, name, email: '', identity: { username: '', email: '', idNumber: '' }, listedNotAttempted: false, attempts: [], grades: {} };
      learners.set(l.key, l);
      byName.set(nameKey, [...(byName.get(nameKey) ?? []), l]);
    }
    for (const f of IDENTITY_FIELDS) if (identity[f] && !l.identity[f]) l.identity[f] = identity[f];
    l.email = l.identity.email;
    for (const id of ids) if (!byIdentity.has(id)) byIdentity.set(id, l);
    return l;
  };

  for (const input of inputs) {
    const summary: FileSummary = { name: input.name, how: '', reports: [], notes: [] };
    files.push(summary);
    const size = input.size ?? input.bytes.length;
    if (size > MAX_FILE_BYTES) {
      summary.notes.push({
        level: 'error',
        text: `The file is ${megabytes(size)}, larger than the ${megabytes(MAX_FILE_BYTES)} this page reads: a Moodle report of one activity is far smaller (about 5 KB per learner). Check that it is the right file; for a very large class, download the report for one group at a time (the report's group menu).`
      });
      continue;
    }
    let read;
    try {
      read = readExportBytes(input.bytes, input.name);
    } catch (e) {
      // Whatever went wrong, this file is reported and the others are still read.
      summary.notes.push({ level: 'error', text: e instanceof UnreadableFile ? e.message : `This file could not be read (${(e as Error).message}). ${UNEXPECTED}` });
      continue;
    }
    summary.how = read.how;
    summary.notes.push(...read.notes);
    const ignored: string[] = [];
    let lastReason = '';
    for (const sheet of read.sheets) {
      let r: ReturnType<typeof recogniseSheet>;
      try {
        r = recogniseSheet(sheet);
      } catch (e) {
        summary.notes.push({ level: 'error', text: `Sheet "${sheet.name}" could not be read (${(e as Error).message}). ${UNEXPECTED}` });
        continue;
      }
      if (!r.ok) {
        ignored.push(sheet.name);
        lastReason = r.reason;
        continue;
      }
      const report = r.report;
      kinds.add(report.kind);
      summary.reports.push({ kind: report.kind, title: REPORT_TITLES[report.kind], sheet: sheet.name, rows: report.kind === 'grades' ? report.grades.length : report.rows.length });
      summary.notes.push(...reportNotes(report, bank));
      if (report.kind === 'grades') {
        for (const c of report.gradeColumns) if (!gradeColumns.includes(c)) gradeColumns.push(c);
        gradebooks.push({ file: input.name, report });
        continue;
      }
      if (report.kind === 'objectives') for (const id of report.objectiveIds) objectiveIds.add(id);
      if (report.kind === 'interactions') for (const k of Object.keys(summaries) as (keyof typeof summaries)[]) summaries[k] ||= report.summaries[k];
      const activity = report.scoTitles[0] ?? '';
      if (activity) activities.add(activity);
      /** The same activity: the same SCO title, or a report without one (its activity is unknown). */
      const sameActivity = (x: string) => x === activity || x === '' || activity === '';
      for (const row of report.rows) {
        const l = learnerFor(row.name, row.identity);
        const notIn = notAttempted.get(l) ?? new Set<string>();
        notAttempted.set(l, notIn);
        if (row.attempt === null) {
          if (l.attempts.some((x) => sameActivity(x.activity))) conflicts++;
          l.listedNotAttempted = true;
          notIn.add(activity);
          continue;
        }
        if ([...notIn].some(sameActivity)) conflicts++;
        let a = l.attempts.find((x) => x.attempt === row.attempt && sameActivity(x.activity));
        if (a && !a.activity) a.activity = activity;
        const rowAt = parseMoodleDate(row.last);
        if (!a) {
          a = { activity, attempt: row.attempt, started: row.started, last: row.last, score: row.score, sco: row.sco, interactions: null, objectives: [], lastAt: rowAt, source: input.name };
          l.attempts.push(a);
          l.attempts.sort((x, y) => x.attempt - y.attempt || (x.activity < y.activity ? -1 : x.activity > y.activity ? 1 : 0));
        } else {
          if (a.started && row.started && a.started.replace(/^\w+day, /, '') !== row.started.replace(/^\w+day, /, '')) conflicts++;
          if (rowAt !== null && a.lastAt !== null && rowAt !== a.lastAt) {
            // Two downloads of one attempt made at different times: the later "Last accessed on" is
            // the learner's later state (a score that arrived, a status that changed), so it wins.
            const newer = rowAt > a.lastAt;
            laterDownload(newer ? input.name : a.source, newer ? a.source : input.name, newer ? row.last : a.last, `${l.key}#${a.activity}#${row.attempt}`);
            if (newer) {
              a.started = row.started ?? a.started;
              a.last = row.last;
              a.score = row.score;
              a.sco = row.sco ?? a.sco;
              a.lastAt = rowAt;
              a.source = input.name;
            }
          }
        }
        a.started ??= row.started;
        a.last ??= row.last;
        a.score ??= row.score;
        a.sco ??= row.sco;
        if (report.kind === 'interactions' && report.summaries.question) {
          const key = `${l.key}#${a.activity}#${row.attempt}`;
          if (a.interactionsAt === undefined || a.interactions === null) {
            interactionSource.set(key, input.name);
            a.interactions = row.interactions;
            a.interactionsAt = rowAt;
          } else if (rowAt !== null && a.interactionsAt !== null && rowAt > a.interactionsAt) {
            laterDownload(input.name, interactionSource.get(key) ?? '', row.last, key);
            interactionSource.set(key, input.name);
            a.interactions = row.interactions;
            a.interactionsAt = rowAt;
          } else if (rowAt === a.interactionsAt) duplicateAttempts++;
        }
        if (report.kind === 'objectives' && row.objectives.length && !a.objectives.length) a.objectives = row.objectives;
      }
    }
    if (!summary.reports.length) {
      summary.notes.push({
        level: 'error',
        text: read.sheets.length > 1 ? `None of its ${read.sheets.length} sheets is a Moodle report. ${lastReason}` : lastReason || 'The file holds no sheet to read.'
      });
    } else if (ignored.length) {
      summary.notes.push({ level: 'info', text: `Sheet${ignored.length > 1 ? 's' : ''} ${ignored.map((s) => `"${s}"`).join(', ')} ${ignored.length > 1 ? 'are' : 'is'} not a report and ${ignored.length > 1 ? 'were' : 'was'} left out.` });
    }
  }

  // "Last downloaded from this course" orders gradebook exports; one without it counts as oldest.
  const stamped = gradebooks.map((g, order) => ({ ...g, order })).sort((a, b) => (a.report.downloadedAt ?? -Infinity) - (b.report.downloadedAt ?? -Infinity) || a.order - b.order);
  const gradeSource = new Map<string, { file: string; at: number | null }>();
  for (const { file, report } of stamped) {
    for (const g of report.grades) {
      const l = learnerFor(g.name, g.identity);
      report.gradeColumns.forEach((c, i) => {
        const value = g.grades[i] ?? null;
        const before = gradeSource.get(`${l.key}#${c}`);
        if (before && before.file !== file && before.at !== report.downloadedAt && l.grades[c] !== value) laterDownload(file, before.file, null, `${l.key}#grade`);
        l.grades[c] = value;
        gradeSource.set(`${l.key}#${c}`, { file, at: report.downloadedAt });
      });
    }
  }
  const gradebookFiles = new Set(gradebooks.map((g) => g.file));
  const downloadedText = (file: string) => {
    const at = gradebooks.find((g) => g.file === file)?.report.downloadedAt;
    return at ? `downloaded ${new Date(at * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
  };
  for (const { newer, older, attempts, last } of later.values()) {
    const n = attempts.size;
    notes.push({
      level: 'info',
      text: gradebookFiles.has(newer)
        ? `The newer gradebook export was used for ${n} learner${n === 1 ? '' : 's'} whose grade differs: "${newer}" (${downloadedText(newer)}) over "${older}"${downloadedText(older) ? ` (${downloadedText(older)})` : ''}.`
        : `Two downloads of the same report differ; the newer download was used for ${n} learner attempt${n === 1 ? '' : 's'}: "${newer}"${last ? ` (last accessed ${last.replace(/^\w+day, /, '')})` : ''} over "${older}". Remove the older file if this is not what you meant.`,
      // Anonymised: what differs and which file won, never the attempt's day (with one attempt it
      // points at one learner, issue 14 review 2 R4). A gradebook's own download date may stay.
      ...(gradebookFiles.has(newer)
        ? {}
        : { anonymous: `Two downloads of the same report differ; the newer download was used for ${n} learner attempt${n === 1 ? '' : 's'}: "${newer}" over "${older}". Remove the older file if this is not what you meant.` })
    });
  }

  if (kinds.size && !kinds.has('interactions')) {
    notes.push({ level: 'info', text: 'None of these files has question-level data. For item analysis add the interactions report (all four summaries checked) of an activity made from the SCORM 1.2 zip.' });
  }
  if (duplicateAttempts) {
    notes.push({ level: 'info', text: `${duplicateAttempts} learner attempt${duplicateAttempts === 1 ? ' appears' : 's appear'} in more than one interactions file (the same report in two formats?): each is counted once.` });
  }
  if (activities.size > 1) {
    notes.push({
      level: 'info',
      text: `These files are exports of ${activities.size} activities (${[...activities].map((t) => `"${t}"`).join(', ')}): each learner's attempts of each are combined, as for a course given as one activity per module.`
    });
  }
  if (conflicts) {
    notes.push({
      level: 'warning',
      text: `The files disagree about ${conflicts} learner attempt${conflicts === 1 ? '' : 's'} (attempted in one file, not attempted or started at another time in another): they are probably exports of different activities. Drop the files of one activity at a time.`
    });
  }
  // Keys from the most stable identity each learner has, now that every file is read.
  const taken = new Set<string>();
  for (const l of learners.values()) {
    let key = learnerKey(l.name, l.identity);
    for (let n = 2; taken.has(key); n++) key = `${learnerKey(l.name, l.identity)}#${n}`;
    taken.add(key);
    l.key = key;
  }
  return {
    files,
    learners: [...learners.values()],
    kinds: [...kinds],
    gradeColumns,
    summaries,
    notes,
    objectiveIds: [...objectiveIds],
    identityFields: IDENTITY_FIELDS.filter((f) => usedFields.has(f))
  };
}
