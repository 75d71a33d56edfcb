/**
 * The lesson blocks process, timeline, diagram, sort and scenario at build time: what a valid
 * block compiles to, and every authoring mistake named by its file and field, whether the data
 * sits in the lesson (fields after `line N (name)`) or in the module's data file.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from './loader';
import { course, problems } from './test-course';
import type { LessonBlock } from './types';
import type { DiagramData } from '../components/lesson/diagram/schema';
import type { ProcessData } from '../components/lesson/process/schema';
import type { ScenarioData } from '../components/lesson/scenario/schema';
import type { SortData } from '../components/lesson/sort/schema';
import type { TimelineData } from '../components/lesson/timeline/schema';

const LESSON = 'modules/01-the-job/02-where.md';
/** A lesson whose body is `body`; its first body line is line 5 of the file. */
const lesson = (body: string) => `---\ntitle: Where they work\nminutes: 5\n---\n${body}`;

function blocksOf(files: Record<string, string>): LessonBlock[] {
  const loaded = loadCourse({ root: course(files) });
  return loaded.modules['the-job']!.lessons[1]!.blocks;
}
const componentData = <T>(blocks: LessonBlock[], name: string): T =>
  (blocks.find((b) => b.kind === 'component' && b.name === name) as { data: T }).data;

const sortYaml = `title: Coder or registrar?
groups:
  - { id: coder, label: Medical coder }
  - { id: registrar, label: Cancer registrar }
items:
  - { text: Picks the procedure code, group: coder, feedback: Coding is the coder's work. }
  - { text: Follows up each year, group: registrar, feedback: "Annual follow-up {{src:bls-ooh-2019}}." }
`;

const scenarioYaml = `title: A request at the desk
steps:
  - id: start
    situation: A lawyer asks for a chart.
    choices:
      - { text: Check the authorization, rating: best, outcome: It lacks a date., why: A date is required., next: fix }
      - { text: Send the chart, rating: poor, outcome: A breach., why: No valid authorization. }
  - id: fix
    situation: The form has no date.
    choices:
      - { text: Send it back, rating: best, outcome: A dated form arrives., why: Only a valid form allows release. }
      - { text: Date it yourself, rating: poor, outcome: The form is void., why: Only the patient signs and dates. }
`;

const diagramYaml = `title: The HIM department
layout: tree
parts:
  - { id: manager, label: Supervising technician, text: Oversees the department. }
  - { id: coders, label: Coders, text: Assign codes., parent: manager }
  - { id: clerks, label: Records clerks, text: File and retrieve records., parent: manager }
`;

describe('valid blocks compile into the lesson', () => {
  it('process: an ordered list becomes steps, with a name before " :: " when given', () => {
    const data = componentData<ProcessData>(
      blocksOf({ [LESSON]: lesson('::: process title="Releasing a record"\n1. Receive :: Log the **request**.\n2. Check the authorization.\n:::\n') }),
      'process'
    );
    expect(data.steps).toEqual([
      { titleHtml: 'Receive', html: 'Log the <strong>request</strong>.' },
      { titleHtml: null, html: 'Check the authorization.' }
    ]);
  });

  it('timeline: "date :: event" items, with citations compiled', () => {
    const data = componentData<TimelineData>(
      blocksOf({ [LESSON]: lesson('::: timeline\n- 1996 :: HIPAA passed {{src:bls-ooh-2019}}.\n- 14 April 2003 :: Privacy Rule.\n:::\n') }),
      'timeline'
    );
    expect(data.events.map((e) => e.date)).toEqual(['1996', '14 April 2003']);
    expect(data.events[0]!.html).toContain('<a class="cite" href="#/sources/bls-ooh-2019"');
  });

  it('diagram: data from the module file diagrams/<id>.yaml, each part with its text as HTML', () => {
    const data = componentData<DiagramData>(
      blocksOf({ [LESSON]: lesson('::: diagram id="him" /\n'), 'modules/01-the-job/diagrams/him.yaml': diagramYaml }),
      'diagram'
    );
    expect(data.layout).toBe('tree');
    expect(data.parts.map((p) => [p.id, p.parent])).toEqual([['manager', null], ['coders', 'manager'], ['clerks', 'manager']]);
    expect(data.parts[0]!.html).toBe('<p>Oversees the department.</p>');
  });

  it('sort: data in the body, with Markdown and citations in the feedback', () => {
    const data = componentData<SortData>(blocksOf({ [LESSON]: lesson(`::: sort id="who"\n${sortYaml}:::\n`) }), 'sort');
    expect(data.groups.map((g) => g.id)).toEqual(['coder', 'registrar']);
    expect(data.items[1]).toMatchObject({ group: 'registrar' });
    expect(data.items[1]!.feedbackHtml).toContain('(BLS OOH, 2019)');
  });

  it('scenario: steps linked by index, the first step first', () => {
    const data = componentData<ScenarioData>(
      blocksOf({ [LESSON]: lesson('::: scenario id="desk" /\n'), 'modules/01-the-job/scenarios/desk.yaml': scenarioYaml }),
      'scenario'
    );
    expect(data.steps.map((s) => s.choices.map((c) => c.next))).toEqual([[1, null], [null, null]]);
    expect(data.steps[0]!.choices[0]).toMatchObject({ rating: 'best', outcomeHtml: '<p>It lacks a date.</p>' });
  });
});

