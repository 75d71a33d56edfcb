/**
 * Checks a package beyond what the schemas check (scorm/schemas/VALIDATE.md, problem 4: a
 * manifest whose identifierref or files point nowhere still "validates"). An LMS that meets such a
 * package shows a blank frame or refuses the upload, so the packager refuses to write it.
 *
 * Rules (CAM 1.2 section 2.3.4 / CAM 2004 4th Ed section 3.4):
 * - the manifest is well-formed and its root is <manifest>;
 * - identifiers are unique; organizations@default names an organization;
 * - every item@identifierref and dependency@identifierref names a resource;
 * - every SCO resource has a launch href, and that file exists;
 * - every file@href is a relative path inside the package and exists in the zip, with the same
 *   letter case (Canvas serves files case-sensitively, as users report of its SCORM tool);
 * - every file in the zip is listed in a resource, except imsmanifest.xml and the schema files the
 *   manifest's xsi:schemaLocation names (and the files those include), which are control files;
 * - every schema file named in xsi:schemaLocation is in the zip;
 * - SCORM 1.2 masteryscore and 2004 minNormalizedMeasure are in range.
 */
import { attrLocal, childrenNamed, findAll, localName, parseXml, textOf, XmlSyntaxError, type XmlElement } from './xml';

export interface VerifyProblem {
  rule: string;
  message: string;
}

export interface VerifyInput {
  manifestXml: string;
  /** Every path in the zip (relative, `/`-separated), imsmanifest.xml included. */
  zipPaths: string[];
  /** Schema files carried at the root besides those named in xsi:schemaLocation (their includes). */
  controlFiles?: string[];
}

/** Why a path cannot be an href inside a package, or undefined when it is fine. */
export function badHref(href: string): string | undefined {
  if (href === '') return 'is empty';
  if (href.includes('\\')) return 'uses a backslash; package paths use "/"';
  if (href.startsWith('/')) return 'is absolute; package paths are relative to the manifest';
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return 'is a URL; every file must be inside the package';
  if (href.split('/').some((part) => part === '..' || part === '.')) return 'contains "." or ".." segments';
  return undefined;
}

