import { describe, expect, it } from 'vitest';
import { renderHandout } from '../../src/html/handout.js';
import { renderHtml, renderSections } from '../../src/html/render.js';
import { citedSources } from '../../src/model/deck.js';
import { append, factsYaml, HOSTILE, replace, validFacts, composeSlides } from '../helpers.js';

const SOURCES = `  - id: src-b
    publisher: Second Paper
    title: Second headline
    date: 2020-01
    url: https://example.org/b?x=1&y=2
  - id: src-c
    publisher: Third Wire
    title: Third headline
`;

const facts = validFacts(
  factsYaml(
    replace('bottom_line:', `${SOURCES}bottom_line:`),
    replace('  - text: Second judgement.\n    sources: [src-a]', '  - text: Second judgement.\n    sources: [src-c, src-b]'),
    append(`actors:
  - id: gov
    name: The Government
    stance: Holding firm.
    stance_sources: [src-b]
    notes: The minister spoke first.
notes:
  bottom_line: Lead with the second point.
`),
  ),
);
const deck = composeSlides(facts);
const html = renderHtml(deck, { generator: 'briefdeck test' });
const handout = renderHandout(deck, { generator: 'briefdeck test' });
const pages = handout.split('<article class="hd-page"').slice(1);

describe('handout page', () => {
  it('lists the sources each slide cites, by number, from the deck model', () => {
    const cited = Object.fromEntries(deck.slides.map((s) => [s.id, citedSources(s)]));
    expect(cited['title']).toEqual([]);
    expect(cited['bottom-line']).toEqual([1, 2, 3]);
    expect(cited['actor-gov']).toEqual([2]);
    expect(cited['sources']).toEqual([]);
  });

  it('has one page per slide, each with the deck page’s own slide markup', () => {
    for (const section of renderSections(deck, {})) expect(html).toContain(section);
    expect(pages.length).toBe(deck.slides.length);
    const sections = renderSections(deck, {});
    pages.forEach((page, i) => {
      expect(page).toContain(`data-slide="${deck.slides[i]!.id}"`);
      expect(page).toContain(sections[i]);
      expect(page).toContain(`Slide ${i + 1} of ${deck.slides.length}`);
    });
  });

  it('uses the deck page’s stylesheets and runs no script', () => {
    for (const href of ['assets/reveal/reveal.css', 'assets/fonts/fonts.css', 'assets/theme.css']) {
      expect(handout).toContain(`<link rel="stylesheet" href="${href}">`);
    }
    expect(handout).not.toMatch(/<script/i);
    expect(handout).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });

  it('puts notes and full source entries under the slide; slides without notes still get their sources', () => {
    const bottomLine = pages[deck.slides.findIndex((s) => s.id === 'bottom-line')]!;
    expect(bottomLine).toContain('Speaker notes');
    expect(bottomLine).toContain('Lead with the second point.');
    expect(bottomLine).toContain('Sources cited on this slide');
    expect(bottomLine).toContain('Example News, “Example headline”.');
    expect(bottomLine).toContain('Second Paper, “Second headline”, January 2020. <a href="https://example.org/b?x=1&amp;y=2">');
    expect(bottomLine).toContain('Third Wire, “Third headline”.');
    const overview = pages[deck.slides.findIndex((s) => s.id === 'positions')]!;
    expect(overview).not.toContain('Speaker notes');
    expect(overview).toContain('Source cited on this slide');
    expect(overview).toContain('Second Paper');
    expect(overview).not.toContain('Third Wire');
  });

  it('says so when a slide has neither notes nor sources', () => {
    const sources = pages[deck.slides.findIndex((s) => s.id === 'sources')]!;
    expect(sources).toContain('The slide lists every source of this briefing.');
  });

  it('keeps facts text as text: hostile notes, names and sources add no markup or pages', () => {
    for (const text of HOSTILE) {
      const quoted = JSON.stringify(text);
      const hostile = validFacts(
        factsYaml(
          replace('publisher: Example News', `publisher: ${quoted}`),
          replace('title: Example headline', `title: ${quoted}`),
          append(`notes:\n  bottom_line: ${quoted}\n  title: ${quoted}\n`),
        ),
      );
      const d = composeSlides(hostile);
      const page = renderHandout(d, { generator: 'x' });
      expect(page.split('<article class="hd-page"').length - 1, text).toBe(d.slides.length);
      expect(page, text).not.toMatch(/<(script|img)\b|<[^>]*\sonerror=|href="javascript/i);
    }
  });

});
