import type { PdfInfo } from '../pdf/metadata.js';
import type { PptxStyle } from './style.js';
import { unzipFiles, zipFiles } from './zip.js';

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);

/** pitchFamily of the fallbacks: 0x20 variable pitch with 0x02 (swiss, sans) or 0x01 (roman, serif). */
const PITCH = { Arial: 34, 'Times New Roman': 18 } as const;
const PANOSE = { Arial: '020B0604020202020204', 'Times New Roman': '02020603050405020304' } as const;

/** The document properties, as the PDF's: title, author, subject, keywords, the as-of date. */
function coreXml(info: PdfInfo): string {
  const when = info.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xml(info.title)}</dc:title><dc:subject>${xml(info.subject)}</dc:subject><dc:creator>${xml(info.author)}</dc:creator>` +
    `<cp:keywords>${xml(info.keywords.join('; '))}</cp:keywords><cp:lastModifiedBy>${xml(info.creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * The theme part: the deck's font named for headings and body, with the panose class and pitch
 * family of its fallback, so PowerPoint substitutes Arial (or Times New Roman for a serif) where
 * the font is not installed; the deck's colours as the theme's accent, text and link colours,
 * so colours a user picks in PowerPoint are the deck's.
 */
function themeXml(theme: string, style: PptxStyle): string {
  const c = style.colour;
  const latin = `<a:latin typeface="${xml(style.font)}" panose="${PANOSE[style.fallback]}" pitchFamily="${PITCH[style.fallback]}" charset="0"/>`;
  const scheme: Record<string, string> = { dk2: c.text, lt2: c.fill, accent1: c.accent, accent2: c.marking, accent3: c.muted, accent4: c.upcoming, accent5: c.rule, hlink: c.accent, folHlink: c.accent };
  let out = theme.replace(/<a:latin typeface="BRIEFDECK-FONT"\/>/g, latin);
  for (const [name, colour] of Object.entries(scheme)) {
    out = out.replace(new RegExp(`<a:${name}>.*?</a:${name}>`), `<a:${name}><a:srgbClr val="${colour}"/></a:${name}>`);
  }
  return out;
}

/**
 * pptxgenjs writes a paragraph's properties before each of its runs; a paragraph may have them
 * once, first. (Text is escaped, so "<a:pPr" only ever starts an element.)
 */
function onePprPerParagraph(part: string): string {
  return part.replace(/(<\/a:r>)<a:pPr\b[^>]*?(?:\/>|>.*?<\/a:pPr>)/g, '$1');
}

/** The notes pane: one paragraph per line of the notes (pptxgenjs writes one with line breaks in it). */
function notesParagraphs(part: string): string {
  return part.replace(/(<p:ph type="body" idx="1"\/>.*?<a:p><a:r>(<a:rPr[^>]*\/>)<a:t>)([^<]*)(<\/a:t>)/s, (_m, open: string, rPr: string, text: string, close: string) =>
    open + text.split(/\r?\n/).join(`</a:t></a:r></a:p><a:p><a:r>${rPr}<a:t>`) + close,
  );
}

/**
 * Makes pptxgenjs' output final and the same for the same deck: the document properties (its
 * own take the clock's time and have no keywords), the theme's fonts and colours, valid
 * paragraphs, notes in paragraphs, and every zip entry dated the as-of day.
 */
export function finishPackage(zipped: Uint8Array, info: PdfInfo, style: PptxStyle): Uint8Array {
  const files = unzipFiles(zipped).map(({ name, data }) => {
    const edit = editOf(name, info, style);
    return edit ? { name, data: Buffer.from(edit(Buffer.from(data).toString('utf8')), 'utf8') } : { name, data };
  });
  return zipFiles(files, info.created);
}

/** How finishPackage changes the part `name`, if at all. */
function editOf(name: string, info: PdfInfo, style: PptxStyle): ((content: string) => string) | undefined {
  if (name === 'docProps/core.xml') return () => coreXml(info);
  if (name === 'ppt/theme/theme1.xml') return (content) => themeXml(content, style);
  if (/^ppt\/(slides|slideLayouts|slideMasters)\/[^/]+\.xml$/.test(name)) return onePprPerParagraph;
  if (/^ppt\/notesSlides\/[^/]+\.xml$/.test(name)) return notesParagraphs;
  return undefined;
}
