/**
 * Recognises which Moodle report a sheet is from its header row, and reads its rows as they really
 * are in Moodle 4.5 (mod/scorm/report/{basic,interactions,objectives}/classes/report.php and
 * grade/export):
 *
 * - every SCORM report starts with Name, the site's identity fields (Email address by default),
 *   Attempt, Started on, Last accessed on, Score, then one column per SCO named after it (basic
 *   report only with "Track details"); a learner who never opened the activity has `-` in all four;
 * - Score is Moodle's grade for the attempt and is `0` for a learner with no score; the SCO column
 *   says `90/100` for a scored attempt and the status word (`Incomplete`) otherwise;
 * - the interactions report then has `Question N`, `Response N`, `Right answer N`, `Result N` for
 *   N = 0.. in the order the learner answered (only the ticked summaries appear), values HTML-escaped;
 * - the objectives report has `<objective> status` and `<objective> score`, or with default options
 *   just `<objective>`;
 * - the gradebook export has First name, Last name, ..., `<item> (Real)` columns, `-` for no grade.
 */
import { decodeXmlEntities } from './xml';
import type { Note, Sheet } from './sheet';

export type ReportKind = 'interactions' | 'basic' | 'objectives' | 'grades';

export const REPORT_TITLES: Record<ReportKind, string> = {
  interactions: 'SCORM interactions report',
  basic: 'SCORM basic report',
  objectives: 'SCORM objectives report',
  grades: 'Gradebook export'
};

export interface RawInteraction {
  /** N of `Question N`: the learner's N-th interaction (0-based), i.e. answer order. */
  index: number;
  id: string | null;
  response: string | null;
  right: string | null;
  result: string | null;
}

/**
 * Who a row is, from the columns Moodle's "Show user identity" setting (showuseridentity) adds:
 * Username, Email address, ID number. Empty strings when the report has no such column.
 */
export interface Identity {
  username: string;
  email: string;
  idNumber: string;
}

/** The identity fields a report has, from the most stable (a username never changes) to the least. */
export const IDENTITY_FIELDS = ['username', 'email', 'idNumber'] as const;
export const IDENTITY_LABELS: Record<(typeof IDENTITY_FIELDS)[number], string> = { username: 'Username', email: 'Email address', idNumber: 'ID number' };

/**
 * Header names of the identity columns: Moodle's English strings (lang/en/moodle.php: username,
 * email, idnumber, firstname, lastname, fullnameuser) and the same strings of a few large language packs
 * (French, German, Spanish, Italian, Dutch, Portuguese), compared without case or hyphens ("E-Mail-Adresse"
 * is listed as emailadresse).
 */
const IDENTITY_HEADERS: Record<(typeof IDENTITY_FIELDS)[number] | 'first' | 'last' | 'name', string[]> = {
  username: ['username', "nom d'utilisateur", 'anmeldename', 'nombre de usuario', 'nome utente', 'gebruikersnaam', 'nome de usuário', 'identificação de usuário'],
  email: ['email address', 'email', 'adresse de courriel', 'adresse courriel', 'emailadresse', 'dirección de correo', 'dirección email', 'correo electrónico', 'indirizzo email', 'emailadres', 'endereço de email'],
  idNumber: ['id number', 'idnumber', "numéro d'identification", 'idnummer', 'número de id', 'número de identificación', 'codice identificativo', 'numero identificativo', 'número de identificação'],
  first: ['first name', 'firstname', 'prénom', 'vorname', 'nombre', 'nome', 'voornaam'],
  last: ['last name', 'lastname', 'surname', 'nom', 'nachname', 'apellido(s)', 'apellidos', 'cognome', 'achternaam', 'sobrenome'],
  name: ['name', 'full name', 'nom complet', 'vollständiger name', 'nombre completo', 'nome completo', 'volledige naam']
};

type IdentityColumns = Partial<Record<keyof typeof IDENTITY_HEADERS, number>>;

/** Which column holds which identity field, by its header (the first column of each kind wins). */
export function identityColumns(header: string[], from = 0, to = header.length): IdentityColumns {
  const out: IdentityColumns = {};
  for (let i = from; i < to; i++) {
    const h = (header[i] ?? '').toLowerCase().replace(/-/g, '').replace(/\s+/g, ' ').trim();
    for (const [field, names] of Object.entries(IDENTITY_HEADERS) as [keyof typeof IDENTITY_HEADERS, string[]][]) {
      if (out[field] === undefined && names.includes(h)) out[field] = i;
    }
  }
  return out;
}

