import { describe, expect, it } from 'vitest';
import { drawMatrix } from '../../src/visuals/matrix.js';
import { drawTimeline } from '../../src/visuals/timeline.js';

const d = (year: number, month?: number, day?: number) =>
  ({ year, ...(month ? { month } : {}), ...(day ? { day } : {}), precision: day ? 'day' : month ? 'month' : 'year' }) as const;

describe('timeline: ranges and open starts', () => {
  const asOf = d(2032, 5, 10);
  const drawing = drawTimeline(
    [
      { when: d(2020), since: true, label: 'Sanctions in force', upcoming: false },
      { when: d(2032, 5, 1), label: 'Ministers meet', upcoming: false },
      { when: d(2032, 5, 18), end: d(2032, 5, 20), label: 'Summit', upcoming: true },
    ],
    asOf,
  );

  it('writes ranges and "since" naturally in the text alternative and the labels', () => {
    expect(drawing.alt).toEqual(['since 2020: Sanctions in force', '1 May 2032: Ministers meet', '18\u201320 May 2032 (upcoming): Summit']);
    expect(drawing.svg).toContain('18\u201320 May 2032 · upcoming');
    expect(drawing.svg).toContain('since 2020');
  });

  const spansOf = (svg: string) =>
    [...svg.matchAll(/<rect class="v-span[^"]*" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), w: Number(m[2]) }));

  it('draws an ongoing period as a span up to the as-of line', () => {
    const [ongoing, ...rest] = spansOf(drawing.svg);
    expect(rest).toEqual([]); // three days in twelve years are too short to draw as a span
    const asOfX = Number(/<line class="v-asof" x1="([\d.]+)"/.exec(drawing.svg)![1]);
    expect(ongoing!.x + ongoing!.w).toBeCloseTo(asOfX, 0);
  });

  it('draws a range as a span from its first to its last day', () => {
    const month = drawTimeline(
      [
        { when: d(2032, 5, 1), label: 'Ministers meet', upcoming: false },
        { when: d(2032, 5, 18), end: d(2032, 5, 20), label: 'Summit', upcoming: true },
      ],
      asOf,
    );
    const [span, ...rest] = spansOf(month.svg);
    expect(rest).toEqual([]);
    expect(span!.w).toBeGreaterThan(20);
    const single = drawTimeline(
      [
        { when: d(2032, 5, 1), label: 'Ministers meet', upcoming: false },
        { when: d(2032, 5, 18), label: 'Summit', upcoming: true },
      ],
      asOf,
    );
    expect(spansOf(single.svg)).toEqual([]);
  });
});

describe('matrix: backing on a condition', () => {
  const drawing = drawMatrix({
    actors: [
      { id: 'eu', name: 'European Union' },
      { id: 'us', name: 'United States' },
    ],
    options: [
      { title: 'Sanctions', backers: ['us'], conditional: [{ actor: 'eu', condition: 'with food and medicine exemptions' }] },
      { title: 'Talks', undecided: ['eu'] },
    ],
  });

  it('has its own mark in the legend and the condition as a numbered footnote', () => {
    expect(drawing.svg).toContain('backs, with conditions');
    expect(drawing.svg).toMatch(/>1<\/tspan><tspan[^>]*>European Union backs option 1 with food and medicine exemptions</);
    expect(drawing.label).toContain('half-filled circle backs with conditions');
    expect(drawing.alt[0]).toBe('European Union: backs option 1 with food and medicine exemptions; undecided on option 2');
  });

  it('leaves the legend as it was when no one backs on a condition', () => {
    const plain = drawMatrix({ actors: [{ id: 'us', name: 'US' }], options: [{ title: 'Talks', backers: ['us'] }] });
    expect(plain.svg).not.toContain('condition');
  });
});
