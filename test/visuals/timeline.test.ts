import { describe, expect, it } from 'vitest';
import type { PartialDate } from '../../src/facts/dates.js';
import { drawTimeline, layoutTimeline, timelineChunks, timelineSvg, type TimelineEvent } from '../../src/visuals/timeline.js';
import { heightOf, prose, textsOf, wordsIn, wordsOf } from './inspect.js';

const day = (year: number, month: number, d: number): PartialDate => ({ year, month, day: d, precision: 'day' });
const asOf = day(2025, 3, 10);

/** `n` events from 2019 to 2026, mixed precision, each label about `chars` characters. */
function events(n: number, chars: number): TimelineEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const offset = Math.floor((i * 2400) / n);
    const date = new Date(Date.UTC(2019, 6, 1) + offset * 86_400_000);
    const when: PartialDate =
      i % 5 === 3 ? { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, precision: 'month' } : day(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    return { when, label: prose(i, chars), upcoming: date.getTime() > Date.UTC(2025, 2, 10) };
  });
}

const drawn = (evs: TimelineEvent[], room?: number) => timelineChunks(evs, asOf, room).map((c) => ({ chunk: c, visual: drawTimeline(c, asOf, room) }));

describe('timeline drawings', () => {
  const cases = [
    ['3 short events', events(3, 40)],
    ['8 events of 80 characters', events(8, 80)],
    ['12 events of 120 characters', events(12, 120)],
    ['40 events of 200 characters', events(40, 200)],
  ] as const;

  for (const [name, evs] of cases) {
    describe(name, () => {
      const drawings = drawn([...evs]);

      it('sets every text at 20px or more', () => {
        for (const { visual } of drawings) {
          const texts = textsOf(visual.svg);
          expect(texts.length).toBeGreaterThan(0);
          for (const t of texts) expect(t.size, t.content).toBeGreaterThanOrEqual(20);
        }
      });

      it('adds no "…" and keeps every event once, its label whole in the drawing or in its text alternative', () => {
        expect(drawings.flatMap((d) => d.chunk.events)).toEqual(evs);
        for (const { chunk, visual } of drawings) {
          expect(visual.svg).not.toContain('…');
          expect(visual.alt).toHaveLength(chunk.events.length);
          const words = wordsOf(visual.svg);
          chunk.events.forEach((e, i) => {
            expect(visual.alt[i]).toContain(e.label);
            if (chunk.numbered) expect(words).toContain(String(chunk.numbers[i]));
            else for (const w of wordsIn(e.label)) expect(words, e.label).toContain(w);
          });
        }
      });

      it('uses the room it is given, and draws the same bytes every time', () => {
        for (const { visual } of drawings) expect(heightOf(visual.svg)).toBe(530);
        expect(drawn([...evs]).map((d) => d.visual.svg)).toEqual(drawings.map((d) => d.visual.svg));
      });
    });
  }

  it('keeps a timeline that fits in one labelled drawing', () => {
    const [only, ...rest] = timelineChunks(events(3, 40), asOf);
    expect(rest).toEqual([]);
    expect(only!.numbered).toBe(false);
  });

  it('falls back to numbered markers, numbered 1…n in order across drawings, when labels crowd', () => {
    const chunks = timelineChunks(events(40, 200), asOf);
    expect(chunks.every((c) => c.numbered)).toBe(true);
    expect(chunks.flatMap((c) => c.numbers)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const visual = drawTimeline(chunks[0]!, asOf);
    expect(visual.label).toContain('numbered as in the timeline table');
    expect(visual.alt[0]).toMatch(/^1\. /);
  });

  it('takes fewer drawings when it has more room', () => {
    // Six events on one day share a point: their labels stack away from the axis, as high as the room allows.
    const evs = events(6, 120).map((e) => ({ ...e, when: day(2024, 6, 3), upcoming: false }));
    const small = timelineChunks(evs, asOf, 530);
    const large = timelineChunks(evs, asOf, 1000);
    expect(small.length).toBeGreaterThan(1);
    expect(large).toHaveLength(1);
    expect(large[0]!.numbered).toBe(false);
    expect(heightOf(drawTimeline(large[0]!, asOf, 1000).svg)).toBe(1000);
  });

  it('draws a range and an open period as bars over their span', () => {
    const visual = drawTimeline(
      [
        { when: { year: 2020, precision: 'year' }, since: true, label: 'Sanctions in force', upcoming: false },
        { when: day(2025, 1, 5), end: day(2025, 2, 20), label: 'Inspection season', upcoming: false },
        { when: day(2025, 3, 1), label: 'Ministers meet', upcoming: false },
      ],
      asOf,
    );
    const bars = [...visual.svg.matchAll(/<rect class="v-span" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)];
    expect(bars.length).toBeGreaterThanOrEqual(2);
    expect(visual.alt[0]).toBe('since 2020: Sanctions in force');
    expect(visual.alt[1]).toBe('5 January – 20 February 2025: Inspection season');
  });

  it('lays a drawing out as primitives the SVG is written from, once per chunk', () => {
    for (const chunk of timelineChunks(events(12, 120), asOf)) {
      const layout = layoutTimeline(chunk, asOf);
      // timelineChunks laid the chunk out already; drawing it reuses that layout.
      expect(layoutTimeline(chunk, asOf)).toBe(layout);
      expect(timelineSvg(layout)).toBe(drawTimeline(chunk, asOf).svg);
      expect(layout.marks.map((m) => m.event).sort((a, b) => chunk.events.indexOf(a) - chunk.events.indexOf(b))).toEqual(chunk.events);
      const svg = timelineSvg(layout);
      expect(svg.match(/<circle/g)).toHaveLength(layout.marks.length + layout.legend.filter((l) => l.marker).length);
      const inside = (x: number, y: number) => x >= 0 && x <= layout.width && y >= 0 && y <= layout.height;
      for (const m of layout.marks) {
        const { box, leader, marker } = m;
        expect(inside(box.x, box.y) && inside(box.x + box.width, box.y + box.height)).toBe(true);
        // The leader runs from the marker to the near edge of its box.
        expect([leader.x1, leader.y1]).toEqual([marker.cx, marker.cy]);
        expect([box.y, box.y + box.height]).toContain(leader.y2);
        for (const l of box.lines) expect(l.x >= box.x && l.x <= box.x + box.width && l.y > box.y && l.y < box.y + box.height).toBe(true);
        for (const o of layout.marks) {
          if (o === m) continue;
          const apart = box.x + box.width <= o.box.x || o.box.x + o.box.width <= box.x || box.y + box.height <= o.box.y || o.box.y + o.box.height <= box.y;
          expect(apart).toBe(true);
        }
      }
    }
  });

  it('escapes text', () => {
    const visual = drawTimeline([{ when: day(2025, 1, 1), label: '<script>x</script> & "y"', upcoming: false }], asOf);
    expect(visual.svg).not.toContain('<script>');
    expect(textsOf(visual.svg).map((t) => t.content)).toContain('<script>x</script> & "y"');
  });
});
