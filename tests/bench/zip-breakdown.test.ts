import { deflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeZip } from '../../scorm/zip';
import { apportion, moduleGroup, readZipEntries, zipBreakdown, type BundleContents } from './zip-breakdown';

const text = (n: number, seed: string) => strToU8(Array.from({ length: n }, (_, i) => `${seed}${i * 7919}`).join(' '));

/** Every byte of a zip is an entry's header, data or descriptor, or the central directory and its 22-byte end. */
function accounted(zip: Uint8Array) {
  return readZipEntries(zip).reduce((n, e) => n + e.localHeaderBytes + e.compressedSize + e.dataDescriptorBytes + e.centralHeaderBytes, 22);
}

describe('readZipEntries', () => {
  it('reads names and sizes of a zip made with fflate (no data descriptors)', () => {
    const a = text(400, 'alpha');
    const b = strToU8('stored as it is');
    const zip = zipSync({ 'index.html': [a, { level: 6 }], 'dir/b.txt': [b, { level: 0 }] });
    const entries = readZipEntries(zip);
    expect(entries.map((e) => e.name)).toEqual(['index.html', 'dir/b.txt']);
    expect(entries[0]).toMatchObject({ compressedSize: deflateSync(a, { level: 6 }).length, uncompressedSize: a.length, localHeaderBytes: 30 + 'index.html'.length, dataDescriptorBytes: 0 });
    expect(entries[1]).toMatchObject({ compressedSize: b.length, uncompressedSize: b.length, localHeaderBytes: 30 + 'dir/b.txt'.length });
    expect(accounted(zip)).toBe(zip.length);
  });

  it("reads the packager's zips, whose entries carry data descriptors (flag bit 3)", () => {
    const files = new Map([
      ['index.html', text(300, 'page')],
      ['_app/immutable/chunks/A.js', text(500, 'code')]
    ]);
    const zip = makeZip(files);
    const entries = readZipEntries(zip);
    expect(entries.map((e) => e.name)).toEqual(['_app/immutable/chunks/A.js', 'index.html']); // sorted by the packager
    expect(entries.map((e) => e.compressedSize)).toEqual([deflateSync(files.get('_app/immutable/chunks/A.js')!, { level: 9 }).length, deflateSync(files.get('index.html')!, { level: 9 }).length]);
    expect(entries.every((e) => e.dataDescriptorBytes === 16)).toBe(true);
    expect(accounted(zip)).toBe(zip.length);
  });

  it('refuses what is not a zip', () => {
    expect(() => readZipEntries(strToU8('not a zip at all, just some text of some length'))).toThrow(/not a zip/);
  });
});

describe('moduleGroup', () => {
  it('names content, frameworks and app code', () => {
    expect(moduleGroup('\0virtual:hit/lesson/01-the-job/what-they-do')).toBe('lesson chunks');
    expect(moduleGroup('\0virtual:hit/module/01-the-job')).toBe('module chunks');
    expect(moduleGroup('\0virtual:hit/course')).toBe('course tree');
    expect(moduleGroup('/r/node_modules/svelte/src/internal/client/runtime.js')).toBe('svelte');
    expect(moduleGroup('/r/node_modules/@sveltejs/kit/src/runtime/client/client.js')).toBe('@sveltejs/kit');
    expect(moduleGroup('/r/.svelte-kit/generated/client-optimized/nodes/3.js')).toBe('@sveltejs/kit');
    expect(moduleGroup('/r/node_modules/d3-scale/src/linear.js')).toBe('d3-*');
    expect(moduleGroup('\0vite/preload-helper.js')).toBe('vite helpers');
    expect(moduleGroup('/r/src/lib/lms/adapter.ts')).toBe('src/lib/lms');
    expect(moduleGroup('/r/src/routes/+page.svelte?svelte&type=style&lang.css')).toBe('routes');
  });

  it("puts a module it does not know in 'rest'", () => {
    expect(moduleGroup('/r/node_modules/left-pad/index.js')).toBe('rest');
    expect(moduleGroup('/r/src/lib/app-state.svelte.ts')).toBe('rest');
    expect(moduleGroup('\0virtual:other/thing')).toBe('rest');
  });
});

