/**
 * What the teacher page carries: one zip of the build (its map included) and the schema files of
 * both SCORM versions, under `build/`, `schemas/12/` and `schemas/2004/`. Pure, for build.ts
 * (packs it) and main.ts (unpacks it in the browser).
 */
import type { ScormVersion } from '../manifest';
import type { FileMap } from '../zip';

export const BASE_ELEMENT_ID = 'hit-course-base';

export function joinBase(build: FileMap, schemas: Record<ScormVersion, FileMap>): FileMap {
  const out: FileMap = new Map();
  for (const [path, data] of build) out.set(`build/${path}`, data);
  for (const version of ['12', '2004'] as const) for (const [path, data] of schemas[version]) out.set(`schemas/${version}/${path}`, data);
  return out;
}

export function splitBase(files: FileMap): { build: FileMap; schemas: Record<ScormVersion, FileMap> } {
  const build: FileMap = new Map();
  const schemas: Record<ScormVersion, FileMap> = { '12': new Map(), '2004': new Map() };
  for (const [path, data] of files) {
    const m = /^(build|schemas\/(12|2004))\/(.+)$/.exec(path);
    if (!m) continue;
    if (m[1] === 'build') build.set(m[3]!, data);
    else schemas[m[2] as ScormVersion].set(m[3]!, data);
  }
  return { build, schemas };
}
