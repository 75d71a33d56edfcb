/**
 * Where the bytes of a SCORM zip go (issue 15: the whole-course 1.2 zip is 365 KB, the goal 250 KB).
 *
 * The zip's central directory gives each entry's compressed size; the client build's
 * `.svelte-kit/bundle-contents.json` (written by `recordBundleContents` in vite.config.ts) gives
 * each JS chunk's modules and their rendered lengths. A chunk's compressed bytes go to its modules'
 * groups in proportion to their rendered lengths (before minification and deflate: an estimate
 * inside a shared chunk, exact for a chunk of one group). Everything else in the zip is CSS or
 * packaging, and the zip's own headers are what is left, so the groups sum exactly to the zip size.
 */

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** The local file header with its name and extra field (30 + n + e bytes). */
  localHeaderBytes: number;
  /** The data descriptor after the data when flag bit 3 is set (12 bytes, 16 with its signature). */
  dataDescriptorBytes: number;
  /** This entry's record in the central directory (46 + n + e + comment bytes). */
  centralHeaderBytes: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

/** Reads a zip's entries from its central directory (no ZIP64: the course's zips are far below 4 GB). */
export function readZipEntries(buffer: Uint8Array): ZipEntry[] {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // The end-of-central-directory record is 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip: no end-of-central-directory record');
  const count = u16(eocd + 10);
  let at = u32(eocd + 16);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) throw new Error(`central directory record ${i} not found at ${at}`);
    const flags = u16(at + 8);
    const compressedSize = u32(at + 20);
    const uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const centralHeaderBytes = 46 + nameLength + u16(at + 30) + u16(at + 32);
    const local = u32(at + 42);
    if (compressedSize === 0xffffffff || local === 0xffffffff) throw new Error('ZIP64 entries are not read');
    const name = decoder.decode(buffer.subarray(at + 46, at + 46 + nameLength));
    if (u32(local) !== LOCAL) throw new Error(`${name}: local header not found at ${local}`);
    // The local extra field may differ from the central one, so its length is read here.
    const localHeaderBytes = 30 + u16(local + 26) + u16(local + 28);
    const dataEnd = local + localHeaderBytes + compressedSize;
    const dataDescriptorBytes = flags & 0x8 ? (dataEnd + 4 <= buffer.length && u32(dataEnd) === DESCRIPTOR ? 16 : 12) : 0;
    entries.push({ name, compressedSize, uncompressedSize, localHeaderBytes, dataDescriptorBytes, centralHeaderBytes });
    at += centralHeaderBytes;
  }
  return entries;
}

/** `.svelte-kit/bundle-contents.json`: each client chunk's file name with its modules. */
export interface BundleContents {
  chunks: Record<string, { id: string; renderedLength: number }[]>;
}

export type Category = 'content' | 'frameworks' | 'app code' | 'CSS' | 'packaging';

/** Every group a byte can go to, in print order, with its category. */
export const GROUPS = {
  'lesson chunks': 'content',
  'module chunks': 'content',
  glossary: 'content',
  'course tree': 'content',
  sources: 'content',
  objectives: 'content',
  icons: 'content',
  svelte: 'frameworks',
  '@sveltejs/kit': 'frameworks',
  xstate: 'frameworks',
  'd3-*': 'frameworks',
  valibot: 'frameworks',
  'vite helpers': 'frameworks',
  'src/lib/lms': 'app code',
  exercises: 'app code',
  components: 'app code',
  quiz: 'app code',
  routes: 'app code',
  charts: 'app code',
  rest: 'app code',
  CSS: 'CSS',
  'zip headers': 'packaging',
  'manifest + XSDs': 'packaging',
  'index.html': 'packaging',
  'other files': 'packaging'
} as const satisfies Record<string, Category>;

export type Group = keyof typeof GROUPS;

