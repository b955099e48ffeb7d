import type { PptxSlide, ShapeProps, TextPropsOptions } from './lib.js';
import { LINE_HEIGHT, TEXT_SIZE, textWidth } from '../visuals/svg.js';
import type { TimelineEvent, TimelineLayout, TimelineSegment, TimelineText } from '../visuals/timeline.js';
import { FRAME, inch, pt, SLIDE } from './geometry.js';
import type { PptxStyle } from './style.js';
import { clean } from './text.js';

/** Drawings are set in Source Sans 3 whatever the deck's font, as on the HTML slide: their layout is measured in it. */
const FONT = 'Source Sans 3';
/** Arial, the face a viewer without Source Sans 3 falls back to, sets text this much wider. */
const FALLBACK_WIDER = 1.15;

/**
 * A name for PowerPoint's selection pane. pptxgenjs writes names into an attribute unescaped,
 * so only letters, digits, spaces and plain punctuation are kept (a legend word may be a label
 * the deck's wording overrides).
 */
const objectName = (name: string) => name.replace(/[^\p{L}\p{N} .,:·()-]/gu, '').slice(0, 80);

const ALIGN = { left: 'left', middle: 'center', right: 'right' } as const;

/** Where the drawing goes on the slide: its top left corner and its scale, slide px per drawing px. */
interface Frame {
  x: number;
  y: number;
  k: number;
  /** A drawing laid out right to left: its texts are right-to-left paragraphs. */
  rtl: boolean;
}

/**
 * The timeline drawing as native PowerPoint shapes, from its layout (never from its SVG): the
 * axis and break marks as lines, each event's marker, span bar and leader as shapes, its date
 * and label as one text box on a patch of background, and the "as of" line, the legend and the
 * years. Every object is named after what it shows (PowerPoint's selection pane), so a user can
 * find an event's label and move it; pptxgenjs cannot group shapes, so they stay apart.
 */
export function drawTimelineShapes(slide: PptxSlide, events: readonly TimelineEvent[], layout: TimelineLayout, top: number, z: number, style: PptxStyle): void {
  const c = style.colour;
  const f: Frame = { x: FRAME.x, y: top, k: (z * FRAME.width) / layout.width, rtl: layout.dir === 'rtl' };
  const line = (s: TimelineSegment, name: string, colour: string, width: number, dashed = false) => drawLine(slide, f, s, name, colour, width, dashed);

  layout.axis.forEach((s, i) => line(s, `Timeline axis ${i + 1}`, c.text, 2));
  layout.breaks.forEach((s, i) => line(s, `Timeline break ${Math.floor(i / 2) + 1}`, c.text, 2));
  layout.scale.forEach((t) => freeText(slide, f, t, `Year ${t.text}`, c.muted, style));
  line(layout.asOf.line, 'As-of line', c.marking, 2, true);
  freeText(slide, f, layout.asOf.label, 'As-of date', c.marking, style);
  for (const { marker, text } of layout.legend) {
    if (marker) dot(slide, f, marker, `Legend: ${text.text}`, c.accent, c.background);
    freeText(slide, f, text, `Legend: ${text.text}`, c.muted, style);
  }

  // Leaders and spans under the markers, labels last, as in the SVG: no line runs through a label.
  const name = (m: TimelineLayout['marks'][number]) => `Event ${layout.numbers[events.indexOf(m.event)] ?? events.indexOf(m.event) + 1}`;
  for (const m of layout.marks) {
    line(m.leader, `${name(m)} leader`, c.muted, 1.5);
    if (m.span) {
      const s = m.span;
      const props: ShapeProps = {
        ...at(f, s.x, s.y, s.width, s.height),
        objectName: objectName(`${name(m)} span`),
        rectRadius: 0.5,
        ...(s.upcoming
          ? { fill: { type: 'none' }, line: { color: c.accent, width: pt(1.5 * f.k), dashType: 'dash' } }
          : { fill: { color: c.accent, transparency: 65 }, line: { type: 'none' } }),
      };
      slide.addShape('roundRect', props);
    }
  }
  for (const m of layout.marks) dot(slide, f, m.marker, `${name(m)} marker`, c.accent, c.background);
  for (const m of layout.marks) {
    const b = m.box;
    // The lines' anchor: left-aligned labels, centred numbers (right-aligned for a drawing laid out right to left).
    const anchor = b.lines[0]?.anchor ?? 'left';
    const size = TEXT_SIZE * f.k;
    const runs = b.lines.map((l, i) => ({
      text: clean(l.text),
      options: {
        ...textStyle(l, c, style, f),
        fontSize: pt(size),
        breakLine: i < b.lines.length - 1,
      },
    }));
    const options: TextPropsOptions = {
      ...at(f, b.x, b.y, b.width, b.height),
      objectName: objectName(`${name(m)} label`),
      fontFace: FONT,
      align: ALIGN[anchor],
      valign: 'top',
      margin: [pt(4 * f.k), pt(4 * f.k), 0, 0], // left, right, bottom, top
      // The layout's own line pitch, and the first baseline where the SVG puts it.
      lineSpacing: pt(LINE_HEIGHT * f.k),
      paraSpaceBefore: pt(Math.max(0, (b.lines[0] ? b.lines[0].y - b.y : 22) - LINE_HEIGHT) * f.k),
      fill: { color: c.background },
      ...(layout.numbered ? { line: { color: c.accent, width: pt(1.5 * f.k) } } : {}),
      fit: 'shrink',
    };
    slide.addText(runs, options);
  }
}

