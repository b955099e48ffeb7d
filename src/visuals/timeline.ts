import { endKey, startKey, type DateSpan, type PartialDate } from '../facts/dates.js';
import { en } from '../labels/en.js';
import type { Labels } from '../labels/index.js';
import { DRAWING_ROOM, el, escapeXml, fitWrap, LINE_HEIGHT, linesWidth, split, text, textBlock, TEXT_SIZE, textWidth, type Visual, type Weight } from './svg.js';

export interface TimelineEvent {
  when: PartialDate;
  /** The last period of a range (2032-05-18/2032-05-20): drawn as a bar over the span. */
  end?: PartialDate;
  /** Going on since `when`, with no end given: drawn as a bar up to the as-of date. */
  since?: boolean;
  label: string;
  upcoming: boolean;
}

/**
 * One timeline drawing. When its labels cannot all stand in full, the drawing shows numbered
 * markers instead, and `numbers[i]` is the number of `events[i]`: the timeline table shows the
 * same numbers beside the full text.
 */
export interface TimelineChunk {
  events: TimelineEvent[];
  numbered: boolean;
  numbers: number[];
}


const WIDTH = 1168;
const SIZE = TEXT_SIZE;
const LINE = LINE_HEIGHT;
/** Label widths tried, narrowest first; a label takes the narrowest where it needs ≤ 3 lines. */
const LABEL_WIDTHS = [220, 280, 340, 420, 520];
const MAX_LINES = 3;
/** Most drawings a timeline is split into before it is drawn with numbered markers instead. */
const MAX_LABELLED_CHUNKS = 2;
/** Space between the axis and the nearest label, and between labels. */
const GAP = 16;
const HGAP = 14;
const VGAP = 8;
/** The "as of" label and the legend above the label area; the year scale below it. */
const TOP = 40;
const FOOT = 42;
const BREAK = 36;
const DAY = 86_400_000;

const day = (key: number) => Date.UTC(Math.floor(key / 10000), (Math.floor(key / 100) % 100) - 1, key % 100) / DAY;
const first = (d: PartialDate) => day(startKey(d));
const last = (d: PartialDate) => day(endKey(d));
/** First and last day an event covers: its date's whole period, its range, or up to as-of. */
const period = (e: TimelineEvent, asOf: PartialDate): readonly [number, number] => [
  first(e.when),
  e.since ? Math.max(last(e.when), first(asOf)) : last(e.end ?? e.when),
];

/** An event's date as the facts give it: one date, a range, or an open period since a date. */
const spanOf = (e: TimelineEvent): DateSpan => ({ start: e.when, ...(e.end ? { end: e.end } : {}), ...(e.since ? { since: true } : {}) });

interface Segment {
  from: number;
  to: number;
  /** First and last dates actually in the segment (without padding). */
  first: number;
  last: number;
  x0: number;
  x1: number;
}

/** Longer empty stretches than this are cut out of the scale and marked with a break. */
const GAP_DAYS = 90;

/**
 * The time scale: linear within clusters of nearby dates, with a marked break across long
 * empty stretches (1987 … 2019), so dates decades apart and days apart both read correctly.
 */
function scale(events: TimelineEvent[], asOf: PartialDate): { at: (day: number) => number; segments: Segment[] } {
  // Each event covers its whole period (a year, a month or a day); breaks fall only between
  // periods, never inside one.
  const spans = [...events.map((e) => period(e, asOf)), [first(asOf), first(asOf)] as const].sort(
    (a, b) => a[0] - b[0] || a[1] - b[1],
  );
  const groups: { first: number; last: number; count: number }[] = [];
  for (const [from, to] of spans) {
    const g = groups[groups.length - 1];
    if (g && from - g.last <= GAP_DAYS) {
      g.last = Math.max(g.last, to);
      g.count += 1;
    } else {
      groups.push({ first: from, last: to, count: 1 });
    }
  }
  const padded = groups.map((g) => {
    const pad = Math.max(4, (g.last - g.first) * 0.06);
    return { from: g.first - pad, to: g.last + pad, first: g.first, last: g.last, count: g.count };
  });
  const usable = WIDTH - 40 - BREAK * (padded.length - 1);
  const minimum = 140;
  const total = padded.reduce((n, g) => n + g.count, 0);
  let x = 20;
  const segments = padded.map((g) => {
    const width = Math.max(minimum, (usable - minimum * padded.length) * (g.count / total) + minimum);
    const seg = { from: g.from, to: g.to, first: g.first, last: g.last, x0: x, x1: x + width };
    x += width + BREAK;
    return seg;
  });
  // Fit exactly: scale all segment widths to the usable width.
  const stretch = (WIDTH - 40) / (x - BREAK - 20);
  for (const s of segments) {
    s.x0 = 20 + (s.x0 - 20) * stretch;
    s.x1 = 20 + (s.x1 - 20) * stretch;
  }
  const at = (d: number) => {
    const s = segments.find((seg) => d <= seg.to) ?? segments[segments.length - 1]!;
    const t = s.to === s.from ? 0.5 : (d - s.from) / (s.to - s.from);
    return s.x0 + Math.min(1, Math.max(0, t)) * (s.x1 - s.x0);
  };
  return { at, segments };
}

