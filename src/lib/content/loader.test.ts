import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from './loader';
import { base, course, problems } from './test-course';

const repo = resolve(import.meta.dirname, '../../..');

describe('loadCourse on a valid course', () => {
  const loaded = loadCourse({ root: course() });

  it('builds the tree in folder order with slugs stripped of numbers', () => {
    expect(loaded.tree.modules.map((m) => m.slug)).toEqual(['the-job']);
    expect(loaded.tree.modules[0]!.lessons.map((l) => l.slug)).toEqual(['what-they-do', 'where']);
    expect(loaded.tree.settings.masteryScore).toBe(80);
  });

  it('compiles Markdown to HTML with citations, glossary links and internal links as hash routes', () => {
    const html = loaded.modules['the-job']!.lessons[0]!.blocks.map((b) => ('html' in b ? b.html : '')).join('');
    expect(html).toContain('<h2>Duties</h2>');
    expect(html).toContain('<a class="cite" href="#/sources/bls-ooh-2019"');
    expect(html).toContain('(BLS OOH, 2019)</a>');
    expect(html).toContain('href="#/the-job/where"');
    const where = loaded.modules['the-job']!.lessons[1]!.blocks[0];
    expect(where).toMatchObject({ kind: 'html' });
    expect((where as { html: string }).html).toContain('<a class="term" href="#/glossary/clinic">clinics</a>');
  });

  it('wraps every table in a focusable scrolling region, so the page itself never scrolls sideways', () => {
    const html = (loaded.modules['the-job']!.lessons[1]!.blocks[0] as { html: string }).html;
    expect(html).toContain('<div class="table-scroll" role="region" aria-label="Table" tabindex="0"><table><thead><tr><th scope="col">Setting</th>');
    // Cells keep the course's inline syntax: glossary terms and citations.
    expect(html).toContain('<td>Hospitals with a <a class="term" href="#/glossary/drg">DRG</a></td>');
    expect(html).toContain('<a class="cite" href="#/sources/bls-ooh-2019"');
  });

  it('places components with their props and compiled bodies', () => {
    const blocks = loaded.modules['the-job']!.lessons[0]!.blocks;
    const callout = blocks.find((b) => b.kind === 'component' && b.name === 'callout');
    expect(callout).toMatchObject({ props: { kind: 'tip', title: 'Remember' }, html: '<p>Codes decide <strong>payment</strong>.</p>' });
    const cards = blocks.find((b) => b.kind === 'component' && b.name === 'flipcards');
    expect(cards).toMatchObject({ data: [{ frontHtml: 'RHIT', backHtml: 'Registered Health Information Technician' }, { frontHtml: 'CTR' }] });
  });

  it('applies teacher overrides over course.yaml', () => {
    const withPass = loadCourse({ root: course(), overrides: { masteryScore: 70 } });
    expect(withPass.tree.settings.masteryScore).toBe(70);
  });
});

