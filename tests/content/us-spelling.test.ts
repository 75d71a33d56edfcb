/**
 * The course is written for US colleges, so its text uses US spelling ("organization", "program",
 * "labeled"), as the US sources it cites do. This word list fails the build on the British forms
 * that crept in (issue 12's review found modules 6-8 switching to British spelling). It reads every
 * text file under modules/ except modules/sources/, which holds source documents exactly as read.
 * Ids and slugs (lesson: school-and-programmes, file names) are not text and are skipped: renaming a
 * lesson's slug would lose the saved place of learners already in it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const modules = join(root, 'modules');

/** British spelling and the US spelling to use instead. */
export const BRITISH_TO_US: [string, string][] = [
  ['organisation', 'organization'],
  ['organisations', 'organizations'],
  ['organise', 'organize'],
  ['organised', 'organized'],
  ['organising', 'organizing'],
  ['recognise', 'recognize'],
  ['recognised', 'recognized'],
  ['recognises', 'recognizes'],
  ['realise', 'realize'],
  ['realised', 'realized'],
  ['summarise', 'summarize'],
  ['summarised', 'summarized'],
  ['summarises', 'summarizes'],
  ['summarising', 'summarizing'],
  ['categorise', 'categorize'],
  ['categorised', 'categorized'],
  ['prioritise', 'prioritize'],
  ['authorise', 'authorize'],
  ['authorised', 'authorized'],
  ['authorisation', 'authorization'],
  ['authorisations', 'authorizations'],
  ['specialise', 'specialize'],
  ['specialised', 'specialized'],
  ['specialisation', 'specialization'],
  ['specialisations', 'specializations'],
  ['standardise', 'standardize'],
  ['standardised', 'standardized'],
  ['minimise', 'minimize'],
  ['utilise', 'utilize'],
  ['analyse', 'analyze'],
  ['analysed', 'analyzed'],
  ['analyses', 'analyzes'],
  ['analysing', 'analyzing'],
  ['programme', 'program'],
  ['programmes', 'programs'],
  ['colour', 'color'],
  ['colours', 'colors'],
  ['behaviour', 'behavior'],
  ['favour', 'favor'],
  ['favourite', 'favorite'],
  ['honour', 'honor'],
  ['labour', 'labor'],
  ['centre', 'center'],
  ['centres', 'centers'],
  ['licence', 'license'],
  ['practise', 'practice'],
  ['practised', 'practiced'],
  ['travelling', 'traveling'],
  ['travelled', 'traveled'],
  ['modelling', 'modeling'],
  ['labelled', 'labeled'],
  ['labelling', 'labeling'],
  ['cancelled', 'canceled'],
  ['enrolment', 'enrollment'],
  ['enrol', 'enroll'],
  ['enrols', 'enrolls'],
  ['ageing', 'aging'],
  ['paediatric', 'pediatric'],
  ['paediatrics', 'pediatrics'],
  ['haemorrhage', 'hemorrhage'],
  ['anaemia', 'anemia'],
  ['oestrogen', 'estrogen'],
  ['judgement', 'judgment'],
  ['defence', 'defense'],
  ['offence', 'offense'],
  ['catalogue', 'catalog'],
  ['whilst', 'while'],
  ['amongst', 'among'],
  ['learnt', 'learned'],
  ['grey', 'gray'],
  ['cheque', 'check'],
  ['tumour', 'tumor'],
  ['tumours', 'tumors'],
  ['orthopaedic', 'orthopedic'],
  ['foetus', 'fetus'],
  ['manoeuvre', 'maneuver'],
  ['diarrhoea', 'diarrhea'],
  ['oedema', 'edema'],
  ['gynaecology', 'gynecology'],
  ['leukaemia', 'leukemia'],
  ['apologise', 'apologize'],
  ['criticise', 'criticize'],
  ['emphasise', 'emphasize'],
  ['emphasised', 'emphasized'],
  ['finalise', 'finalize'],
  ['finalised', 'finalized'],
  ['memorise', 'memorize'],
  ['optimise', 'optimize'],
  ['characterise', 'characterize'],
  ['hospitalised', 'hospitalized'],
  ['hospitalisation', 'hospitalization'],
  ['immunisation', 'immunization'],
  ['immunisations', 'immunizations'],
  ['computerised', 'computerized'],
  ['digitised', 'digitized'],
  ['visualise', 'visualize'],
  ['fulfil', 'fulfill'],
  ['fulfilment', 'fulfillment'],
  ['instalment', 'installment'],
  ['skilful', 'skillful'],
  ['metre', 'meter'],
  ['litre', 'liter']
];
const lookup = new Map(BRITISH_TO_US.map(([gb, us]) => [gb, us]));

/** British words in `text` as "word (use us)"; slugs and ids (words joined by hyphens) are skipped. */
export function britishSpellings(text: string): string[] {
  const words = text.replace(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g, ' ').match(/[A-Za-z]+/g) ?? [];
  return words.filter((w) => lookup.has(w.toLowerCase())).map((w) => `${w} (use ${lookup.get(w.toLowerCase())})`);
}

function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === join(modules, 'sources') ? [] : textFiles(path);
    return /\.(md|ya?ml)$/.test(name) ? [path] : [];
  });
}

describe('US spelling in the course text', () => {
  it('the word list catches British forms and leaves slugs alone', () => {
    expect(britishSpellings('The Organisation labelled its programmes.')).toEqual([
      'Organisation (use organization)',
      'labelled (use labeled)',
      'programmes (use programs)'
    ]);
    expect(britishSpellings('lesson: school-and-programmes; an organization program')).toEqual([]);
  });

  it.each(textFiles(modules).map((f) => relative(root, f)))('%s uses US spelling', (file) => {
    const found = readFileSync(join(root, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => britishSpellings(line).map((w) => `line ${i + 1}: ${w}`));
    expect(found).toEqual([]);
  });
});
