import type { BorderProps, PptxSlide, TableRow, TextProps } from './lib.js';
import type { Block } from '../model/deck.js';
import { POSITION_WORDS, positionOf, type Position } from '../visuals/matrix.js';
import { timelineGeometry } from '../visuals/timeline.js';
import { FRAME, inch, lineCount, pt } from './geometry.js';
import type { PptxStyle } from './style.js';
import { clean } from './text.js';

type Drawing = Extract<Block, { kind: 'drawing' }>;


/** Height of a drawing on the slide, in px, at text scale `z`. */
export function drawingHeight(block: Drawing, z: number): number {
  if (block.drawing.type === 'timeline') return Math.min(block.drawing.room * z, (FRAME.width * 480) / 1168);
  return matrixHeight(block.drawing.actors, z);
}

export function placeDrawing(slide: PptxSlide, block: Drawing, y: number, z: number, style: PptxStyle): void {
  if (block.drawing.type === 'timeline') drawTimeline(slide, block.drawing, y, drawingHeight(block, z), style);
  else drawMatrix(slide, block.drawing, y, z, style);
}

/**
 * The timeline as native shapes, where the deck's SVG puts them (src/visuals/timeline.ts): the
 * axis, a marker per event (filled past, hollow upcoming), the "as of" line, and each label a
 * text box a user can move.
 */
function drawTimeline(slide: PptxSlide, d: Extract<Drawing['drawing'], { type: 'timeline' }>, top: number, height: number, style: PptxStyle): void {
  const g = timelineGeometry(d.events, d.asOf);
  const k = Math.min(FRAME.width / g.width, height / g.height);
  const left = FRAME.x + (FRAME.width - g.width * k) / 2;
  const X = (x: number) => inch(left + x * k);
  const Y = (y: number) => inch(top + y * k);
  const L = (x: number) => inch(x * k);
  const c = style.colour;
  const line = (x1: number, y1: number, x2: number, y2: number, colour: string, width: number, dash?: 'dash') =>
    slide.addShape('line', {
      x: X(Math.min(x1, x2)),
      y: Y(Math.min(y1, y2)),
      w: L(Math.abs(x2 - x1)),
      h: L(Math.abs(y2 - y1)),
      // A line runs from the box's top left to its bottom right; flipped, bottom left to top right.
      flipV: (x2 - x1) * (y2 - y1) < 0,
      line: { color: colour, width: pt(width * k), ...(dash ? { dashType: dash } : {}) },
    });
  const label = (x: number, baseline: number, w: number, runs: TextProps[], lines: number, align: 'left' | 'center' = 'left', fill?: string) =>
    slide.addText(runs, {
      x: X(x),
      y: Y(baseline - g.size),
      w: L(w),
      h: L(g.line * lines + 6),
      margin: 0,
      valign: 'top',
      align,
      fit: 'shrink',
      lineSpacing: pt(g.line * k),
      ...(fill ? { fill: { color: fill } } : {}),
    });
  const size = pt(g.size * k);

  for (const s of g.segments) line(s.x0, g.axis, s.x1, g.axis, c.text, 2);
  for (const mid of g.breaks) for (const dx of [-5, 5]) line(mid + dx - 5, g.axis + 9, mid + dx + 5, g.axis - 9, c.text, 2);
  for (const s of g.segments) label(s.x0, g.height - 28, 160, [{ text: s.years, options: { fontSize: pt(14 * k), color: c.muted } }], 1);
  line(g.asOf.x, g.asOf.top, g.asOf.x, g.asOf.bottom, c.marking, 2, 'dash');
  label(g.asOf.x - 100, 16, 200, [{ text: g.asOf.label, options: { fontSize: size, bold: true, color: c.marking } }], 1, 'center');

  for (const e of g.events) {
    line(e.x, e.connector.y1, e.x, e.connector.y2, c.rule, 1.5);
    if (e.span) {
      slide.addShape('roundRect', {
        x: X(e.span.x0),
        y: Y(g.axis - 4),
        w: L(e.span.x1 - e.span.x0),
        h: L(8),
        rectRadius: 0.5,
        ...(e.upcoming ? { fill: { type: 'none' }, line: { color: c.accent, width: pt(1.5 * k), dashType: 'dash' } } : { fill: { color: c.accent, transparency: 65 }, line: { type: 'none' } }),
      });
    }
    marker(slide, X(e.x - 7), Y(g.axis - 7), L(14), e.upcoming, style, pt(2.5 * k));
  }
  for (const e of g.events) {
    const runs: TextProps[] = [
      { text: e.label.date, options: { fontSize: size, color: e.upcoming ? c.upcoming : c.accent, bold: !e.upcoming, italic: e.upcoming, breakLine: true } },
      { text: clean(e.label.lines.join(' ')), options: { fontSize: size, color: c.text } },
    ];
    label(e.label.x0 - 4, e.label.top, e.label.width + 8, runs, e.label.lines.length + 1, 'left', c.background);
  }

  // Legend: shape, not colour alone, tells past from upcoming.
  const ly = g.height - 8;
  marker(slide, X(2), Y(ly - 11), L(12), false, style, pt(2.5 * k));
  label(20, ly, 54, [{ text: 'past', options: { fontSize: pt(14 * k), color: c.muted } }], 1);
  marker(slide, X(72), Y(ly - 11), L(12), true, style, pt(2.5 * k));
  label(90, ly, 86, [{ text: 'upcoming', options: { fontSize: pt(14 * k), color: c.muted } }], 1);
  line(180, ly - 12, 180, ly + 2, c.marking, 2, 'dash');
  label(188, ly, 200, [{ text: 'as of this briefing', options: { fontSize: pt(14 * k), color: c.muted } }], 1);
}

