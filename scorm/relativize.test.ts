import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { absoluteUrls, refreshScriptHashes, relativizeHtml } from './relativize';

const script = `import("/_app/immutable/entry/start.js")`;
const built = `<head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'sha256-OLD='; style-src 'self'">
<link href="/_app/immutable/entry/start.js" rel="modulepreload"><link href="/_app/immutable/assets/0.css" rel="stylesheet"></head>
<body><script>${script}</script></body>`;

describe('relativizeHtml', () => {
  const out = relativizeHtml(built);

  it('turns every /_app/ URL into ./_app/ so the page runs from any LMS sub-path', () => {
    expect(absoluteUrls(out)).toEqual([]);
    expect(out).toContain('href="./_app/immutable/entry/start.js"');
    expect(out).toContain('import("./_app/immutable/entry/start.js")');
  });

  it('re-hashes the rewritten inline script so the CSP still allows it and nothing else', () => {
    const hash = createHash('sha256').update(`import("./_app/immutable/entry/start.js")`).digest('base64');
    expect(out).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(out).not.toContain('sha256-OLD=');
  });

  it('finds absolute URLs a build must not contain', () => {
    expect(absoluteUrls(built)).toEqual(['/_app/immutable/entry/start.js', '/_app/immutable/assets/0.css', '/_app/immutable/entry/start.js']);
    expect(refreshScriptHashes('<p>no csp</p>')).toBe('<p>no csp</p>');
  });

  it('leaves the package options data block out of the hashes: it is never executed, and packages rewrite it', () => {
    const page = relativizeHtml(built.replace('<body>', '<body><script type="application/json" id="hit-package-options">null</script>'));
    const hash = createHash('sha256').update(`import("./_app/immutable/entry/start.js")`).digest('base64');
    expect(page).toMatch(new RegExp(`script-src 'self' 'sha256-${hash.replace(/[+/=]/g, '\\$&')}'; `));
  });
});
