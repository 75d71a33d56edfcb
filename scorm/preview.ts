/**
 * Preview LMS: serves a SCORM package (a zip, or a folder holding an unpacked one) inside the LMS
 * harness (tests/harness/), with a live panel of status, score, location, suspend_data size against
 * its limit, interactions, objectives and every API call, and buttons to close, relaunch and reset.
 *
 *   npm run preview:lms                                  # dist/hit-career-course-scorm12.zip
 *   npm run preview:lms -- dist/hit-career-course-scorm2004.zip
 *   npm run preview:lms -- dist/unpacked/hit-career-01-the-job-scorm12 --port 4180
 *
 * The SCORM version and the launch file come from the package's imsmanifest.xml. Nothing is sent
 * anywhere: the harness's LMS (scorm-again, strict) keeps the learner's CMI in the browser.
 */
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, normalize, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { staticHandler, type Mount } from '../tests/server';

const root = resolve(import.meta.dirname, '..');
const DEFAULT_PACKAGE = join(root, 'dist/hit-career-course-scorm12.zip');

const args = process.argv.slice(2);
const portFlag = args.indexOf('--port');
const port = portFlag >= 0 ? Number(args[portFlag + 1]) : Number(process.env.PORT ?? 4180);
const target = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port') ?? DEFAULT_PACKAGE);

function fail(message: string): never {
  console.error(`preview:lms: ${message}`);
  process.exit(1);
}

if (!existsSync(target)) fail(`${target} does not exist. Run \`npm run package\` first, or pass a zip or an unpacked folder.`);

/** The package as a folder: a folder is served as is, a zip is unpacked into a temporary folder. */
function packageFolder(path: string): string {
  if (statSync(path).isDirectory()) return path;
  if (extname(path) !== '.zip') fail(`${path}: expected a .zip file or a folder`);
  const dir = mkdtempSync(join(tmpdir(), 'preview-lms-'));
  const entries = unzipSync(readFileSync(path));
  for (const [name, bytes] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    const file = normalize(join(dir, name));
    if (!file.startsWith(dir)) fail(`${path}: entry ${name} points outside the package`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return dir;
}

const folder = packageFolder(target);
const manifestPath = join(folder, 'imsmanifest.xml');
if (!existsSync(manifestPath)) fail(`${target}: no imsmanifest.xml at the package root`);
const manifest = readFileSync(manifestPath, 'utf8');

// SCORM 2004 manifests declare <schemaversion>2004 ...</schemaversion> (CAM 3.4.1.8); 1.2 ones "1.2".
const version = /<schemaversion>\s*2004/i.test(manifest) ? '2004' : '12';
// The SCO's launch file: the href of the first resource marked as a SCO (1.2 adlcp:scormtype, 2004 adlcp:scormType).
const launch = /<resource\b[^>]*adlcp:scorm[tT]ype="sco"[^>]*\bhref="([^"]+)"/.exec(manifest)?.[1] ??
  /<resource\b[^>]*\bhref="([^"]+)"[^>]*adlcp:scorm[tT]ype="sco"/.exec(manifest)?.[1] ??
  fail(`${manifestPath}: no SCO resource with an href`);

const PACKAGE_PATH = `/preview/${encodeURIComponent(basename(target).replace(/\.zip$/, ''))}/`;
const mounts: Mount[] = [
  [PACKAGE_PATH, folder],
  ['/harness/', join(root, 'tests/harness')],
  ['/vendor/scorm-again/', join(root, 'node_modules/scorm-again/dist')]
];

const harnessUrl = `/harness/?version=${version}&course=${encodeURIComponent(PACKAGE_PATH + launch)}`;

const serveFile = staticHandler(mounts);

createServer((req, res) => {
  if (new URL(req.url ?? '/', 'http://localhost').pathname === '/') {
    res.writeHead(302, { location: harnessUrl }).end();
    return;
  }
  void serveFile(req, res);
}).listen(port, '127.0.0.1', () => {
  console.log(`Preview LMS (SCORM ${version === '12' ? '1.2' : '2004'}) for ${target}`);
  console.log(`  open http://127.0.0.1:${port}/  (launch file: ${launch})`);
  console.log('  Ctrl+C to stop. The learner\'s CMI is kept in the browser: use "Reset learner" to start over.');
});
