import type { PptxSlide, TableRow, TextPropsOptions } from './lib.js';
import { plainText, type Block, type Slide } from '../model/deck.js';
import { drawingHeight, placeDrawing } from './drawings.js';
import { BODY, FRAME, inch, LEADING, lineCount, pt, SPACING } from './geometry.js';
import type { PptxStyle } from './style.js';
import { clean, direction, paragraphs, runsLength, textRuns, type RunOptions, type TextRun } from './text.js';

/** Type sizes in px at full size, as themes/base.css sets them. */
const SIZE = { h1: 56, h2: 40, h3: 24, body: 26, bottomLine: 29, sources: 20, table: 23, quote: 25, attribution: 20, subtitle: 30, marking: 20 };
const CELL = { x: 12, top: 8, bottom: 7 };

/** A block placed on a slide: how tall it is at text scale `z`, and how to draw it at `y`. */
interface Placed {
  height: (z: number) => number;
  /** Space above it when something stands before it. */
  gap: number;
  draw: (slide: PptxSlide, y: number, z: number) => void;
}


/** A text box: no insets, top-aligned, shrinking its text should a viewer's font run wider. */
function textBox(slide: PptxSlide, runs: TextRun[], x: number, y: number, w: number, h: number, extra: TextPropsOptions = {}) {
  slide.addText(runs, { x: inch(x), y: inch(y), w: inch(w), h: inch(h), margin: 0, valign: 'top', fit: 'shrink', lineSpacingMultiple: SPACING, ...extra });
}

function heading(block: Extract<Block, { kind: 'heading' }>, style: PptxStyle): Placed {
  const size = SIZE.h3;
  const text = runsLength(block.runs);
  return {
    gap: 22,
    height: (z) => lineCount(text, FRAME.width, size * z) * size * z * 1.2 + 8,
    draw: (slide, y, z) => {
      // As typed, not upper-cased: the slide's stylesheet sets it in capitals, an editor keeps the words.
      const runs = textRuns(block.runs, style, { fontSize: pt(size * z), bold: true, color: style.colour.muted, charSpacing: 1 });
      textBox(slide, runs, FRAME.x, y, FRAME.width, lineCount(text, FRAME.width, size * z) * size * z * 1.2, { lineSpacingMultiple: 1 });
    },
  };
}

function paragraph(block: Extract<Block, { kind: 'paragraph' }>, style: PptxStyle): Placed {
  const size = block.role === 'subtitle' ? SIZE.subtitle : block.role === 'marking' ? SIZE.marking : SIZE.body;
  const colour = block.role === 'marking' ? style.colour.marking : block.role ? style.colour.muted : style.colour.text;
  const text = runsLength(block.runs);
  if (block.role === 'marking') {
    // The handling marking on the title slide: framed, in its own colour.
    const width = Math.min(FRAME.width, text.length * size * 0.62 + 28 + 8);
    return {
      gap: 28,
      height: (z) => size * z * 1.3 + 12,
      draw: (slide, y, z) =>
        textBox(slide, textRuns(block.runs, style, { fontSize: pt(size * z), color: colour, bold: true, charSpacing: 1 }), FRAME.x, y, width, size * z * 1.3 + 12, {
          // Insets in points: left, right, bottom, top.
          margin: [pt(14), pt(14), pt(6), pt(6)],
          valign: 'middle',
          line: { color: style.colour.marking, width: 1.5 },
          lineSpacingMultiple: 1,
        }),
    };
  }
  const height = (z: number) => lineCount(text, FRAME.width, size * z) * size * z * LEADING;
  return {
    gap: 14,
    height,
    draw: (slide, y, z) => textBox(slide, textRuns(block.runs, style, { fontSize: pt(size * z), color: colour }), FRAME.x, y, FRAME.width, height(z)),
  };
}

function list(block: Extract<Block, { kind: 'list' }>, section: Slide['section'], style: PptxStyle): Placed {
  const size = section === 'bottom-line' ? SIZE.bottomLine : section === 'sources' ? SIZE.sources : SIZE.body;
  const spacing = section === 'bottom-line' ? 18 : section === 'sources' ? 8 : 10;
  const indent = 1.2 * size + 0.2 * size;
  const width = FRAME.width - indent;
  const height = (z: number) =>
    block.items.reduce((h, item) => h + lineCount(runsLength(item.runs), width, size * z) * size * z * LEADING, 0) + spacing * z * (block.items.length - 1);
  const start = block.items[0]?.number ?? 1;
  return {
    gap: 14,
    height,
    draw: (slide, y, z) => {
      const bullet = block.ordered
        ? { type: 'number' as const, numberStartAt: start, indent: pt(indent * z) }
        : { indent: pt(indent * z) };
      const parts = block.items.map((item) => ({
        runs: textRuns(item.runs, style, { fontSize: pt(size * z), color: style.colour.text }),
        options: { bullet, paraSpaceAfter: pt(spacing * z) } satisfies RunOptions,
      }));
      textBox(slide, paragraphs(parts), FRAME.x, y, FRAME.width, height(z));
    },
  };
}

