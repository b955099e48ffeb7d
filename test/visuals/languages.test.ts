import { describe, expect, it } from 'vitest';
import type { PartialDate } from '../../src/facts/dates.js';
import { LABEL_SETS, labelsFor, type Labels } from '../../src/labels/index.js';
import { toOverrides } from '../../src/labels/overrides.js';
import { drawMatrix, matrixChunks, type MatrixInput } from '../../src/visuals/matrix.js';
import { drawTimeline, layoutTimeline, timelineChunks, type TimelineEvent } from '../../src/visuals/timeline.js';
import { textsOf } from './inspect.js';

const d = (year: number, month?: number, day?: number): PartialDate =>
  ({ year, ...(month ? { month } : {}), ...(day ? { day } : {}), precision: day ? 'day' : month ? 'month' : 'year' }) as PartialDate;
const asOf = d(2031, 11, 12);
const events: TimelineEvent[] = [
  { when: d(2019), since: true, label: 'Chantier', upcoming: false },
  { when: d(2031, 2), label: 'Crue', upcoming: false },
  { when: d(2031, 11, 3), end: d(2031, 11, 5), label: 'Réunion', upcoming: false },
  { when: d(2032, 1, 15), label: 'Sommet', upcoming: true },
];
const matrix: MatrixInput = {
  actors: [
    { id: 'a', name: 'Valdorie' },
    { id: 'b', name: 'Estmark' },
  ],
  options: [
    { title: 'Barrage', backers: ['a'], opponents: ['b'] },
    { title: 'Canal', undecided: ['a'], conditional: [{ actor: 'b', condition: 'si le débit est garanti' }] },
  ],
};
const drawnText = (svg: string) => textsOf(svg).map((t) => t.content).join('\n');
const ariaOf = (svg: string) => /aria-label="([^"]*)"/.exec(svg)![1]!;
/** The words briefdeck writes in the drawings, in English, whole (facts text aside). */
const ENGLISH = ['past', 'upcoming', 'As of', 'Option', 'backs', 'opposes', 'undecided', 'position not known', 'with conditions', 'Timeline of', 'Positions of', 'since'];

describe('the words inside the drawings, in the deck’s language', () => {
  for (const [code, L] of Object.entries(LABEL_SETS).filter(([c]) => c !== 'en')) {
    it(`${code}: legend, as-of mark, dates, option heads, condition notes and accessible names`, () => {
      const timeline = drawTimeline(events, asOf, undefined, L);
      const text = drawnText(timeline.svg);
      expect(text).toContain(L.drawing.past);
      expect(text).toContain(L.drawing.upcoming);
      expect(text).toContain(L.asOf(L.dateShort(asOf)));
      expect(text).toContain(L.spanShort({ start: d(2019), since: true }));
      expect(text).toContain(L.spanShort({ start: d(2031, 11, 3), end: d(2031, 11, 5) }));
      expect(text).toContain(`${L.dateShort(d(2032, 1, 15))} · ${L.drawing.upcoming}`);
      expect(ariaOf(timeline.svg)).toBe(L.drawing.timeline(4, L.date(d(2019)), L.date(d(2032, 1, 15)), false, L.date(asOf)));

      const grid = drawMatrix(matrix, 1, undefined, L);
      const words = drawnText(grid.svg);
      expect(words).toContain(`${L.drawing.option} 1`);
      for (const w of [L.drawing.backs, L.drawing.conditional, L.drawing.opposes, L.drawing.open, L.drawing.unknown]) expect(words).toContain(w);
      expect(words).toContain(`Estmark ${L.matrix.conditional(2, 'si le débit est garanti')}`);
      expect(ariaOf(grid.svg)).toBe(L.drawing.matrix(2, 2, undefined, true).replace(/"/g, '&quot;'));
      expect(grid.alt).toEqual([
        `Valdorie: ${L.matrix.backs(1)}; ${L.matrix.undecided(2)}`,
        `Estmark: ${L.matrix.opposes(1)}; ${L.matrix.conditional(2, 'si le débit est garanti')}`,
      ]);

      for (const english of ENGLISH) {
        if (Object.values(L.drawing).includes(english)) continue;
        expect(text + words, english).not.toMatch(new RegExp(`(^|[^\\p{L}])${english}([^\\p{L}]|$)`, 'u'));
      }
    });
  }

  it('takes a deck’s or brand’s own words, and lays the drawing out around them', () => {
    const plain = labelsFor('en');
    const own = labelsFor('en', toOverrides({ 'drawing.past': 'already happened in the past', 'drawing.option': 'Course' }));
    const x = (L: Labels) => layoutTimeline(events, asOf, undefined, L).legend.map((l) => l.text.x);
    const [past, upcoming] = [x(plain), x(own)];
    // The legend grows by the longer word: its items stand further apart.
    expect(upcoming[1]! - upcoming[0]!).toBeGreaterThan(past[1]! - past[0]! + 100);
    expect(drawnText(drawTimeline(events, asOf, undefined, own).svg)).toContain('already happened in the past');
    expect(drawnText(drawMatrix(matrix, 1, undefined, own).svg)).toContain('Course 2');
  });

  it('sizes label boxes by the translated words: longer words crowd the timeline sooner', () => {
    const soon: TimelineEvent[] = Array.from({ length: 7 }, (_, i) => ({ when: d(2032, 1 + i, 10), label: `Step ${i + 1}`, upcoming: true }));
    const long = labelsFor('en', toOverrides({ 'drawing.upcoming': 'still to come, as planned today' }));
    const short = timelineChunks(soon, asOf);
    expect(short.map((c) => c.numbered)).toEqual([false]);
    const crowded = timelineChunks(soon, asOf, undefined, long);
    expect(crowded.length > 1 || crowded[0]!.numbered).toBe(true);
    for (const chunk of crowded) {
      const layout = layoutTimeline(chunk, asOf, undefined, long);
      for (const m of layout.marks) expect(m.box.x + m.box.width).toBeLessThanOrEqual(layout.width);
    }
  });

  it('mirrors a right-to-left drawing: the same picture with the earliest event at the right', () => {
    // Hebrew has no label set: English words, written right to left, so only the direction differs.
    const ltr = layoutTimeline(events, asOf);
    const rtl = layoutTimeline(events, asOf, undefined, labelsFor('he'));
    expect([ltr.dir, rtl.dir]).toEqual(['ltr', 'rtl']);
    expect(rtl.marks.map((m) => m.marker.cx)).toEqual(ltr.marks.map((m) => ltr.width - m.marker.cx));
    expect(rtl.marks.map((m) => m.box.x + m.box.width)).toEqual(ltr.marks.map((m) => ltr.width - m.box.x));
    expect(rtl.marks[0]!.box.lines.map((l) => l.anchor)).toEqual(ltr.marks[0]!.box.lines.map(() => 'right'));
    const svg = drawTimeline(events, asOf, undefined, labelsFor('he')).svg;
    expect(svg).toMatch(/^<svg class="v-timeline" direction="rtl"/);
    // Text anchored at its right end is SVG's default ("start") in a right-to-left drawing.
    expect(svg).not.toMatch(/<text[^>]*text-anchor="start"/);
    const grid = drawMatrix(matrix, 1, undefined, labelsFor('ar')).svg;
    const nameX = Number(/<text class="m-name"><tspan x="([\d.]+)"/.exec(grid)![1]);
    expect(nameX).toBe(1168 - 8);
  });
});
