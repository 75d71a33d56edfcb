/**
 * Issue 12 review, findings C1-C13: cheap checks that the corrected passages stay corrected.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const modules = resolve(import.meta.dirname, '../../modules');
const read = (file: string): string => readFileSync(join(modules, file), 'utf8');
const yaml = <T>(file: string): T => parse(read(file)) as T;

/** 1-based positions where two equally long codes differ. */
function differingPositions(a: string, b: string): number[] {
  expect(a.length).toBe(b.length);
  return [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i + 1]));
}

describe('issue 12 review C1: the RHIT path', () => {
  it('never offers a certificate, or calls the associate degree only the "usual" route, on the way to the RHIT exam', () => {
    const text = read('08-training-path/01-school-and-programmes.md');
    expect(text).not.toMatch(/usual route/i);
    const start = text.indexOf('::: process title="From high school to the RHIT exam"');
    expect(start).toBeGreaterThan(-1);
    const steps = text.slice(start, text.indexOf('\n:::', start));
    const train = steps.slice(steps.indexOf('3. Train'), steps.indexOf('\n4. '));
    expect(train).toMatch(/CAHIIM-accredited associate degree/);
    expect(train).toMatch(/certificate alone does not make you eligible/);
  });
});

describe('issue 12 review C2: the two joint-replacement codes', () => {
  it('differ in exactly the 4th and 6th characters, as the lesson and the explorer say', () => {
    const facts = yaml<{ id: string; value: string }[]>('facts/code-sets.yaml');
    const knee = facts.find((f) => f.id === 'pcs-0src0j9')?.value ?? '';
    const hip = facts.find((f) => f.id === 'pcs-0sr9019')?.value ?? '';
    expect(differingPositions(knee, hip)).toEqual([4, 6]);

    const lesson = read('03-coding-systems/03-icd-10-pcs.md');
    expect(lesson).not.toMatch(/one change of character/);
    expect(lesson).toMatch(/differ in the 4th character \(which joint\) and the 6th \(which\s+device\)/);

    const { codes } = yaml<{ codes: { id: string; parts: { label: string; meaningMd: string }[] }[] }>(
      '03-coding-systems/exercises/code-explorer.yaml'
    );
    const hipCode = codes.find((c) => c.id === '0sr9019');
    expect(hipCode).toBeDefined();
    for (const part of hipCode!.parts) expect(part.meaningMd).not.toMatch(/only this character differs/i);
    expect(hipCode!.parts.find((p) => p.label.startsWith('6'))?.meaningMd).toMatch(/knee code has J/);
  });
});