/** A label box: its event's point on the axis, its extent, and which side of the axis it is on. */
interface Placed {
  event: TimelineEvent;
  /** The first line: the date, or the marker's number. */
  head: string;
  lines: string[];
  cx: number;
  x0: number;
  x1: number;
  above: boolean;
  /** Distance of the box's near and far edges from the axis (plus GAP). */
  near: number;
  far: number;
}

const dateLabel = (e: TimelineEvent, L: Labels) => L.spanShort(spanOf(e)) + (e.upcoming ? ` · ${L.drawing.upcoming}` : '');

/** Box content for an event: date and wrapped text, or just its number; candidates by width. */
interface Content {
  head: string;
  lines: string[];
  width: number;
  /** The wrap width that gave these lines. */
  wrap: number;
}

/** Each event's label wrapped at every width, worked out once per language: placement tries them many times. */
const wrappings = new WeakMap<Labels, WeakMap<TimelineEvent, Content[]>>();

function contents(event: TimelineEvent, L: Labels, number: number | undefined, dated: boolean, cap: number): Content[] | undefined {
  if (number !== undefined) {
    const head = dated ? `${number} · ${L.spanShort(spanOf(event))}` : String(number);
    return [{ head, lines: [], width: Math.max(28, textWidth(head, SIZE, 'bold')), wrap: 0 }];
  }
  let wrapped = wrappings.get(L);
  if (!wrapped) wrappings.set(L, (wrapped = new WeakMap()));
  let all = wrapped.get(event);
  if (!all) {
    const head = dateLabel(event, L);
    const headWidth = textWidth(head, SIZE, 'bold');
    all = [];
    for (const w of LABEL_WIDTHS) {
      const fit = fitWrap(event.label, [w], MAX_LINES, SIZE, 'regular');
      if (!fit) continue;
      const width = Math.max(headWidth, linesWidth(fit.lines, SIZE, 'regular'));
      if (width > WIDTH) continue;
      if (!all.some((o) => o.lines.join('\n') === fit.lines.join('\n'))) all.push({ head, lines: fit.lines, width, wrap: w });
    }
    wrapped.set(event, all);
  }
  const capped = all.filter((o, i) => i === 0 || o.wrap <= cap);
  return capped.length ? capped : undefined;
}

const boxHeight = (lines: number) => (lines + 1) * LINE + 8;

/** The nearest distance from the axis on one side where a box stands clear of the others. */
function nearest(side: Placed[], x0: number, x1: number, cx: number, h: number): number {
  const overlapping = side.filter((b) => x0 < b.x1 + HGAP && b.x0 < x1 + HGAP);
  const tries = [0, ...overlapping.map((b) => b.far + VGAP)].sort((a, b) => a - b);
  for (const d of tries) {
    const clear = side.every((b) => {
      const horizontal = x0 < b.x1 + HGAP && b.x0 < x1 + HGAP;
      if (horizontal && d < b.far + VGAP && b.near < d + h + VGAP) return false;
      // No connector runs through another label (events on the same point share one).
      const sharesPoint = Math.abs(b.cx - cx) < 1;
      if (!sharesPoint && b.near >= d + h && b.cx >= x0 - 6 && b.cx <= x1 + 6) return false;
      if (!sharesPoint && b.far <= d && cx >= b.x0 - 6 && cx <= b.x1 + 6) return false;
      return true;
    });
    if (clear) return d;
  }
  return Infinity;
}