/** The readable group of a module id as Rollup/Rolldown names it (absolute path or `\0virtual:...`). */
export function moduleGroup(moduleId: string): Group {
  const id = moduleId.replace(/\\/g, '/').replace(/\0/g, '').replace(/\?.*$/, '');
  // The course's virtual modules (src/lib/content/vite-plugin.ts).
  const virtual = /^virtual:hit\/(\w+)/.exec(id)?.[1];
  if (virtual) {
    const content: Record<string, Group> = {
      lesson: 'lesson chunks',
      module: 'module chunks',
      glossary: 'glossary',
      course: 'course tree',
      sources: 'sources',
      objectives: 'objectives',
      icons: 'icons'
    };
    return content[virtual] ?? 'rest';
  }
  // Vite's and Rolldown's own helpers (preload helper, runtime).
  if (/^(vite|rolldown)\//.test(id) || id.includes('/node_modules/vite/')) return 'vite helpers';
  // The last node_modules segment names the package (nested installs included).
  const pkg = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1];
  if (pkg) {
    if (pkg === 'svelte' || pkg === 'clsx' || pkg === 'esm-env') return 'svelte'; // clsx and esm-env are Svelte's own dependencies
    if (pkg === '@sveltejs/kit' || pkg === 'devalue') return '@sveltejs/kit';
    if (pkg === 'xstate' || pkg.startsWith('@xstate/')) return 'xstate';
    if (pkg.startsWith('d3-') || pkg === 'internmap') return 'd3-*';
    if (pkg === 'valibot') return 'valibot';
    return 'rest';
  }
  // SvelteKit's generated glue (app.js, route nodes, root.svelte) belongs with the framework.
  if (id.includes('/.svelte-kit/generated/')) return '@sveltejs/kit';
  const app: [RegExp, Group][] = [
    [/\/src\/lib\/lms\//, 'src/lib/lms'],
    [/\/src\/lib\/exercises\//, 'exercises'],
    [/\/src\/lib\/components\//, 'components'],
    [/\/src\/lib\/quiz\//, 'quiz'],
    [/\/src\/routes\//, 'routes'],
    [/\/src\/lib\/charts\//, 'charts']
  ];
  return app.find(([pattern]) => pattern.test(id))?.[1] ?? 'rest';
}

/**
 * Splits `total` into integers proportional to `weights` that sum exactly to `total` (largest
 * remainder; equal weights when all are zero).
 */
export function apportion(total: number, weights: number[]): number[] {
  if (!weights.length) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const wSum = sum > 0 ? sum : weights.length;
  const exact = w.map((x) => (total * x) / wSum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]!++;
  }
  return out;
}

export interface BreakdownRow {
  group: Group;
  category: Category;
  bytes: number;
}

export interface Breakdown {
  /** Every group with bytes, in GROUPS order; their bytes sum to `zipBytes`. */
  rows: BreakdownRow[];
  zipBytes: number;
  /** JS entries with no record in bundle-contents.json (counted as 'rest'). */
  unmatched: string[];
}

/** Assigns every byte of the zip to a group (see the top of this file). */
export function zipBreakdown(zipBuffer: Uint8Array, bundleContents: BundleContents): Breakdown {
  const bytes = new Map<Group, number>();
  const add = (group: Group, n: number) => bytes.set(group, (bytes.get(group) ?? 0) + n);
  const unmatched: string[] = [];
  let data = 0;
  for (const entry of readZipEntries(zipBuffer)) {
    data += entry.compressedSize;
    const file = entry.name.split('/').pop()!;
    if (entry.name.endsWith('.js')) {
      // The zip holds build/ as it is, so a chunk's zip path ends with its name in the client build.
      const key = Object.keys(bundleContents.chunks).find((name) => entry.name === name || entry.name.endsWith(`/${name}`));
      const modules = key ? bundleContents.chunks[key]! : [];
      if (!key) unmatched.push(entry.name);
      if (!modules.length) {
        add('rest', entry.compressedSize);
        continue;
      }
      const shares = apportion(
        entry.compressedSize,
        modules.map((m) => m.renderedLength)
      );
      modules.forEach((m, i) => add(moduleGroup(m.id), shares[i]!));
    } else if (entry.name.endsWith('.css')) add('CSS', entry.compressedSize);
    else if (file === 'imsmanifest.xml' || file.endsWith('.xsd')) add('manifest + XSDs', entry.compressedSize);
    else if (entry.name === 'index.html') add('index.html', entry.compressedSize);
    else add('other files', entry.compressedSize);
  }
  // Local headers, data descriptors, the central directory and its end record.
  add('zip headers', zipBuffer.length - data);
  const rows = (Object.keys(GROUPS) as Group[])
    .filter((group) => bytes.has(group))
    .map((group) => ({ group, category: GROUPS[group], bytes: bytes.get(group)! }));
  return { rows, zipBytes: zipBuffer.length, unmatched };
}
