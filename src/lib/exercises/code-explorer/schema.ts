/**
 * Data schema of the code-explorer exercise (modules/03-coding-systems/exercises/code-explorer.yaml).
 * Part 1 takes codes apart character by character; part 2 asks which codes are invalid. Every code
 * and every validity answer comes from modules/facts/code-sets.yaml (CMS grouper data for ICD-10-CM validity, the
 * PCS manual for the seven axes, CPT/HCPCS formats). Runs in Node at build time: no DOM imports.
 */
import * as v from 'valibot';
import { shapeProblem, SYSTEMS } from './logic';

const text = (what: string) => v.pipe(v.string(`expected ${what}`), v.trim(), v.nonEmpty(`expected ${what}`));
const id = v.pipe(
  v.string('expected an id (a-z, 0-9 and -)'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an id of a-z, 0-9 and single dashes'),
  v.maxLength(32, 'expected an id of at most 32 characters')
);
const system = v.picklist(SYSTEMS, `expected one of: ${SYSTEMS.join(', ')}`);
const hasUniqueIds = (items: readonly { id: string }[]) => new Set(items.map((i) => i.id)).size === items.length;

const partSchema = v.strictObject({
  /** The characters of the code this part covers, in order (a '.' may be its own part). */
  text: v.pipe(v.string('expected the characters this part covers'), v.nonEmpty('expected the characters this part covers')),
  label: text('a label such as "Body part" or "Category"'),
  meaningMd: text('what these characters mean')
});

const exploreCodeSchema = v.pipe(
  v.strictObject({
    id,
    system,
    /** The code as printed. In a pattern, `#` stands for any digit (e.g. CPT Category II `####F`). */
    code: text('the code'),
    pattern: v.optional(v.boolean('expected true or false')),
    title: v.optional(text('the code title')),
    parts: v.pipe(v.array(partSchema, 'expected the parts of the code'), v.minLength(1, 'expected at least one part'))
  }),
  v.forward(
    v.check((c) => c.parts.map((p) => p.text).join('') === c.code, 'expected the parts, joined in order, to spell the code exactly'),
    ['parts']
  ),
  v.forward(
    v.check((c) => shapeProblem(c.system, c.pattern ? c.code.replaceAll('#', '0') : c.code) === null, 'expected a code with the shape its system requires'),
    ['code']
  )
);

const spotItemSchema = v.strictObject({
  id,
  system,
  code: text('the code'),
  /** Whether the code is valid (from CMS code data or the code set's format rules). */
  valid: v.boolean('expected true or false: is the code valid?'),
  explanationMd: text('why the code is valid or invalid')
});

export const schema = v.strictObject({
  title: text('a title'),
  systemLabels: v.strictObject({
    'icd-10-cm': text('a label'),
    'icd-10-pcs': text('a label'),
    cpt: text('a label'),
    'hcpcs-level-ii': text('a label')
  }),
  exploreIntroMd: text('instructions for the explorer'),
  codes: v.pipe(
    v.array(exploreCodeSchema, 'expected a list of codes to explore'),
    v.minLength(2, 'expected at least 2 codes'),
    v.check((items) => hasUniqueIds(items), 'expected codes with unique ids')
  ),
  spotIntroMd: text('instructions for spotting invalid codes'),
  spot: v.pipe(
    v.array(
      v.pipe(
        spotItemSchema,
        // A code with the wrong shape can never be valid: catch a data slip before a learner does.
        v.forward(
          v.check((item) => !item.valid || shapeProblem(item.system, item.code) === null, 'expected a code marked valid to have the shape its system requires'),
          ['valid']
        )
      ),
      'expected a list of codes to judge'
    ),
    v.minLength(4, 'expected at least 4 codes to judge'),
    v.check((items) => hasUniqueIds(items), 'expected codes with unique ids'),
    v.check((items) => items.some((i) => i.valid) && items.some((i) => !i.valid), 'expected both valid and invalid codes')
  )
});

export type CodeExplorerSource = v.InferOutput<typeof schema>;

/** The loader compiles each `...Md` field to `...Html` (see compileDataText in loader.ts). */
type Compiled<T> = T extends (infer U)[]
  ? Compiled<U>[]
  : T extends object
    ? { [K in keyof T as K extends `${infer Base}Md` ? `${Base}Html` : K]: Compiled<T[K]> }
    : T;

export type CodeExplorerData = Compiled<CodeExplorerSource>;
export type ExploreCode = CodeExplorerData['codes'][number];
export type SpotItem = CodeExplorerData['spot'][number];
