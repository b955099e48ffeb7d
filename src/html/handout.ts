import { createHash } from 'node:crypto';
import type Token from 'markdown-it/lib/token.mjs';
import { formatDate, parseDate } from '../facts/dates.js';
import type { Source } from '../facts/schema.js';
import { oneLine } from '../markdown/escape.js';
import { createMarkdown } from '../markdown/render.js';
import type { Deck, Slide } from '../model/deck.js';
import { DECK_HEIGHT, DECK_WIDTH } from './runtime.js';

/**
 * The handout: one A4 portrait page per slide, for a reader who was not in the room. Each page
 * shows the slide exactly as the deck renders it (the deck page's own `<section>` markup and
 * stylesheets, laid out as in reveal.js's print view and scaled down, so it stays vector text),
 * and below it the slide's speaker notes and the full entries of the sources it cites.
 */

export interface HandoutOptions {
  /** Generator string for the meta tag, e.g. "briefdeck 0.1.0". */
  generator: string;
}

/** Width of the slide on the page, in millimetres (A4 is 210 mm wide; 15 mm margins). */
export const HANDOUT_SLIDE_MM = 180;
const MM_PX = 96 / 25.4;
const SCALE = (HANDOUT_SLIDE_MM * MM_PX) / DECK_WIDTH;

const md = createMarkdown();
const escapeHtml = md.utils.escapeHtml;

/** The numbers of the sources a slide cites, in order, from the citation markers in its Markdown. */
export function citedSources(slide: Pick<Slide, 'markdown'>): number[] {
  const cited = new Set<number>();
  const walk = (tokens: readonly Token[]) => {
    for (const t of tokens) {
      if (t.type === 'citation') for (const n of t.meta as number[]) cited.add(n);
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(slide.markdown, {}));
  return [...cited].sort((a, b) => a - b);
}

/**
 * The `<section>` of every slide and the stylesheets of the built deck page, taken from its
 * HTML so the handout shows what the deck shows, whatever the theme or the drawings add.
 * Slides are top-level `<section>` elements that never nest: facts text cannot add markup.
 */
export function deckParts(deckHtml: string, slides: number): { sections: string[]; stylesheets: string[] } {
  const head = deckHtml.slice(0, deckHtml.indexOf('</head>'));
  const stylesheets = [...head.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]!);
  const body = deckHtml.slice(deckHtml.indexOf('<div class="slides">'));
  const sections = [...body.matchAll(/<section\b[\s\S]*?<\/section>/g)].map((m) => m[0]);
  if (sections.length !== slides) {
    throw new Error(`handout: the deck page has ${sections.length} slides, the deck ${slides}`);
  }
  return { sections, stylesheets };
}

/** The handout's own styles, inline (allowed by their hash in the page's policy). */
const HANDOUT_CSS = `
@page { size: A4 portrait; margin: 0; }
html, body { margin: 0; padding: 0; background: #ffffff; }
.hd-page {
  box-sizing: border-box; width: 210mm; height: 297mm; padding: 12mm 15mm 10mm;
  display: flex; flex-direction: column; overflow: hidden; break-after: page;
  font-family: var(--bd-font, 'Source Sans 3', sans-serif); font-size: var(--hd-size, 10.5pt);
  line-height: 1.4; color: #1b2333; background: #ffffff;
}
.hd-page:last-child { break-after: auto; }
.hd-head, .hd-foot {
  display: flex; justify-content: space-between; align-items: baseline; gap: 6mm; flex: none;
  font-size: 8pt; line-height: 1.2; color: #4a5568;
}
.hd-head { padding-bottom: 2mm; border-bottom: 0.5mm solid #123f73; margin-bottom: 5mm; }
.hd-foot { padding-top: 2mm; border-top: 0.25mm solid #c9d2de; margin-top: 4mm; }
.hd-doc { text-align: right; }
.hd-marking { font-weight: 700; letter-spacing: 0.04em; color: #8a1c1c; }
.hd-count { font-variant-numeric: tabular-nums; }
/* The slide: a ${DECK_WIDTH}×${DECK_HEIGHT} box laid out as in the print view, then scaled. */
.hd-page .hd-stage {
  flex: none; position: relative; overflow: hidden;
  width: ${HANDOUT_SLIDE_MM}mm; height: ${(HANDOUT_SLIDE_MM * DECK_HEIGHT) / DECK_WIDTH}mm;
  outline: 0.25mm solid #9aa6b8;
}
html.reveal-print .hd-stage > .reveal {
  position: absolute; left: 0; top: 0;
  width: ${DECK_WIDTH}px !important; height: ${DECK_HEIGHT}px !important;
  transform: scale(${SCALE.toFixed(6)}); transform-origin: 0 0;
}
html.reveal-print .hd-stage .reveal .slides .pdf-page {
  width: ${DECK_WIDTH}px; height: ${DECK_HEIGHT}px; break-after: auto !important; page-break-after: auto !important;
}
html.reveal-print .hd-stage .reveal .slides section { left: 0; top: 0; width: ${DECK_WIDTH}px; }
.hd-text {
  flex: 1; min-height: 0; overflow: hidden; margin-top: 6mm; overflow-wrap: anywhere;
  display: flex; flex-direction: column;
}
.hd-block { flex: none; }
/* Notes too long for the page give way, so the sources below them always show. */
.hd-notes { flex: 0 1 auto; min-height: 0; overflow: hidden; position: relative; }
.hd-notes.hd-cut::after {
  content: ''; position: absolute; left: 0; right: 0; bottom: 0; height: 2.8em;
  background: linear-gradient(rgba(255, 255, 255, 0), #ffffff);
}
.hd-more { flex: none; margin: 1mm 0 0; font-style: italic; color: #4a5568; }
.hd-text h2 {
  font-size: 8.5pt; line-height: 1.2; font-weight: 700; text-transform: uppercase; letter-spacing: 0.08em;
  color: #123f73; margin: 0 0 1.5mm;
}
.hd-block + .hd-block, .hd-more + .hd-block { margin-top: 4.5mm; }
.hd-notes p { margin: 0 0 2mm; }
.hd-sources ol { list-style: none; margin: 0; padding: 0; }
.hd-sources li { margin: 0 0 1.8mm; padding-left: 8mm; text-indent: -8mm; }
.hd-num { display: inline-block; width: 8mm; text-indent: 0; font-weight: 700; color: #123f73; font-variant-numeric: tabular-nums; }
.hd-sources a { color: #123f73; }
.hd-none { color: #4a5568; font-style: italic; }
`;

