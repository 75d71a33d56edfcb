/**
 * The archived texts of the course's source documents (modules/sources/<source-id>.txt), so the
 * repository owns what it quotes. A file is a header of `Key: value` lines, a line `---`, then the
 * document's text exactly as it was read (page clutter left in; quote its facts, not its sentences):
 *
 *   Title: Occupational Outlook Handbook: Medical Records and Health Information Technicians ...
 *   Publisher: U.S. Bureau of Labor Statistics
 *   URL: https://www.bls.gov/ooh/...        (or "not known" when the copy does not record it)
 *   Read: 2026-12-02                          (the date the course's authors read this copy)
 *   Note: ...                                 (any number of notes: what the copy is, its dates)
 *   Body-SHA256: <hex>                        (SHA-256 of the text below, so it is never edited)
 *   ---
 *   <the text>
 *
 * Title, Publisher and URL must match the source's entry in modules/sources.yaml.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentError } from './errors';
import type { Source } from './types';

export interface ArchiveHeader {
  title: string;
  publisher: string;
  /** Undefined when the header says "not known". */
  url?: string;
  /** ISO date, YYYY-MM-DD. */
  read: string;
  notes: string[];
  bodySha256: string;
}

export interface ArchivedText {
  header: ArchiveHeader;
  body: string;
}

const SEPARATOR = '\n---\n';
const REQUIRED = ['Title', 'Publisher', 'URL', 'Read', 'Body-SHA256'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'Note']);

/** Parses an archive file; every problem is a ContentError naming `file` and the header field. */
export function parseArchive(text: string, file: string): { archive?: ArchivedText; errors: ContentError[] } {
  const errors: ContentError[] = [];
  const end = text.indexOf(SEPARATOR);
  if (end < 0) return { errors: [new ContentError(file, '(header)', 'expected a header of "Key: value" lines ending with a line "---", got none')] };
  const fields = new Map<string, string[]>();
  text
    .slice(0, end)
    .split('\n')
    .forEach((line, i) => {
      const m = /^([A-Za-z0-9-]+): (.+)$/.exec(line);
      if (!m) return errors.push(new ContentError(file, `header line ${i + 1}`, `expected "Key: value", got "${line}"`));
      if (!KNOWN.has(m[1]!)) return errors.push(new ContentError(file, `header.${m[1]}`, `unknown header field (expected ${[...KNOWN].join(', ')})`));
      fields.set(m[1]!, [...(fields.get(m[1]!) ?? []), m[2]!.trim()]);
    });
  for (const key of REQUIRED) {
    if (!fields.has(key)) errors.push(new ContentError(file, `header.${key}`, 'expected a value (this field is required), got nothing'));
    else if (fields.get(key)!.length > 1) errors.push(new ContentError(file, `header.${key}`, 'expected one line, got several'));
  }
  const one = (key: string) => fields.get(key)?.[0] ?? '';
  const read = one('Read');
  if (read && !/^\d{4}-\d{2}-\d{2}$/.test(read)) errors.push(new ContentError(file, 'header.Read', `expected the date it was read as YYYY-MM-DD, got "${read}"`));
  const url = one('URL');
  if (url && url !== 'not known' && !/^https?:\/\/\S+$/.test(url)) errors.push(new ContentError(file, 'header.URL', `expected a full URL or "not known", got "${url}"`));
  const body = text.slice(end + SEPARATOR.length);
  const sha = one('Body-SHA256');
  const actual = createHash('sha256').update(body, 'utf8').digest('hex');
  if (sha && sha !== actual) {
    errors.push(new ContentError(file, 'header.Body-SHA256', `expected the SHA-256 of the archived text (${actual}): the text was changed after it was archived, got ${sha}`));
  }
  if (!body.trim()) errors.push(new ContentError(file, '(text)', 'expected the archived text after the header, got nothing'));
  if (errors.length) return { errors };
  return {
    archive: {
      header: { title: one('Title'), publisher: one('Publisher'), url: url === 'not known' ? undefined : url, read, notes: fields.get('Note') ?? [], bodySha256: sha },
      body
    },
    errors
  };
}

/** Checks `source`'s archive file against its sources.yaml entry; returns problems (none when fine). */
export function checkArchive(modulesDir: string, source: Source, sourcesFile: string, field: string): ContentError[] {
  if (!source.archive) return [];
  const path = join(modulesDir, source.archive);
  const file = `modules/${source.archive}`;
  if (!existsSync(path)) return [new ContentError(sourcesFile, `${field}.archive`, `expected an archived text at ${file}, got no such file`)];
  const { archive, errors } = parseArchive(readFileSync(path, 'utf8'), file);
  if (!archive) return errors;
  const mismatch = (key: string, inHeader: string | undefined, inSources: string | undefined) =>
    inHeader === inSources ? [] : [new ContentError(file, `header.${key}`, `expected the ${key.toLowerCase()} given in ${sourcesFile} ${field} ("${inSources ?? 'not known'}"), got "${inHeader ?? 'not known'}"`)];
  return [
    ...mismatch('Title', archive.header.title, source.title),
    ...mismatch('Publisher', archive.header.publisher, source.publisher),
    ...mismatch('URL', archive.header.url, source.url)
  ];
}

/**
 * The archived text of a source (without its header), for the figure and data tests. Throws when
 * the source has no archive or the file does not parse: a test must never pass on a missing text.
 */
export function archivedText(root: string, source: Pick<Source, 'id' | 'archive'> | undefined): string {
  if (!source?.archive) throw new Error(`source ${source?.id ?? '(unknown)'} has no archived text in modules/sources/`);
  const file = `modules/${source.archive}`;
  const { archive, errors } = parseArchive(readFileSync(join(root, 'modules', source.archive), 'utf8'), file);
  if (!archive) throw new Error(errors.map((e) => e.message).join('\n'));
  return archive.body;
}

/**
 * Everything the course may quote from a source, for the figure tests: its archived text, or else
 * the values and statements of its facts in modules/facts/ (so a figure must be restated there
 * before a lesson may show it). Empty for a source with neither (the loader reports that).
 */
export function sourceEvidence(
  root: string,
  sources: readonly Pick<Source, 'id' | 'archive'>[],
  facts: readonly { source: string; value: string; statement: string }[],
  id: string
): string {
  const source = sources.find((s) => s.id === id);
  if (source?.archive) return archivedText(root, source);
  return facts
    .filter((f) => f.source === id)
    .map((f) => `${f.value}\n${f.statement}`)
    .join('\n');
}