describe('content errors name the file, the field and what was expected', () => {
  it('a lesson with no title', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\nminutes: 5\n---\nText.\n' })).toContain(
      'modules/01-the-job/02-where.md: frontmatter.title: expected a non-empty string, got nothing'
    );
  });

  it('a module with no title', () => {
    const index = base['modules/01-the-job/index.md']!.replace('title: The job\n', '');
    expect(problems({ 'modules/01-the-job/index.md': index })).toContain(
      'modules/01-the-job/index.md: frontmatter.title: expected a non-empty string, got nothing'
    );
  });

  it('a duplicate lesson slug', () => {
    expect(problems({ 'modules/01-the-job/03-where.md': '---\ntitle: Again\nminutes: 3\n---\nText.\n' })).toContain(
      'modules/01-the-job/03-where.md: (file name): expected a unique lesson slug, got "where" also used by modules/01-the-job/02-where.md'
    );
  });

  it('a duplicate module slug', () => {
    const msgs = problems({
      'modules/02-the-job/index.md': base['modules/01-the-job/index.md']!,
      'modules/02-the-job/01-a.md': '---\ntitle: A\nminutes: 1\n---\nA.\n'
    });
    expect(msgs).toContain('modules/02-the-job: (folder name): expected a unique module slug, got "the-job" also used by modules/01-the-job');
  });

  it('an unknown component', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\n\n::: carousel /\n' })).toContain(
      'modules/01-the-job/02-where.md: line 6 (carousel): expected a known component (callout, flipcards, check, chart, exercise, figure-table, process, timeline, diagram, sort, scenario), got "carousel"'
    );
  });

  it('an unknown component property', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\n::: callout kind="tip" colour="red"\nHi.\n:::\n' })).toContain(
      'modules/01-the-job/02-where.md: line 5 (callout).colour: unknown property "colour"'
    );
  });

  it('a component property with a value outside its vocabulary', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\n::: callout kind="shout"\nHi.\n:::\n' })).toContain(
      'modules/01-the-job/02-where.md: line 5 (callout).kind: expected one of: note, tip, warning, example, got "shout"'
    );
  });

  it('an unknown frontmatter property', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\nauthor: me\n---\nText.\n' })).toContain(
      'modules/01-the-job/02-where.md: frontmatter.author: unknown property "author"'
    );
  });

  it('a broken internal link', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\nSee [duties](lesson:the-job/duties).\n' })).toContain(
      'modules/01-the-job/02-where.md: body: expected a link to an existing lesson (e.g. lesson:module-slug/lesson-slug), got (lesson:the-job/duties)'
    );
  });

  it('a link by path, which would break inside an LMS', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\nSee [it](/the-job/where).\n' })).toContain(
      'modules/01-the-job/02-where.md: body: expected lesson:, module:, glossary:, sources: or an http(s) link (paths and #anchors break inside an LMS), got (/the-job/where)'
    );
  });

  it('a glossary term with no entry', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\nA [[master patient index]].\n' })).toContain(
      'modules/01-the-job/02-where.md: body: expected a glossary entry with id "master-patient-index" (add it to a glossary.yaml), got [[master patient index]]'
    );
  });

  it('a citation of an unknown source', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\nPaid $1 {{src:made-up}}.\n' })).toContain(
      'modules/01-the-job/02-where.md: body: expected a source id from modules/sources.yaml, got {{src:made-up}}'
    );
  });

  it('a lesson that writes its own h1', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\n# Where\n' })).toContain(
      'modules/01-the-job/02-where.md: body: expected a level-2 or deeper heading (## ...): the page supplies the h1 from the title, got # Where'
    );
  });

  it('a knowledge check that names no item', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\n::: check id="job-kc-x" /\n' })).toContain(
      'modules/01-the-job/02-where.md: line 5 (check).id: expected an item id in this module\'s checks.yaml, got "job-kc-x"'
    );
  });

  it('an unclosed component', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\n::: callout kind="tip"\nHi.\n' })).toContain(
      'modules/01-the-job/02-where.md: line 5 (callout): expected a closing ::: line, got the end of the file'
    );
  });

  it('a chart whose data names an unknown source', () => {
    const msgs = problems({
      'modules/01-the-job/charts/group-pay.yaml': readFileSync(join(repo, 'modules/09-pay-and-outlook/charts/group-pay.yaml'), 'utf8').replace(
        'source: bls-ooh-2019',
        'source: made-up-source'
      )
    });
    expect(msgs.some((m) => m.startsWith('modules/01-the-job/charts/group-pay.yaml:') && m.includes('made-up-source'))).toBe(true);
  });

  it('a data file for an unknown chart', () => {
    expect(problems({ 'modules/01-the-job/charts/pie-of-everything.yaml': 'title: x\n' })[0]).toMatch(
      /^modules\/01-the-job\/charts\/pie-of-everything.yaml: \(file name\): expected a known chart id \(/
    );
  });

  it('a bad course setting', () => {
    const yaml = base['modules/course.yaml']!.replace('completion: both', 'completion: sometimes');
    expect(problems({ 'modules/course.yaml': yaml })).toContain(
      'modules/course.yaml: completion: expected one of: lessons, assessment, both, got "sometimes"'
    );
  });

  it('a teacher option naming a module that does not exist', () => {
    expect(() => loadCourse({ root: course(), overrides: { modules: ['the-jobs'] } })).toThrow(
      'course settings: modules[0]: expected one of: the-job, got "the-jobs"'
    );
  });

  it('a module folder with no index.md', () => {
    expect(problems({ 'modules/01-the-job/index.md': null })).toContain(
      'modules/01-the-job/index.md: (file): expected a module index.md with title, summary, minutes and objectives'
    );
  });

  it('invalid YAML', () => {
    expect(problems({ 'modules/01-the-job/glossary.yaml': '- id: drg\n  term: [unclosed\n' })[0]).toMatch(
      /^modules\/01-the-job\/glossary.yaml: \(file\): expected valid YAML/
    );
  });

  it('a fact with a field missing, an unknown basis and an unknown source', () => {
    const msgs = problems({
      'modules/facts/pay.yaml': `- id: median-2018
  value: "$40,350"
  source: made-up
  where: Pay tab
  year: May 2018
  basis: guessed
`
    });
    expect(msgs).toContain("modules/facts/pay.yaml: 0.statement: expected the fact in the course's own words, got nothing");
    expect(msgs.some((m) => m.startsWith('modules/facts/pay.yaml: 0.basis: expected primary'))).toBe(true);
  });

  it('a fact citing a source that is not in sources.yaml, and a duplicate fact id', () => {
    const fact = (id: string, source: string) =>
      `- { id: ${id}, value: "1", statement: A fact., source: ${source}, where: p. 1, year: "2019", basis: primary }\n`;
    const msgs = problems({ 'modules/facts/pay.yaml': fact('a', 'bls-ooh-2019') + fact('a', 'made-up') });
    expect(msgs).toContain('modules/facts/pay.yaml: [1].id: expected a fact id unique in modules/facts/, got "a" also in modules/facts/pay.yaml');
    expect(msgs).toContain('modules/facts/pay.yaml: [1].source: expected a source id from modules/sources.yaml, got "made-up"');
  });

  it('a source the repo neither archives nor restates in facts', () => {
    expect(problems({ 'modules/facts/pay.yaml': null })).toContain(
      'modules/sources.yaml: [0]: expected an archived text (archive: sources/bls-ooh-2019.txt) or at least one fact citing "bls-ooh-2019" in modules/facts/, got neither'
    );
  });

  describe('an archived source text', () => {
    const sources = base['modules/sources.yaml']! + '  archive: sources/bls-ooh-2019.txt\n';
    const body = 'The median annual wage was $40,350 in May 2018.\n';
    const sha = createHash('sha256').update(body).digest('hex');
    const archive = (header: string, text = body) => ({
      'modules/sources.yaml': sources,
      'modules/facts/pay.yaml': null,
      'modules/sources/bls-ooh-2019.txt': `${header}Body-SHA256: ${sha}\n---\n${text}`
    });
    const header = 'Title: Occupational Outlook Handbook\nPublisher: U.S. Bureau of Labor Statistics\nURL: not known\nRead: 2026-12-02\n';

    it('is read, and backs its source', () => {
      expect(problems(archive(header))).toEqual([]);
    });

    it('whose text was edited after it was archived', () => {
      expect(problems(archive(header, body.replace('40,350', '41,350')))[0]).toMatch(
        /^modules\/sources\/bls-ooh-2019.txt: header.Body-SHA256: expected the SHA-256 of the archived text \(/
      );
    });

    it('whose header disagrees with sources.yaml or lacks the date it was read', () => {
      const msgs = problems(archive(header.replace('Title: Occupational', 'Title: The Occupational').replace('Read: 2026-12-02\n', '')));
      expect(msgs).toContain('modules/sources/bls-ooh-2019.txt: header.Read: expected a value (this field is required), got nothing');
      expect(problems(archive(header.replace('Title: Occupational', 'Title: The Occupational')))).toContain(
        'modules/sources/bls-ooh-2019.txt: header.Title: expected the title given in modules/sources.yaml [0] ("Occupational Outlook Handbook"), got "The Occupational Outlook Handbook"'
      );
    });

    it('that is missing', () => {
      expect(problems({ 'modules/sources.yaml': sources, 'modules/facts/pay.yaml': null })).toContain(
        'modules/sources.yaml: [0].archive: expected an archived text at modules/sources/bls-ooh-2019.txt, got no such file'
      );
    });
  });

  it('reports every problem at once, not only the first', () => {
    expect(problems({ 'modules/01-the-job/02-where.md': '---\ntitle: W\nminutes: 5\n---\nA [[nope]] and {{src:nope}}.\n' })).toHaveLength(2);
  });
});
