import { readCourseBase, checkSchemas } from '../scorm/package';
import { assemblePackage } from '../scorm/assemble';
import { unpackZip } from '../scorm/disk';
import { writeFileSync, mkdirSync } from 'node:fs';
const base = readCourseBase('build');
const all = base.map.course.modules.map((m) => m.slug);
let ta = 0, tx = 0, tw = 0;
mkdirSync('/tmp/i13-prof', { recursive: true });
for (const version of ['12', '2004'] as const) {
  for (const modules of [all, ...all.map((m) => [m])]) {
    let t = performance.now();
    const pkg = assemblePackage(base, { version, scope: modules.length === 1 ? 'module' : 'course', modules });
    ta += performance.now() - t; t = performance.now();
    checkSchema(pkg, version, 'require');
    tx += performance.now() - t; t = performance.now();
    writeFileSync(`/tmp/i13-prof/${pkg.name}.zip`, pkg.zip); unpackZip(pkg.zip, `/tmp/i13-prof/u/${pkg.name}`);
    tw += performance.now() - t;
  }
}
console.log('assemble', ta.toFixed(0), 'xmllint', tx.toFixed(0), 'write+unpack', tw.toFixed(0));