/**
 * Places every box nearest the axis on whichever side keeps the drawing shortest; undefined
 * when they do not all fit in `height` (the room between the "as of" label and the legend).
 */
function place(
  events: TimelineEvent[],
  L: Labels,
  at: (d: number) => number,
  asOf: PartialDate,
  height: number,
  numbers?: number[],
  dated = false,
  cap = Infinity,
  backwards = false,
): Placed[] | undefined {
  const placed: Placed[] = [];
  let up = 0;
  let down = 0;
  const order = events.map((_, i) => i);
  if (backwards) order.reverse();
  for (const i of order) {
    const event = events[i]!;
    const options = contents(event, L, numbers?.[i], dated, cap);
    if (!options) return undefined;
    const [from, to] = period(event, asOf);
    const cx = at((from + to) / 2);
    let best: { p: Placed; total: number } | undefined;
    for (const o of options) {
      const h = numbers ? LINE + 6 : boxHeight(o.lines.length);
      // Ending at its point, centred over it or starting there: the connector meets the box
      // anywhere along its edge. Boxes lean away from the events still to place.
      const lean = [cx + 12 - o.width, cx - o.width / 2, cx - 12];
      for (const left of backwards ? lean.reverse() : lean) {
        for (const above of [true, false]) {
          const x0 = Math.min(Math.max(4, left), WIDTH - 4 - o.width);
          const x1 = x0 + o.width;
          const d = nearest(placed.filter((b) => b.above === above), x0, x1, cx, h);
          const total = above ? Math.max(up, d + h) + down : up + Math.max(down, d + h);
          if (!best || total < best.total || (total === best.total && d + h < best.p.far)) {
            best = { p: { event, head: o.head, lines: o.lines, cx, x0, x1, above, near: d, far: d + h }, total };
          }
        }
      }
    }
    if (!best || best.total + 2 * GAP > height) return undefined;
    placed.push(best.p);
    if (best.p.above) up = Math.max(up, best.p.far);
    else down = Math.max(down, best.p.far);
  }
  return placed;
}

/**
 * Labels in full, placed with each cap on label width in turn (wide one-line labels stack low
 * but crowd each other out; narrow ones leave room beside them), first to last and last to
 * first: the lowest placement that fits.
 */
function placeLabels(events: TimelineEvent[], L: Labels, at: (d: number) => number, asOf: PartialDate, height: number): Placed[] | undefined {
  let best: { placed: Placed[]; extent: number } | undefined;
  for (const [cap, backwards] of [...LABEL_WIDTHS, Infinity].flatMap((c) => [[c, false], [c, true]] as const)) {
    const placed = place(events, L, at, asOf, height, undefined, false, cap, backwards);
    if (!placed) continue;
    const extent = Math.max(0, ...placed.filter((p) => p.above).map((p) => p.far)) + Math.max(0, ...placed.filter((p) => !p.above).map((p) => p.far));
    if (!best || extent < best.extent) best = { placed, extent };
  }
  return best?.placed;
}

const labelRoom = (room: number) => room - TOP - FOOT;

function fits(chunk: TimelineChunk, asOf: PartialDate, room: number, L: Labels): boolean {
  const layout = layoutTimeline(chunk, asOf, room, L);
  return chunk.numbered ? layout.fits : !layout.numbered;
}

/**
 * Splits a chronological list of events into drawings for slides with `room` px of height:
 * one drawing with every label in full when they fit; else as few as MAX_LABELLED_CHUNKS
 * drawings that each fit; else numbered markers (events numbered 1…n across all drawings),
 * split only if even the markers crowd. Every event is in exactly one drawing.
 */
