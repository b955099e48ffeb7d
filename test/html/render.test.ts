import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFacts } from '../../src/facts/load.js';
import type { Facts } from '../../src/facts/schema.js';
import { renderHtml } from '../../src/html/render.js';
import { escapeText, oneLine } from '../../src/markdown/escape.js';
import { createMarkdown } from '../../src/markdown/render.js';
import { HOSTILE, SLIDES, composeSlides } from '../helpers.js';

const escapeHtml = createMarkdown().utils.escapeHtml;
const render = (facts: Facts) => {
  const deck = composeSlides(facts);
  return { deck, html: renderHtml(deck, { generator: 'briefdeck test' }) };
};
const count = (html: string, needle: string) => html.split(needle).length - 1;
/**
 * The page without its drawings' slides: drawings are laid out from the widths of the letters
 * drawn, so a look-alike of the same length may wrap, and split into slides, differently.
 */
const undrawn = (html: string) => html.replace(/<section\b[\s\S]*?<\/section>/g, (s) => (s.includes('class="bd-visual"') ? '' : s));
const undrawnSlides = (deck: { slides: { blocks: { kind: string }[] }[] }) => deck.slides.filter((s) => !s.blocks.some((b) => b.kind === 'drawing')).length;
/**
 * The sequence of tags with their attributes, all text left out: the page's structure (its
 * drawings aside). The author meta tag's content is facts text, so it is blanked too.
 */
const structure = (html: string) => [...undrawn(html).matchAll(/<[^>]*>/g)].map((m) => m[0].replace(/ content="[^"]*"/, ' content=""'));

/** Fields an analyst writes freely; ids, references, dates, URLs and paths are left alone. */
const TEXT_KEYS = new Set([
  'title', 'subtitle', 'prepared_by', 'marking', 'audience', 'publisher', 'text', 'term', 'definition',
  'event', 'name', 'role', 'stance', 'summary', 'speaker', 'what',
]);

/** A copy of `facts` with every free-text field replaced: one-line fields by `line`, notes by `notes`. */
function replaceText(facts: Facts, line: string, notes: string): Facts {
  const walk = (value: unknown, key: string | undefined, inNotes: boolean): unknown => {
    if (typeof value === 'string') {
      if (inNotes || key === 'notes') return notes;
      return key !== undefined && (TEXT_KEYS.has(key) || key === 'pros' || key === 'cons') ? line : value;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, key, inNotes));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, walk(v, k, inNotes || (k === 'notes' && typeof v === 'object'))]),
      );
    }
    return value;
  };
  return walk(structuredClone(facts), undefined, false) as Facts;
}

/**
 * Harmless text that lays out exactly like `text`: same length, same whitespace and the same
 * escaped length (slide splitting estimates from both), using "&" – escaped, but shown as
 * itself – to make up the escapes. Comparing a deck against its look-alike isolates what the
 * hostile characters themselves do.
 */
function lookalike(text: string): string {
  const chars = [...text].map((c) => (/\s/.test(c) ? c : 'x'));
  let extra = escapeText(text).length - escapeText(chars.join('')).length;
  for (let i = 0; i < chars.length && extra > 0; i++) {
    if (chars[i] === 'x') {
      chars[i] = '&';
      extra -= 1;
    }
  }
  const result = chars.join('');
  if (result.length !== text.length || escapeText(result).length !== escapeText(text).length) {
    throw new Error(`test setup: no look-alike for ${JSON.stringify(text)}`);
  }
  return result;
}

let inf: Facts;
beforeAll(async () => {
  inf = (await loadFacts(path.join(SLIDES, 'inf-treaty'))).facts;
});

