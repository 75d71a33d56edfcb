// Starts the LMS runtime while SvelteKit fetches the first route (src/lib/session-launch.ts).
import '$lib/session-launch';
import { loadLesson, locateLesson } from '$lib/content/client';

// Issue 15: a launch on a lesson (a bookmark, a reload, an LMS that opens the learner's place) asks
// for the lesson's own chunk now, alongside the route's code, instead of once the route's load
// function has arrived and run: one round trip less. The route's load gets the same module.
{
  const [, mod, lesson] = location.hash.replace(/^#?\/?/, '/').split('/');
  if (mod && lesson && locateLesson(mod, lesson)) loadLesson(mod, lesson).catch(() => {});
}
