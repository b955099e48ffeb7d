/** Small helpers for SVG drawn at build time. Every text passes through `text()`. */
import { ADVANCES } from './advances.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The same escaping as the rest of the page (markdown-it's), so text reads the same everywhere. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ENTITIES[c]!);
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? round(v) : v!)}"`)
    .join('');
}

/** Coordinates rounded to a tenth of a pixel: stable output, smaller files. */
export function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export function el(name: string, a: Attrs, children = ''): string {
  return children ? `<${name}${attrs(a)}>${children}</${name}>` : `<${name}${attrs(a)}/>`;
}

export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return el('text', { x, y, ...a }, escapeXml(content));
}

/** One line of a text block: its own position and, optionally, its own class. */
export interface Line {
  x: number;
  y: number;
  content: string;
  class?: string;
}

/**
 * Several lines as one <text> of <tspan>s: one label, one box (a line's box reaches past the
 * line pitch, so separate elements for the lines of one label would overlap each other).
 */
export function textBlock(lines: readonly Line[], a: Attrs = {}): string {
  const spans = lines.map((l) => el('tspan', { x: l.x, y: l.y, class: l.class }, escapeXml(l.content)));
  return el('text', a, spans.join(''));
}

/** Height of a slide's body below its heading, in slide pixels: what a drawing may use. */
export const DRAWING_ROOM = 530;

/** Every text in a drawing is set at this size or larger: readable from the back of a room. */
export const TEXT_SIZE = 20;
/** Line pitch for wrapped text at TEXT_SIZE. */
export const LINE_HEIGHT = 25;

export type Weight = 'regular' | 'bold';

/*
 * Advance widths of Source Sans 3 for U+0020…U+007E in thousandths of an em, as Chromium lays
 * them out, rounded up: "regular" is the wider of upright and italic 400, "bold" the wider of
 * 600 and 700. Measured with the @fontsource files the themes ship.
 */
// prettier-ignore
const ADVANCE: Record<Weight, readonly number[]> = {
  regular: [
    200, 290, 427, 498, 498, 825, 610, 250, 304, 304, 419, 498, 250, 312, 250, 350, 498, 498, 498, 498, 498,
    498, 498, 498, 498, 498, 250, 250, 498, 498, 498, 425, 848, 544, 589, 572, 615, 528, 495, 618, 653, 264,
    480, 580, 487, 728, 648, 665, 567, 665, 570, 535, 537, 645, 515, 787, 514, 477, 540, 304, 350, 304, 498,
    500, 543, 537, 554, 457, 555, 497, 293, 530, 545, 247, 248, 495, 255, 830, 548, 543, 555, 555, 348, 420,
    339, 545, 468, 720, 447, 468, 425, 304, 242, 304, 498,
  ],
  bold: [
    200, 340, 538, 529, 529, 858, 668, 300, 345, 345, 458, 529, 300, 333, 300, 345, 529, 529, 529, 529, 529,
    529, 529, 529, 529, 529, 300, 300, 529, 529, 529, 464, 903, 574, 605, 583, 635, 549, 525, 639, 675, 302,
    510, 615, 519, 763, 665, 685, 597, 685, 614, 557, 557, 665, 557, 814, 568, 525, 542, 345, 345, 345, 529,
    500, 555, 528, 574, 469, 574, 519, 342, 535, 572, 277, 279, 549, 287, 858, 573, 555, 574, 574, 399, 444,
    384, 569, 524, 777, 515, 522, 460, 345, 269, 345, 529,
  ],
};

/** Width of one character in ems: measured for ASCII and the scripts of the label sets, generous for the rest. */
function advance(ch: string, weight: Weight): number {
  const code = ch.codePointAt(0)!;
  if (code >= 0x20 && code < 0x7f) return ADVANCE[weight][code - 0x20]! / 1000;
  if ((code >= 0x300 && code < 0x370) || code === 0x200b || code === 0xad) return 0;
  for (const [from, to, widths] of ADVANCES[weight]) if (code >= from && code < to) return widths[code - from]! / 1000;
  // Accented Latin letters are as wide as their base letter (ẽ as e); the accent adds nothing.
  const base = ch.normalize('NFD').codePointAt(0)!;
  if (base >= 0x20 && base < 0x7f) return ADVANCE[weight][base - 0x20]! / 1000;
  // CJK and Hangul from a fallback font stay within an em; emoji a little wider. Any other
  // script gets more than the widest letter measured in any table (Cyrillic Щ, Arabic س are
  // wider than an em), so its text is never drawn wider than laid out.
  if (code > 0xffff) return 1.3;
  if ((code >= 0x1100 && code < 0x1200) || (code >= 0x2e80 && code < 0xa000) || (code >= 0xac00 && code < 0xd7b0) || (code >= 0xf900 && code < 0xfb00) || (code >= 0xff00 && code < 0xfff0)) return 1.05;
  return 2;
}

function ems(content: string, weight: Weight): number {
  let sum = 0;
  for (const ch of content) sum += advance(ch, weight);
  return sum;
}

/**
 * Width of a line of Source Sans 3 at `size` px, never narrower than Chromium draws it: the sum
 * of advances (kerning only narrows) with a small margin for rounding.
 */
export function textWidth(content: string, size: number, weight: Weight = 'bold'): number {
  return ems(content, weight) * size * 1.02 + 1;
}

/**
 * Greedy word wrap into lines no wider than `width` px. Nothing is cut: a word longer than a
 * whole line is broken between characters, and every line is returned, however many. Widths
 * are summed as it goes, so a text of any length wraps in one pass.
 */
export function wrap(content: string, width: number, size: number, weight: Weight = 'bold'): string[] {
  const fits = (e: number) => e * size * 1.02 + 1 <= width;
  const space = advance(' ', weight);
  const lines: string[] = [];
  let line = '';
  let lineEms = 0;
  for (const word of content.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean)) {
    const wordEms = ems(word, weight);
    if (line && fits(lineEms + space + wordEms)) {
      line = `${line} ${word}`;
      lineEms += space + wordEms;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    lineEms = 0;
    if (fits(wordEms)) {
      line = word;
      lineEms = wordEms;
      continue;
    }
    for (const ch of word) {
      const a = advance(ch, weight);
      if (line && !fits(lineEms + a)) {
        lines.push(line);
        line = '';
        lineEms = 0;
      }
      line += ch;
      lineEms += a;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The narrowest of `widths` (ascending) at which `content` wraps into at most `maxLines`. */
export function fitWrap(
  content: string,
  widths: readonly number[],
  maxLines: number,
  size: number,
  weight: Weight = 'bold',
): { width: number; lines: string[] } | undefined {
  const total = textWidth(content, size, weight);
  for (const width of widths) {
    if (total > width * maxLines) continue;
    const lines = wrap(content, width, size, weight);
    if (lines.length <= maxLines) return { width, lines };
  }
  return undefined;
}

/** The widest of several lines, as drawn. */
export function linesWidth(lines: readonly string[], size: number, weight: Weight = 'bold'): number {
  return Math.max(0, ...lines.map((l) => textWidth(l, size, weight)));
}

/** `items` in `k` consecutive runs of nearly equal length, longer runs first. */
export function split<T>(items: T[], k: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < k; i++) {
    const size = Math.floor(items.length / k) + (i < items.length % k ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out.filter((c) => c.length > 0);
}

export interface Visual {
  /** The SVG element, to be placed inline in the slide. */
  svg: string;
  /** The same information as text, one entry per line, for screen readers and the Markdown. */
  alt: string[];
  /** A one-sentence summary, the figure's accessible name. */
  label: string;
}