function table(block: Extract<Block, { kind: 'table' }>, style: PptxStyle): Placed {
  const widths = block.columns.map((c) => c.width * FRAME.width);
  const rowHeight = (cells: readonly string[], size: number) =>
    Math.max(...cells.map((c, i) => lineCount(c, widths[i]! - 2 * CELL.x, size))) * size * LEADING + CELL.top + CELL.bottom;
  const head = block.columns.map((c) => c.label);
  const rows = block.rows.map((row) => row.map((cell) => runsLength(cell)));
  const height = (z: number) => rowHeight(head, SIZE.table * z) + rows.reduce((h, r) => h + rowHeight(r, SIZE.table * z), 0) + 2;
  return {
    gap: 14,
    height,
    draw: (slide, y, z) => {
      const size = SIZE.table * z;
      const margin: [number, number, number, number] = [inch(CELL.top), inch(CELL.x), inch(CELL.bottom), inch(CELL.x)];
      const none = { type: 'none' as const };
      const header: TableRow = block.columns.map((c) => ({
        text: [{ text: clean(c.label), options: { ...direction(style), bold: true, color: style.colour.accent, fontSize: pt(size) } }],
        options: { fill: { color: style.colour.fill }, border: [none, none, { type: 'solid', pt: 1.5, color: style.colour.accent }, none], margin },
      }));
      const body: TableRow[] = block.rows.map((row) =>
        row.map((cell) => ({
          text: textRuns(cell, style, { fontSize: pt(size), color: style.colour.text }),
          options: { border: [none, none, { type: 'solid', pt: 0.75, color: style.colour.rule }, none], margin, valign: 'top' },
        })),
      );
      slide.addTable([header, ...body], {
        x: inch(FRAME.x),
        y: inch(y),
        w: inch(FRAME.width),
        colW: widths.map(inch),
        rowH: [rowHeight(head, size), ...rows.map((r) => rowHeight(r, size))].map(inch),
        autoPage: false,
      });
    },
  };
}

function quote(block: Extract<Block, { kind: 'quote' }>, style: PptxStyle): Placed {
  const pad = { x: 20, y: 12 };
  const width = FRAME.width - 5 - 2 * pad.x;
  const text = plainText(block.runs);
  const by = runsLength(block.attribution);
  const height = (z: number) =>
    lineCount(text, width, SIZE.quote * z) * SIZE.quote * z * LEADING + lineCount(by, width, SIZE.attribution * z) * SIZE.attribution * z * LEADING + 8 + 2 * pad.y;
  return {
    gap: 16,
    height,
    draw: (slide, y, z) => {
      const h = height(z);
      slide.addShape('rect', { x: inch(FRAME.x), y: inch(y), w: inch(FRAME.width), h: inch(h), fill: { color: style.colour.fill }, line: { type: 'none' } });
      slide.addShape('rect', { x: inch(FRAME.x), y: inch(y), w: inch(5), h: inch(h), fill: { color: style.colour.accent }, line: { type: 'none' } });
      const runs = paragraphs([
        { runs: textRuns(block.runs, style, { fontSize: pt(SIZE.quote * z), color: style.colour.text }), options: { paraSpaceAfter: pt(8 * z) } },
        { runs: textRuns(block.attribution, style, { fontSize: pt(SIZE.attribution * z), color: style.colour.muted }) },
      ]);
      textBox(slide, runs, FRAME.x + 5 + pad.x, y + pad.y, width, h - 2 * pad.y);
    },
  };
}

function placed(block: Block, slide: Slide, style: PptxStyle): Placed {
  switch (block.kind) {
    case 'heading':
      return heading(block, style);
    case 'paragraph':
      return paragraph(block, style);
    case 'list':
      return list(block, slide.section, style);
    case 'table':
      return table(block, style);
    case 'quote':
      return quote(block, style);
    case 'drawing':
      return {
        gap: 14,
        height: (z) => drawingHeight(block, z, style),
        draw: (s, y, z) => placeDrawing(s, block, y, z, style),
      };
  }
}

/** Smallest text scale a slide is set at before its boxes shrink text of their own accord. */
const MIN_SCALE = 0.6;

/**
 * Draws a slide's heading and blocks top to bottom in the body. The text scale starts at the
 * slide's own (the PDF's), and is lowered until the estimate fits the body, so boxes are sized
 * for their text; their autofit is the fallback should a viewer's font set wider still.
 */
export function drawBody(pslide: PptxSlide, slide: Slide, style: PptxStyle, title: boolean, reserved = 0): void {
  const blocks = slide.blocks.map((b) => placed(b, slide, style));
  const headSize = title ? SIZE.h1 : SIZE.h2;
  const headHeight = (z: number) => lineCount(slide.title, title ? 1050 : FRAME.width, headSize * z) * headSize * z * 1.15;
  const total = (z: number) => headHeight(z) + 18 + blocks.reduce((h, b, i) => h + b.height(z) + (i > 0 ? b.gap * z : 0), 0);
  // `reserved`: px at the top of the body already taken (the title slide's large logo).
  const room = BODY.bottom - BODY.top - reserved - (title ? 40 : 0);
  let z = slide.zoom ?? 1;
  for (let i = 0; i < 8 && total(z) > room && z > MIN_SCALE; i++) z = Math.max(MIN_SCALE, z * Math.max(0.9, room / total(z)));
  // The title slide's content stands in the middle of the body, as on the HTML slide.
  let y = BODY.top + reserved + (title ? Math.max(0, (room - total(z)) / 2) : 0);
  const headRuns = [{ text: clean(slide.title), options: { ...direction(style), fontSize: pt(headSize * z), bold: true, color: style.colour.accent } }];
  textBox(pslide, headRuns, FRAME.x, y, title ? 1050 : FRAME.width, headHeight(z), { lineSpacingMultiple: 1.15 / 1.2 });
  y += headHeight(z) + 18;
  blocks.forEach((b, i) => {
    if (i > 0) y += b.gap * z;
    b.draw(pslide, y, z);
    y += b.height(z);
  });
}
