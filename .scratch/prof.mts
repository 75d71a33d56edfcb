import { readCourseBase, checkSchema } from '../scorm/package';
import { assemblePackage } from '../scorm/assemble';
const base = readCourseBase('build');
const all = base.map.course.modules.map((m) => m.slug);
let ta = 0, tx = 0;
for (const version of ['12', '2004'] as const) {
  for (const modules of [all, ...all.map((m) => [m])]) {
    let t = performance.now();
    const pkg = assemblePackage(base, { version, scope: modules.length === 1 ? 'module' : 'course', modules });
    ta += performance.now() - t; t = performance.now();
    checkSchema(pkg, version, 'require');
    tx += performance.now() - t;
  }
}
console.log('assemble', ta.toFixed(0), 'xmllint', tx.toFixed(0));
