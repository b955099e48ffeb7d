import type Token from 'markdown-it/lib/token.mjs';
import { blockMarkdown, notesMarkdown, slideMarkdown } from '../markdown/serialize.js';
import { createMarkdown } from '../markdown/render.js';
import type { Labels } from '../labels/index.js';
import type { Block, Deck, Slide } from '../model/deck.js';
import { drawMatrix } from '../visuals/matrix.js';
import { drawTimeline } from '../visuals/timeline.js';
import { deckCsp } from './csp.js';

export interface RenderOptions {
  /** Generator string for the meta tag, e.g. "briefdeck 0.1.0". */
  generator: string;
  /** A brand: load assets/brand.css after the theme, and show its footer text on every slide. */
  brand?: { stylesheet: boolean; footer?: string };
}

const md = createMarkdown();
export const escapeHtml = md.utils.escapeHtml;

/** The navigation buttons' accessible names, which the deck's script gives reveal.js's buttons. */
function controlLabels(deck: Deck): string {
  const c = deck.labels.controls;
  return (['previous', 'next', 'above', 'below'] as const).map((k) => `data-control-${k}="${escapeHtml(c[k])}"`).join(' ');
}

/** Where the deck page's `<div class="reveal">` starts and ends (see revealMarkup). */
const REVEAL_START = '<body>\n';
const REVEAL_END = '\n<script src="assets/reveal/reveal.js"></script>';

/** The deck page. Each block's Markdown is rendered on its own, so no text can merge slides. */
export function renderHtml(deck: Deck, options: RenderOptions): string {
  const sections = renderSections(deck, options).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(deck.language)}" dir="${deck.labels.dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(deckCsp())}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(options.generator)}">
<meta name="author" content="${escapeHtml(deck.preparedBy)}">
<title>${escapeHtml(deck.title)}</title>
${stylesheets(options).map((href) => `<link rel="stylesheet" href="${href}">\n`).join('')}</head>
${REVEAL_START}<div class="reveal" ${controlLabels(deck)}>
<div class="slides">
${sections}
</div>
</div>${REVEAL_END}
<script src="assets/reveal/plugin/notes.js"></script>
<script src="assets/deck.js"></script>
</body>
</html>
`;
}

/**
 * The `<div class="reveal">…</div>` of deck page `html` when it is all that differs from deck
 * page `than`: the other slides of the same deck, the rest of the page alike.
 */
export function revealMarkup(html: string, than: string): string | undefined {
  const start = html.indexOf(REVEAL_START) + REVEAL_START.length;
  const end = html.lastIndexOf(REVEAL_END);
  if (start < REVEAL_START.length || end < start) return undefined;
  const head = html.slice(0, start);
  const tail = html.slice(end);
  if (!than.startsWith(head) || !than.endsWith(tail) || than.length < head.length + tail.length) return undefined;
  return html.slice(start, end);
}

/** The stylesheets of the deck page, in order; the handout loads the same. */
export function stylesheets(options: Pick<RenderOptions, 'brand'>): string[] {
  const list = ['assets/reveal/reveal.css', 'assets/fonts/fonts.css', 'assets/theme.css', 'assets/visuals.css'];
  return options.brand?.stylesheet ? [...list, 'assets/brand.css'] : list;
}

/** Each slide's `<section>`, as the deck page shows it. */
export function renderSections(deck: Deck, options: Pick<RenderOptions, 'brand'>): string[] {
  const total = deck.slides.length;
  return deck.slides.map((slide, i) => renderSlide(deck, slide, i + 1, total, options.brand?.footer));
}

/**
 * Marks the elements that show layout units (list items, table rows, paragraphs, quotes,
 * headings) with `data-u`, so the export can measure each unit where it is drawn.
 */
function markUnits(tokens: Token[], units: readonly string[]): void {
  let next = 0;
  let inBody = false;
  for (const t of tokens) {
    if (t.type === 'tbody_open') inBody = true;
    if (t.type === 'tbody_close') inBody = false;
    const unit =
      (t.type === 'list_item_open' && t.level === 1) ||
      (t.type === 'tr_open' && inBody) ||
      (t.type === 'blockquote_open' && t.level === 0) ||
      ((t.type === 'paragraph_open' || t.type === 'heading_open') && t.level === 0);
    if (unit && next < units.length) t.attrSet('data-u', units[next++]!);
  }
}

function blockHtml(block: Block, units: readonly string[], labels: Labels): string {
  if (block.kind === 'drawing') {
    const d = block.drawing;
    const visual =
      d.type === 'timeline'
        ? drawTimeline({ events: d.events, numbered: d.numbers !== undefined, numbers: d.numbers ?? d.events.map((_, i) => i + 1) }, d.asOf, d.room, labels)
        : drawMatrix(d, d.firstOption, d.room, labels);
    const alt = md.render(blockMarkdown(block));
    return `<figure class="bd-visual" data-u="${escapeHtml(units[0] ?? '')}" aria-label="${escapeHtml(block.label)}">${visual.svg}</figure>
<div class="bd-sr">
${alt}</div>
`;
  }
  const tokens = md.parse(blockMarkdown(block), {});
  markUnits(tokens, units);
  if (block.kind === 'table') {
    const open = tokens.find((t) => t.type === 'table_open');
    open?.attrSet('class', 'bd-table');
    const cols = block.columns.map((c) => `<col width="${(c.width * 100).toFixed(1)}%">`).join('');
    return md.renderer.render(tokens, md.options, {}).replace(/^<table([^>]*)>\n/, `<table$1>\n<colgroup>${cols}</colgroup>\n`);
  }
  return md.renderer.render(tokens, md.options, {});
}

/** The slide body: its heading, then each block. */
export function renderBody(slide: Slide, labels: Labels): string {
  const heading = md.render(slideMarkdown({ ...slide, blocks: [] }));
  return heading + slide.blocks.map((b, i) => blockHtml(b, slide.units[i] ?? [], labels)).join('');
}

function renderSlide(deck: Deck, slide: Slide, number: number, total: number, footer?: string): string {
  const marking = escapeHtml(deck.marking);
  const notes = slide.notes ? `\n<aside class="notes">\n${md.render(notesMarkdown(slide.notes))}</aside>` : '';
  const zoom = slide.zoom ? ` bd-zoom-${Math.round(slide.zoom * 100)}` : '';
  const meta = `${footer ? `${escapeHtml(footer)} · ` : ''}${escapeHtml(deck.title)} · ${escapeHtml(deck.labels.asOfFooter(deck.labels.date(deck.asOf)))}`;
  return `<section id="${escapeHtml(slide.id)}" data-section="${slide.section}" class="bd-slide bd-${slide.section}${zoom}">
<div class="bd-frame">
<header class="bd-top"><span class="bd-kicker">${escapeHtml(deck.labels.section[slide.section])}</span><span class="bd-marking">${marking}</span></header>
<div class="bd-body">
${renderBody(slide, deck.labels)}</div>
<footer class="bd-bottom"><span class="bd-marking">${marking}</span><span class="bd-meta">${meta}</span><span class="bd-page">${number} / ${total}</span></footer>
</div>${notes}
</section>`;
}