describe('renderHtml', () => {
  it('renders one section per slide, with its id, section and page number', () => {
    const { deck, html } = render(inf);
    const sections = [...html.matchAll(/<section id="([^"]+)" data-section="([^"]+)"/g)];
    expect(sections.map((m) => m[1])).toEqual(deck.slides.map((s) => s.id));
    expect(sections.map((m) => m[2])).toEqual(deck.slides.map((s) => s.section));
    expect(count(html, '</section>')).toBe(deck.slides.length);
    const total = deck.slides.length;
    expect([...html.matchAll(/<span class="bd-page">(\d+) \/ (\d+)<\/span>/g)].map((m) => `${m[1]}/${m[2]}`)).toEqual(
      deck.slides.map((_, i) => `${i + 1}/${total}`),
    );
  });

  it('sets the language, title, generator and marking of the page', () => {
    const { html } = render(inf);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB" dir="ltr">/);
    expect(html).toContain('<title>NATO after the INF Treaty</title>');
    expect(html).toContain('<meta name="generator" content="briefdeck test">');
    expect(count(html, '<span class="bd-marking">UNCLASSIFIED // FOR DISCUSSION</span>')).toBe(2 * render(inf).deck.slides.length);
  });

  it('puts speaker notes in an aside of their slide only', () => {
    const { deck, html } = render(inf);
    expect(count(html, '<aside class="notes">')).toBe(deck.slides.filter((s) => s.notes).length);
    const timeline = html.slice(html.indexOf('<section id="timeline"'), html.indexOf('<section id="positions"'));
    expect(timeline).toContain('<aside class="notes">\n<p>August 2019 is derived: six months from the US notice of 2 February.</p>\n</aside>');
  });

  it('renders citations as superscripts linking to the sources slide', () => {
    const { html } = render(inf);
    expect(html).toContain('with ranges between 500 and 5,500 km.<sup class="cite"><a href="#sources" title="Source 1">1</a></sup>');
    expect(html).not.toContain('[^1]');
  });

  it('opens http(s) source links in a new tab', () => {
    const facts = structuredClone(inf);
    facts.sources[0]!.url = 'https://example.org/story?a=1&b=2';
    expect(render(facts).html).toContain(
      '<a href="https://example.org/story?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">https://example.org/story?a=1&amp;b=2</a>',
    );
  });
});

describe('renderHtml: facts text is data, never markup', () => {
  const notesAround = (text: string) => `Before it.\n\n${text}\n\nAfter it.`;
  const attackAndBaseline = (hostile: string) => ({
    attack: render(replaceText(inf, hostile, notesAround(hostile))),
    baseline: render(replaceText(inf, lookalike(hostile), notesAround(lookalike(hostile)))),
  });

  it.each(HOSTILE)('%j in every text field changes no structure of the page', (hostile) => {
    const { attack, baseline } = attackAndBaseline(hostile);

    expect(undrawnSlides(attack.deck)).toBe(undrawnSlides(baseline.deck));
    expect(count(attack.html, '<section')).toBe(attack.deck.slides.length);
    expect(count(attack.html, '<script')).toBe(count(baseline.html, '<script')); // the page's own scripts
    expect(count(attack.html, '<img')).toBe(0);
    expect(count(attack.html, '<sup class="cite">')).toBe(count(baseline.html, '<sup class="cite">'));
    expect(attack.html).not.toMatch(/href="javascript:/i);
    expect(structure(attack.html)).toEqual(structure(baseline.html));

    const literal = escapeHtml(oneLine(hostile));
    expect(attack.html).toContain(`<h1>${literal}</h1>`); // the deck title
    expect(attack.html).toContain(`<p>${literal}</p>`); // a notes paragraph of its own
    // Wherever the look-alike shows, the hostile text shows, literally.
    expect(count(undrawn(attack.html), literal)).toBe(count(undrawn(baseline.html), escapeHtml(oneLine(lookalike(hostile)))));
  });

  it('keeps the structure when every hostile string is written into the facts at once', () => {
    const all = HOSTILE.join('\n');
    const { attack, baseline } = attackAndBaseline(all);
    expect(undrawnSlides(attack.deck)).toBe(undrawnSlides(baseline.deck));
    expect(structure(attack.html)).toEqual(structure(baseline.html));
    const slidesPart = attack.html.slice(attack.html.indexOf('<div class="slides">'), attack.html.indexOf('<script'));
    expect(slidesPart).not.toMatch(/<script|<img|<!--|<iframe/i);
    expect(slidesPart).toContain(escapeHtml('<script>alert(1)</script> </section>'));
  });

  it('leaves the slide count of the INF deck unchanged when hostile text is added to its facts', () => {
    const facts = structuredClone(inf);
    const pad = (text: string, extra: string) => `${text} ${extra}`;
    facts.meta.subtitle = HOSTILE.join('\n');
    facts.bottom_line[0]!.text = pad(facts.bottom_line[0]!.text, '</section><section>');
    facts.options![0]!.summary = '---\nNote: hi';
    facts.notes!.title = HOSTILE.join('\n\n');
    const { deck, html } = render(facts);
    expect(deck.slides.length).toBe(render(inf).deck.slides.length);
    expect(count(html, '<section')).toBe(deck.slides.length);
    expect(count(html, '<script')).toBe(count(render(inf).html, '<script'));
  });
});
