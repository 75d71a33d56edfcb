// Starts the LMS runtime while SvelteKit fetches the first route (src/lib/session-launch.ts).
import '$lib/session-launch';