const CSP = [
  "default-src 'none'",
  `style-src 'self' 'sha256-${createHash('sha256').update(HANDOUT_CSS, 'utf8').digest('base64')}'`,
  "img-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The handout page, to be saved in the deck's build folder beside the deck page (it loads the
 * same assets) and printed. It has no script: nothing runs in it.
 */
export function renderHandout(deck: Deck, deckHtml: string, sources: readonly Source[], options: HandoutOptions): string {
  const { sections, stylesheets } = deckParts(deckHtml, deck.slides.length);
  const total = deck.slides.length;
  const marking = `<span class="hd-marking">${escapeHtml(deck.marking)}</span>`;
  const doc = `${escapeHtml(deck.title)} · Handout · as of ${escapeHtml(deck.asOf)}`;
  const pages = deck.slides.map((slide, i) => {
    const text = handoutText(slide, sources);
    return `<article class="hd-page" data-slide="${escapeHtml(slide.id)}">
<header class="hd-head">${marking}<span class="hd-doc">${doc}</span></header>
<div class="hd-stage reveal-viewport"><div class="reveal"><div class="slides"><div class="pdf-page">
${sections[i]}
</div></div></div></div>
<div class="hd-text">
${text}</div>
<footer class="hd-foot">${marking}<span class="hd-count">Slide ${i + 1} of ${total}</span></footer>
</article>`;
  });
  return `<!doctype html>
<html lang="${escapeHtml(deck.language)}" class="reveal-print print-pdf">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">
<meta name="generator" content="${escapeHtml(options.generator)}">
<meta name="author" content="${escapeHtml(deck.preparedBy)}">
<title>${escapeHtml(deck.title)} — handout</title>
${stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n')}
<style>${HANDOUT_CSS}</style>
</head>
<body>
${pages.join('\n')}
</body>
</html>
`;
}

/** Notes, then the cited sources in full; a line saying so when the slide has neither. */
function handoutText(slide: Slide, sources: readonly Source[]): string {
  const blocks: string[] = [];
  if (slide.notes) {
    blocks.push(`<div class="hd-block hd-notes">
<h2>Speaker notes</h2>
${md.render(slide.notes)}</div>`);
  }
  const cited = citedSources(slide).filter((n) => sources[n - 1] !== undefined);
  if (cited.length > 0) {
    const items = cited.map((n) => `<li><span class="hd-num">${n}</span>${sourceEntry(sources[n - 1]!)}</li>`);
    blocks.push(`<div class="hd-block hd-sources">
<h2>${cited.length === 1 ? 'Source' : 'Sources'} cited on this slide</h2>
<ol>
${items.join('\n')}
</ol>
</div>`);
  }
  if (blocks.length === 0) {
    const none = slide.section === 'sources' ? 'The slide lists every source of this briefing.' : 'No speaker notes or sources for this slide.';
    blocks.push(`<p class="hd-block hd-none">${none}</p>`);
  }
  return blocks.join('\n') + '\n';
}

/** Publisher, “Title”, date. URL — the URL a link. */
function sourceEntry(s: Source): string {
  const title = `“${escapeHtml(oneLine(s.title))}”`;
  const parts = [s.publisher === undefined ? title : `${escapeHtml(oneLine(s.publisher))}, ${title}`];
  if (s.date !== undefined) {
    const date = parseDate(s.date);
    parts.push(typeof date === 'string' ? escapeHtml(String(s.date)) : formatDate(date));
  }
  let entry = parts.join(', ') + '.';
  if (s.url) {
    const href = new URL(s.url).href;
    entry += ` <a href="${escapeHtml(href)}">${escapeHtml(href)}</a>`;
  }
  return entry;
}
