/**
 * The one launch of the LMS runtime for this page (src/lib/lms/launch.ts). Started by
 * src/hooks.client.ts as soon as the app's entry runs, so in an LMS the session's own chunk is
 * fetched alongside the first route's code instead of after it; app-state.svelte.ts awaits it.
 */
import { course, loadObjectiveTexts } from '$lib/content/client';
import { browserEnvironment } from '$lib/lms/environment';
import { launchCourseSession } from '$lib/lms/launch';

export const sessionLaunch = launchCourseSession(course, browserEnvironment(), undefined, loadObjectiveTexts);
