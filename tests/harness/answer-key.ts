/**
 * An answer key for browser tests: reads every graded item from modules/<NN-slug>/quiz.yaml and
 * answers the question on screen correctly through the quiz's own controls (radios, checkboxes,
 * selects, Move up buttons, text inputs), as a learner who knows the answers would.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Frame } from '@playwright/test';

interface RawItem {
  id: string;
  type: 'single' | 'multiple' | 'true-false' | 'matching' | 'ordering' | 'numeric' | 'fill-in';
  prompt: string;
  options?: { id: string; text: string; correct?: boolean }[];
  answer?: boolean | number;
  pairs?: { id: string; prompt: string; target: string }[];
  steps?: { id: string; text: string }[];
  accepted?: string[];
}

const modulesDir = resolve(import.meta.dirname, '../../modules');

/** Letters and digits only, lower case: survives Markdown, glossary links and citations. */
const normalise = (text: string) =>
  text
    .replace(/\[\[([^\]|]+)(\|[^\]]*)?\]\]/g, '$1')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The start of a prompt as it reads on screen (before any citation, which renders differently). */
const promptKey = (prompt: string) => normalise(prompt.split('{{')[0]!).slice(0, 60);

export function loadAnswerKey(): RawItem[] {
  const items: RawItem[] = [];
  for (const dir of readdirSync(modulesDir).filter((d) => /^\d{2}-/.test(d))) {
    const file = join(modulesDir, dir, 'quiz.yaml');
    if (existsSync(file)) items.push(...((parse(readFileSync(file, 'utf8')) as { items: RawItem[] }).items ?? []));
  }
  return items;
}

/** Answers the question now on screen (inside `main section`) correctly. */
export function answerCorrectly(frame: Frame, key: RawItem[]): Promise<string> {
  return answer(frame, key, true);
}

/** Answers the question now on screen wrongly, through the same controls (a learner who got it wrong). */
export function answerWrongly(frame: Frame, key: RawItem[]): Promise<string> {
  return answer(frame, key, false);
}

async function answer(frame: Frame, key: RawItem[], right: boolean): Promise<string> {
  const section = frame.locator('main section[data-item-id]').first();
  const id = await section.getAttribute('data-item-id');
  // The quiz marks the question with its item id; its prompt is the fallback.
  const screen = normalise((await section.textContent()) ?? '');
  const item =
    key.find((i) => i.id === id) ??
    key.filter((i) => screen.includes(promptKey(i.prompt))).sort((a, b) => promptKey(b.prompt).length - promptKey(a.prompt).length)[0];
  if (!item) throw new Error(`no item in modules/*/quiz.yaml matches the question on screen (${id}): ${screen.slice(0, 120)}`);

  switch (item.type) {
    case 'single':
    case 'multiple':
      // Wrong: one wrong option alone (a multiple-response item always has one).
      for (const option of right ? item.options!.filter((o) => o.correct) : item.options!.filter((o) => !o.correct).slice(0, 1)) {
        await section.locator(`input[value="${option.id}"]`).check();
      }
      break;
    case 'true-false':
      await section.getByRole('radio', { name: item.answer === right ? 'True' : 'False', exact: true }).check();
      break;
    case 'numeric':
      await section.locator('input[inputmode="decimal"]').fill(String(right ? item.answer : Number(item.answer) + 99999));
      break;
    case 'fill-in':
      await section.locator('input[type="text"], input:not([type])').first().fill(right ? item.accepted![0]! : 'not the answer');
      break;
    case 'matching':
      if (!right) {
        // Every prompt given the first prompt's target: the others are then wrong.
        for (const select of await section.locator('select').all()) await select.selectOption(item.pairs![0]!.target);
        break;
      }
      for (const select of await section.locator('select').all()) {
        // Each select's id ends with its pair's id (MatchingField: `${uid}-${pair.id}`); the label is the fallback.
        const id = (await select.getAttribute('id')) ?? '';
        const label = normalise((await section.locator(`label[for="${id}"]`).textContent()) ?? '');
        const pair = item.pairs!.find((p) => id.endsWith(`-${p.id}`)) ?? item.pairs!.find((p) => normalise(p.prompt) === label);
        if (!pair) throw new Error(`${item.id}: no pair labelled ${label}`);
        await select.selectOption(pair.target);
      }
      break;
    case 'ordering': {
      const steps = item.steps!.map((s) => normalise(s.text));
      const current = async () => (await section.locator('ol li .text').allTextContents()).map(normalise);
      let moved = false;
      for (let target = 0; target < steps.length; target++) {
        for (let at = (await current()).indexOf(steps[target]!); at > target; at--) {
          await section.locator('ol li').nth(at).locator('button[data-dir="-1"]').click();
          moved = true;
        }
      }
      if (!right) {
        // In order, then the first step moved down one: wrong, and answered.
        await section.locator('ol li').nth(0).locator('button[data-dir="1"]').click();
      } else if (!moved) {
        // Already in order as shown: move one step down and back so the order counts as answered.
        await section.locator('ol li').nth(0).locator('button[data-dir="1"]').click();
        await section.locator('ol li').nth(1).locator('button[data-dir="-1"]').click();
      }
      break;
    }
  }
  return item.id;
}
