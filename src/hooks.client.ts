// Starts the LMS runtime while SvelteKit fetches the first route (src/lib/session-launch.ts).
// A launch on a lesson has its files asked for by index.html itself (scorm/launch-preload.ts).
import '$lib/session-launch';
