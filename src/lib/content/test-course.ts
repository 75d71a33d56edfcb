/**
 * A small valid course written to a temporary folder, for loader tests: each test changes one file
 * to break one rule (`course(changes)`), and `problems(changes)` lists the messages the build gives.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ContentErrors } from './errors';
import { loadCourse } from './loader';

export const base: Record<string, string> = {
  'modules/course.yaml': `title: Test course
description: A course for tests.
language: en-US
masteryScore: 80
completion: both
attemptsPerQuiz: 3
randomise: true
finalAssessmentItems: 5
modules: []
`,
  'modules/sources.yaml': `- id: bls-ooh-2019
  short: BLS OOH, 2019
  title: Occupational Outlook Handbook
  publisher: U.S. Bureau of Labor Statistics
  year: "2019"
`,
  'modules/facts/pay.yaml': `- id: median-2018
  value: "$40,350"
  statement: The median annual wage was $40,350 in May 2018.
  source: bls-ooh-2019
  where: Pay tab
  year: May 2018
  basis: primary
`,
  'modules/01-the-job/index.md': `---
title: The job
summary: What the job is.
minutes: 20
objectives:
  - id: job-1
    text: Describe the job.
---
Overview with a [[DRG]].
`,
  'modules/01-the-job/01-what-they-do.md': `---
title: What they do
minutes: 5
---
## Duties

Technicians earned $40,350 {{src:bls-ooh-2019}}. See [the next lesson](lesson:the-job/where).

::: callout kind="tip" title="Remember"
Codes decide **payment**.
:::

::: flipcards
- RHIT :: Registered Health Information Technician
- CTR :: Certified Tumor Registrar
:::
`,
  'modules/01-the-job/02-where.md': `---
title: Where they work
minutes: 5
---
Hospitals and [[clinics|clinic]]. Back to [the module](module:the-job) or the [glossary](glossary:drg).

| Setting | Share |
|---|---|
| Hospitals with a [[DRG]] | most {{src:bls-ooh-2019}} |
`,
  'modules/01-the-job/glossary.yaml': `- id: drg
  term: Diagnosis-related group (DRG)
  definition: A payment group.
- id: clinic
  term: Clinic
  definition: An outpatient setting.
`
};

export function course(changes: Record<string, string | null> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'hit-content-'));
  for (const [path, text] of Object.entries({ ...base, ...changes })) {
    if (text === null) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The messages loadCourse throws for a course with `changes`. */
export function problems(changes: Record<string, string | null>): string[] {
  try {
    loadCourse({ root: course(changes) });
  } catch (e) {
    if (e instanceof ContentErrors) return e.errors.map((x) => x.message);
    throw e;
  }
  return [];
}
