import { loadPptxGen, type Pptx } from './lib.js';
import type { Deck } from '../model/deck.js';
import { pdfInfo } from '../pdf/metadata.js';
import { drawBody } from './blocks.js';
import { BODY, FRAME, inch, pt, PX, SLIDE } from './geometry.js';
import { finishPackage } from './package.js';
import type { PptxStyle } from './style.js';
import { clean, cleanNotes } from './text.js';

const MASTER = 'BRIEFDECK';
const TITLE_MASTER = 'BRIEFDECK-TITLE';

/** The small logo in the header: 24 px tall, at most 160 px wide. */
const smallLogoWidth = (style: PptxStyle) => (style.logo ? Math.min(24 * (style.logo.width / style.logo.height), 160) : 0);

/**
 * The master every slide uses: the marking top right and bottom left, the deck title and its
 * "as of" date in the footer, the slide number, the header and footer rules, and on every slide
 * but the title the brand's small logo. A user who edits the marking or the logo edits it once.
 */
function defineMaster(pptx: Pptx, deck: Deck, style: PptxStyle, title: boolean): void {
  const c = style.colour;
  const small = { fontSize: pt(15), color: c.muted, margin: 0, valign: 'middle' as const };
  const marking = { ...small, bold: true, color: c.marking, charSpacing: 0.6 };
  const meta = [style.footer, deck.title, deck.labels.asOfFooter(deck.labels.date(deck.asOf))].filter((s): s is string => !!s).map(clean).join(' · ');
  const logo = style.logo && !title ? [{ image: { data: style.logo.data, x: inch(FRAME.x), y: inch(15), w: inch(smallLogoWidth(style)), h: inch(24), altText: 'logo' } }] : [];
  pptx.defineSlideMaster({
    title: title ? TITLE_MASTER : MASTER,
    background: { color: c.background },
    objects: [
      ...logo,
      { line: { x: inch(FRAME.x), y: inch(FRAME.headerRule), w: inch(FRAME.width), h: 0, line: { color: c.accent, width: 1.5 } } },
      { line: { x: inch(FRAME.x), y: inch(FRAME.footerRule), w: inch(FRAME.width), h: 0, line: { color: c.rule, width: 0.75 } } },
      { text: { text: clean(deck.marking), options: { ...marking, x: inch(FRAME.x + FRAME.width - 420), y: inch(14), w: inch(420), h: inch(26), align: 'right' } } },
      { text: { text: clean(deck.marking), options: { ...marking, x: inch(FRAME.x), y: inch(684), w: inch(400), h: inch(26), align: 'left', fit: 'shrink' } } },
      { text: { text: meta, options: { ...small, x: inch(FRAME.x + 410), y: inch(684), w: inch(FRAME.width - 540), h: inch(26), align: 'center', fit: 'shrink' } } },
    ],
    slideNumber: { x: inch(FRAME.x + FRAME.width - 120), y: inch(684), w: inch(120), h: inch(26), fontSize: pt(15), color: c.muted, align: 'right', margin: 0 },
  });
}

/** Starts loading pptxgenjs, for a build that will need it once the PDF is printed. */
export function preloadPptx(): void {
  loadPptxGen().catch(() => {});
}

/**
 * The deck as a PowerPoint file: one slide per deck slide, in order, each built from the deck
 * model as native, editable text boxes, tables and shapes; speaker notes in the notes pane;
 * document properties as in the PDF. The same deck gives the same bytes.
 */
export async function renderPptx(deck: Deck, theme: PptxStyle): Promise<Uint8Array> {
  const style: PptxStyle = { ...theme, lang: deck.language, labels: deck.labels, ...(deck.labels.dir === 'rtl' ? { rtl: true } : {}) };
  // Loaded here, on first use, so builds without --pptx never pay for it.
  const PptxGen = await loadPptxGen();
  const pptx = new PptxGen();
  pptx.defineLayout({ name: 'BRIEFDECK', width: SLIDE.width * PX, height: SLIDE.height * PX });
  pptx.layout = 'BRIEFDECK';
  const info = pdfInfo(deck);
  pptx.title = clean(info.title);
  pptx.author = clean(info.author);
  pptx.subject = clean(info.subject);
  pptx.company = '';
  pptx.theme = { headFontFace: 'BRIEFDECK-FONT', bodyFontFace: 'BRIEFDECK-FONT' };
  defineMaster(pptx, deck, style, true);
  defineMaster(pptx, deck, style, false);

  const kicker = { fontSize: pt(15), bold: true, color: style.colour.accent, charSpacing: 1.2 };
  const logo = style.logo;
  for (const slide of deck.slides) {
    const title = slide.section === 'title';
    const s = pptx.addSlide({ masterName: title ? TITLE_MASTER : MASTER });
    const kx = FRAME.x + (logo && !title ? smallLogoWidth(style) + 12 : 0);
    s.addText(clean(deck.labels.section[slide.section]).toUpperCase(), { ...kicker, x: inch(kx), y: inch(14), w: inch(600), h: inch(26), margin: 0, valign: 'middle' });
    let reserved = 0;
    if (logo && title) {
      // Large, above the title, as on the HTML title slide.
      const w = Math.min(96 * (logo.width / logo.height), 480);
      s.addImage({ data: logo.data, x: inch(FRAME.x), y: inch(BODY.top + 8), w: inch(w), h: inch(96), altText: 'logo' });
      reserved = 96 + 28;
    }
    drawBody(s, slide, style, title, reserved);
    if (slide.notes && slide.notes.length > 0) s.addNotes(cleanNotes(slide.notes));
  }
  const zipped = (await pptx.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
  return finishPackage(zipped, { ...info, keywords: info.keywords.map(clean) }, style);
}