function marker(slide: PptxSlide, x: number, y: number, d: number, hollow: boolean, style: PptxStyle, width: number) {
  slide.addShape('ellipse', { x, y, w: d, h: d, fill: { color: hollow ? style.colour.background : style.colour.accent }, line: { color: style.colour.accent, width } });
}

/** Each position's mark: a different shape for each, so it reads in greyscale print. */
const MARKS: Record<Position, string> = { backs: '●', opposes: '×', open: '○', unknown: '–' };

const MATRIX = { head: 64, name: 230, legend: 40 };

/** Each actor's row: roomy for a few actors, tighter for many, taller where a long name wraps. */
function matrixRows(actors: readonly { name: string }[], z: number): number[] {
  const least = Math.max(30, Math.min(34, Math.floor(340 / Math.max(1, actors.length))));
  return actors.map((a) => Math.max(least, lineCount(a.name, MATRIX.name - 12, 17) * 17 * 1.2 + 6) * z);
}

function matrixHeight(actors: readonly { name: string }[], z: number): number {
  return (MATRIX.head + MATRIX.legend) * z + matrixRows(actors, z).reduce((a, b) => a + b, 0);
}

/** The positions matrix as a native table, actors by options, with its symbols and a legend. */
function drawMatrix(slide: PptxSlide, d: Extract<Drawing['drawing'], { type: 'matrix' }>, top: number, z: number, style: PptxStyle): void {
  const c = style.colour;
  const nameWidth = MATRIX.name;
  const colWidth = (FRAME.width - nameWidth) / Math.max(1, d.options.length);
  const none = { type: 'none' as const };
  const rule = { type: 'solid' as const, pt: 1.5, color: c.accent };
  const size = pt(16 * z);
  const head: TableRow = [
    { text: '', options: { border: [none, none, rule, none] } },
    ...d.options.map((o, i) => ({
      text: [
        { text: `Option ${i + 1}`, options: { bold: true, color: c.accent, fontSize: size, breakLine: true } },
        { text: clean(o.title), options: { color: c.muted, fontSize: pt(14 * z) } },
      ],
      options: { align: 'center' as const, valign: 'bottom' as const, border: [none, none, rule, none] as [BorderProps, BorderProps, BorderProps, BorderProps] },
    })),
  ];
  const colour: Record<Position, string> = { backs: c.accent, opposes: c.marking, open: c.accent, unknown: c.muted };
  const rows: TableRow[] = d.actors.map((a, r) => [
    { text: clean(a.name), options: { bold: true, color: c.text, fontSize: pt(17 * z), ...(r % 2 === 0 ? { fill: { color: c.fill } } : {}) } },
    ...d.options.map((o) => {
      const p = positionOf(a.id, o);
      return { text: MARKS[p], options: { align: 'center' as const, color: colour[p], fontSize: pt(22 * z), bold: p === 'opposes', ...(r % 2 === 0 ? { fill: { color: c.fill } } : {}) } };
    }),
  ]);
  const rowH = matrixRows(d.actors, z);
  slide.addTable([head, ...rows], {
    x: inch(FRAME.x),
    y: inch(top),
    w: inch(FRAME.width),
    colW: [nameWidth, ...d.options.map(() => colWidth)].map(inch),
    rowH: [inch(MATRIX.head * z), ...rowH.map(inch)],
    margin: [0.02, 0.06, 0.02, 0.06],
    valign: 'middle',
    autoPage: false,
    border: [none, none, none, none],
  });
  const legend = (['backs', 'opposes', 'open', 'unknown'] as const).flatMap((p, i) => [
    { text: `${i > 0 ? '    ' : ''}${MARKS[p]} `, options: { color: colour[p], fontSize: size, bold: true } },
    { text: POSITION_WORDS[p], options: { color: c.text, fontSize: size } },
  ]);
  const y = top + matrixHeight(d.actors, z) - (MATRIX.legend - 10) * z;
  slide.addText(legend, { x: inch(FRAME.x), y: inch(y), w: inch(FRAME.width), h: inch(28 * z), margin: 0, valign: 'top', fit: 'shrink' });
}