export function timelineChunks(events: TimelineEvent[], asOf: PartialDate, room = DRAWING_ROOM, labels: Labels = en): TimelineChunk[] {
  if (events.length === 0) return [];
  const chunked = (k: number, numbered: boolean): TimelineChunk[] => {
    let n = 0;
    return split(events, k).map((part) => ({ events: part, numbered, numbers: part.map(() => ++n) }));
  };
  for (let k = 1; k <= Math.min(MAX_LABELLED_CHUNKS, events.length); k++) {
    const chunks = chunked(k, false);
    if (chunks.every((c) => fits(c, asOf, room, labels))) return chunks;
  }
  for (let k = 1; k < events.length; k++) {
    const chunks = chunked(k, true);
    if (chunks.every((c) => fits(c, asOf, room, labels))) return chunks;
  }
  return chunked(events.length, true);
}

/** A line of text in the drawing: its anchor point, which end of the text `x` is, and its role (for styling). */
export interface TimelineText {
  x: number;
  y: number;
  text: string;
  /** The text starts at `x`, is centred on it, or ends at it (physical sides, whatever the script). */
  anchor: 'left' | 'middle' | 'right';
  weight: Weight;
  role: 'scale' | 'as-of' | 'legend' | 'date' | 'label' | 'number';
  /** Set in the "upcoming" style. */
  upcoming?: boolean;
}

export interface TimelineSegment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** One event as drawn: its marker on the axis, a bar over its span, a leader to its label box. */
export interface TimelineMark {
  event: TimelineEvent;
  /** The marker: filled when past, hollow when upcoming. */
  marker: { cx: number; cy: number; r: number; upcoming: boolean };
  span?: { x: number; y: number; width: number; height: number; upcoming: boolean };
  leader: TimelineSegment;
  /** The label box (a patch of background behind its lines) and its lines of text. */
  box: { x: number; y: number; width: number; height: number; lines: TimelineText[] };
}

/**
 * A timeline drawing laid out: positioned primitives in the drawing's own px coordinates
 * (`width` × `height`), from which the SVG is written, and from which other outputs can draw
 * the same picture with their own shapes.
 */
export interface TimelineLayout {
  width: number;
  height: number;
  /** Right to left: time runs from right to left, and text anchors are mirrored. */
  dir: 'ltr' | 'rtl';
  numbered: boolean;
  /** False when even numbered markers did not fit the room and were stacked beyond it. */
  fits: boolean;
  /** The axis, one line per stretch of time; a break mark (two slashes) between stretches. */
  axis: TimelineSegment[];
  breaks: TimelineSegment[];
  /** The years under each stretch. */
  scale: TimelineText[];
  asOf: { line: TimelineSegment; label: TimelineText };
  legend: { marker?: { cx: number; cy: number; r: number; upcoming: boolean }; text: TimelineText }[];
  /** In the order they were placed (first to last or last to first), which is the order they are drawn in. */
  marks: TimelineMark[];
  /** Each event's number (the timeline table's key when `numbered`), in the events' order. */
  numbers: number[];
  /** The drawing's accessible name. */
  label: string;
}

/** How the chunk's events are placed: labels in full, or numbered markers (dated where they fit). */
function arrange(chunk: TimelineChunk, L: Labels, at: (d: number) => number, asOf: PartialDate, height: number): { chunk: TimelineChunk; placed: Placed[]; fits: boolean } {
  const { events } = chunk;
  let placed = chunk.numbered ? undefined : placeLabels(events, L, at, asOf, height);
  if (placed) return { chunk, placed, fits: true };
  // Markers carry their dates when there is room for them, else just their numbers.
  const numbered = { ...chunk, numbered: true };
  placed = place(events, L, at, asOf, height, numbered.numbers, true) ?? place(events, L, at, asOf, height, numbered.numbers);
  if (placed) return { chunk: numbered, placed, fits: true };
  // A chunk too crowded even for markers (only when drawn against timelineChunks' advice) still
  // shows every marker, stacked without limit.
  return { chunk: numbered, placed: place(events, L, at, asOf, Infinity, numbered.numbers)!, fits: false };
}

/**
 * Lays out a horizontal timeline `room` px tall: past events filled, upcoming hollow, spans as
 * bars, an "as of" line, labels (or numbered markers) apart from each other. A plain list of
 * events is laid out as one drawing, numbered when its labels do not fit.
 */
