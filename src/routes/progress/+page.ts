import { loadObjectiveTexts } from '$lib/content/client';
import type { PageLoad } from './$types';

// The course tree carries objective ids only; this page lists every module's objectives.
export const load: PageLoad = async () => ({ objectiveTexts: await loadObjectiveTexts() });
