/**
 * A fictional name is one person. Issue 12's review found names reused for different people across
 * modules (Yusuf, Ana, Grace, Herrera...), which a learner reading the course in order takes for the
 * same person. modules/people.yaml lists every fictional person with the module that names them and
 * their role; a person met again in the same module (a lesson's case picked up by the quiz) is the
 * same case, said in the role. This test holds the text to the roster:
 *  - every entry is well formed, its module exists, and its name is in that module's text;
 *  - no two entries share a first name or surname (accents ignored: Lucía = Lucia);
 *  - a roster name's words appear, capitalized, in no other module's text;
 *  - a capitalized word mid-sentence that the course never writes in lower case and its sources
 *    never use (so not a place, body, month or term) is a roster name or listed in `notPeople`.
 * Limits: a new name that is also an English word ("Rose") or a word of the sources, or that only
 * ever starts a sentence, is not detected as new; the roster's own names are checked everywhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const modulesDir = join(root, 'modules');

type Person = { name: string; also?: string[]; module: string; role: string };
const roster = parse(readFileSync(join(modulesDir, 'people.yaml'), 'utf8')) as { people: Person[]; notPeople: string[] };

const fold = (s: string) => s.normalize('NFD').replace(/\p{Mn}/gu, '');
const TITLES = new Set(['Dr', 'Mr', 'Ms', 'Mrs']);
const CALENDAR = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
/** The words of a name that identify a person: not titles ("Dr.") or initials ("K."). */
const tokensOf = (name: string) =>
  fold(name)
    .split(/\s+/)
    .map((w) => w.replace(/\.$/, ''))
    .filter((w) => w.length > 1 && !TITLES.has(w));

const moduleNames = readdirSync(modulesDir).filter((d) => /^\d\d-/.test(d) && statSync(join(modulesDir, d)).isDirectory());
/** Every text file of a module a student reads or an author edits: lessons, YAML, data folders. */
function moduleText(module: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(md|ya?ml)$/.test(name) && name !== 'figures.yaml') out.push({ file: relative(root, path), text: fold(readFileSync(path, 'utf8')) });
    }
  };
  walk(join(modulesDir, module));
  return out;
}
const texts = new Map(moduleNames.map((m) => [m, moduleText(m)]));
const capitalized = (text: string, word: string) => new RegExp(`(?<![\\p{L}-])${word}(?![\\p{L}-])`, 'u').test(text);

type Texts = Map<string, { file: string; text: string }[]>;
/** Each place a roster name's word turns up, capitalized, in a module other than its person's. */
function strays(all: Texts): string[] {
  const out: string[] = [];
  for (const p of roster.people)
    for (const token of new Set([p.name, ...(p.also ?? [])].flatMap(tokensOf)))
      for (const [module, files] of all)
        if (module !== p.module)
          for (const { file, text } of files) if (capitalized(text, token)) out.push(`${file}: "${token}" is ${p.name} of ${p.module} (${p.role}); give this person another name`);
  return out;
}

describe('fictional people: one name, one person', () => {
  it('the roster is well formed and each name is in its module', () => {
    const problems: string[] = [];
    roster.people.forEach((p, i) => {
      const extra = Object.keys(p).filter((k) => !['name', 'also', 'module', 'role'].includes(k));
      if (extra.length) problems.push(`people[${i}]: unknown field ${extra.join(', ')}`);
      if (typeof p.name !== 'string' || !tokensOf(p.name).length) problems.push(`people[${i}].name: expected a name`);
      if (typeof p.role !== 'string' || !p.role.trim()) problems.push(`people[${i}].role: say who ${p.name} is`);
      if (!moduleNames.includes(p.module)) problems.push(`people[${i}].module: expected a module folder, got "${p.module}"`);
      else
        for (const name of [p.name, ...(p.also ?? [])]) {
          const bare = fold(name).replace(/^(Dr|Mr|Ms|Mrs)\. /, '');
          const pattern = bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
          if (!texts.get(p.module)!.some((t) => capitalized(t.text, pattern))) problems.push(`people[${i}]: "${name}" is not in modules/${p.module}`);
        }
    });
    expect(problems).toEqual([]);
    expect(roster.people.length).toBeGreaterThan(80);
  });

  it('no two people share a first name or surname', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const p of roster.people)
      for (const token of new Set([p.name, ...(p.also ?? [])].flatMap(tokensOf))) {
        const key = token.toLowerCase();
        if (owner.has(key) && owner.get(key) !== p.name) clashes.push(`"${token}": ${owner.get(key)} and ${p.name}`);
        owner.set(key, p.name);
      }
    expect(clashes).toEqual([]);
  });

  it('a roster name appears in no other module', () => {
    expect(strays(texts)).toEqual([]);
  });

  it('every name-like word in the course is on the roster', () => {
    const known = new Set(roster.people.flatMap((p) => [p.name, ...(p.also ?? [])].flatMap(tokensOf)).flatMap((t) => t.split('-')));
    for (const w of roster.notPeople) known.add(w);
    // Words the course writes in lower case (ids and slugs left out: "rosa-query" is not prose).
    const lower = new Set<string>();
    const prose = [...texts.values()].flat().map((t) => ({ ...t, text: t.text.replace(/\{\{src:[^}]*\}\}/g, '').replace(/^\s*#.*$/gm, '').replace(/[\w.]+(?:-[\w.]+)+/g, '') }));
    for (const { text } of prose) for (const m of text.matchAll(/\b[a-z]{2,}\b/g)) lower.add(m[0]);
    // Words of the sources and facts: places, bodies, terms (Yakima, Commission, Septicemia).
    const refFiles = [
      ...readdirSync(join(modulesDir, 'sources')).map((f) => join(modulesDir, 'sources', f)),
      ...readdirSync(join(modulesDir, 'facts')).map((f) => join(modulesDir, 'facts', f)),
      join(modulesDir, 'sources.yaml'),
    ].filter(existsSync);
    const ref = new Set(refFiles.flatMap((f) => fold(readFileSync(f, 'utf8')).toLowerCase().match(/\p{L}+/gu) ?? []));
    const unknown = new Map<string, Set<string>>();
    for (const { file, text } of prose)
      for (const m of text.matchAll(/(?<=[\w,;)'’] )[A-Z][a-z]+\b/g)) {
        const w = m[0];
        if (known.has(w) || TITLES.has(w) || CALENDAR.has(w) || lower.has(w.toLowerCase()) || ref.has(w.toLowerCase())) continue;
        if (!unknown.has(w)) unknown.set(w, new Set());
        unknown.get(w)!.add(file);
      }
    expect([...unknown].map(([w, files]) => `"${w}" (${[...files].join(', ')}): a person? add them to modules/people.yaml; if not, to its notPeople`)).toEqual([]);
  });

  it('catches a name reused in another module (mutation)', () => {
    // The review's case: the registry lesson's technician was called Yusuf, like module 02's doctor.
    const module = '06-registries-and-data';
    const copy: Texts = new Map(texts).set(module, texts.get(module)!.map((t) => ({ ...t, text: t.text.replace(/\bEmre\b/g, 'Yusuf') })));
    expect(strays(copy).join('\n')).toContain('modules/06-registries-and-data/03-data-for-quality-and-cost.md: "Yusuf" is Dr. Amina Yusuf of 02-the-health-record');
  });
});
