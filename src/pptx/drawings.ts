import type { BorderProps, PptxSlide, TableRow } from './lib.js';
import type { Block } from '../model/deck.js';
import { en } from '../labels/en.js';
import { POSITIONS, positionOf, positionWords, type Position } from '../visuals/matrix.js';
import { layoutTimeline, type TimelineLayout } from '../visuals/timeline.js';
import { FRAME, inch, lineCount, pt } from './geometry.js';
import type { PptxStyle } from './style.js';
import { clean } from './text.js';
import { drawTimelineShapes } from './timeline.js';

type Drawing = Extract<Block, { kind: 'drawing' }>;
type Timeline = Extract<Drawing['drawing'], { type: 'timeline' }>;

/** The timeline laid out as the HTML slide draws it: the same events, numbering, room and words. */
function timelineLayout(d: Timeline, style: PptxStyle): TimelineLayout {
  return layoutTimeline({ events: d.events, numbered: d.numbers !== undefined, numbers: d.numbers ?? d.events.map((_, i) => i + 1) }, d.asOf, d.room, style.labels ?? en);
}

/** Height of a drawing on the slide, in px, at text scale `z`. */
export function drawingHeight(block: Drawing, z: number, style: PptxStyle): number {
  if (block.drawing.type === 'timeline') {
    const layout = timelineLayout(block.drawing, style);
    return layout.height * z * (FRAME.width / layout.width);
  }
  return matrixHeight(block.drawing.actors, z);
}

export function placeDrawing(slide: PptxSlide, block: Drawing, y: number, z: number, style: PptxStyle): void {
  if (block.drawing.type === 'timeline') drawTimelineShapes(slide, block.drawing.events, timelineLayout(block.drawing, style), y, z, style);
  else drawMatrix(slide, block.drawing, y, z, style);
}

/** Each position's mark: a different shape for each, so it reads in greyscale print. */
const MARKS: Record<Position, string> = { backs: '●', conditional: '◐', opposes: '×', open: '○', unknown: '–' };

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
  const labels = style.labels ?? en;
  const words = positionWords(labels);
  const nameWidth = MATRIX.name;
  const colWidth = (FRAME.width - nameWidth) / Math.max(1, d.options.length);
  const none = { type: 'none' as const };
  const rule = { type: 'solid' as const, pt: 1.5, color: c.accent };
  const size = pt(16 * z);
  const head: TableRow = [
    { text: '', options: { border: [none, none, rule, none] } },
    ...d.options.map((o, i) => ({
      text: [
        { text: `${clean(labels.drawing.option)} ${d.firstOption + i}`, options: { bold: true, color: c.accent, fontSize: size, breakLine: true } },
        { text: clean(o.title), options: { color: c.muted, fontSize: pt(14 * z) } },
      ],
      options: { align: 'center' as const, valign: 'bottom' as const, border: [none, none, rule, none] as [BorderProps, BorderProps, BorderProps, BorderProps] },
    })),
  ];
  const colour: Record<Position, string> = { backs: c.accent, conditional: c.accent, opposes: c.marking, open: c.accent, unknown: c.muted };
  const rows: TableRow[] = d.actors.map((a, r) => [
    { text: clean(a.name), options: { bold: true, color: c.text, fontSize: pt(17 * z), ...(r % 2 === 0 ? { fill: { color: c.fill } } : {}) } },
    ...d.options.map((o) => {
      const p = positionOf(a.id, o);
      return { text: MARKS[p], options: { align: 'center' as const, color: colour[p], fontSize: pt(22 * z), bold: p === 'opposes', ...(r % 2 === 0 ? { fill: { color: c.fill } } : {}) } };
    }),
  ]);
  const rowH = matrixRows(d.actors, z);
  // Right to left, as on the slide: the actors on the right, the options numbered from the right.
  const sides = <T>(cells: T[]): T[] => (style.rtl ? [...cells].reverse() : cells);
  slide.addTable([head, ...rows].map(sides), {
    x: inch(FRAME.x),
    y: inch(top),
    w: inch(FRAME.width),
    colW: sides([nameWidth, ...d.options.map(() => colWidth)]).map(inch),
    rowH: [inch(MATRIX.head * z), ...rowH.map(inch)],
    margin: [0.02, 0.06, 0.02, 0.06],
    valign: 'middle',
    autoPage: false,
    border: [none, none, none, none],
  });
  const legend = POSITIONS.flatMap((p, i) => [
    { text: `${i > 0 ? '    ' : ''}${MARKS[p]} `, options: { color: colour[p], fontSize: size, bold: true } },
    { text: clean(words[p]), options: { color: c.text, fontSize: size } },
  ]);
  const y = top + matrixHeight(d.actors, z) - (MATRIX.legend - 10) * z;
  slide.addText(legend, { x: inch(FRAME.x), y: inch(y), w: inch(FRAME.width), h: inch(28 * z), margin: 0, valign: 'top', fit: 'shrink' });
}
