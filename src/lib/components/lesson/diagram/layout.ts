/**
 * Where every box and line of a `::: diagram` goes, for the width the diagram has on screen. No
 * DOM: text widths are estimated from character counts (a generous average for the course's
 * system font), so labels wrap inside their boxes without measuring. The diagram is laid out
 * again for every width, so at 320 px it is one column (groups) or an indented tree, never a
 * shrunken picture with unreadable text (WCAG 1.4.10 reflow).
 *
 *   groups  one column per group when there is room (at least GROUP_MIN_WIDTH each), the parts
 *           stacked inside their group; fewer columns, wrapping into rows, when there is not.
 *   tree    top-down (children side by side under their parent) when every leaf gets at least
 *           NODE_MIN_WIDTH; otherwise indented, one row per part, like a file tree.
 */
import type { DiagramData } from './schema';

export const FONT_SIZE = 15;
export const LINE_HEIGHT = 19;
/** Average glyph width of the system UI font at FONT_SIZE, rounded up so text never overflows. */
export const CHAR_WIDTH = 8.2;
/** The same for the bold group headings. */
export const BOLD_CHAR_WIDTH = 9;
const PAD_X = 10;
const PAD_Y = 8;
const GAP = 12;
const LEVEL_GAP = 28;
const INDENT = 24;
export const GROUP_MIN_WIDTH = 170;
export const NODE_MIN_WIDTH = 120;
const NODE_MAX_WIDTH = 220;

export interface Box {
  /** Part id, or the group id for a group's frame. */
  id: string;
  kind: 'group' | 'part';
  x: number;
  y: number;
  w: number;
  h: number;
  /** The label wrapped to fit (a group's frame holds its heading). */
  lines: string[];
}

export interface DiagramLayout {
  width: number;
  height: number;
  /** Group frames first (drawn underneath), then parts. */
  boxes: Box[];
  /** Connector paths (SVG `d`), tree layouts only. */
  links: string[];
  /** Part ids in reading order: the order arrow keys move through and the text lists them. */
  order: string[];
  /** Which arrangement was chosen for this width. */
  arrangement: 'columns' | 'rows' | 'top-down' | 'indented';
}

