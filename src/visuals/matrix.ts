import { en } from '../labels/en.js';
import type { Labels } from '../labels/index.js';
import { DRAWING_ROOM, el, escapeXml, LINE_HEIGHT, split, text, textBlock, TEXT_SIZE, textWidth, wrap, type Visual } from './svg.js';

export type Position = 'backs' | 'conditional' | 'opposes' | 'open' | 'unknown';
/** The positions in the legend's order. */
export const POSITIONS: readonly Position[] = ['backs', 'conditional', 'opposes', 'open', 'unknown'];

export interface MatrixOption {
  title: string;
  backers?: string[];
  opponents?: string[];
  undecided?: string[];
  /** Backing on a condition: its own mark, and the condition as a numbered note. */
  conditional?: { actor: string; condition: string }[];
}

export interface MatrixInput {
  actors: { id: string; name: string }[];
  options: MatrixOption[];
}

/** A part of the matrix for one slide: some actors × some options, numbered from `firstOption`. */
export interface MatrixPiece extends MatrixInput {
  firstOption: number;
}

/** The legend's word for each position, in the deck's language. */
export function positionWords(L: Labels): Record<Position, string> {
  const { backs, conditional, opposes, open, unknown } = L.drawing;
  return { backs, conditional, opposes, open, unknown };
}


export function positionOf(actor: string, option: MatrixOption): Position {
  if (option.backers?.includes(actor)) return 'backs';
  if (option.conditional?.some((c) => c.actor === actor)) return 'conditional';
  if (option.opponents?.includes(actor)) return 'opposes';
  if (option.undecided?.includes(actor)) return 'open';
  return 'unknown';
}

const WIDTH = 1168;
const SIZE = TEXT_SIZE;
const LINE = LINE_HEIGHT;
const MAX_LINES = 3;
const NAME_WIDTHS = [240, 280, 320, 360, 400];
const MIN_COLUMN = 110;
const MIN_ROW = 44;
/** Rows grow to use the slide's room, but never beyond this: a short grid is centred instead. */
const MAX_ROW = 76;
const R = 11;

/** The mark for a position: each a different shape, so it reads in greyscale print. */
function mark(position: Position, cx: number, cy: number, rtl = false): string {
  switch (position) {
    case 'backs':
      return el('circle', { class: 'm-backs', cx, cy, r: R });
    case 'conditional':
      // Half filled: between backing (filled) and undecided (open), in any print.
      return (
        el('circle', { class: 'm-open', cx, cy, r: R - 1 }) +
        // The half nearer the actor's name is filled: the left, or the right when mirrored.
        el('path', { class: 'm-backs', d: `M${cx} ${cy - R + 1}A${R - 1} ${R - 1} 0 0 ${rtl ? 1 : 0} ${cx} ${cy + R - 1}Z` })
      );
    case 'opposes':
      return el('path', { class: 'm-opposes', d: `M${cx - 9} ${cy - 9}L${cx + 9} ${cy + 9}M${cx + 9} ${cy - 9}L${cx - 9} ${cy + 9}` });
    case 'open':
      return el('circle', { class: 'm-open', cx, cy, r: R - 1 });
    case 'unknown':
      return el('line', { class: 'm-unknown', x1: cx - 8, y1: cy, x2: cx + 8, y2: cy });
  }
}

export interface ConditionNote {
  number: number;
  actor: string;
  /** Index of the option in the drawing. */
  option: number;
  text: string;
}

/** The conditions on this drawing, numbered in reading order: "EU backs option 2 with …". */
export function conditions({ actors, options }: MatrixInput, firstOption = 1, L: Labels = en): ConditionNote[] {
  const notes: ConditionNote[] = [];
  for (const a of actors) {
    options.forEach((o, i) => {
      const c = o.conditional?.find((x) => x.actor === a.id);
      if (c) notes.push({ number: notes.length + 1, actor: a.id, option: i, text: `${a.name} ${L.matrix.conditional(firstOption + i, c.condition)}` });
    });
  }
  return notes;
}

/** A block of wrapped text under the grid: a bold head ("Option 3", a note's number) and text. */
interface FootEntry {
  head: string;
  indent: number;
  lines: string[];
}

interface Layout {
  nameWidth: number;
  column: number;
  /** Titles under the column heads, or (when they do not fit there) in a key under the grid. */
  titled: boolean;
  heads: string[];
  titles: string[][];
  names: string[][];
  /** Natural row heights. */
  rows: number[];
  headHeight: number;
  legend: { position: Position; x: number; y: number }[];
  legendHeight: number;
  foot: FootEntry[];
  footHeight: number;
  height: number;
}

function legendOf(positions: Position[], L: Labels): { items: Layout['legend']; height: number } {
  const words = positionWords(L);
  const items: Layout['legend'] = [];
  let x = 0;
  let y = 0;
  for (const p of positions) {
    const w = 2 * R + 10 + textWidth(words[p], SIZE, 'regular');
    if (x > 0 && x + w > WIDTH) {
      x = 0;
      y += LINE + 6;
    }
    items.push({ position: p, x, y });
    x += w + 30;
  }
  return { items, height: y + LINE + 18 };
}

