import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../src/markdown/render.js';
import type { Deck, Slide } from '../../src/model/deck.js';
import { renderHtml } from '../../src/html/render.js';
import { append, factsYaml, replace, validFacts, type Edit, composeSlides } from '../helpers.js';

const deckOf = (...edits: Edit[]) => composeSlides(validFacts(factsYaml(...edits)));
const hasDrawing = (s: Slide) => s.blocks.some((b) => b.kind === 'drawing');
const ids = (deck: Deck) => deck.slides.map((s) => s.id);
const titles = (deck: Deck, section: string) => deck.slides.filter((s) => s.section === section).map((s) => s.title);
const slide = (deck: Deck, id: string) => {
  const found = deck.slides.find((s) => s.id === id);
  if (!found) throw new Error(`no slide ${id} in ${ids(deck).join(', ')}`);
  return found;
};
/** Rows of the Markdown tables of a slide, without the header and rule. */
const tableRows = (markdown: string) => markdown.split('\n').filter((l) => l.startsWith('| ') && !/^\| (Date|---|When|#|Actor|For) /.test(l));

const timelineEvent = (date: string, event: string) => `  - date: ${date}\n    event: ${event}\n    sources: [src-a]\n`;
const manyPoints = (n: number) =>
  append(
    'background:\n  points:\n' +
      Array.from({ length: n }, (_, i) => `    - text: Background point number ${i + 1} is a sentence long enough to take a line of the slide.\n      sources: [src-a]\n`).join(''),
  );

describe('composeSlides: sections', () => {
  it('leaves out sections that have no facts', () => {
    const deck = deckOf();
    expect(ids(deck)).toEqual(['title', 'bottom-line', 'sources']);
    expect(deck.slides.some((s) => s.section === 'options' || s.section === 'timeline' || s.section === 'positions')).toBe(false);
  });

  it('presents sections in briefing order', () => {
    const deck = deckOf(
      append(`next_steps:
  - what: Meet again.
    sources: [src-a]
options:
  - title: Wait
    summary: Do nothing yet.
    sources: [src-a]
actors:
  - id: gov
    name: Gov
    stance: Firm.
timeline:
${timelineEvent('2019', 'Start.')}background:
  points:
    - text: Context.
      sources: [src-a]
`),
    );
    expect([...new Set(deck.slides.map((s) => s.section))]).toEqual([
      'title',
      'bottom-line',
      'background',
      'timeline',
      'positions',
      'options',
      'next-steps',
      'sources',
    ]);
  });

  it('gives a single option its own slide without an overview', () => {
    const deck = deckOf(append('options:\n  - title: Wait\n    summary: Do nothing yet.\n    sources: [src-a]\n'));
    expect(titles(deck, 'options')).toEqual(['Option: Wait']);
    expect(ids(deck)).toContain('option-1');
  });

  it('numbers several options, with an overview naming backers and opponents', () => {
    const deck = deckOf(
      append(`actors:
  - id: gov
    name: The Government
    stance: Firm.
options:
  - id: wait
    title: Wait
    summary: Do nothing yet.
    backers: [gov]
    sources: [src-a]
  - title: Act
    summary: Do something.
    opponents: [gov]
    sources: [src-a]
`),
    );
    expect(titles(deck, 'options')).toEqual(['Who backs which option', 'Option 1: Wait', 'Option 2: Act']);
    expect(ids(deck).filter((id) => id.startsWith('option'))).toEqual(['options', 'option-wait', 'option-2']);
    // The drawn matrix, with its text alternative as the slide's Markdown.
    const matrix = slide(deck, 'options');
    const drawing = matrix.blocks.find((b) => b.kind === 'drawing');
    expect(drawing?.kind === 'drawing' && drawing.drawing.type).toBe('matrix');
    expect(matrix.markdown).toBe('## Who backs which option\n\n- The Government: backs option 1; opposes option 2');
  });

  it('lists options in a table when no actor positions are known', () => {
    const deck = deckOf(
      append(`options:
  - { title: Wait, summary: Do nothing yet., sources: [src-a] }
  - { title: Act, summary: Do something., sources: [src-a] }
`),
    );
    expect(titles(deck, 'options')).toEqual(['Options at a glance', 'Option 1: Wait', 'Option 2: Act']);
    expect(tableRows(slide(deck, 'options').markdown)).toEqual(['| 1 | Wait | — | — |', '| 2 | Act | — | — |']);
  });
});

describe('composeSlides: slide ids', () => {
  it('gives every slide a unique id, even when an option id looks like a position', () => {
    // Slide ids become HTML ids and #/links: two slides must never share one.
    const deck = deckOf(
      append(`options:
  - id: "2"
    title: First
    summary: a
    sources: [src-a]
  - title: Second, without id
    summary: b
    sources: [src-a]
`),
    );
    expect(new Set(ids(deck)).size).toBe(deck.slides.length);
  });
});

describe('composeSlides: timeline', () => {
  const withTimeline = (...events: string[]) => deckOf(append('timeline:\n' + events.join('')));

  it('sorts events, marks those after as_of as upcoming and inserts an "As of this briefing" row before them', () => {
    const deck = withTimeline(
      timelineEvent('2020-03', 'Later.'),
      timelineEvent('2020-01-15', 'Same day.'),
      timelineEvent('2019', 'Long ago.'),
      timelineEvent('2020-01-16', 'Next day.'),
      timelineEvent('2020-01', 'This month.'),
    );
    expect(tableRows(slide(deck, 'timeline').markdown)).toEqual([
      '| 2019 | Long ago.[^1] |',
      '| Jan 2020 | This month.[^1] |',
      '| 15 Jan 2020 | Same day.[^1] |',
      '| **15 Jan 2020** | **As of this briefing** |',
      '| 16 Jan 2020 *(upcoming)* | Next day.[^1] |',
      '| Mar 2020 *(upcoming)* | Later.[^1] |',
    ]);
  });

  it('has no "As of" row when nothing is upcoming, and puts it first when everything is', () => {
    const past = slide(withTimeline(timelineEvent('2019', 'Past.')), 'timeline').markdown;
    expect(past).not.toContain('As of this briefing');
    expect(past).not.toContain('upcoming');
    const future = tableRows(slide(withTimeline(timelineEvent('2021', 'Future.'), timelineEvent('2022', 'Further.')), 'timeline').markdown);
    expect(future[0]).toBe('| **15 Jan 2020** | **As of this briefing** |');
    expect(future.filter((r) => r.includes('As of this briefing'))).toHaveLength(1);
  });

  it('keeps events of the same date in the order written', () => {
    const rows = tableRows(slide(withTimeline(timelineEvent('2019-05-01', 'B first.'), timelineEvent('2019-05-01', 'A second.')), 'timeline').markdown);
    expect(rows).toEqual(['| 1 May 2019 | B first.[^1] |', '| 1 May 2019 | A second.[^1] |']);
  });

  it('splits a long timeline into continued slides, each with the table header, marking as_of once', () => {
    const events = Array.from({ length: 40 }, (_, i) => timelineEvent(String(1990 + i), `Event number ${i + 1}.`));
    const deck = withTimeline(...events);
    const pages = deck.slides.filter((s) => s.section === 'timeline' && !hasDrawing(s));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p) => p.title)).toEqual(pages.map((_, i) => `Timeline (${i + 1}/${pages.length})`));
    for (const p of pages) expect(p.markdown).toContain('| Date | Event |\n| --- | --- |');
    const rows = pages.flatMap((p) => tableRows(p.markdown));
    expect(rows.filter((r) => r.includes('As of this briefing'))).toHaveLength(1);
    expect(rows.filter((r) => r.includes('Event number')).map((r) => /Event number (\d+)/.exec(r)![1])).toEqual(
      Array.from({ length: 40 }, (_, i) => String(i + 1)),
    );
  });

  it('draws the timeline first, numbered when labels crowd, every event once and in order', () => {
    // Thirty events within one month crowd any drawing: numbered markers, the table their key.
    const events = Array.from({ length: 30 }, (_, i) => timelineEvent(`2019-03-${String(1 + i).padStart(2, '0')}`, `Event ${i + 1}. A longer account of what happened on that day.`));
    const deck = withTimeline(...events);
    const charts = deck.slides.filter((s) => s.section === 'timeline' && hasDrawing(s));
    expect(deck.slides.findIndex((s) => hasDrawing(s))).toBe(deck.slides.findIndex((s) => s.section === 'timeline'));
    expect(charts.map((c) => c.title)).toEqual(charts.length === 1 ? ['Timeline at a glance'] : charts.map((_, i) => `Timeline at a glance (${i + 1}/${charts.length})`));
    const rows = deck.slides.filter((s) => s.section === 'timeline' && !hasDrawing(s)).flatMap((p) => tableRows(p.markdown));
    const numbered = rows.flatMap((r) => (/^\| (\d+) \| .*Event (\d+)\./.exec(r) ?? []).slice(1, 3));
    expect(numbered).toEqual(Array.from({ length: 30 }, (_, i) => [String(i + 1), String(i + 1)]).flat());
    const listed = charts.flatMap((c) => [...c.markdown.matchAll(/Event (\d+)\./g)].map((m) => Number(m[1])));
    expect([...listed].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const c of charts) expect(renderHtml({ ...deck, slides: [c] }, { generator: 'test' })).toContain('class="v-asof"');
  });
});

