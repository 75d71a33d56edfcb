import { readCourseBase, checkSchemas } from '../scorm/package';
import { assemblePackage } from '../scorm/assemble';
const base = readCourseBase('build');
const all = base.map.course.modules.map((m) => m.slug);
let t = performance.now();
const made = (['12', '2004'] as const).flatMap((version) => [all, ...all.map((m) => [m])].map((modules) => ({ version, pkg: assemblePackage(base, { version, scope: modules.length === 1 ? 'module' : 'course', modules }) })));
const ta = performance.now() - t; t = performance.now();
checkSchemas(made, 'require');
console.log('assemble', ta.toFixed(0), 'xmllint batched', (performance.now() - t).toFixed(0));
