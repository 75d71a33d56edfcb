/**
 * The LMS's API object with its version's table (versions.ts): the search itself is api-search.ts
 * (SCORM 1.2 RTE 3.3.6.1, SCORM 2004 RTE 3.1.6.1), which the launch runs without loading the tables.
 */
import { findApi, type FoundRawApi, type WindowLike } from './api-search';
import { VERSIONS, type RawScormApi, type ScormVersion, type VersionTable } from './versions';

export { preferredVersion, type WindowLike } from './api-search';

export interface FoundApi {
  table: VersionTable;
  api: RawScormApi;
}

/** A found API with its version's full table. */
export const withTable = (found: FoundRawApi): FoundApi => ({ table: VERSIONS[found.version], api: found.api });

/** See api-search.ts `findApi`: the same search, answered with the version's table. */
export function discoverApi(start: WindowLike, prefer: ScormVersion | null = null): FoundApi | null {
  const found = findApi(start, prefer);
  return found ? withTable(found) : null;
}
