/**
 * Makes the built index.html load its chunks by relative URLs.
 *
 * SvelteKit's hash router with `paths.relative` still writes `/_app/...` into index.html's
 * modulepreload links, stylesheet links and bootstrap imports (chunks import each other
 * relatively already). An LMS serves the package from a deep path of its choosing (Moodle:
 * /pluginfile.php/<ctx>/mod_scorm/content/<rev>/index.html), so every `/_app/` must become
 * `./_app/` (SvelteKit's `paths.relative` covers the page's own links, not these).
 * Run as a command, it also writes the launch screen into the page (launch-screen.ts) and the
 * script that asks for a bookmarked lesson's files at once (launch-preload.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCourse } from '../src/lib/content/loader';
import { BUILD_MAP_FILE, type BuildMap } from '../src/lib/content/build-map';
import { withLaunchPreloads } from './launch-preload';
import { withLaunchScreen } from './launch-screen';

export function relativizeHtml(html: string): string {
  return refreshScriptHashes(html.replace(/(["'`(])\/_app\//g, '$1./_app/'));
}

/**
 * SvelteKit's CSP (svelte.config.js, `csp.mode: 'hash'`) allows its inline bootstrap script by
 * hash. Rewriting that script's URLs changes its hash, so the CSP's script-src hashes are
 * recomputed from the inline scripts as they now stand (CSP3 "hash-source": SHA-256 of the
 * script text, base64).
 */
export function refreshScriptHashes(html: string): string {
  // Data blocks (`type="application/json"`, the package options) are never executed, so the CSP
  // does not govern them and a package may rewrite them without touching the hashes.
  const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*\stype="application\/json")[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`
  );
  return html.replace(/(script-src 'self')((?: 'sha256-[^']+')*)/, `$1 ${hashes.join(' ')}`);
}

/** Every URL-looking attribute or import in the page that starts with `/` (should be none). */
export function absoluteUrls(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/(?:href|src|action)=["'](\/[^"']*)["']|import\(["'`](\/[^"'`]*)["'`]\)/g)) {
    found.push((m[1] ?? m[2]) as string);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.env.HIT_BUILD_DIR ?? process.argv[2] ?? 'build';
  const file = join(dir, 'index.html');
  // The launch screen (launch-screen.ts) and preloads (launch-preload.ts) first: their inline
  // scripts are hashed with SvelteKit's.
  const loaded = loadCourse({ root: process.env.HIT_CONTENT_ROOT ?? process.cwd() });
  const map = JSON.parse(readFileSync(join(dir, BUILD_MAP_FILE), 'utf8')) as BuildMap;
  const html = relativizeHtml(withLaunchPreloads(withLaunchScreen(readFileSync(file, 'utf8'), loaded.tree), map, loaded.modules));
  const left = absoluteUrls(html);
  if (left.length) {
    console.error(`${file} still has absolute URLs: ${left.join(', ')}`);
    process.exit(1);
  }
  writeFileSync(file, html);
}
