import { readFileSync } from 'node:fs';
import { readZip } from '../scorm/zip';
const files = readZip(new Uint8Array(readFileSync('dist/modules/hit-career-01-the-job-scorm12.zip')));
let n = 0;
for (const [path, data] of files) {
  if (!path.endsWith('.js')) continue;
  for (const m of new TextDecoder().decode(data).matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["'](\.\.?\/[^"']+)["']/g)) n++;
}
console.log('static imports checked', n);