/** The note for a report without Username, Email address or ID number. */
function noIdentityNote(header: string[], from: number, to: number): Note {
  const others = header.slice(from, to).filter((h) => h !== '');
  return {
    level: 'warning',
    text: `This report has no identity column (Username, Email address or ID number)${others.length ? `: ${others.map((h) => `"${h}"`).join(', ')} ${others.length === 1 ? 'is' : 'are'} not one` : ''}. Learners are told apart by name only, so two learners with the same name count as one. A site administrator can add Username or Email address to the site's "Show user identity" setting (Site administration > Users > Permissions > User policies); then download the report again.`
  };
}

export interface AttemptRecord {
  name: string;
  /** Email address column (found by its header; empty when the report has none). */
  email: string;
  identity: Identity;
  /** Moodle attempt number; null when the learner has not attempted the activity (`-`). */
  attempt: number | null;
  started: string | null;
  last: string | null;
  /** The Score column as Moodle writes it (0 also when there is no score). */
  score: number | null;
  /** Text of the (first) SCO column: `90/100`, `Incomplete`, `Not attempted`; null when absent. */
  sco: string | null;
  interactions: RawInteraction[];
  objectives: { id: string; status: string; score: string }[];
}

export interface GradeRecord {
  name: string;
  email: string;
  identity: Identity;
  /** One per grade column, null for `-`. */
  grades: (number | null)[];
}

export interface ParsedReport {
  kind: ReportKind;
  sheet: string;
  /** Present summaries of the interactions report. */
  summaries: { question: boolean; response: boolean; right: boolean; result: boolean };
  interactionGroups: number;
  scoTitles: string[];
  objectiveIds: string[];
  objectiveScores: boolean;
  rows: AttemptRecord[];
  /** Gradebook: the grade item columns (without " (Real)"; other display types keep theirs), and the learners. */
  gradeColumns: string[];
  grades: GradeRecord[];
  /** Gradebook: its "Last downloaded from this course" time (Unix seconds), null when absent. */
  downloadedAt: number | null;
  notes: Note[];
}

export type Recognised = { ok: true; report: ParsedReport } | { ok: false; reason: string };

const SCORM_COLUMNS = ['Name', 'Attempt', 'Started on', 'Last accessed on', 'Score'] as const;
const INTERACTION_HEADER = /^(Question|Response|Right answer|Result) (\d+)$/;
const OBJECTIVE_HEADER = /^(.+) (status|score)$/;
const GRADE_HEADER = /^(.+) \((Real|Percentage|Letter)\)$/;

