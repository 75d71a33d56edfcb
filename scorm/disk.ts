/** Package files to and from disk (Node only; zip.ts stays pure for the teacher page). */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { readZip, sortFiles, type FileMap } from './zip';

/** Every file under dir, keyed by its path relative to dir, in sorted order. */
export function readTree(dir: string): FileMap {
  const out: FileMap = new Map();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.set(relative(dir, full).split(sep).join('/'), new Uint8Array(readFileSync(full)));
    }
  };
  walk(dir);
  return sortFiles(out);
}

/** Unpacks a zip into dir (emptied first), as an LMS does on upload; refuses entries outside dir. */
export function unpackZip(zip: Uint8Array, dir: string): void {
  const entries = readZip(zip);
  for (const path of entries.keys()) {
    if (!normalize(join(dir, path)).startsWith(normalize(dir) + sep)) throw new Error(`entry ${path} points outside the package`);
  }
  rmSync(dir, { recursive: true, force: true });
  for (const [path, data] of entries) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
}