function footEntries(piece: MatrixPiece, titled: boolean, L: Labels): FootEntry[] {
  const entries: FootEntry[] = [];
  const notes = conditions(piece, piece.firstOption, L);
  if (notes.length) {
    const indent = textWidth(String(notes.length), SIZE, 'bold') + 14;
    for (const n of notes) entries.push({ head: String(n.number), indent, lines: wrap(n.text, WIDTH - indent, SIZE, 'regular') });
  }
  if (!titled) {
    const last = `${L.drawing.option} ${piece.firstOption + piece.options.length - 1}`;
    const indent = textWidth(last, SIZE, 'bold') + 14;
    piece.options.forEach((o, i) =>
      entries.push({ head: `${L.drawing.option} ${piece.firstOption + i}`, indent, lines: wrap(o.title, WIDTH - indent, SIZE, 'regular') }),
    );
  }
  return entries;
}

/** Every way of laying the piece out that shows all names and titles whole, shortest first. */
function layouts(piece: MatrixPiece, L: Labels, maxLines = MAX_LINES): Layout[] {
  const { actors, options, firstOption } = piece;
  const used = new Set(actors.flatMap((a) => options.map((o) => positionOf(a.id, o))));
  const legend = legendOf(POSITIONS.filter((p) => p !== 'conditional' || used.has(p)), L);
  const out: Layout[] = [];
  for (const nameWidth of NAME_WIDTHS) {
    const column = (WIDTH - nameWidth) / Math.max(1, options.length);
    if (column < MIN_COLUMN && options.length > 1) continue;
    const names = actors.map((a) => wrap(a.name, nameWidth - 16, SIZE, 'bold'));
    if (names.some((n) => n.length > maxLines)) continue;
    const rows = names.map((n) => Math.max(MIN_ROW, n.length * LINE + 14));
    const heads = options.map((_, i) => {
      const full = `${L.drawing.option} ${firstOption + i}`;
      return textWidth(full, SIZE, 'bold') <= column - 8 ? full : String(firstOption + i);
    });
    for (const titled of [true, false]) {
      const titles = titled ? options.map((o) => wrap(o.title, column - 16, SIZE, 'regular')) : options.map(() => []);
      if (titles.some((t) => t.length > maxLines)) continue;
      const headHeight = (1 + Math.max(0, ...titles.map((t) => t.length))) * LINE + 14;
      const foot = footEntries(piece, titled, L);
      const footHeight = foot.reduce((h, f) => h + f.lines.length * LINE + 6, 0);
      const height = headHeight + rows.reduce((a, b) => a + b, 0) + 12 + legend.height + footHeight;
      out.push({ nameWidth, column, titled, heads, titles, names, rows, headHeight, legend: legend.items, legendHeight: legend.height, foot, footHeight, height });
    }
  }
  return out.sort((a, b) => a.height - b.height || Number(b.titled) - Number(a.titled) || a.nameWidth - b.nameWidth);
}

/** The layout for the room: titles in the columns if that fits, else the shortest. */
function layoutFor(piece: MatrixPiece, room: number, L: Labels): Layout | undefined {
  const all = layouts(piece, L).filter((l) => l.height <= room);
  return all.find((l) => l.titled) ?? all[0];
}

/**
 * Splits the matrix into pieces that each fit a slide with `room` px of height, one slide per
 * piece: options in as few column groups as keep columns readable, each group's actors in as
 * few row pages as fit. Every actor × option cell is in exactly one piece.
 */
export function matrixChunks(input: MatrixInput, room = DRAWING_ROOM, labels: Labels = en): MatrixPiece[] {
  const { actors, options } = input;
  if (options.length === 0) return [];
  const pieceOf = (as: MatrixInput['actors'], group: MatrixOption[], firstOption: number): MatrixPiece => ({ actors: as, options: group, firstOption });
  const groupsOf = (g: number) => {
    let next = 1;
    return split(options, g).map((group) => {
      const firstOption = next;
      next += group.length;
      return { group, firstOption };
    });
  };
  const pagesOf = (group: MatrixOption[], firstOption: number) => {
    for (let p = 1; p <= Math.max(1, actors.length); p++) {
      const pages = split(actors, p).map((as) => pieceOf(as, group, firstOption));
      if (pages.length === 0) pages.push(pieceOf([], group, firstOption));
      if (pages.every((piece) => layoutFor(piece, room, labels))) return pages;
    }
    return undefined;
  };
  const widest = Math.floor((WIDTH - NAME_WIDTHS[0]!) / MIN_COLUMN);
  for (let g = Math.ceil(options.length / widest); g <= options.length; g++) {
    const pieces = groupsOf(g).map(({ group, firstOption }) => pagesOf(group, firstOption));
    if (pieces.every((p) => p !== undefined)) return pieces.flat() as MatrixPiece[];
  }
  // Nothing fits the room (a name or title longer than a slide can hold): one cell per piece,
  // drawn taller than the room, so the slide's overflow check names the field.
  return options.flatMap((o, i) => (actors.length ? actors : [undefined]).map((a) => pieceOf(a ? [a] : [], [o], i + 1)));
}

