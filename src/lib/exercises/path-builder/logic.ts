/**
 * Pure logic of the training-path builder: checks the order of the learner's steps against the
 * rules in the exercise data, and packs a path into the short string saved in the LMS. No DOM.
 *
 * The rules are data, not code: a step lists the routes that qualify for it (e.g. the RHIT exam
 * needs a CAHIIM-accredited associate program, AHIMA RHIT eligibility; CTR Routes A1/A2/B, NCRA), and
 * the steps it must come before. The checker flags only what the data states.
 */

export interface PathRoute {
  label: string;
  allOf: string[];
}

/** A step as the view receives it: Markdown fields compiled to HTML by the loader. */
export interface PathStep {
  id: string;
  group: string;
  label: string;
  durationHtml: string;
  detailHtml: string;
  routes?: PathRoute[];
  missingHtml?: string;
  comesBefore?: string[];
  orderHtml?: string;
}

export interface PathBuilderData {
  title: string;
  instructionsHtml: string;
  groups: { id: string; label: string }[];
  steps: PathStep[];
  examples?: { id: string; label: string; steps: string[] }[];
  labels: Record<
    | 'available' | 'path' | 'empty' | 'add' | 'added' | 'moveUp' | 'moveDown' | 'remove' | 'clear'
    | 'duration' | 'ok' | 'problem' | 'needs' | 'before' | 'later' | 'notInPath' | 'allValid' | 'problems' | 'example'
    | 'announceAdded' | 'announceMoved' | 'announceRemoved' | 'announceLoaded' | 'announceCleared',
    string
  >;
}

/** For a route that is not met: the steps it still needs, and whether each is in the path but too late. */
export interface MissingStep {
  id: string;
  /** In the path, but at or after the step that needs it. */
  later: boolean;
}

export type PathIssue =
  | { kind: 'missing'; stepId: string; index: number; route: PathRoute | null; missing: MissingStep[] }
  | { kind: 'order'; stepId: string; index: number; mustPrecede: string[] };

/**
 * Every rule broken by `path` (step ids in the learner's order), in path order.
 * - `missing`: the step has routes and none has all its steps earlier in the path. The route
 *   reported is the one closest to being met (fewest missing steps, then most steps already in
 *   place, then most missing steps that are merely too late, then first in data order).
 * - `order`: the step must come before steps that the path puts earlier.
 */
export function checkPath(steps: readonly PathStep[], path: readonly string[]): PathIssue[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const position = new Map(path.map((id, i) => [id, i]));
  const issues: PathIssue[] = [];
  path.forEach((stepId, index) => {
    const step = byId.get(stepId);
    if (!step) return;
    const routes = step.routes ?? [];
    if (routes.length) {
      const gaps = routes.map((route) => ({
        route,
        missing: route.allOf
          .filter((req) => !(position.has(req) && position.get(req)! < index))
          .map((req) => ({ id: req, later: position.has(req) }))
      }));
      if (!gaps.some((g) => g.missing.length === 0)) {
        // Closest = fewest steps missing; on a tie, the route the learner has started most, then the
        // one whose missing steps are already in the path, only too late (a reorder fixes it).
        const rank = (g: (typeof gaps)[number]): [number, number, number] => [
          g.missing.length,
          -(g.route.allOf.length - g.missing.length),
          -g.missing.filter((m) => m.later).length
        ];
        const before = (a: [number, number, number], b: [number, number, number]) =>
          a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
        const closest = gaps.reduce((best, g) => (before(rank(g), rank(best)) ? g : best));
        issues.push({ kind: 'missing', stepId, index, route: routes.length > 1 ? closest.route : null, missing: closest.missing });
      }
    }
    const mustPrecede = (step.comesBefore ?? []).filter((other) => position.has(other) && position.get(other)! < index);
    if (mustPrecede.length) issues.push({ kind: 'order', stepId, index, mustPrecede });
  });
  return issues;
}

export function addStep(path: readonly string[], id: string): string[] {
  return path.includes(id) ? [...path] : [...path, id];
}

export function removeStep(path: readonly string[], index: number): string[] {
  return path.filter((_, i) => i !== index);
}

/** Moves the step at `index` by `delta` places; a move past either end leaves the path as it is. */
export function moveStep(path: readonly string[], index: number, delta: -1 | 1): string[] {
  const target = index + delta;
  if (index < 0 || index >= path.length || target < 0 || target >= path.length) return [...path];
  const next = [...path];
  const moving = next[index]!;
  next[index] = next[target]!;
  next[target] = moving;
  return next;
}

/**
 * Saved state: "p1:" then one base-36 character per step (its position in the data), so a full path
 * of 36 steps takes 39 characters, well under the course's 200-character limit per exercise
 * (LearnerState.exercises in src/lib/lms/types.ts).
 */
const PREFIX = 'p1:';

export function encodePath(steps: readonly PathStep[], path: readonly string[]): string {
  const index = new Map(steps.map((s, i) => [s.id, i]));
  return PREFIX + path.filter((id) => index.has(id)).map((id) => index.get(id)!.toString(36)).join('');
}

/** Reads a saved path; anything unreadable (old format, edited data) gives an empty or shorter path. */
export function decodePath(steps: readonly PathStep[], saved: string | undefined | null): string[] {
  if (!saved || !saved.startsWith(PREFIX)) return [];
  const path: string[] = [];
  for (const ch of saved.slice(PREFIX.length)) {
    const step = steps[parseInt(ch, 36)];
    if (step && !path.includes(step.id)) path.push(step.id);
  }
  return path;
}

/** Fills `{name}` placeholders of a label from the data (e.g. "{step}: now step {n}."). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
