/**
 * Deterministic zips with fflate: the same files give the same bytes, so a teacher (or CI) can
 * tell by checksum whether a package changed. Entries are sorted by path, every entry carries the
 * same fixed timestamp and attributes, and nothing from the machine (owner, time, order of
 * readdir) reaches the archive. Pure: runs unchanged in Node and in the teacher page (disk.ts
 * reads and writes folders).
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

/** Files of a package by relative `/`-separated path. */
export type FileMap = Map<string, Uint8Array>;

/**
 * 2000-01-01 00:00 built from local fields: fflate writes DOS time from the Date's local fields,
 * so constructing it from local fields gives the same bytes in every time zone.
 */
export const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

export function sortFiles(files: FileMap): FileMap {
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Adds `extra` to `files`, refusing to overwrite a path (a course file named like a schema file). */
export function mergeFiles(files: FileMap, extra: FileMap): FileMap {
  const out: FileMap = new Map(files);
  for (const [path, data] of extra) {
    if (out.has(path)) throw new Error(`${path} is both a course file and a package control file`);
    out.set(path, data);
  }
  return sortFiles(out);
}

export function makeZip(files: FileMap): Uint8Array {
  const entries: Zippable = {};
  for (const [path, data] of sortFiles(files)) {
    entries[path] = [data, { mtime: FIXED_MTIME, os: 0, attrs: 0, level: 9 }];
  }
  return zipSync(entries, { level: 9, mtime: FIXED_MTIME });
}

export function readZip(zip: Uint8Array): FileMap {
  return sortFiles(new Map(Object.entries(unzipSync(zip)).filter(([path]) => !path.endsWith('/'))));
}