export function layoutTimeline(input: TimelineEvent[] | TimelineChunk, asOf: PartialDate, room = DRAWING_ROOM, labels: Labels = en): TimelineLayout {
  if (Array.isArray(input)) return laidOut(input, { events: input, numbered: false, numbers: input.map((_, i) => i + 1) }, asOf, room, labels);
  return laidOut(input.events, input, asOf, room, labels);
}

/**
 * Layouts by events list: timelineChunks lays each chunk out to see whether it fits, and the
 * drawing of that chunk (the same events, handed on through the deck model) reuses it.
 */
const layouts = new WeakMap<TimelineEvent[], { numbered: boolean; numbers: number[]; asOf: PartialDate; room: number; labels: Labels; layout: TimelineLayout }>();

function laidOut(events: TimelineEvent[], given: TimelineChunk, asOf: PartialDate, room: number, labels: Labels): TimelineLayout {
  const hit = layouts.get(events);
  const same = (a: PartialDate, b: PartialDate) => a.year === b.year && a.month === b.month && a.day === b.day && a.precision === b.precision;
  if (hit && hit.labels === labels && hit.numbered === given.numbered && hit.room === room && same(hit.asOf, asOf) && hit.numbers.join() === given.numbers.join()) return hit.layout;
  const layout = layOut(events, given, asOf, room, labels);
  layouts.set(events, { numbered: given.numbered, numbers: given.numbers, asOf, room, labels, layout });
  return layout;
}