/** Cell text without surrounding spaces (and a byte-order mark a spreadsheet left in the first cell). */
const clean = (cell: string | undefined) => (cell === undefined || cell === '' ? '' : cell.charCodeAt(0) === 0xfeff ? cell.slice(1).trim() : cell.trim());
const dash = (cell: string | undefined) => {
  const c = clean(cell);
  return c === '' || c === '-' ? null : c;
};
const numberOrNull = (cell: string | undefined) => {
  const c = dash(cell);
  if (c === null) return null;
  const n = Number(c.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};

function emptyReport(kind: ReportKind, sheet: string): ParsedReport {
  return {
    kind,
    sheet,
    summaries: { question: false, response: false, right: false, result: false },
    interactionGroups: 0,
    scoTitles: [],
    objectiveIds: [],
    objectiveScores: false,
    rows: [],
    gradeColumns: [],
    grades: [],
    downloadedAt: null,
    notes: []
  };
}

function describeHeader(header: string[]): string {
  const shown = header.slice(0, 6).map((h) => `"${h}"`).join(', ');
  return header.length ? `Its first row is ${shown}${header.length > 6 ? `, ... (${header.length} columns)` : ''}.` : 'Its first row is empty.';
}

function readGrades(sheet: Sheet, header: string[]): ParsedReport {
  const report = emptyReport('grades', sheet.name);
  const ids = identityColumns(header);
  const first = ids.first ?? -1;
  const last = ids.last ?? -1;
  const stamp = header.indexOf('Last downloaded from this course');
  const columns: { index: number; name: string }[] = [];
  header.forEach((h, index) => {
    const m = GRADE_HEADER.exec(h);
    // Each display type ticked in Grades > Export ("Grade export display types") is its own column:
    // Real keeps the item's name, Percentage is named so, so the two are never read as one. Letter
    // grades are not numbers and the course total is not this activity's grade.
    if (m && m[2] !== 'Letter' && !/^Course total$/i.test(m[1]!)) columns.push({ index, name: m[2] === 'Real' ? m[1]! : h });
  });
  report.gradeColumns = columns.map((c) => c.name);
  for (const row of sheet.rows.slice(1)) {
    const name = `${clean(row[first])} ${clean(row[last])}`.trim();
    if (!name) continue;
    const identity = identityOf(row, ids);
    report.grades.push({ name, email: identity.email, identity, grades: columns.map((c) => numberOrNull(clean(row[c.index]).replace(/\s*%$/, ''))) });
    const at = stamp === -1 ? null : numberOrNull(row[stamp]);
    if (at !== null && (report.downloadedAt === null || at > report.downloadedAt)) report.downloadedAt = at;
  }
  if (IDENTITY_FIELDS.every((f) => ids[f] === undefined)) report.notes.push(noIdentityNote(header, 0, 0));
  if (!columns.length) report.notes.push({ level: 'warning', text: 'This gradebook export has no grade columns: check the SCORM activity under "Grade items to be included" when exporting.' });
  return report;
}

function identityOf(row: string[], ids: IdentityColumns): Identity {
  const at = (i: number | undefined) => (i === undefined ? '' : decodeXmlEntities(dash(row[i]) ?? ''));
  return { username: at(ids.username), email: at(ids.email), idNumber: at(ids.idNumber) };
}

const MOODLE_ONLY = 'This page reads Moodle 4.5\'s SCORM reports of this course (and Moodle\'s gradebook export); other LMSs export other columns.';

/**
 * Reports of other LMSs and of Moodle's own quiz activity, told apart by columns only they write
 * (Canvas: "SIS User ID"/"sis_id"; Blackboard: "Username" with "Last Access" and "Availability";
 * Brightspace: "OrgDefinedId", "End-of-Line Indicator"; Moodle quiz reports: "Grade/<max>",
 * "Response N", "Q. N /<max>"), so the coordinator is told what the file is, not only what it lacks.
 */
function otherReport(header: string[]): string | null {
  const has = (h: string) => header.includes(h);
  if (has('SIS User ID') || has('SIS Login ID') || (has('sis_id') && has('section_id'))) return `This is a Canvas export (a gradebook or quiz report), not Moodle's. ${MOODLE_ONLY}`;
  if (has('OrgDefinedId') || has('End-of-Line Indicator')) return `This is a Brightspace (D2L) grades export, not Moodle's. ${MOODLE_ONLY}`;
  if (has('Username') && has('Last Access') && has('Availability')) return `This is a Blackboard Grade Center export, not Moodle's. ${MOODLE_ONLY}`;
  if (has('First name') && has('Last name') && header.some((h) => /^(Grade\/\d|Response \d+$|Q\. \d+ \/)/.test(h))) {
    return "This is a Moodle quiz activity's report (its grades or responses), not the SCORM activity's. Open the course's SCORM activity, then Reports, and download its Interactions report.";
  }
  return null;
}

export function recogniseSheet(sheet: Sheet): Recognised {
  const header = (sheet.rows[0] ?? []).map(clean);
  const other = otherReport(header);
  if (other) return { ok: false, reason: other };
  if (header.includes('First name') && header.includes('Last name')) return { ok: true, report: readGrades(sheet, header) };

  const at = Object.fromEntries(SCORM_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof SCORM_COLUMNS)[number], number>;
  const missing = SCORM_COLUMNS.filter((c) => at[c] === -1);
  if (missing.length) {
    return {
      ok: false,
      reason: `This is not a Moodle SCORM report or gradebook export: ${describeHeader(header)} Expected a first row with Name, Email address, Attempt, Started on, Last accessed on, Score (missing: ${missing.join(', ')}), or a gradebook export starting First name, Last name.${header.length >= 6 && missing.length === SCORM_COLUMNS.length ? ' If it is a report downloaded with Moodle in another language, switch your language to English (user menu > Language) and download it again: this page reads the English column names.' : ''}`
    };
  }

  const after = header.map((h, i) => ({ h, i })).filter(({ i }) => i > at.Score);
  const groups = new Map<number, Partial<Record<'question' | 'response' | 'right' | 'result', number>>>();
  for (const { h, i } of after) {
    const m = INTERACTION_HEADER.exec(h);
    if (!m) continue;
    const key = ({ Question: 'question', Response: 'response', 'Right answer': 'right', Result: 'result' } as const)[m[1] as 'Question'];
    const n = Number(m[2]);
    groups.set(n, { ...groups.get(n), [key]: i });
  }
  const firstInteraction = groups.size ? Math.min(...[...groups.values()].flatMap((g) => Object.values(g))) : Infinity;
  const objectiveLike = after.filter(({ h }) => OBJECTIVE_HEADER.test(h));

  let kind: ReportKind;
  let scoColumns: { h: string; i: number }[];
  let objectiveColumns: { h: string; i: number }[] = [];
  if (groups.size) {
    kind = 'interactions';
    scoColumns = after.filter(({ i }) => i < firstInteraction);
  } else if (objectiveLike.length || after.length > 1) {
    // The course is one SCO, so more than one column after Score means objective columns follow it.
    kind = 'objectives';
    const firstObjective = objectiveLike.length ? objectiveLike[0]!.i : after[1]!.i;
    scoColumns = after.filter(({ i }) => i < firstObjective);
    objectiveColumns = after.filter(({ i }) => i >= firstObjective);
  } else {
    kind = 'basic';
    scoColumns = after;
  }

  const report = emptyReport(kind, sheet.name);
  report.scoTitles = scoColumns.map((c) => c.h);
  const orderedGroups = [...groups.entries()].sort(([a], [b]) => a - b);
  report.interactionGroups = orderedGroups.length;
  for (const [, g] of orderedGroups) {
    if (g.question !== undefined) report.summaries.question = true;
    if (g.response !== undefined) report.summaries.response = true;
    if (g.right !== undefined) report.summaries.right = true;
    if (g.result !== undefined) report.summaries.result = true;
  }
  const objectives = new Map<string, { status?: number; score?: number; plain?: number }>();
  for (const { h, i } of objectiveColumns) {
    const m = OBJECTIVE_HEADER.exec(h);
    const id = m ? m[1]! : h;
    const entry = objectives.get(id) ?? {};
    if (!m) entry.plain = i;
    else if (m[2] === 'status') entry.status = i;
    else entry.score = i;
    objectives.set(id, entry);
  }
  report.objectiveIds = [...objectives.keys()];
  report.objectiveScores = [...objectives.values()].some((o) => o.score !== undefined);

  // Identity columns stand between Name and Attempt; each is recognised by its header, never by place.
  const ids = identityColumns(header, at.Name + 1, at.Attempt);
  if (IDENTITY_FIELDS.every((f) => ids[f] === undefined)) report.notes.push(noIdentityNote(header, at.Name + 1, at.Attempt));
  for (const row of sheet.rows.slice(1)) {
    const name = clean(row[at.Name]);
    if (!name && row.every((c) => clean(c) === '')) continue;
    const attempt = numberOrNull(row[at.Attempt]);
    const cell = (i: number | undefined) => (i === undefined ? null : dash(row[i]) === null ? null : decodeXmlEntities(clean(row[i])));
    const identity = identityOf(row, ids);
    report.rows.push({
      name: decodeXmlEntities(name),
      email: identity.email,
      identity,
      attempt: attempt === null ? null : Math.round(attempt),
      started: dash(row[at['Started on']]),
      last: dash(row[at['Last accessed on']]),
      score: numberOrNull(row[at.Score]),
      sco: scoColumns.length ? dash(row[scoColumns[0]!.i]) : null,
      interactions: orderedGroups
        .map(([index, g]) => ({ index, id: cell(g.question), response: cell(g.response), right: cell(g.right), result: cell(g.result) }))
        .filter((x) => x.id !== null || x.response !== null || x.right !== null || x.result !== null),
      objectives: [...objectives.entries()]
        .map(([id, o]) => ({ id, status: clean(row[o.status ?? o.plain ?? -1]), score: clean(row[o.score ?? -1]) }))
        .filter((o) => o.status !== '' || o.score !== '')
    });
  }
  return { ok: true, report };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Moodle's English dates: `Wednesday, 2 December 2026, 1:31 PM` (text download, strftimedaydatetime)
 * or `2 December 2026, 1:31 PM` (spreadsheets, strftimedatetime), in the server's time zone.
 * Returns minutes since 1970 in that zone (only differences are used), or null for other formats.
 */
export function parseMoodleDate(text: string | null): number | null {
  if (!text) return null;
  const m = /(\d{1,2}) ([A-Za-z]+) (\d{4}),? (\d{1,2}):(\d{2})(?: ?([AaPp])\.?[Mm]\.?)?/.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.toLowerCase());
  if (month === -1) return null;
  let hour = Number(m[4]);
  if (m[6]) hour = (hour % 12) + (m[6].toLowerCase() === 'p' ? 12 : 0);
  return Date.UTC(Number(m[3]), month, Number(m[1]), hour, Number(m[5])) / 60000;
}
