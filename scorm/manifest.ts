/**
 * imsmanifest.xml for one single-SCO package, SCORM 1.2 or SCORM 2004 4th Edition.
 *
 * One SCO launches index.html; the app itself navigates lessons and quizzes (hash routes), so the
 * manifest needs no item per lesson. What the manifest tells the LMS:
 * - title and description (LOM metadata; Canvas shows the manifest <title>, as users report of its SCORM tool);
 * - the mastery score: SCORM 1.2 `adlcp:masteryscore` (CAM 1.2 section 2.3.5.2.1; Moodle then sets
 *   passed/failed from score.raw vs mastery on LMSFinish, moodle/moodle mod/scorm/datamodels/scorm_12.js
 *   StoreData()), SCORM 2004 a
 *   primary objective satisfied by measure with `imsss:minNormalizedMeasure` = mastery/100
 *   (SN book 5.1.7; the LMS also hands it to the SCO as `cmi.scaled_passing_score`);
 * - the module objectives: 2004 `imsss:objective` per objective id with the same minimum
 *   normalized measure as the primary (so no LMS can take a different pass mark from them; the
 *   runtime reports `cmi.objectives.n.id` with the same ids), and in both versions a LOM classification with
 *   purpose "educational objective" carrying the objective text;
 * - every file of the package, as <file> entries of the one resource.
 * 2004 sequencing is kept minimal on purpose: Moodle implements little of it (MoodleDocs, SCORM FAQ).
 * The 2004 item also hides the LMS's own previous/continue buttons, which in a single-SCO package
 * could only leave the course.
 */
import { MAX_TITLE_LENGTH } from '../src/lib/content/package-options';
import type { CourseTree, Objective } from '../src/lib/content/types';
import { el, serialize, type XmlElement } from './xml';

export type ScormVersion = '12' | '2004';
export const SCORM_VERSIONS: readonly ScormVersion[] = ['12', '2004'];

export interface ManifestInput {
  version: ScormVersion;
  /** Manifest identifier (an XML NCName), stable across rebuilds so an LMS recognises updates. */
  identifier: string;
  /** At most 200 characters (SCORM 1.2 imscp titleType). */
  title: string;
  description: string;
  /** BCP 47 tag of the course text, e.g. `en-US`. */
  language: string;
  /** Percent 0-100. */
  masteryScore: number;
  objectives: Objective[];
  /** Launch file, relative to the package root. */
  launch: string;
  /** Every content file of the package (relative, `/`-separated), the launch file included. */
  files: string[];
}

/** The longest title SCORM 1.2 allows (imscp_rootv1p1p2.xsd, titleType maxLength 200). */
export const MAX_TITLE = MAX_TITLE_LENGTH;

/**
 * Schema files each package carries at its root (CAM: "the XSD files ... shall be placed at the
 * root of the package"), relative to scorm/schemas/<dir>/. 2004 carries ADL's whole 4th Edition
 * set, LOM included, because the manifest has inline LOM metadata.
 */
export const SCHEMA_DIRS: Record<ScormVersion, string> = { '12': 'scorm12', '2004': 'scorm2004-4th' };

const NS_12 = {
  xmlns: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
  'xmlns:imsmd': 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xsi:schemaLocation': [
    'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd',
    'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd',
    'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd'
  ].join(' ')
};

const NS_2004 = {
  xmlns: 'http://www.imsglobal.org/xsd/imscp_v1p1',
  'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_v1p3',
  'xmlns:adlseq': 'http://www.adlnet.org/xsd/adlseq_v1p3',
  'xmlns:adlnav': 'http://www.adlnet.org/xsd/adlnav_v1p3',
  'xmlns:imsss': 'http://www.imsglobal.org/xsd/imsss',
  'xmlns:lom': 'http://ltsc.ieee.org/xsd/LOM',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xsi:schemaLocation': [
    'http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd',
    'http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd',
    'http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd',
    'http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd',
    'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd',
    'http://ltsc.ieee.org/xsd/LOM lom.xsd'
  ].join(' ')
};

/** Shortens a title to the 1.2 limit, on a word boundary when it can, marking the cut with "...". */
export function clipTitle(title: string): string {
  const t = title.trim().replace(/\s+/g, ' ');
  if (t.length <= MAX_TITLE) return t;
  const cut = t.slice(0, MAX_TITLE - 3);
  const space = cut.lastIndexOf(' ');
  return (space > MAX_TITLE / 2 ? cut.slice(0, space) : cut) + '...';
}

/** Manifest identifiers are xs:ID (NCName): letters, digits, `-`, `_`, `.`, not starting with a digit. */
export function toIdentifier(raw: string): string {
  const id = raw.replace(/[^A-Za-z0-9_.-]/g, '-');
  return /^[A-Za-z_]/.test(id) ? id : `id-${id}`;
}

function lom12(input: ManifestInput): XmlElement {
  const lang = { 'xml:lang': input.language };
  const none = { 'xml:lang': 'x-none' };
  return el(
    'imsmd:lom',
    {},
    el(
      'imsmd:general',
      {},
      el('imsmd:title', {}, el('imsmd:langstring', lang, input.title)),
      el('imsmd:language', {}, input.language),
      el('imsmd:description', {}, el('imsmd:langstring', lang, input.description))
    ),
    input.objectives.map((o) =>
      el(
        'imsmd:classification',
        {},
        el(
          'imsmd:purpose',
          {},
          el('imsmd:source', {}, el('imsmd:langstring', none, 'LOMv1.0')),
          el('imsmd:value', {}, el('imsmd:langstring', none, 'Educational Objective'))
        ),
        el('imsmd:description', {}, el('imsmd:langstring', lang, `${o.id}: ${o.text}`))
      )
    )
  );
}