describe('composeSlides: long lists', () => {
  it('splits into continuation slides titled (1/2), (2/2) with every item once, in order', () => {
    const deck = deckOf(manyPoints(24));
    const pages = deck.slides.filter((s) => s.section === 'background');
    expect(pages.map((p) => p.title)).toEqual(pages.map((_, i) => `Background (${i + 1}/${pages.length})`));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.map((p) => p.id)).toEqual(pages.map((_, i) => (i === 0 ? 'background' : `background-${i + 1}`)));
    expect(pages[0]!.markdown.startsWith(`## Background (1/${pages.length})\n`)).toBe(true);
    const numbers = pages.flatMap((p) => [...p.markdown.matchAll(/point number (\d+)/g)].map((m) => Number(m[1])));
    expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('does not split a list that fits, and keeps titles plain', () => {
    expect(titles(deckOf(manyPoints(3)), 'background')).toEqual(['Background']);
  });

  it('puts section notes on the first slide of the section only', () => {
    const deck = deckOf(manyPoints(24), replace('bottom_line:', 'notes:\n  background: Say this first.\nbottom_line:'));
    const pages = deck.slides.filter((s) => s.section === 'background');
    expect(pages.map((p) => p.notes)).toEqual([['Say this first.'], ...pages.slice(1).map(() => undefined)]);
  });
});

describe('composeSlides: sources and citations', () => {
  const twoSources = replace(
    'sources:\n  - id: src-a',
    'sources:\n  - id: src-b\n    publisher: B Wire\n    title: B story\n    date: 2020-01-02\n    url: https://example.org/b?x=1&y=2\n  - id: src-a',
  );

  it('numbers sources in declaration order, and citations use those numbers', () => {
    const deck = deckOf(twoSources, replace('    sources: [src-a]\n  - text: Second', '    sources: [src-a, src-b, src-a]\n  - text: Second'));
    const sources = slide(deck, 'sources').markdown.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(sources).toEqual([
      '1. B Wire, “B story”, 2 January 2020. <https://example.org/b?x=1&y=2>',
      '2. Example News, “Example headline”. *(quotes checked against a local copy)*',
    ]);
    expect(slide(deck, 'bottom-line').markdown).toContain('1. First judgement.[^1,2]\n2. Second judgement.[^2]');
  });

  it('continues the numbering of sources across continuation slides', () => {
    const extra = Array.from({ length: 30 }, (_, i) => `  - id: s${i + 1}\n    publisher: Publisher ${i + 1}\n    title: A headline long enough to fill most of one line on the sources slide ${i + 1}\n`).join('');
    const deck = deckOf(replace('bottom_line:', extra.trimEnd() + '\nbottom_line:'));
    const pages = deck.slides.filter((s) => s.section === 'sources');
    expect(pages.length).toBeGreaterThan(1);
    const numbers = pages.flatMap((p) => [...p.markdown.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1])));
    expect(numbers).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
  });

  it('renders citations as superscripts linking to the sources slide', () => {
    const deck = deckOf(twoSources, replace('    sources: [src-a]\n  - text: Second', '    sources: [src-b, src-a]\n  - text: Second'));
    const html = createMarkdown().render(slide(deck, 'bottom-line').markdown);
    expect(html).toContain(
      'First judgement.<sup class="cite"><a href="#sources" title="Source 1">1</a>,<a href="#sources" title="Source 2">2</a></sup>',
    );
    expect(html).toContain('Second judgement.<sup class="cite"><a href="#sources" title="Source 2">2</a></sup>');
  });
});