function layOut(events: TimelineEvent[], given: TimelineChunk, asOf: PartialDate, room: number, L: Labels): TimelineLayout {
  const { at, segments } = scale(events, asOf);
  const height = labelRoom(room);
  const { chunk, placed, fits } = arrange(given, L, at, asOf, height);

  const up = Math.max(0, ...placed.filter((p) => p.above).map((p) => p.far));
  const down = Math.max(0, ...placed.filter((p) => !p.above).map((p) => p.far));
  const slack = Math.max(0, height - up - down - 2 * GAP);
  const axisY = TOP + slack / 2 + up + GAP;
  const total = Math.max(room, TOP + up + down + 2 * GAP + FOOT);

  const axis = segments.map((s) => ({ x1: s.x0, y1: axisY, x2: s.x1, y2: axisY }));
  const breaks: TimelineSegment[] = [];
  for (let i = 1; i < segments.length; i++) {
    // Break mark: two slashes in the gap between segments.
    const mid = (segments[i - 1]!.x1 + segments[i]!.x0) / 2;
    for (const dx of [-5, 5]) breaks.push({ x1: mid + dx - 5, y1: axisY + 9, x2: mid + dx + 5, y2: axisY - 9 });
  }
  const scaleY = total - 12;
  let scaleEnd = -Infinity;
  const years: TimelineText[] = [];
  for (const s of segments) {
    const from = new Date(s.first * DAY).getUTCFullYear();
    const to = new Date(s.last * DAY).getUTCFullYear();
    const words = from === to ? String(from) : `${from}\u2013${to}`;
    const w = textWidth(words, SIZE, 'regular');
    const x = Math.min(Math.max(s.x0, scaleEnd + 12), WIDTH - w);
    years.push({ x, y: scaleY, text: words, anchor: 'left', weight: 'regular', role: 'scale' });
    scaleEnd = x + w;
  }

  // The top row: the "as of" label over its line, the legend in the corner further from it
  // (the label moves to the line's other side when the legend needs the room).
  const asOfX = at(first(asOf));
  const asOfText = L.asOf(L.dateShort(asOf));
  const asOfWidth = textWidth(asOfText, SIZE, 'bold');
  const legendWords: [string, boolean | undefined][] = [
    [L.drawing.past, false],
    [L.drawing.upcoming, true],
  ];
  if (chunk.numbered) legendWords.push([L.drawing.numbered, undefined]);
  const legendWidth = legendWords.reduce((w, [words, mark]) => w + (mark !== undefined ? 22 : 0) + textWidth(words, SIZE, 'regular') + 24, -24);
  const legendLeft = asOfX > WIDTH / 2;
  let asOfLeft = Math.min(Math.max(4, asOfX - asOfWidth / 2), WIDTH - 4 - asOfWidth);
  if (legendLeft && asOfLeft < legendWidth + 24) asOfLeft = Math.max(legendWidth + 24, asOfX - 6);
  if (!legendLeft && asOfLeft + asOfWidth > WIDTH - legendWidth - 24) asOfLeft = Math.min(WIDTH - legendWidth - 24, asOfX + 6) - asOfWidth;
  const legend: TimelineLayout['legend'] = [];
  let lx = legendLeft ? 2 : WIDTH - legendWidth;
  for (const [words, upcoming] of legendWords) {
    const mark = upcoming !== undefined;
    legend.push({
      ...(mark ? { marker: { cx: lx + 8, cy: 17, r: 7, upcoming } } : {}),
      text: { x: mark ? lx + 22 : lx, y: 24, text: words, anchor: 'left', weight: 'regular', role: 'legend' },
    });
    lx += (mark ? 22 : 0) + textWidth(words, SIZE, 'regular') + 24;
  }

  const marks = placed.map((p): TimelineMark => {
    const top = p.above ? axisY - GAP - p.far : axisY + GAP + p.near;
    const [from, to] = period(p.event, asOf);
    const upcoming = p.event.upcoming;
    const lines: TimelineText[] = chunk.numbered
      ? [{ x: (p.x0 + p.x1) / 2, y: top + 22, text: p.head, anchor: 'middle', weight: 'bold', role: 'number', upcoming }]
      : [
          { x: p.x0, y: top + 22, text: p.head, anchor: 'left', weight: 'bold', role: 'date', upcoming },
          ...p.lines.map((words, i): TimelineText => ({ x: p.x0, y: top + 22 + LINE * (i + 1), text: words, anchor: 'left', weight: 'regular', role: 'label' })),
        ];
    return {
      event: p.event,
      marker: { cx: p.cx, cy: axisY, r: 7, upcoming },
      ...(at(to) - at(from) >= 6 ? { span: { x: at(from), y: axisY - 5, width: at(to) - at(from), height: 10, upcoming } } : {}),
      leader: { x1: p.cx, y1: axisY, x2: p.cx, y2: p.above ? top + (p.far - p.near) : top },
      box: { x: p.x0 - 4, y: top, width: p.x1 - p.x0 + 8, height: p.far - p.near, lines },
    };
  });

  const label = L.drawing.timeline(events.length, L.date(events[0]!.when), L.date(events[events.length - 1]!.when), chunk.numbered, L.date(asOf));
  const layout: TimelineLayout = {
    width: WIDTH,
    dir: 'ltr',
    height: total,
    numbered: chunk.numbered,
    fits,
    axis,
    breaks,
    scale: years,
    asOf: { line: { x1: asOfX, y1: TOP - 8, x2: asOfX, y2: scaleY - 24 }, label: { x: asOfLeft, y: 24, text: asOfText, anchor: 'left', weight: 'bold', role: 'as-of' } },
    legend,
    marks,
    numbers: chunk.numbers,
    label,
  };
  return L.dir === 'rtl' ? mirrored(layout) : layout;
}

/**
 * The layout for a right-to-left reader: the earliest event at the right, each box, legend item
 * and label on the mirrored side, its text anchored at the mirrored end.
 */
function mirrored(layout: TimelineLayout): TimelineLayout {
  const X = (x: number) => layout.width - x;
  const line = (s: TimelineSegment): TimelineSegment => ({ ...s, x1: X(s.x1), x2: X(s.x2) });
  const flip = { left: 'right', middle: 'middle', right: 'left' } as const;
  const words = (t: TimelineText): TimelineText => ({ ...t, x: X(t.x), anchor: flip[t.anchor] });
  const box = <T extends { x: number; width: number }>(b: T): T => ({ ...b, x: X(b.x) - b.width });
  const dot = <T extends { cx: number }>(m: T): T => ({ ...m, cx: X(m.cx) });
  return {
    ...layout,
    dir: 'rtl',
    axis: layout.axis.map(line),
    breaks: layout.breaks.map(line),
    scale: layout.scale.map(words),
    asOf: { line: line(layout.asOf.line), label: words(layout.asOf.label) },
    legend: layout.legend.map((l) => ({ ...(l.marker ? { marker: dot(l.marker) } : {}), text: words(l.text) })),
    marks: layout.marks.map((m) => ({
      ...m,
      marker: dot(m.marker),
      ...(m.span ? { span: box(m.span) } : {}),
      leader: line(m.leader),
      box: { ...box(m.box), lines: m.box.lines.map(words) },
    })),
  };
}