/** The hrefs of an SCO's launch may carry a query or fragment; the file is the part before them. */
function fileOf(href: string): string {
  return decodeURI(href.replace(/[?#].*$/, ''));
}

export function verifyPackage({ manifestXml, zipPaths, controlFiles = [] }: VerifyInput): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  const add = (rule: string, message: string) => problems.push({ rule, message });

  let root: XmlElement;
  try {
    root = parseXml(manifestXml);
  } catch (e) {
    add('well-formed', e instanceof XmlSyntaxError ? `imsmanifest.xml is not well-formed XML: ${e.message}` : String(e));
    return problems;
  }
  if (localName(root.name) !== 'manifest') {
    add('root', `the root element is <${root.name}>, expected <manifest>`);
    return problems;
  }

  const inZip = new Set(zipPaths);
  if (!inZip.has('imsmanifest.xml')) add('manifest-at-root', 'imsmanifest.xml is not at the root of the zip');
  const lowerInZip = new Map(zipPaths.map((p) => [p.toLowerCase(), p]));

  // Identifiers: unique across the manifest (they are xs:ID, but we check without relying on it).
  const seen = new Map<string, string>();
  for (const e of [root, ...findAll(root, 'organization'), ...findAll(root, 'item'), ...findAll(root, 'resource')]) {
    const id = e.attrs.identifier;
    if (id === undefined) {
      add('identifier', `<${e.name}> has no identifier`);
      continue;
    }
    const before = seen.get(id);
    if (before) add('unique-identifier', `identifier "${id}" is used by both <${before}> and <${e.name}>`);
    else seen.set(id, e.name);
  }

  const organizations = findAll(root, 'organization');
  const orgsEl = findAll(root, 'organizations')[0];
  if (!orgsEl || organizations.length === 0) add('organization', 'the manifest has no <organization>');
  const def = orgsEl?.attrs.default;
  if (def !== undefined && !organizations.some((o) => o.attrs.identifier === def)) {
    add('default-organization', `organizations@default="${def}" names no organization`);
  }

  const resources = findAll(root, 'resource');
  const resourceIds = new Set(resources.map((r) => r.attrs.identifier));
  const items = findAll(root, 'item');
  if (!items.some((i) => i.attrs.identifierref)) add('launchable-item', 'no item launches a resource (no identifierref)');
  for (const item of items) {
    const ref = item.attrs.identifierref;
    if (ref !== undefined && !resourceIds.has(ref)) {
      add('identifierref', `item "${item.attrs.identifier}" has identifierref="${ref}", which names no resource`);
    }
    for (const mastery of childrenNamed(item, 'masteryscore')) {
      const value = Number(textOf(mastery));
      if (textOf(mastery) === '' || !Number.isFinite(value) || value < 0 || value > 100) {
        add('mastery-range', `item "${item.attrs.identifier}" masteryscore "${textOf(mastery)}" is not a number from 0 to 100`);
      }
    }
  }
  for (const measure of findAll(root, 'minNormalizedMeasure')) {
    const value = Number(textOf(measure));
    if (textOf(measure) === '' || !Number.isFinite(value) || value < -1 || value > 1) {
      add('mastery-range', `minNormalizedMeasure "${textOf(measure)}" is not a number from -1 to 1`);
    }
  }

  const listed = new Set<string>();
  const checkHref = (where: string, href: string): string | undefined => {
    const bad = badHref(href);
    if (bad) {
      add('relative-href', `${where} href "${href}" ${bad}`);
      return undefined;
    }
    const file = fileOf(href);
    if (!inZip.has(file)) {
      const other = lowerInZip.get(file.toLowerCase());
      add(
        'file-exists',
        other
          ? `${where} href "${href}" differs in letter case from the zip's "${other}" (LMSs serve files case-sensitively)`
          : `${where} href "${href}" is not in the zip`
      );
    }
    return file;
  };

  for (const resource of resources) {
    const rid = resource.attrs.identifier ?? '?';
    const scormType = attrLocal(resource, 'scormtype') ?? attrLocal(resource, 'scormType');
    const href = resource.attrs.href;
    if (scormType === 'sco' && !href) add('launch-href', `SCO resource "${rid}" has no href to launch`);
    const files = childrenNamed(resource, 'file');
    for (const f of files) {
      const fh = f.attrs.href;
      if (fh === undefined) {
        add('file-href', `resource "${rid}" has a <file> without href`);
        continue;
      }
      const file = checkHref(`resource "${rid}" file`, fh);
      if (file) listed.add(file);
    }
    if (href) {
      const launch = checkHref(`resource "${rid}" launch`, href);
      if (launch && !files.some((f) => f.attrs.href !== undefined && fileOf(f.attrs.href) === launch)) {
        add('launch-listed', `resource "${rid}" launches "${launch}" but does not list it as a <file>`);
      }
    }
    for (const dep of childrenNamed(resource, 'dependency')) {
      const ref = dep.attrs.identifierref;
      if (!ref || !resourceIds.has(ref)) add('dependency', `resource "${rid}" depends on "${ref ?? ''}", which names no resource`);
    }
  }

  // Control files: the manifest and the schemas it names (plus what those include).
  const schemaFiles = (attrLocal(root, 'schemaLocation') ?? '')
    .trim()
    .split(/\s+/)
    .filter((_, i) => i % 2 === 1);
  for (const xsd of schemaFiles) {
    if (!inZip.has(xsd)) add('schema-files', `the schema file "${xsd}" named in xsi:schemaLocation is not in the zip`);
  }
  const control = new Set(['imsmanifest.xml', ...schemaFiles, ...controlFiles]);
  for (const path of zipPaths) {
    if (!listed.has(path) && !control.has(path)) add('file-listed', `"${path}" is in the zip but no resource lists it`);
  }
  return problems;
}

/** Throws one error listing every problem, for the packager. */
export function assertPackageSound(name: string, input: VerifyInput): void {
  const problems = verifyPackage(input);
  if (problems.length) {
    throw new Error(`${name} is not a sound SCORM package:\n` + problems.map((p) => `  [${p.rule}] ${p.message}`).join('\n'));
  }
}