describe('issue 12 review C3: the CC-exclusion example', () => {
  it('no check, quiz item or lesson adds I50.23 beside an I50.9 principal diagnosis as a coding step', () => {
    for (const file of ['04-drgs-and-reimbursement/checks.yaml', '04-drgs-and-reimbursement/quiz.yaml']) {
      const text = read(file);
      expect(text, file).not.toMatch(/Adding I50\.23/);
    }
    const grouping = read('04-drgs-and-reimbursement/02-grouping-a-case.md');
    expect(grouping).not.toMatch(/Luis's case stays in DRG 293/);
    expect(grouping).toMatch(/`I50\.23` replaces `I50\.9`/);
    expect(read('04-drgs-and-reimbursement/04-documentation-and-accuracy.md')).toMatch(/`I50\.23` replaces\s+`I50\.9`/);
  });

  it('the grouper case that pairs I50.9 with I50.23 says a coder would not report both', () => {
    const { cases } = yaml<{ cases: { principal: string; secondary: string[]; why: string }[] }>(
      '04-drgs-and-reimbursement/exercises/drg-grouper.yaml'
    );
    const pair = cases.filter((c) => c.principal === 'I50.9' && c.secondary.includes('I50.23'));
    for (const c of pair) expect(c.why).toMatch(/would not report both/);
  });
});

interface QuizItem {
  id: string;
  type: string;
  prompt: string;
  case?: string;
  explanation?: string;
  options?: { id: string; text: string; correct?: boolean; feedback: string }[];
  pairs?: { prompt: string; target: string }[];
  accepted?: string[];
}
const quiz = (module: string): QuizItem[] => yaml<{ items: QuizItem[] }>(`${module}/quiz.yaml`).items;
const checks = (module: string): QuizItem[] => yaml<{ items: QuizItem[] }>(`${module}/checks.yaml`).items;
const item = (items: QuizItem[], id: string): QuizItem => {
  const found = items.find((i) => i.id === id);
  expect(found, id).toBeDefined();
  return found!;
};

describe('issue 12 review C4: the order of codes', () => {
  it('the adjustments item says only the order of the procedures does not matter, and the lesson teaches why', () => {
    const adjustments = item(quiz('04-drgs-and-reimbursement'), 'drg-q-adjustments');
    const texts = [adjustments.explanation ?? '', ...(adjustments.options ?? []).map((o) => o.feedback)];
    for (const text of texts) expect(text).not.toMatch(/order of (the )?codes/i);
    expect(adjustments.options?.find((o) => o.id === 'e')?.feedback).toMatch(/order of the diagnoses does matter/);
    expect(read('04-drgs-and-reimbursement/02-grouping-a-case.md')).toMatch(/highest-ranked; their listed order does not matter/);
  });
});

describe('issue 12 review C5: the severities the quiz asks about are taught', () => {
  /** The lesson's "Counts as | Secondary diagnoses" table, code -> severity. */
  function taughtSeverities(): Map<string, string> {
    const text = read('04-drgs-and-reimbursement/02-grouping-a-case.md');
    const rows = text.slice(text.indexOf('| Counts as | Secondary diagnoses |')).split('\n').slice(2);
    const taught = new Map<string, string>();
    for (const row of rows) {
      if (!row.startsWith('|')) break;
      const [, level = '', codes = ''] = row.split('|').map((c) => c.trim());
      const severity = { MCC: 'mcc', CC: 'cc', Neither: 'none' }[level];
      expect(severity, row).toBeDefined();
      for (const m of codes.matchAll(/`([A-Z][0-9][0-9A-Z.]*)`/g)) taught.set(m[1]!, severity!);
    }
    return taught;
  }

  it('the lesson table agrees with the grouper severity facts', () => {
    const facts = yaml<{ data?: { kind: string; code: string; severity: string } }[]>('facts/drg-grouping.yaml');
    const known = new Map(facts.flatMap((f) => (f.data?.kind === 'severity' ? [[f.data.code, f.data.severity] as const] : [])));
    const taught = taughtSeverities();
    expect(taught.size).toBeGreaterThanOrEqual(10);
    for (const [code, severity] of taught) expect(known.get(code), code).toBe(severity);
  });

  it('every code in drg-q-severity-mcc and drg-q-diabetes-dehydration has its severity in the lesson', () => {
    const taught = taughtSeverities();
    const items = quiz('04-drgs-and-reimbursement');
    for (const option of item(items, 'drg-q-severity-mcc').options ?? []) {
      const code = /`([^`]+)`/.exec(option.text)?.[1] ?? '';
      expect(taught.has(code), code).toBe(true);
      expect(taught.get(code) === 'mcc', code).toBe(Boolean(option.correct));
    }
    expect(taught.get('E86.0')).toBe('none');
    expect(item(items, 'drg-q-diabetes-dehydration').case).toMatch(/E86\.0/);
  });
});

describe('issue 12 review C6: FY labels in drg-q-payment-difference', () => {
  it('says which grouper checked the grouping and which year the weights are from', () => {
    const text = item(quiz('04-drgs-and-reimbursement'), 'drg-q-payment-difference').case ?? '';
    expect(text).toMatch(/grouper, FY2025 and FY2026 versions/);
    expect(text).toMatch(/FY2027 weights \(CMS Table 5\)/);
  });
});

describe('issue 12 review C7: the scenario and the quiz grade silence alike', () => {
  it('coding I50.9 alone, without asking, is a poor choice in the Rosa scenario', () => {
    const scenario = yaml<{ steps: { choices: { text: string; rating: string }[] }[] }>(
      '04-drgs-and-reimbursement/scenarios/rosa-query.yaml'
    );
    const silent = scenario.steps.flatMap((s) => s.choices).find((c) => /alone/.test(c.text));
    expect(silent?.rating).toBe('poor');
  });
});

describe('issue 12 review C8: no near-duplicates or cues across modules', () => {
  const retired = (module: string): string => read(`${module}/quiz.yaml`).split('\n')[0] ?? '';

  it('the query skill is asked once (code-q-fair-query); the DRG module asks what follows the answer', () => {
    const coding = quiz('03-coding-systems').map((i) => i.id);
    const drg = quiz('04-drgs-and-reimbursement').map((i) => i.id);
    expect(coding).toContain('code-q-fair-query');
    expect(coding).not.toContain('code-q-query-when');
    expect(drg).not.toContain('drg-q-query');
    expect(drg).toContain('drg-q-query-unable');
    expect(retired('03-coding-systems')).toMatch(/Retired ids.*code-q-query-when/);
    expect(retired('04-drgs-and-reimbursement')).toMatch(/Retired ids.*drg-q-query\b/);
  });

  it('the unsigned-report rule is asked once (job-q-unsigned-report)', () => {
    expect(quiz('01-the-job').map((i) => i.id)).toContain('job-q-unsigned-report');
    expect(quiz('02-the-health-record').map((i) => i.id)).not.toContain('rec-q-technician-signs');
    expect(retired('02-the-health-record')).toMatch(/Retired ids.*rec-q-technician-signs/);
  });

  it('no other privacy prompt, option or feedback names the act that priv-q-hitech asks for', () => {
    const items = quiz('05-privacy-and-release');
    expect(item(items, 'priv-q-hitech').accepted).toContain('HITECH');
    for (const i of items.filter((x) => x.id !== 'priv-q-hitech')) {
      const shown = [i.prompt, i.case ?? '', ...(i.options ?? []).flatMap((o) => [o.text, o.feedback]), ...(i.pairs ?? []).map((p) => p.prompt)];
      for (const text of shown) expect(text, i.id).not.toMatch(/HITECH/);
    }
  });
});

describe('issue 12 review C9: the privacy quiz does not copy the release-of-information desk', () => {
  const words = (text: string): string[] => text.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean);
  const runs = (text: string, n: number): Set<string> => {
    const w = words(text);
    return new Set(w.slice(0, Math.max(0, w.length - n + 1)).map((_, i) => w.slice(i, i + n).join(' ')));
  };

  it.each(['priv-q-minimum-claim', 'priv-q-family', 'priv-q-part2-employer', 'priv-q-psychotherapy-notes', 'priv-q-attorney-letter'])(
    '%s names other people and shares no run of 7 words with any desk request',
    (id) => {
      const desk = yaml<{ requests: { documents: { text: string }[] }[] }>('05-privacy-and-release/exercises/roi-decisions.yaml');
      const deskText = desk.requests.flatMap((r) => r.documents.map((d) => d.text)).join('\n');
      const names = new Set([...deskText.matchAll(/\b([A-Z][a-z]+) ([A-Z][a-z]+)\b/g)].map((m) => m[0]));
      const quizCase = item(quiz('05-privacy-and-release'), id).case ?? '';
      for (const name of names) expect(quizCase, name).not.toContain(name);
      const shared = [...runs(quizCase, 7)].filter((r) => runs(deskText, 7).has(r));
      expect(shared, id).toEqual([]);
    }
  );
});

describe('issue 12 review C10: registries keep identified data', () => {
  it('the HIPAA lesson no longer says registries often use de-identified data, and says why they keep identified data', () => {
    const text = read('05-privacy-and-release/01-confidentiality-and-hipaa.md');
    expect(text).not.toMatch(/registries often use/);
    expect(text).toMatch(/Registries are different[\s\S]{0,200}keep identified data/);
  });
});

describe('issue 12 review C11: chart questions are worded as data', () => {
  it('no pay prompt or feedback relies on where a bar is drawn, or shouts a word in capitals', () => {
    const items = [...quiz('09-pay-and-outlook'), ...checks('09-pay-and-outlook')];
    for (const i of items) {
      const raw = i as QuizItem & { feedbackTrue?: string; feedbackFalse?: string };
      const shown = [i.prompt, i.case ?? '', raw.feedbackTrue ?? '', raw.feedbackFalse ?? '', i.explanation ?? '', ...(i.options ?? []).flatMap((o) => [o.text, o.feedback])];
      for (const text of shown) {
        expect(text, i.id).not.toMatch(/reaches past|stops short|sits to the (right|left)|(above|below) the (dashed )?line/i);
        expect(text, i.id).not.toMatch(/\b(?!HIPAA\b|NCHS\b)[A-Z]{4,}\b/);
      }
    }
  });
});

describe('issue 12 review C12: one right answer for the miscoded-code item', () => {
  it('is a single-choice item with exactly one right option; the fill-in id is retired', () => {
    const items = quiz('06-registries-and-data');
    expect(items.map((i) => i.id)).not.toContain('reg-q-bad-code-effect');
    expect(read('06-registries-and-data/quiz.yaml').split('\n')[0]).toMatch(/Retired ids.*reg-q-bad-code-effect/);
    const miscoded = item(items, 'reg-q-miscoded-stay');
    expect(miscoded.type).toBe('single');
    expect((miscoded.options ?? []).filter((o) => o.correct)).toHaveLength(1);
  });
});

describe('issue 12 review C13: the paper-or-electronic matching item', () => {
  it('uses cases other than the sort, and none of them is a paper form (arguably "Paper record")', () => {
    const sort = yaml<{ items: { text: string }[] }>('02-the-health-record/sorts/paper-or-electronic.yaml');
    const matching = item(quiz('02-the-health-record'), 'rec-q-paper-electronic');
    const words = (t: string) => t.toLowerCase().replace(/[^a-z' ]+/g, ' ').split(/\s+/).filter(Boolean);
    const runs = (t: string) => {
      const w = words(t);
      return w.slice(0, Math.max(0, w.length - 3)).map((_, i) => w.slice(i, i + 4).join(' '));
    };
    const sortRuns = new Set(sort.items.flatMap((i) => runs(i.text)));
    for (const pair of matching.pairs ?? []) {
      expect(runs(pair.prompt).filter((r) => sortRuns.has(r)), pair.prompt).toEqual([]);
      expect(pair.prompt).not.toMatch(/consent|signed form|brought in/i);
    }
  });
});
