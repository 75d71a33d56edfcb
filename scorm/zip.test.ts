import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { readTree, unpackZip } from './disk';
import { makeZip, mergeFiles, readZip, type FileMap } from './zip';

const enc = (s: string) => new TextEncoder().encode(s);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'hit-zip-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const files: FileMap = new Map([
  ['index.html', enc('<!doctype html>')],
  ['_app/b.js', enc('b'.repeat(500))],
  ['_app/a.js', enc('a')]
]);

describe('makeZip', () => {
  it('gives byte-identical zips for the same files, whatever order they arrive in and whenever it runs', async () => {
    const first = makeZip(files);
    await new Promise((r) => setTimeout(r, 1100)); // DOS time has 2-second steps; cross a tick boundary
    const reversed = new Map([...files.entries()].reverse());
    expect(Buffer.from(makeZip(reversed)).equals(Buffer.from(first))).toBe(true);
  });

  it('stores entries in sorted path order, with content intact', () => {
    const zip = makeZip(files);
    expect(Object.keys(unzipSync(zip))).toEqual(['_app/a.js', '_app/b.js', 'index.html']);
    expect(new TextDecoder().decode(readZip(zip).get('_app/b.js'))).toBe('b'.repeat(500));
  });

  it('changes when a file changes', () => {
    const changed = new Map(files).set('_app/a.js', enc('A'));
    expect(Buffer.from(makeZip(changed)).equals(Buffer.from(makeZip(files)))).toBe(false);
  });

  it('writes the same fixed timestamp in every time zone', () => {
    // Local-time DOS date 2000-01-01 00:00 is 0x2821 date / 0x0000 time in every local header.
    const zip = Buffer.from(makeZip(files));
    const header = zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(zip.readUInt16LE(header + 10)).toBe(0); // time
    expect(zip.readUInt16LE(header + 12)).toBe(((2000 - 1980) << 9) | (1 << 5) | 1); // date
  });
});

describe('readTree and unpackZip', () => {
  it('read a folder as sorted relative paths and unpack a zip back into the same tree', () => {
    const src = tempDir();
    mkdirSync(join(src, '_app/immutable'), { recursive: true });
    writeFileSync(join(src, 'index.html'), 'page');
    writeFileSync(join(src, '_app/immutable/z.js'), 'z');
    writeFileSync(join(src, '_app/a.css'), 'a');
    const tree = readTree(src);
    expect([...tree.keys()]).toEqual(['_app/a.css', '_app/immutable/z.js', 'index.html']);

    const dest = join(tempDir(), 'unpacked');
    unpackZip(makeZip(tree), dest);
    expect(readFileSync(join(dest, '_app/immutable/z.js'), 'utf8')).toBe('z');
    expect([...readTree(dest).keys()]).toEqual([...tree.keys()]);
  });
});

describe('mergeFiles', () => {
  it('refuses a course file that would be overwritten by a package file', () => {
    expect(() => mergeFiles(files, new Map([['index.html', enc('x')]]))).toThrow(/index.html is both a course file and a package control file/);
  });
});