const TEXT_CLASS: Record<TimelineText['role'], string> = {
  scale: 'v-scale',
  'as-of': 'v-asof-label',
  legend: 'v-legend',
  date: 'v-date',
  label: 'v-label',
  number: 'v-number',
};
const textClass = (t: TimelineText) => TEXT_CLASS[t.role] + (t.upcoming ? ' v-upcoming-text' : '');
const dotClass = (upcoming: boolean) => (upcoming ? 'v-dot v-upcoming' : 'v-dot');
const segment = (cls: string, s: TimelineSegment) => el('line', { class: cls, ...s });

/**
 * SVG's text-anchor names the end of the text in its own direction: in a right-to-left drawing
 * "start" is the right end. The default (start) is left out.
 */
function anchorOf(anchor: TimelineText['anchor'], dir: TimelineLayout['dir']): string | undefined {
  if (anchor === 'middle') return 'middle';
  return (anchor === 'left') === (dir === 'ltr') ? undefined : 'end';
}

/** The SVG of a laid-out timeline: labels last, each on a patch of background, so no line runs through its text. */
export function timelineSvg(layout: TimelineLayout): string {
  const parts: string[] = [];
  for (const s of layout.axis) parts.push(segment('v-axis', s));
  for (const s of layout.breaks) parts.push(segment('v-axis', s));
  const words = (t: TimelineText) => text(t.x, t.y, t.text, { class: textClass(t), 'text-anchor': anchorOf(t.anchor, layout.dir) });
  for (const t of layout.scale) parts.push(words(t));
  parts.push(segment('v-asof', layout.asOf.line));
  parts.push(words(layout.asOf.label));
  for (const { marker: m, text: t } of layout.legend) {
    if (m) parts.push(el('circle', { class: dotClass(m.upcoming), cx: m.cx, cy: m.cy, r: m.r }));
    parts.push(words(t));
  }
  for (const m of layout.marks) {
    parts.push(segment('v-connector', m.leader));
    if (m.span) parts.push(el('rect', { class: m.span.upcoming ? 'v-span v-upcoming' : 'v-span', x: m.span.x, y: m.span.y, width: m.span.width, height: m.span.height, rx: 5 }));
  }
  for (const m of layout.marks) parts.push(el('circle', { class: dotClass(m.marker.upcoming), cx: m.marker.cx, cy: m.marker.cy, r: m.marker.r }));
  for (const m of layout.marks) {
    const b = m.box;
    const back = el('rect', { class: layout.numbered ? 'v-number-bg' : 'v-label-bg', x: b.x, y: b.y, width: b.width, height: b.height });
    // The lines of a box share one anchor.
    const label = textBlock(
      b.lines.map((l) => ({ x: l.x, y: l.y, content: l.text, class: textClass(l) })),
      { 'text-anchor': anchorOf(b.lines[0]?.anchor ?? 'left', layout.dir) },
    );
    parts.push(el('g', {}, back + label));
  }
  const { width, height, label } = layout;
  const direction = layout.dir === 'rtl' ? 'rtl' : undefined;
  return el('svg', { class: 'v-timeline', direction, viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label }, el('title', {}, escapeXml(label)) + parts.join(''));
}

/** The timeline drawn as SVG (see layoutTimeline), with its text alternative. */
export function drawTimeline(input: TimelineEvent[] | TimelineChunk, asOf: PartialDate, room = DRAWING_ROOM, labels: Labels = en): Visual {
  const layout = layoutTimeline(input, asOf, room, labels);
  const events = Array.isArray(input) ? input : input.events;
  const alt = events.map(
    (e, i) => `${layout.numbered ? `${layout.numbers[i]}. ` : ''}${labels.span(spanOf(e))}${e.upcoming ? ` ${labels.upcoming}` : ''}: ${e.label}`,
  );
  return { svg: timelineSvg(layout), alt, label: layout.label };
}