describe('block errors name the file and the field', () => {
  it('process: a body that is not an ordered list', () => {
    expect(problems({ [LESSON]: lesson('::: process\n- one\n- two\n:::\n') })).toContain(
      `${LESSON}: line 5 (process).steps: expected an ordered list, one step per item ("1. Receive the request"), got other text`
    );
  });

  it('process: too few steps, and an unknown mode', () => {
    expect(problems({ [LESSON]: lesson('::: process\n1. Only one.\n:::\n') })).toContain(`${LESSON}: line 5 (process).steps: expected 2 to 12 steps, got 1`);
    expect(problems({ [LESSON]: lesson('::: process mode="slideshow"\n1. A.\n2. B.\n:::\n') })).toContain(
      `${LESSON}: line 5 (process).mode: expected one of: steps, all, got "slideshow"`
    );
  });

  it('timeline: an event without a date, and events out of order', () => {
    expect(problems({ [LESSON]: lesson('::: timeline\n- 1996 :: A.\n- Then B.\n:::\n') })).toContain(
      `${LESSON}: line 5 (timeline).events[1]: expected "date :: what happened", got "Then B."`
    );
    expect(problems({ [LESSON]: lesson('::: timeline\n- 2005 :: A.\n- 14 April 2003 :: B.\n:::\n') })).toContain(
      `${LESSON}: line 5 (timeline).events[1].date: expected events in date order, got 14 April 2003 after 2005`
    );
    expect(problems({ [LESSON]: lesson('::: timeline\n- 30 December 1996 :: A.\n- 1 January 1996 :: B.\n:::\n') })).toContain(
      `${LESSON}: line 5 (timeline).events[1].date: expected events in date order, got 1 January 1996 after 30 December 1996`
    );
    expect(problems({ [LESSON]: lesson('::: timeline\n- March 1996 :: A.\n- 1996 :: B.\n- 1 April 1996 :: C.\n- October 1, 2024 :: D.\n:::\n') }).join('\n')).not.toContain('date order');
  });

  it('a citation of an unknown source inside a block names the block field', () => {
    expect(problems({ [LESSON]: lesson('::: timeline\n- 1996 :: A {{src:nope}}.\n- 2003 :: B.\n:::\n') })).toContain(
      `${LESSON}: line 5 (timeline).events[0]: expected a source id from modules/sources.yaml, got {{src:nope}}`
    );
  });

  it('diagram: a missing field in the data file is named in that file', () => {
    const file = 'modules/01-the-job/diagrams/him.yaml';
    expect(problems({ [LESSON]: lesson('::: diagram id="him" /\n'), [file]: diagramYaml.replace('label: Coders, ', '') })).toContain(
      `${file}: parts[1].label: expected a short label, got nothing`
    );
  });

  it('diagram: a tree with an unknown parent, a loop and two roots', () => {
    const file = 'modules/01-the-job/diagrams/him.yaml';
    const broken = diagramYaml.replace('parent: manager }\n  - { id: clerks', 'parent: boss }\n  - { id: clerks');
    expect(problems({ [LESSON]: lesson('::: diagram id="him" /\n'), [file]: broken })).toContain(`${file}: parts[1].parent: expected the id of another part, got "boss"`);
    const loop = diagramYaml.replace('text: Oversees the department. }', 'text: Oversees the department., parent: clerks }');
    expect(problems({ [LESSON]: lesson('::: diagram id="him" /\n'), [file]: loop })).toEqual(
      expect.arrayContaining([`${file}: parts: expected exactly one part without a parent (the root), got 0`, `${file}: parts[0].parent: expected a tree, got a loop through "manager"`])
    );
  });

  it('diagram: the groups layout needs a listed group for every part', () => {
    const yaml = `title: A record\nlayout: groups\ngroups:\n  - { id: who, label: Who }\nparts:\n  - { id: id, label: Identification, text: Name., group: who }\n  - { id: hp, label: H&P, text: History., group: why }\n`;
    expect(problems({ [LESSON]: lesson(`::: diagram id="record"\n${yaml}:::\n`) })).toContain(`${LESSON}: line 5 (diagram).parts[1].group: expected a group id (who), got "why"`);
  });

  it('diagram: no data at all, or data in both places', () => {
    expect(problems({ [LESSON]: lesson('::: diagram id="him" /\n') })).toContain(
      `${LESSON}: line 5 (diagram).id: expected YAML data in the body or a file diagrams/him.yaml in this module, got neither`
    );
    expect(problems({ [LESSON]: lesson(`::: diagram id="him"\n${diagramYaml}:::\n`), 'modules/01-the-job/diagrams/him.yaml': diagramYaml })).toContain(
      `${LESSON}: line 5 (diagram): expected the data either in the body or in modules/01-the-job/diagrams/him.yaml, got both`
    );
  });

  it('a data file no lesson places', () => {
    expect(problems({ 'modules/01-the-job/sorts/orphan.yaml': sortYaml })).toContain(
      'modules/01-the-job/sorts/orphan.yaml: (file): expected a lesson of this module to place it with ::: sort id="orphan" /, got none'
    );
  });

  it('sort: an item in an unknown group, a group with no items, a missing feedback', () => {
    const yaml = sortYaml.replace('group: registrar, feedback: "Annual follow-up {{src:bls-ooh-2019}}." }', 'group: coder }');
    const msgs = problems({ [LESSON]: lesson(`::: sort id="who"\n${yaml.replace('group: coder, feedback', 'group: biller, feedback')}:::\n`) });
    expect(msgs).toContain(`${LESSON}: line 5 (sort).items[1].feedback: expected why the item belongs in its group, in Markdown, got nothing`);
    const unknown = problems({ [LESSON]: lesson(`::: sort id="who"\n${sortYaml.replace('group: coder, feedback', 'group: biller, feedback')}:::\n`) });
    expect(unknown).toEqual(
      expect.arrayContaining([
        `${LESSON}: line 5 (sort).items[0].group: expected a group id (coder, registrar), got "biller"`,
        `${LESSON}: line 5 (sort).groups[0]: expected at least one item in group "coder"`
      ])
    );
  });

  it('sort: body YAML that does not parse', () => {
    expect(problems({ [LESSON]: lesson('::: sort id="who"\ntitle: [unclosed\n:::\n') })[0]).toMatch(/^modules\/01-the-job\/02-where.md: line 5 \(sort\): expected YAML data in the body \(/);
  });

  it('scenario: a dangling next, a loop, an unreachable step, a step without a best choice', () => {
    const file = 'modules/01-the-job/scenarios/desk.yaml';
    const place = { [LESSON]: lesson('::: scenario id="desk" /\n') };
    expect(problems({ ...place, [file]: scenarioYaml.replace('next: fix', 'next: later') })).toContain(
      `${file}: steps[0].choices[0].next: expected a step id (start, fix), got "later"`
    );
    const loop = scenarioYaml.replace('outcome: The form is void., why: Only the patient signs and dates. }', 'outcome: The form is void., why: Only the patient signs and dates., next: start }');
    expect(problems({ ...place, [file]: loop })).toContain(`${file}: steps[1].choices[1].next: expected every path to end, got a loop back to "start"`);
    expect(problems({ ...place, [file]: scenarioYaml.replace(', next: fix', '') })).toContain(`${file}: steps[1]: expected a step some choice leads to, got "fix" that no path reaches`);
    expect(problems({ ...place, [file]: scenarioYaml.replace('Send it back, rating: best', 'Send it back, rating: acceptable') })).toContain(
      `${file}: steps[1].choices: expected at least one choice rated best`
    );
  });

  it('scenario: a rating outside its vocabulary', () => {
    const file = 'modules/01-the-job/scenarios/desk.yaml';
    expect(problems({ [LESSON]: lesson('::: scenario id="desk" /\n'), [file]: scenarioYaml.replace('rating: poor, outcome: A breach.', 'rating: awful, outcome: A breach.') })).toContain(
      `${file}: steps[0].choices[1].rating: expected one of: best, acceptable, poor, got "awful"`
    );
  });
});
