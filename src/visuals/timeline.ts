import { endKey, formatDate, formatDateShort, startKey, type PartialDate } from '../facts/dates.js';
import { el, escapeXml, text, textWidth, wrap, type Visual } from './svg.js';

export interface TimelineEvent {
  when: PartialDate;
  label: string;
  upcoming: boolean;
}

const WIDTH = 1168;
const HEIGHT = 480;
const AXIS = 250;
const LABEL_WIDTH = 230;
const SIZE = 15;
const LINE = 17;
/** Label rows: nearest the axis first, alternating above and below. */
const LANES = [-1, 1, -2, 2, -3, 3];
const LANE_STEP = 62;
const BREAK = 36;
const DAY = 86_400_000;

const day = (key: number) => Date.UTC(Math.floor(key / 10000), (Math.floor(key / 100) % 100) - 1, key % 100) / DAY;
const first = (d: PartialDate) => day(startKey(d));
const last = (d: PartialDate) => day(endKey(d));

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
  const spans = [...events.map((e) => [first(e.when), last(e.when)] as const), [first(asOf), first(asOf)] as const].sort(
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

interface Placed {
  event: TimelineEvent;
  x: number;
  x0: number;
  x1: number;
  lines: string[];
  lane: number;
}

/** Puts each label in the nearest lane where it overlaps no other; undefined if some cannot. */
function placeLabels(events: TimelineEvent[], at: (d: number) => number): Placed[] | undefined {
  const taken = new Map<number, { x0: number; x1: number }[]>();
  const placed: Placed[] = [];
  for (const event of events) {
    const x = at((first(event.when) + last(event.when)) / 2);
    const lines = wrap(event.label, LABEL_WIDTH, SIZE, 2);
    const width = Math.max(textWidth(dateLabel(event), SIZE), ...lines.map((l) => textWidth(l, SIZE)));
    const x0 = Math.min(Math.max(0, x - width / 2), WIDTH - width);
    const x1 = x0 + width;
    const lane = LANES.find((l) => (taken.get(l) ?? []).every((b) => x1 + 10 <= b.x0 || x0 >= b.x1 + 10));
    if (lane === undefined) return undefined;
    taken.set(lane, [...(taken.get(lane) ?? []), { x0, x1 }]);
    placed.push({ event, x, x0, x1, lines, lane });
  }
  return placed;
}

/** Baseline of a label's first line (its date) in a lane. */
const labelTop = (lane: number) => (lane < 0 ? AXIS + lane * LANE_STEP - 8 : AXIS + (lane - 1) * LANE_STEP + 26);

/** The years a segment of the scale covers: "2019" or "1987–2019". */
function segmentYears(s: Segment): string {
  const from = new Date(s.first * DAY).getUTCFullYear();
  const to = new Date(s.last * DAY).getUTCFullYear();
  return from === to ? String(from) : `${from}–${to}`;
}

const dateLabel = (e: TimelineEvent) => formatDateShort(e.when) + (e.upcoming ? ' · upcoming' : '');

/**
 * Splits a chronological list of events into as few timeline drawings as keep every label
 * readable and apart, halving where they crowd.
 */
export function timelineChunks(events: TimelineEvent[], asOf: PartialDate): TimelineEvent[][] {
  if (events.length === 0) return [];
  if (events.length <= 1 || placeLabels(events, scale(events, asOf).at)) return [events];
  const half = Math.ceil(events.length / 2);
  return [...timelineChunks(events.slice(0, half), asOf), ...timelineChunks(events.slice(half), asOf)];
}

/** A horizontal timeline: past events filled, upcoming hollow, an "as of" line, labels apart. */
export function drawTimeline(events: TimelineEvent[], asOf: PartialDate): Visual {
  const { at, segments } = scale(events, asOf);
  const placed = placeLabels(events, at) ?? [];
  const parts: string[] = [];

  for (const s of segments) parts.push(el('line', { class: 'v-axis', x1: s.x0, y1: AXIS, x2: s.x1, y2: AXIS }));
  for (let i = 1; i < segments.length; i++) {
    // Break mark: two slashes in the gap between segments.
    const mid = (segments[i - 1]!.x1 + segments[i]!.x0) / 2;
    for (const dx of [-5, 5]) parts.push(el('line', { class: 'v-axis', x1: mid + dx - 5, y1: AXIS + 9, x2: mid + dx + 5, y2: AXIS - 9 }));
  }
  for (const s of segments) parts.push(text(s.x0, HEIGHT - 28, segmentYears(s), { class: 'v-scale' }));

  const asOfX = at(first(asOf));
  parts.push(el('line', { class: 'v-asof', x1: asOfX, y1: 26, x2: asOfX, y2: AXIS + 3.4 * LANE_STEP }));
  parts.push(text(asOfX, 16, `As of ${formatDateShort(asOf)}`, { class: 'v-asof-label', 'text-anchor': 'middle' }));

  for (const p of placed) {
    const up = p.lane < 0;
    const top = labelTop(p.lane);
    const connectorEnd = up ? top + LINE * (p.lines.length + 1) - 10 : top - SIZE;
    parts.push(el('line', { class: 'v-connector', x1: p.x, y1: AXIS, x2: p.x, y2: connectorEnd }));
    const x0 = first(p.event.when);
    const x1 = last(p.event.when);
    if (at(x1) - at(x0) >= 6) {
      parts.push(el('rect', { class: p.event.upcoming ? 'v-span v-upcoming' : 'v-span', x: at(x0), y: AXIS - 4, width: at(x1) - at(x0), height: 8, rx: 4 }));
    }
    parts.push(el('circle', { class: p.event.upcoming ? 'v-dot v-upcoming' : 'v-dot', cx: p.x, cy: AXIS, r: 7 }));
  }
  // Labels last, each on a patch of background, so no line (the "as of" line, a neighbour's
  // connector) runs through its text.
  for (const p of placed) {
    const top = labelTop(p.lane);
    const lines = [
      el('rect', { class: 'v-label-bg', x: p.x0 - 4, y: top - SIZE + 1, width: p.x1 - p.x0 + 8, height: LINE * p.lines.length + SIZE + 4 }),
      text(p.x0, top, dateLabel(p.event), { class: p.event.upcoming ? 'v-date v-upcoming-text' : 'v-date' }),
    ];
    p.lines.forEach((l, i) => lines.push(text(p.x0, top + LINE * (i + 1), l, { class: 'v-label' })));
    parts.push(el('g', {}, lines.join('')));
  }

  // Legend: shape, not colour alone, tells past from upcoming.
  const ly = HEIGHT - 8;
  parts.push(
    el('circle', { class: 'v-dot', cx: 8, cy: ly - 5, r: 6 }),
    text(20, ly, 'past', { class: 'v-legend' }),
    el('circle', { class: 'v-dot v-upcoming', cx: 78, cy: ly - 5, r: 6 }),
    text(90, ly, 'upcoming', { class: 'v-legend' }),
    el('line', { class: 'v-asof', x1: 180, y1: ly - 12, x2: 180, y2: ly + 2 }),
    text(188, ly, 'as of this briefing', { class: 'v-legend' }),
  );

  const range = `${formatDate(events[0]!.when)} to ${formatDate(events[events.length - 1]!.when)}`;
  const label = `Timeline of ${events.length} event${events.length === 1 ? '' : 's'}, ${range}; as of ${formatDate(asOf)}.`;
  const alt = events.map((e) => `${formatDate(e.when)}${e.upcoming ? ' (upcoming)' : ''}: ${e.label}`);
  const svg = el(
    'svg',
    { class: 'v-timeline', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': label },
    el('title', {}, escapeXml(label)) + parts.join(''),
  );
  return { svg, alt, label };
}

/** Where the timeline drawing puts each part, in px of its WIDTH × HEIGHT box. */
export interface TimelineGeometry {
  width: number;
  height: number;
  axis: number;
  /** Label text size and line height. */
  size: number;
  line: number;
  segments: { x0: number; x1: number; years: string }[];
  /** Break marks between segments: their centres. */
  breaks: number[];
  asOf: { x: number; top: number; bottom: number; label: string };
  events: {
    x: number;
    upcoming: boolean;
    /** The period an event covers, when it is wide enough to draw. */
    span?: { x0: number; x1: number };
    /** The connector from the axis to the label. */
    connector: { y1: number; y2: number };
    /** The label: left edge, width, baseline of its first line (the date), its text lines. */
    label: { x0: number; width: number; top: number; date: string; lines: string[] };
  }[];
}

/**
 * The timeline laid out as drawTimeline draws it, for renderers that build it from shapes of
 * their own (the PowerPoint export), so both show the same scale, lanes and labels.
 */
export function timelineGeometry(events: TimelineEvent[], asOf: PartialDate): TimelineGeometry {
  const { at, segments } = scale(events, asOf);
  const placed = placeLabels(events, at) ?? [];
  return {
    width: WIDTH,
    height: HEIGHT,
    axis: AXIS,
    size: SIZE,
    line: LINE,
    segments: segments.map((s) => ({ x0: s.x0, x1: s.x1, years: segmentYears(s) })),
    breaks: segments.slice(1).map((s, i) => (segments[i]!.x1 + s.x0) / 2),
    asOf: { x: at(first(asOf)), top: 26, bottom: AXIS + 3.4 * LANE_STEP, label: `As of ${formatDateShort(asOf)}` },
    events: placed.map((p) => {
      const top = labelTop(p.lane);
      const x0 = at(first(p.event.when));
      const x1 = at(last(p.event.when));
      return {
        x: p.x,
        upcoming: p.event.upcoming,
        ...(x1 - x0 >= 6 ? { span: { x0, x1 } } : {}),
        connector: { y1: AXIS, y2: p.lane < 0 ? top + LINE * (p.lines.length + 1) - 10 : top - SIZE },
        label: { x0: p.x0, width: p.x1 - p.x0, top, date: dateLabel(p.event), lines: p.lines },
      };
    }),
  };
}
