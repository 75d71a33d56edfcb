/**
 * Deterministic zips with fflate: the same files give the same bytes, so a teacher (or CI) can
 * tell by checksum whether a package changed. Entries are sorted by path, every entry carries the
 * same fixed timestamp and attributes, and nothing from the machine (owner, time, order of
 * readdir) reaches the archive. Pure: runs unchanged in Node and in the teacher page (disk.ts
 * reads and writes folders).
 */
import { deflateSync, unzipSync, Zip, ZipPassThrough } from 'fflate';

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

/**
 * Deflated bytes per source array. A run makes many packages from one build, and the build's files
 * are the same arrays in each, so every file is compressed once per run (and once per page in the
 * teacher page), not once per zip: assembling twenty zips costs little more than one.
 */
const deflated = new WeakMap<Uint8Array, Uint8Array>();
const LEVEL = 9;

/**
 * A zip entry whose DEFLATE data was made before: fflate's documented way to bring one's own
 * compression (subclass ZipPassThrough, push the original bytes so the CRC and size are right,
 * emit the compressed ones). fflate's streaming writer records CRC and sizes in a data descriptor
 * after each entry (APPNOTE 4.3.9) and in the central directory, as Java's ZipOutputStream and
 * macOS's Archive Utility do; every LMS's unzip reads them.
 */
class PrecompressedEntry extends ZipPassThrough {
  constructor(
    filename: string,
    private readonly body: Uint8Array
  ) {
    super(filename);
    this.compression = 8;
    this.mtime = FIXED_MTIME;
    this.os = 0;
    this.attrs = 0;
  }
  protected override process(_chunk: Uint8Array, final: boolean): void {
    this.ondata(null, this.body as Uint8Array<ArrayBuffer>, final);
  }
}

export function makeZip(files: FileMap): Uint8Array {
  const parts: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else parts.push(chunk);
  });
  for (const [path, data] of sortFiles(files)) {
    let body = deflated.get(data);
    if (!body) {
      body = deflateSync(data, { level: LEVEL });
      deflated.set(data, body);
    }
    const entry = new PrecompressedEntry(path, body);
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function readZip(zip: Uint8Array): FileMap {
  return sortFiles(new Map(Object.entries(unzipSync(zip)).filter(([path]) => !path.endsWith('/'))));
}
