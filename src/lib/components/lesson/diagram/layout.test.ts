/**
 * Diagram layout at every width from a phone at 400% zoom (320 px, less the page's padding) to a
 * wide screen: nothing leaves the drawing, no two parts overlap, every label line fits its box,
 * parts sit inside their group, children under their parent, and the arrangement changes from
 * columns to one column (and from a top-down tree to an indented one) as the width shrinks.
 */
import { describe, expect, it } from 'vitest';
import { BOLD_CHAR_WIDTH, CHAR_WIDTH, layoutDiagram, wrap, type Box, type DiagramLayout } from './layout';
import type { DiagramData } from './schema';

const part = (id: string, label: string, extra: { group?: string; parent?: string } = {}) => ({ id, label, html: '', group: extra.group ?? null, parent: extra.parent ?? null });

const record: DiagramData = {
  title: 'A hospital record',
  summaryHtml: null,
  layout: 'groups',
  groups: [
    { id: 'who', label: 'Who the patient is and what they agreed to' },
    { id: 'why', label: 'Why the patient came' },
    { id: 'what', label: 'What was done' },
    { id: 'end', label: 'How it ended' }
  ],
  parts: [
    part('id', 'Identification and social data', { group: 'who' }),
    part('consent', 'Consents and authorizations', { group: 'who' }),
    part('hp', 'History and physical (H&P)', { group: 'why' }),
    part('orders', 'Orders, progress notes and nursing notes', { group: 'what' }),
    part('reports', 'Reports of procedures and tests', { group: 'what' }),
    part('dx', 'Final diagnosis', { group: 'end' }),
    part('summary', 'Discharge summary', { group: 'end' })
  ]
};

const orgChart: DiagramData = {
  title: 'HIM department',
  summaryHtml: null,
  layout: 'tree',
  groups: [],
  parts: [
    part('lead', 'Supervising health information technician'),
    part('clerks', 'Medical records clerks', { parent: 'lead' }),
    part('transcription', 'Transcriptionists', { parent: 'lead' }),
    part('coders', 'Coders', { parent: 'lead' }),
    part('senior', 'Senior coder', { parent: 'coders' })
  ]
};

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const widths = Array.from({ length: 51 }, (_, i) => 200 + i * 20);

function checkInvariants(data: DiagramData, l: DiagramLayout) {
  const parts = l.boxes.filter((b) => b.kind === 'part');
  expect(parts.map((b) => b.id).sort()).toEqual(data.parts.map((p) => p.id).sort());
  for (const b of l.boxes) {
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.w).toBeLessThanOrEqual(l.width + 0.01);
    expect(b.y + b.h).toBeLessThanOrEqual(l.height + 0.5);
    for (const line of b.lines) expect(line.length * (b.kind === 'group' ? BOLD_CHAR_WIDTH : CHAR_WIDTH), `"${line}" fits ${b.w}`).toBeLessThanOrEqual(b.w - 2 * 10 + 0.01);
  }
  for (const [i, a] of parts.entries()) for (const b of parts.slice(i + 1)) expect(overlaps(a, b), `${a.id} and ${b.id} overlap`).toBe(false);
}

describe('groups layout', () => {
  it.each(widths)('at %i px: everything fits and every part sits inside its group', (width) => {
    const l = layoutDiagram(record, width);
    checkInvariants(record, l);
    for (const p of record.parts) {
      const box = l.boxes.find((b) => b.kind === 'part' && b.id === p.id)!;
      const frame = l.boxes.find((b) => b.kind === 'group' && b.id === p.group)!;
      expect(box.x >= frame.x && box.x + box.w <= frame.x + frame.w && box.y >= frame.y && box.y + box.h <= frame.y + frame.h).toBe(true);
    }
  });

  it('is four columns on a wide screen and one column at 320 px, reading group by group', () => {
    expect(layoutDiagram(record, 760).arrangement).toBe('columns');
    const narrow = layoutDiagram(record, 288);
    expect(narrow.arrangement).toBe('rows');
    expect(new Set(narrow.boxes.filter((b) => b.kind === 'group').map((b) => b.x))).toEqual(new Set([0]));
    expect(narrow.order).toEqual(['id', 'consent', 'hp', 'orders', 'reports', 'dx', 'summary']);
  });
});

describe('tree layout', () => {
  it.each(widths)('at %i px: everything fits, and each child is below its parent', (width) => {
    const l = layoutDiagram(orgChart, width);
    checkInvariants(orgChart, l);
    const box = (id: string) => l.boxes.find((b) => b.id === id)!;
    for (const p of orgChart.parts.filter((x) => x.parent)) expect(box(p.id).y).toBeGreaterThan(box(p.parent!).y);
    expect(l.links).toHaveLength(orgChart.parts.length - 1);
  });

  it('is top-down with room for every leaf, indented at 320 px, in the same reading order', () => {
    const wide = layoutDiagram(orgChart, 760);
    expect(wide.arrangement).toBe('top-down');
    const lead = wide.boxes.find((b) => b.id === 'lead')!;
    const clerks = wide.boxes.find((b) => b.id === 'clerks')!;
    const coders = wide.boxes.find((b) => b.id === 'coders')!;
    // The parent is centred over its first and last child.
    expect(lead.x + lead.w / 2).toBeCloseTo((clerks.x + clerks.w / 2 + coders.x + coders.w / 2) / 2);
    const narrow = layoutDiagram(orgChart, 288);
    expect(narrow.arrangement).toBe('indented');
    expect(narrow.order).toEqual(wide.order);
    expect(narrow.order).toEqual(['lead', 'clerks', 'transcription', 'coders', 'senior']);
  });
});

describe('wrap', () => {
  it.each([
    ['Discharge summary', 20, ['Discharge summary']],
    ['Orders, progress notes and nursing notes', 16, ['Orders, progress', 'notes and', 'nursing notes']],
    ['Pneumonoultramicroscopic', 10, ['Pneumonou-', 'ltramicro-', 'scopic']]
  ])('%s at %i characters', (label, max, expected) => {
    expect(wrap(label, max)).toEqual(expected);
  });
});
