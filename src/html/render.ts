import type { Deck, Slide } from '../model/deck.js';
import { SECTION_LABELS } from '../model/deck.js';
import { createMarkdown } from '../markdown/render.js';
import { deckCsp } from './csp.js';

export interface RenderOptions {
  /** Generator string for the meta tag, e.g. "briefdeck 0.1.0". */
  generator: string;
  /** A brand: load assets/brand.css after the theme, and show its footer text on every slide. */
  brand?: { stylesheet: boolean; footer?: string };
}

const md = createMarkdown();
const escapeHtml = md.utils.escapeHtml;

/** The deck page. Each slide's Markdown is rendered on its own, so no text can merge slides. */
export function renderHtml(deck: Deck, options: RenderOptions): string {
  const total = deck.slides.length;
  const sections = deck.slides.map((slide, i) => renderSlide(deck, slide, i + 1, total, options.brand?.footer)).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(deck.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(deckCsp())}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(options.generator)}">
<meta name="author" content="${escapeHtml(deck.preparedBy)}">
<title>${escapeHtml(deck.title)}</title>
<link rel="stylesheet" href="assets/reveal/reveal.css">
<link rel="stylesheet" href="assets/fonts/fonts.css">
<link rel="stylesheet" href="assets/theme.css">
<link rel="stylesheet" href="assets/visuals.css">
${options.brand?.stylesheet ? '<link rel="stylesheet" href="assets/brand.css">\n' : ''}</head>
<body>
<div class="reveal">
<div class="slides">
${sections}
</div>
</div>
<script src="assets/reveal/reveal.js"></script>
<script src="assets/reveal/plugin/notes.js"></script>
<script src="assets/deck.js"></script>
</body>
</html>
`;
}

/**
 * The slide body. With a drawing, the heading is followed by the figure, and the rest of the
 * Markdown (its text alternative) is kept for screen readers only.
 */
function renderBody(slide: Slide): string {
  if (!slide.visual) return md.render(slide.markdown);
  const split = slide.markdown.indexOf('\n\n');
  const heading = split < 0 ? slide.markdown : slide.markdown.slice(0, split);
  const rest = split < 0 ? '' : slide.markdown.slice(split + 2);
  return `${md.render(heading)}<figure class="bd-visual" aria-label="${escapeHtml(slide.visual.label)}">${slide.visual.svg}</figure>
<div class="bd-sr">
${md.render(rest)}</div>
`;
}

function renderSlide(deck: Deck, slide: Slide, number: number, total: number, footer?: string): string {
  const marking = escapeHtml(deck.marking);
  const notes = slide.notes ? `\n<aside class="notes">\n${md.render(slide.notes)}</aside>` : '';
  const zoom = slide.zoom ? ` bd-zoom-${Math.round(slide.zoom * 100)}` : '';
  return `<section id="${escapeHtml(slide.id)}" data-section="${slide.section}" class="bd-slide bd-${slide.section}${zoom}">
<div class="bd-frame">
<header class="bd-top"><span class="bd-kicker">${escapeHtml(SECTION_LABELS[slide.section])}</span><span class="bd-marking">${marking}</span></header>
<div class="bd-body">
${renderBody(slide)}</div>
<footer class="bd-bottom"><span class="bd-marking">${marking}</span><span class="bd-meta">${footer ? `${escapeHtml(footer)} · ` : ''}${escapeHtml(deck.title)} · as of ${escapeHtml(deck.asOf)}</span><span class="bd-page">${number} / ${total}</span></footer>
</div>${notes}
</section>`;
}