function lom2004(input: ManifestInput): XmlElement {
  const lang = { language: input.language };
  return el(
    'lom:lom',
    {},
    el(
      'lom:general',
      {},
      el('lom:title', {}, el('lom:string', lang, input.title)),
      el('lom:language', {}, input.language),
      el('lom:description', {}, el('lom:string', lang, input.description))
    ),
    input.objectives.map((o) =>
      el(
        'lom:classification',
        {},
        el('lom:purpose', {}, el('lom:source', {}, 'LOMv1.0'), el('lom:value', {}, 'educational objective')),
        el('lom:description', {}, el('lom:string', lang, `${o.id}: ${o.text}`))
      )
    )
  );
}

/**
 * Decimal text for a 0-1 measure without float noise: 80 -> "0.8", 67 -> "0.67", 33.333 -> "0.33333".
 * Kept to the precision the course reads a 2004 cmi.scaled_passing_score back with (a millionth of a
 * percent, lms/pass-mark.ts), so a 2004 package passes exactly the scores its 1.2 twin does.
 */
export function normalizedMeasure(masteryScore: number): string {
  return String(Math.round(masteryScore * 1e6) / 1e8);
}

export function buildManifest(input: ManifestInput): string {
  if (!input.files.includes(input.launch)) throw new Error(`launch file ${input.launch} is not among the package files`);
  const ids = {
    org: `${input.identifier}-org`,
    item: `${input.identifier}-sco`,
    resource: `${input.identifier}-resource`
  };
  const files = [...input.files].sort().map((href) => el('file', { href }));
  const title = clipTitle(input.title);

  if (input.version === '12') {
    return serialize(
      el(
        'manifest',
        { identifier: input.identifier, version: '1.0', ...NS_12 },
        el('metadata', {}, el('schema', {}, 'ADL SCORM'), el('schemaversion', {}, '1.2'), lom12({ ...input, title })),
        el(
          'organizations',
          { default: ids.org },
          el(
            'organization',
            { identifier: ids.org },
            el('title', {}, title),
            el(
              'item',
              { identifier: ids.item, identifierref: ids.resource, isvisible: 'true' },
              el('title', {}, title),
              el('adlcp:masteryscore', {}, String(input.masteryScore))
            )
          )
        ),
        el(
          'resources',
          {},
          el('resource', { identifier: ids.resource, type: 'webcontent', 'adlcp:scormtype': 'sco', href: input.launch }, files)
        )
      )
    );
  }

  return serialize(
    el(
      'manifest',
      { identifier: input.identifier, version: '1', ...NS_2004 },
      el(
        'metadata',
        {},
        el('schema', {}, 'ADL SCORM'),
        el('schemaversion', {}, '2004 4th Edition'),
        lom2004({ ...input, title })
      ),
      el(
        'organizations',
        { default: ids.org },
        el(
          'organization',
          { identifier: ids.org },
          el('title', {}, title),
          el(
            'item',
            { identifier: ids.item, identifierref: ids.resource, isvisible: 'true' },
            el('title', {}, title),
            el(
              'imsss:sequencing',
              {},
              el(
                'imsss:objectives',
                {},
                el(
                  'imsss:primaryObjective',
                  { objectiveID: 'course-mastery', satisfiedByMeasure: 'true' },
                  el('imsss:minNormalizedMeasure', {}, normalizedMeasure(input.masteryScore))
                ),
                // Every secondary objective carries the pass mark too: an LMS that takes
                // cmi.scaled_passing_score from any objective (Moodle 4.5 hands over the last one's,
                // and gives one without a measure 1.0) then still passes on the course's mark.
                // Not satisfiedByMeasure: the course reports each objective's status itself.
                input.objectives.map((o) =>
                  el('imsss:objective', { objectiveID: o.id }, el('imsss:minNormalizedMeasure', {}, normalizedMeasure(input.masteryScore)))
                )
              ),
              // The course sets completion and success itself (CourseSession), so the LMS must not
              // infer them from the attempt (SN book 5.1.8, delivery controls).
              el('imsss:deliveryControls', { completionSetByContent: 'true', objectiveSetByContent: 'true' })
            ),
            // The course has its own previous/next between lessons; an LMS's "Previous"/"Continue"
            // would only leave the one SCO (CAM 2004 4th Ed 5.1, adlnav:hideLMSUI).
            el(
              'adlnav:presentation',
              {},
              el(
                'adlnav:navigationInterface',
                {},
                el('adlnav:hideLMSUI', {}, 'previous'),
                el('adlnav:hideLMSUI', {}, 'continue')
              )
            )
          )
        )
      ),
      el(
        'resources',
        {},
        el('resource', { identifier: ids.resource, type: 'webcontent', 'adlcp:scormType': 'sco', href: input.launch }, files)
      )
    )
  );
}

/**
 * Manifest input from the course tree of a build. For a per-module package (a build with
 * `modules: [slug]`) the title and description are the module's, prefixed with its number so a
 * teacher's list of activities stays in course order.
 */
export function manifestInputFromTree(
  tree: CourseTree,
  options: { version: ScormVersion; scope: 'course' | 'module'; identifier: string; files: string[]; launch?: string }
): ManifestInput {
  const { settings, modules } = tree;
  const only = modules[0];
  const perModule = options.scope === 'module' && modules.length === 1 && only !== undefined;
  return {
    version: options.version,
    identifier: toIdentifier(options.identifier),
    title: perModule ? clipTitle(`Module ${only.number}: ${only.title} (${settings.title})`) : clipTitle(settings.title),
    description: perModule ? only.summary : settings.description,
    language: settings.language,
    masteryScore: settings.masteryScore,
    objectives: modules.flatMap((m) => m.objectives),
    launch: options.launch ?? 'index.html',
    files: options.files
  };
}