/** Greedy word wrap to at most `maxChars` per line; a longer word is broken. */
export function wrap(label: string, maxChars: number): string[] {
  const limit = Math.max(4, Math.floor(maxChars));
  const lines: string[] = [];
  let line = '';
  for (let word of label.split(/\s+/).filter(Boolean)) {
    while (word.length > limit) {
      if (line) lines.push(line);
      lines.push(word.slice(0, limit - 1) + '-');
      word = word.slice(limit - 1);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= limit) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const charsFor = (boxWidth: number, charWidth = CHAR_WIDTH) => (boxWidth - 2 * PAD_X) / charWidth;
const heightFor = (lines: number) => lines * LINE_HEIGHT + 2 * PAD_Y;

export function layoutDiagram(data: DiagramData, width: number): DiagramLayout {
  const w = Math.max(200, Math.floor(width));
  return data.layout === 'groups' ? layoutGroups(data, w) : layoutTree(data, w);
}

function layoutGroups(data: DiagramData, width: number): DiagramLayout {
  // As many columns as fit, balanced over the rows (4 groups in room for 3 make 2 rows of 2).
  const fit = Math.max(1, Math.min(data.groups.length, Math.floor((width + GAP) / (GROUP_MIN_WIDTH + GAP))));
  const columns = Math.ceil(data.groups.length / Math.ceil(data.groups.length / fit));
  const columnWidth = (width - (columns - 1) * GAP) / columns;
  const inset = 8;
  const frames: Box[] = [];
  const parts: Box[] = [];
  const order: string[] = [];
  let rowTop = 0;
  for (let start = 0; start < data.groups.length; start += columns) {
    const row = data.groups.slice(start, start + columns);
    let rowHeight = 0;
    const rowFrames = row.map((group, col) => {
      const x = col * (columnWidth + GAP);
      const heading = wrap(group.label, charsFor(columnWidth, BOLD_CHAR_WIDTH));
      let y = rowTop + heightFor(heading.length);
      for (const part of data.parts.filter((p) => p.group === group.id)) {
        const lines = wrap(part.label, charsFor(columnWidth - 2 * inset));
        parts.push({ id: part.id, kind: 'part', x: x + inset, y, w: columnWidth - 2 * inset, h: heightFor(lines.length), lines });
        order.push(part.id);
        y += heightFor(lines.length) + GAP / 2;
      }
      const frame: Box = { id: group.id, kind: 'group', x, y: rowTop, w: columnWidth, h: y - rowTop + inset - GAP / 2, lines: heading };
      rowHeight = Math.max(rowHeight, frame.h);
      return frame;
    });
    // Frames of one row share its height, so the row reads as a row.
    frames.push(...rowFrames.map((f) => ({ ...f, h: rowHeight })));
    rowTop += rowHeight + GAP;
  }
  return { width, height: Math.ceil(rowTop - GAP), boxes: [...frames, ...parts], links: [], order, arrangement: columns === data.groups.length ? 'columns' : 'rows' };
}

interface TreeNode {
  id: string;
  label: string;
  depth: number;
  children: TreeNode[];
}

function buildTree(data: DiagramData): TreeNode {
  const nodes = new Map(data.parts.map((p) => [p.id, { id: p.id, label: p.label, depth: 0, children: [] as TreeNode[] }]));
  let root: TreeNode | undefined;
  for (const p of data.parts) {
    const node = nodes.get(p.id)!;
    if (p.parent) nodes.get(p.parent)!.children.push(node);
    else root = node;
  }
  const setDepth = (n: TreeNode, d: number) => {
    n.depth = d;
    n.children.forEach((c) => setDepth(c, d + 1));
  };
  setDepth(root!, 0);
  return root!;
}

const preorder = (n: TreeNode): TreeNode[] => [n, ...n.children.flatMap(preorder)];
const leaves = (n: TreeNode): number => (n.children.length ? n.children.reduce((sum, c) => sum + leaves(c), 0) : 1);

function layoutTree(data: DiagramData, width: number): DiagramLayout {
  const root = buildTree(data);
  const all = preorder(root);
  const order = all.map((n) => n.id);
  const leafCount = leaves(root);
  const nodeWidth = Math.min(NODE_MAX_WIDTH, (width - (leafCount - 1) * GAP) / leafCount);

  if (nodeWidth >= NODE_MIN_WIDTH) {
    // Top-down: leaves side by side, each parent centred over its children, one band per depth.
    const lines = new Map(all.map((n) => [n.id, wrap(n.label, charsFor(nodeWidth))]));
    const depths = Math.max(...all.map((n) => n.depth)) + 1;
    const bandHeight = Array.from({ length: depths }, (_, d) => Math.max(...all.filter((n) => n.depth === d).map((n) => heightFor(lines.get(n.id)!.length))));
    const bandTop = bandHeight.map((_, d) => bandHeight.slice(0, d).reduce((a, h) => a + h + LEVEL_GAP, 0));
    const used = leafCount * nodeWidth + (leafCount - 1) * GAP;
    let nextLeaf = (width - used) / 2;
    const centre = new Map<string, number>();
    const place = (n: TreeNode): number => {
      let c: number;
      if (!n.children.length) {
        c = nextLeaf + nodeWidth / 2;
        nextLeaf += nodeWidth + GAP;
      } else {
        const cs = n.children.map(place);
        c = (cs[0]! + cs.at(-1)!) / 2;
      }
      centre.set(n.id, c);
      return c;
    };
    place(root);
    const boxes: Box[] = all.map((n) => {
      const l = lines.get(n.id)!;
      return { id: n.id, kind: 'part', x: centre.get(n.id)! - nodeWidth / 2, y: bandTop[n.depth]!, w: nodeWidth, h: heightFor(l.length), lines: l };
    });
    const byId = new Map(boxes.map((b) => [b.id, b]));
    const links = all.flatMap((n) =>
      n.children.map((c) => {
        const from = byId.get(n.id)!;
        const to = byId.get(c.id)!;
        const mid = bandTop[n.depth]! + bandHeight[n.depth]! + LEVEL_GAP / 2;
        return `M${r(from.x + from.w / 2)} ${r(from.y + from.h)}V${r(mid)}H${r(to.x + to.w / 2)}V${r(to.y)}`;
      })
    );
    const height = bandTop[depths - 1]! + bandHeight[depths - 1]!;
    return { width, height: Math.ceil(height), boxes, links, order, arrangement: 'top-down' };
  }

  // Indented: one row per part in reading order, children shifted right under their parent.
  const boxes: Box[] = [];
  let y = 0;
  for (const n of all) {
    const x = n.depth * INDENT;
    const l = wrap(n.label, charsFor(width - x));
    boxes.push({ id: n.id, kind: 'part', x, y, w: width - x, h: heightFor(l.length), lines: l });
    y += heightFor(l.length) + GAP / 2;
  }
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const links = all.flatMap((n) =>
    n.children.map((c) => {
      const from = byId.get(n.id)!;
      const to = byId.get(c.id)!;
      return `M${r(from.x + INDENT / 2)} ${r(from.y + from.h)}V${r(to.y + to.h / 2)}H${r(to.x)}`;
    })
  );
  return { width, height: Math.ceil(y - GAP / 2), boxes, links, order, arrangement: 'indented' };
}

const r = (n: number) => Math.round(n * 10) / 10;