describe('zipBreakdown', () => {
  const files = new Map([
    ['imsmanifest.xml', text(200, 'manifest')],
    ['adlcp_rootv1p2.xsd', text(150, 'schema')],
    ['index.html', text(100, 'page')],
    ['_app/version.json', strToU8('{"version":"1"}')],
    ['_app/immutable/assets/a.css', text(80, 'css')],
    ['_app/immutable/chunks/shared.js', text(900, 'shared')],
    ['_app/immutable/chunks/lesson.js', text(300, 'lesson')],
    ['_app/immutable/chunks/facade.js', strToU8('export{a as default}from"./shared.js";')]
  ]);
  const zip = makeZip(files);
  const sizes = new Map(readZipEntries(zip).map((e) => [e.name, e.compressedSize]));
  const contents: BundleContents = {
    chunks: {
      // One part Svelte, three parts the course tree.
      '_app/immutable/chunks/shared.js': [
        { id: '/r/node_modules/svelte/src/index-client.js', renderedLength: 1000 },
        { id: '\0virtual:hit/course', renderedLength: 3000 }
      ],
      '_app/immutable/chunks/lesson.js': [{ id: '\0virtual:hit/lesson/m/l', renderedLength: 500 }],
      '_app/immutable/chunks/facade.js': []
    }
  };
  const breakdown = zipBreakdown(zip, contents);
  const of = (group: string) => breakdown.rows.find((r) => r.group === group)?.bytes;

  it('sums exactly to the zip size', () => {
    expect(breakdown.zipBytes).toBe(zip.length);
    expect(breakdown.rows.reduce((n, r) => n + r.bytes, 0)).toBe(zip.length);
    expect(breakdown.unmatched).toEqual([]);
  });

  it('splits a shared chunk in proportion to its modules', () => {
    const shared = sizes.get('_app/immutable/chunks/shared.js')!;
    expect(of('svelte')! + of('course tree')!).toBe(shared);
    expect(Math.abs(of('svelte')! - shared / 4)).toBeLessThanOrEqual(1);
    expect(of('lesson chunks')).toBe(sizes.get('_app/immutable/chunks/lesson.js'));
  });

  it('counts CSS, the manifest and schemas, the page, other files and the headers apart', () => {
    expect(of('CSS')).toBe(sizes.get('_app/immutable/assets/a.css'));
    expect(of('manifest + XSDs')).toBe(sizes.get('imsmanifest.xml')! + sizes.get('adlcp_rootv1p2.xsd')!);
    expect(of('index.html')).toBe(sizes.get('index.html'));
    expect(of('other files')).toBe(sizes.get('_app/version.json'));
    expect(of('rest')).toBe(sizes.get('_app/immutable/chunks/facade.js')); // a chunk with no modules
    expect(of('zip headers')).toBe(zip.length - [...sizes.values()].reduce((a, b) => a + b, 0));
  });

  it("counts a chunk missing from bundle-contents.json in 'rest' and names it", () => {
    const partial = zipBreakdown(zip, { chunks: { '_app/immutable/chunks/shared.js': contents.chunks['_app/immutable/chunks/shared.js']! } });
    expect(partial.unmatched).toEqual(['_app/immutable/chunks/facade.js', '_app/immutable/chunks/lesson.js']);
    expect(partial.rows.reduce((n, r) => n + r.bytes, 0)).toBe(zip.length);
  });
});

describe('apportion', () => {
  it('gives integers that sum to the total', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 0])).toEqual([4, 3]);
    expect(apportion(101, [1, 3])).toEqual([25, 76]);
  });
});
