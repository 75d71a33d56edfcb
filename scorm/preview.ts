/**
 * Preview LMS: serves a SCORM package (a zip, or a folder holding an unpacked one) inside the LMS
 * harness (tests/harness/), with a live panel of status, score, location, suspend_data size against
 * its limit, interactions, objectives and every API call, and buttons to close, relaunch and reset.
 *
 *   npm run preview:lms                                  # dist/hit-career-course-scorm12.zip
 *   npm run preview:lms -- dist/hit-career-course-scorm2004.zip
 *   npm run preview:lms -- dist/unpacked/hit-career-01-the-job-scorm12 --port 4180
 *
 * It also serves the teacher page (dist/teacher.html) at /teacher.html: a page served over http
 * can hand the zip it made to this server (POST /preview-lms/packages), which unpacks it and
 * answers with the harness address that plays it. (A page opened from disk cannot: browsers do
 * not run the course's module scripts from file://.)
 *
 * The SCORM version and the launch file come from the package's imsmanifest.xml. Nothing is sent
 * anywhere: the harness's LMS (scorm-again, strict) keeps the learner's CMI in the browser.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { staticHandler, type Mount } from '../tests/server';
import { unpackZip } from './disk';

const root = resolve(import.meta.dirname, '..');
const DEFAULT_PACKAGE = join(root, 'dist/hit-career-course-scorm12.zip');
const TEACHER_PAGE = join(root, 'dist/teacher.html');
/** Zips the teacher page may send: far above the course's ~400 KB, far below a memory problem. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export class PreviewError extends Error {}

/** The package as a folder: a folder is served as is, a zip is unpacked into a temporary folder. */
export function packageFolder(path: string): string {
  if (!existsSync(path)) throw new PreviewError(`${path} does not exist. Run \`npm run package\` first, or pass a zip or an unpacked folder.`);
  if (statSync(path).isDirectory()) return path;
  if (extname(path).toLowerCase() !== '.zip') throw new PreviewError(`${path}: expected a .zip file or a folder`);
  return unpackedZip(new Uint8Array(readFileSync(path)), path);
}

function unpackedZip(zip: Uint8Array, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'preview-lms-'));
  try {
    unpackZip(zip, dir);
  } catch (e) {
    throw new PreviewError(`${name}: not a zip this preview can open (${(e as Error).message})`);
  }
  return dir;
}

/** What the harness needs from a package: its SCORM version and its launch file. */
export function readPackage(folder: string): { version: '12' | '2004'; launch: string } {
  const manifestPath = join(folder, 'imsmanifest.xml');
  if (!existsSync(manifestPath)) throw new PreviewError(`${folder}: no imsmanifest.xml at the package root`);
  const manifest = readFileSync(manifestPath, 'utf8');
  // SCORM 2004 manifests declare <schemaversion>2004 ...</schemaversion> (CAM 3.4.1.8); 1.2 ones "1.2".
  const version = /<schemaversion>\s*2004/i.test(manifest) ? '2004' : '12';
  // The SCO's launch file: the href of the first resource marked as a SCO (1.2 adlcp:scormtype, 2004 adlcp:scormType).
  const launch =
    /<resource\b[^>]*adlcp:scorm[tT]ype="sco"[^>]*\bhref="([^"]+)"/.exec(manifest)?.[1] ??
    /<resource\b[^>]*\bhref="([^"]+)"[^>]*adlcp:scorm[tT]ype="sco"/.exec(manifest)?.[1];
  if (!launch) throw new PreviewError(`${manifestPath}: no SCO resource with an href`);
  return { version, launch };
}

/** Serves packages in the harness; `mount` adds one and returns the harness address that plays it. */
export function previewServer() {
  const mounts: Mount[] = [
    ['/harness/', join(root, 'tests/harness')],
    ['/vendor/scorm-again/', join(root, 'node_modules/scorm-again/dist')]
  ];
  const serveFile = staticHandler(mounts);
  let count = 0;
  let first: string | undefined;

  /** `unique`: a fresh path (and so a fresh learner) for each zip the teacher page sends. */
  const mount = (folder: string, name: string, unique = false): string => {
    const { version, launch } = readPackage(folder);
    count += 1;
    const id = encodeURIComponent(name.replace(/\.zip$/i, ''));
    const path = unique ? `/preview/${Date.now().toString(36)}-${count}/${id}/` : `/preview/${id}/`;
    mounts.unshift([path, folder]);
    const url = `/harness/?version=${version}&course=${encodeURIComponent(path + launch)}`;
    first ??= url;
    return url;
  };

  const upload = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) {
        res.writeHead(413).end(`a package of at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      const name = basename(new URL(req.url ?? '/', 'http://localhost').searchParams.get('name') ?? 'package.zip');
      try {
        const url = mount(unpackedZip(new Uint8Array(Buffer.concat(chunks)), name), name, true);
        console.log(`  received ${name} from the teacher page: http://${req.headers.host}${url}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url }));
      } catch (e) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end((e as Error).message);
      }
    });
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/' && first) {
      res.writeHead(302, { location: first }).end();
    } else if (path === '/teacher.html' && existsSync(TEACHER_PAGE)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(readFileSync(TEACHER_PAGE));
    } else if (path === '/preview-lms/packages' && req.method === 'POST') {
      upload(req, res);
    } else {
      void serveFile(req, res);
    }
  });
  return { server, mount };
}

function main(args: string[]): void {
  const portFlag = args.indexOf('--port');
  const port = portFlag >= 0 ? Number(args[portFlag + 1]) : Number(process.env.PORT ?? 4180);
  const given = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port');
  const target = resolve(given ?? DEFAULT_PACKAGE);
  const { server, mount } = previewServer();
  let url: string;
  let version: string;
  try {
    const folder = packageFolder(target);
    version = readPackage(folder).version;
    url = mount(folder, basename(target));
  } catch (e) {
    if (!(e instanceof PreviewError)) throw e;
    console.error(`preview:lms: ${e.message}`);
    process.exit(1);
  }
  server.listen(port, '127.0.0.1', () => {
    console.log(`Preview LMS (SCORM ${version === '12' ? '1.2' : '2004'}) for ${target}`);
    console.log(`  open http://127.0.0.1:${port}/  (${url})`);
    if (existsSync(TEACHER_PAGE)) console.log(`  teacher page: http://127.0.0.1:${port}/teacher.html (its "Play it in the preview LMS" button plays the zip it made here)`);
    console.log('  Ctrl+C to stop. The learner\'s CMI is kept in the browser: use "Reset learner" to start over.');
  });
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