describe('composeSlides: next steps and actors', () => {
  it('orders next steps by date, undated last, naming actors', () => {
    const deck = deckOf(
      append(`actors:
  - id: gov
    name: Gov
    stance: Firm.
next_steps:
  - what: Undated.
    sources: [src-a]
  - what: Later.
    when: 2020-06
    who: [gov]
    sources: [src-a]
  - what: Sooner.
    when: 2020-02-01
    sources: [src-a]
`),
    );
    expect(tableRows(slide(deck, 'next-steps').markdown)).toEqual([
      '| 1 Feb 2020 | Sooner.[^1] | — |',
      '| Jun 2020 | Later.[^1] | Gov |',
      '| Not set | Undated.[^1] | — |',
    ]);
  });

  it('gives each actor a slide after the overview, with speakers, stance and quotes', () => {
    const deck = deckOf(
      append(`actors:
  - id: gov
    name: The Government
    speakers:
      - name: Jo Minister
        role: Minister
    stance: Holding firm.
    quotes:
      - text: We will not retreat
        speaker: Jo Minister
        date: 2020-01-10
        source: src-a
`),
    );
    expect(ids(deck)).toEqual(['title', 'bottom-line', 'positions', 'actor-gov', 'sources']);
    const md = slide(deck, 'actor-gov').markdown;
    expect(md).toContain('**Speaking for The Government:** Jo Minister (Minister)');
    expect(md).toContain('> “We will not retreat”\n>\n> — Jo Minister, 10 Jan 2020[^1]');
  });

  it('describes the deck for the page furniture', () => {
    const deck = deckOf(replace('  title: Test briefing', '  title: Test\n    briefing'));
    expect(deck).toMatchObject({ title: 'Test briefing', asOf: { year: 2020, month: 1, day: 15 }, marking: 'UNCLASSIFIED', language: 'en' });
    expect(deck.labels.date(deck.asOf)).toBe('15 January 2020');
  });
});
