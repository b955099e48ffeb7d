import { createHash } from 'node:crypto';
import { notesMarkdown } from '../markdown/serialize.js';
import { createMarkdown } from '../markdown/render.js';
import { citedSources, type Deck, type Slide, type SourceEntry } from '../model/deck.js';
import { renderSections, stylesheets, type RenderOptions } from './render.js';
import { DECK_HEIGHT, DECK_WIDTH } from './runtime.js';

/**
 * The handout: one A4 portrait page per slide, for a reader who was not in the room. Each page
 * shows the slide exactly as the deck renders it (the same `<section>` markup and stylesheets,
 * laid out as in reveal.js's print view and scaled down, so it stays vector text), and below it
 * the slide's speaker notes and the full entries of the sources it cites.
 */

export interface HandoutOptions extends Pick<RenderOptions, 'brand'> {
  /** Generator string for the meta tag, e.g. "briefdeck 0.1.0". */
  generator: string;
}

/** Width of the slide on the page, in millimetres (A4 is 210 mm wide; 15 mm margins). */
export const HANDOUT_SLIDE_MM = 180;
const MM_PX = 96 / 25.4;
const SCALE = (HANDOUT_SLIDE_MM * MM_PX) / DECK_WIDTH;

const md = createMarkdown();
const escapeHtml = md.utils.escapeHtml;

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
export function renderHandout(deck: Deck, options: HandoutOptions): string {
  const sections = renderSections(deck, options);
  const L = deck.labels;
  const total = deck.slides.length;
  const marking = `<span class="hd-marking">${escapeHtml(deck.marking)}</span>`;
  const doc = escapeHtml(L.handoutDoc(deck.title, L.date(deck.asOf)));
  const pages = deck.slides.map((slide, i) => {
    const text = handoutText(deck, slide);
    return `<article class="hd-page" data-slide="${escapeHtml(slide.id)}">
<header class="hd-head">${marking}<span class="hd-doc">${doc}</span></header>
<div class="hd-stage reveal-viewport"><div class="reveal"><div class="slides"><div class="pdf-page">
${sections[i]}
</div></div></div></div>
<div class="hd-text">
${text}</div>
<footer class="hd-foot">${marking}<span class="hd-count">${escapeHtml(L.slideOf(i + 1, total))}</span></footer>
</article>`;
  });
  return `<!doctype html>
<html lang="${escapeHtml(deck.language)}" dir="${deck.labels.dir}" class="reveal-print print-pdf">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">
<meta name="generator" content="${escapeHtml(options.generator)}">
<meta name="author" content="${escapeHtml(deck.preparedBy)}">
<title>${escapeHtml(L.handoutTitle(deck.title))}</title>
${stylesheets(options).map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n')}
<style>${HANDOUT_CSS}</style>
</head>
<body>
${pages.join('\n')}
</body>
</html>
`;
}

/** Notes, then the cited sources in full; a line saying so when the slide has neither. */
function handoutText(deck: Deck, slide: Slide): string {
  const L = deck.labels;
  const blocks: string[] = [];
  if (slide.notes) {
    blocks.push(`<div class="hd-block hd-notes">
<h2>${escapeHtml(L.speakerNotes)}</h2>
${md.render(notesMarkdown(slide.notes))}</div>`);
  }
  const cited = citedSources(slide)
    .map((n) => deck.sources[n - 1])
    .filter((s): s is SourceEntry => s !== undefined);
  if (cited.length > 0) {
    const items = cited.map((s) => `<li><span class="hd-num">${s.number}</span>${sourceEntry(deck, s)}</li>`);
    blocks.push(`<div class="hd-block hd-sources">
<h2>${escapeHtml(L.sourcesCited(cited.length))}</h2>
<ol>
${items.join('\n')}
</ol>
</div>`);
  }
  if (blocks.length === 0) {
    const none = slide.section === 'sources' ? L.allSourcesListed : L.noNotes;
    blocks.push(`<p class="hd-block hd-none">${escapeHtml(none)}</p>`);
  }
  return blocks.join('\n') + '\n';
}

/** Publisher, “Title” (in the language's quotation marks), date. URL — the URL a link. */
function sourceEntry(deck: Deck, s: SourceEntry): string {
  const [open, close] = deck.labels.quoteMarks;
  const title = `${open}${escapeHtml(s.title)}${close}`;
  const parts = [s.publisher ? `${escapeHtml(s.publisher)}, ${title}` : title];
  if (s.date) parts.push(escapeHtml(deck.labels.date(s.date)));
  let entry = parts.join(', ') + '.';
  if (s.url) entry += ` <a href="${escapeHtml(s.url)}">${escapeHtml(s.url)}</a>`;
  return entry;
}
