/**
 * Static server for browser tests and the preview LMS. Everything is served uncompressed, as many
 * LMSs do, from a path as deep as Moodle's so that any absolute URL in the build would 404.
 *
 * Mounts (first matching prefix wins):
 *   /pluginfile.php/12/mod_scorm/content/0/  -> build/            (the course as an LMS serves it)
 *   /harness/                                -> tests/harness/    (the LMS harness pages)
 *   /vendor/scorm-again/                     -> node_modules/scorm-again/dist/ (LMS side only)
 *   /pkg/<name>/                             -> dist/unpacked/<name>/ (a zip's own unpacked content)
 *   /uploaded/<name>/                        -> test-results/uploaded/<name>/ (a zip a test made, e.g.
 *                                               on the teacher page, unpacked as an LMS would)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

export const COURSE_PATH = '/pluginfile.php/12/mod_scorm/content/0/';

const root = resolve(import.meta.dirname, '..');
/** Where a test unpacks a zip it made, to play it from /uploaded/<name>/ (tests/teacher.spec.ts). */
export const UPLOADED_DIR = join(root, 'test-results/uploaded');
export const mounts: Mount[] = [
  [COURSE_PATH, join(root, 'build')],
  ['/harness/', join(root, 'tests/harness')],
  ['/vendor/scorm-again/', join(root, 'node_modules/scorm-again/dist')],
  ['/pkg/', join(root, 'dist/unpacked')],
  ['/uploaded/', UPLOADED_DIR]
];

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.dtd': 'application/xml-dtd',
  '.txt': 'text/plain; charset=utf-8'
};

export type Mount = [prefix: string, dir: string];

/** Serves files from the first mount whose prefix matches, uncompressed and uncached. */
export function staticHandler(table: Mount[]) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const mount = table.find(([prefix]) => path.startsWith(prefix));
    if (!mount) {
      res.writeHead(404).end('not found');
      return;
    }
    const [prefix, dir] = mount;
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  };
}

export function startServer(port: number): Promise<Server> {
  const server = createServer(staticHandler(mounts));
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4173);
  await startServer(port);
  console.log(`serving on http://127.0.0.1:${port}${COURSE_PATH}index.html`);
}
