import { describe, expect, it } from 'vitest';
import { el, escapeXml, findAll, parseXml, serialize, textOf, XmlSyntaxError } from './xml';

describe('XML builder', () => {
  it('escapes text and attributes so a title with & < > " cannot break the manifest', () => {
    const xml = serialize(el('title', { note: 'a "b" & <c>' }, 'Coding & DRGs <intro>'));
    expect(xml).toContain('<title note="a &quot;b&quot; &amp; &lt;c&gt;">Coding &amp; DRGs &lt;intro&gt;</title>');
    const back = parseXml(xml);
    expect(back.attrs.note).toBe('a "b" & <c>');
    expect(textOf(back)).toBe('Coding & DRGs <intro>');
  });

  it('escapes apostrophes too', () => {
    expect(escapeXml("O'Brien")).toBe('O&apos;Brien');
  });
});

describe('XML parser', () => {
  it('reads nested elements, both quote styles, comments, CDATA and character references', () => {
    const root = parseXml(`<?xml version="1.0"?><!-- c --><a x='1'><b y="2"/><b>t&#233;&#x41;<![CDATA[<raw>]]></b></a>`);
    expect(root.attrs.x).toBe('1');
    const bs = findAll(root, 'b');
    expect(bs).toHaveLength(2);
    expect(bs[1]?.children.join('')).toBe('téA<raw>');
  });

  it.each([
    ['<a><b></a>', /does not match/],
    ['<a>', /never closed/],
    ['<a x="1" x="2"/>', /repeated/],
    ['<a/><b/>', /more than one root/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['', /no root/]
  ])('refuses %s', (source, message) => {
    expect(() => parseXml(source)).toThrow(XmlSyntaxError);
    expect(() => parseXml(source)).toThrow(message);
  });
});