/** px of the drawing → inches on the slide, for a box. */
function at(f: Frame, x: number, y: number, w: number, h: number) {
  return { x: inch(f.x + x * f.k), y: inch(f.y + y * f.k), w: inch(w * f.k), h: inch(h * f.k) };
}

function drawLine(slide: PptxSlide, f: Frame, s: TimelineSegment, name: string, colour: string, width: number, dashed: boolean): void {
  // A line is a box from its top left corner, flipped when it runs up from left to right.
  const x = Math.min(s.x1, s.x2);
  const y = Math.min(s.y1, s.y2);
  const flipV = (s.x2 - s.x1) * (s.y2 - s.y1) < 0;
  slide.addShape('line', {
    ...at(f, x, y, Math.abs(s.x2 - s.x1), Math.abs(s.y2 - s.y1)),
    objectName: objectName(name),
    line: { color: colour, width: pt(width * f.k), ...(dashed ? { dashType: 'dash' as const } : {}) },
    ...(flipV ? { flipV: true } : {}),
  });
}

/** A marker: filled when past, hollow (the background inside) when upcoming. */
function dot(slide: PptxSlide, f: Frame, m: { cx: number; cy: number; r: number; upcoming: boolean }, name: string, accent: string, background: string): void {
  slide.addShape('ellipse', {
    ...at(f, m.cx - m.r, m.cy - m.r, 2 * m.r, 2 * m.r),
    objectName: objectName(name),
    fill: { color: m.upcoming ? background : accent },
    line: { color: accent, width: pt(2.5 * f.k) },
  });
}

/**
 * A text's look, as the drawing's stylesheet sets it, in the deck's language; right to left when
 * the drawing is. Its alignment is its anchor's, as the layout places it.
 */
function textStyle(t: TimelineText, c: PptxStyle['colour'], style: PptxStyle, f: Frame) {
  const italic = t.upcoming && (t.role === 'date' || t.role === 'number');
  const colour = t.role === 'label' ? c.text : t.role === 'date' || t.role === 'number' ? c.accent : undefined;
  return {
    ...(style.lang ? { lang: style.lang } : {}),
    ...(f.rtl ? { rtlMode: true } : {}),
    bold: t.weight === 'bold' && !italic,
    italic: italic === true,
    ...(colour ? { color: colour } : {}),
  };
}

/**
 * A text at an anchor point (a year, the "as of" date, a legend word): a box as wide as the
 * text would be in the fallback face, placed so that its start, middle or end is the anchor.
 */
function freeText(slide: PptxSlide, f: Frame, t: TimelineText, name: string, colour: string, style: PptxStyle): void {
  const wide = textWidth(t.text, TEXT_SIZE, t.weight) * FALLBACK_WIDER + 8;
  const want = t.anchor === 'left' ? t.x - 4 : t.anchor === 'right' ? t.x - wide + 4 : t.x - wide / 2;
  // Kept on the slide: the room a wider face takes is given up at the slide's edges.
  const [min, max] = [(8 - f.x) / f.k, (SLIDE.width - 8 - f.x) / f.k];
  const x = Math.max(min, want);
  const w = Math.min(wide - (x - want), max - x);
  // The anchor is the baseline: the box starts a line's ascent above it.
  const y = t.y - TEXT_SIZE * 0.95;
  slide.addText(clean(t.text), {
    ...at(f, x, y, w, LINE_HEIGHT),
    objectName: objectName(name),
    fontFace: FONT,
    fontSize: pt(TEXT_SIZE * f.k),
    color: colour,
    ...textStyle(t, style.colour, style, f),
    align: ALIGN[t.anchor],
    valign: 'top',
    margin: [pt(4 * f.k), pt(4 * f.k), 0, 0],
    wrap: false,
  });
}
