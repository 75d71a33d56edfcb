/**
 * The launch screen: index.html's own copy of the page frame and the home page's opening (course
 * title, navigation, heading, description), written at build time by scorm/launch-screen.ts so a
 * learner sees it before any script has loaded (issue 15). The same for every learner, fresh or
 * returning; the app removes it as its own page takes its place (src/routes/+layout.svelte).
 */
export const LAUNCH_SCREEN_ID = 'hit-launch';