/**
 * Actors × options: who backs (outright or on a condition), opposes or has not decided on each
 * option, with a legend, drawn to use `room` px of height. Options are numbered as on their own
 * slides; their titles head the columns, or stand in a key under the grid when they do not fit.
 */
export function drawMatrix(input: MatrixInput, firstOption = 1, room = DRAWING_ROOM, labels: Labels = en): Visual {
  const { actors, options } = input;
  const piece: MatrixPiece = { actors, options, firstOption };
  // A name too long for three lines at any width still shows whole, on as many lines as it takes.
  const layout = layoutFor(piece, room, labels) ?? layouts(piece, labels)[0] ?? layouts(piece, labels, Infinity)[0]!;
  const { nameWidth, column } = layout;
  // Rows take the spare height, up to MAX_ROW each; what is left centres the drawing.
  const natural = layout.rows.reduce((a, b) => a + b, 0);
  const spare = Math.max(0, room - layout.height);
  const rows = layout.rows.map((h) => Math.max(h, Math.min(MAX_ROW, h + spare / Math.max(1, actors.length))));
  const grid = rows.reduce((a, b) => a + b, 0);
  const height = Math.max(room, layout.height);
  const top = Math.floor(Math.max(0, room - (layout.height + grid - natural)) / 2);
  const parts: string[] = [];
  // Right to left: the actors' column on the right, options numbered from right to left, text
  // anchored at its right end ("start" in a right-to-left SVG).
  const rtl = labels.dir === 'rtl';
  const X = (x: number) => (rtl ? WIDTH - x : x);

  const headY = top + 22;
  options.forEach((_, i) => {
    const x = X(nameWidth + column * (i + 0.5));
    const lines = [
      { x, y: headY, content: layout.heads[i]!, class: 'm-head' },
      ...layout.titles[i]!.map((content, l) => ({ x, y: headY + LINE * (l + 1), content, class: 'm-title' })),
    ];
    parts.push(textBlock(lines, { 'text-anchor': 'middle' }));
  });
  const notes = conditions(piece, firstOption, labels);
  let y = top + layout.headHeight;
  parts.push(el('line', { class: 'm-rule', x1: 0, y1: y - 6, x2: WIDTH, y2: y - 6 }));
  actors.forEach((a, r) => {
    const h = rows[r]!;
    if (r % 2 === 0) parts.push(el('rect', { class: 'm-stripe', x: 0, y, width: WIDTH, height: h }));
    const names = layout.names[r]!;
    const first = y + h / 2 - ((names.length - 1) * LINE) / 2 + 7;
    parts.push(textBlock(names.map((content, l) => ({ x: X(8), y: first + l * LINE, content })), { class: 'm-name' }));
    options.forEach((o, i) => {
      const cx = nameWidth + column * (i + 0.5);
      parts.push(mark(positionOf(a.id, o), X(cx), y + h / 2, rtl));
      const note = notes.find((n) => n.actor === a.id && n.option === i);
      if (note) parts.push(text(X(cx + R + 5), y + h / 2 + 7, String(note.number), { class: 'm-note' }));
    });
    y += h;
  });
  y += 12;
  for (const item of layout.legend) {
    const ly = y + item.y + LINE - 4;
    parts.push(mark(item.position, X(item.x + R + 1), ly - 7, rtl), text(X(item.x + 2 * R + 10), ly, positionWords(labels)[item.position], { class: 'm-legend' }));
  }
  y += layout.legendHeight;
  for (const f of layout.foot) {
    const lines = [
      { x: X(0), y: y + 20, content: f.head, class: 'm-key-head' },
      ...f.lines.map((content, l) => ({ x: X(f.indent), y: y + 20 + l * LINE, content, class: 'm-legend' })),
    ];
    parts.push(textBlock(lines));
    y += f.lines.length * LINE + 6;
  }

  // In words, option by option: every cell, the unknown ones included.
  const alt = actors.map((a) => {
    const said = options.map((o, i) => {
      const n = firstOption + i;
      const position = positionOf(a.id, o);
      if (position === 'backs') return labels.matrix.backs(n);
      if (position === 'conditional') return labels.matrix.conditional(n, o.conditional!.find((c) => c.actor === a.id)!.condition);
      if (position === 'opposes') return labels.matrix.opposes(n);
      if (position === 'open') return labels.matrix.undecided(n);
      return labels.matrix.unknown(n);
    });
    const known = options.some((o) => positionOf(a.id, o) !== 'unknown');
    return `${a.name}: ${known ? said.join('; ') : labels.matrix.noPosition}`;
  });
  const range = firstOption > 1 ? ([firstOption, firstOption + options.length - 1] as const) : undefined;
  const label = labels.drawing.matrix(actors.length, options.length, range, notes.length > 0);
  const svg = el(
    'svg',
    { class: 'v-matrix', direction: rtl ? 'rtl' : undefined, viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img', 'aria-label': label },
    el('title', {}, escapeXml(label)) + parts.join(''),
  );
  return { svg, alt, label };
}
