import type { PDFDict as Dict, PDFRef as Ref } from 'pdf-lib';
import type { Deck } from '../model/deck.js';
import { VERSION } from '../package-root.js';

/** The document information of a PDF: what a viewer's "Properties" and a search index show. */
export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The facts' as-of date, not the time of the build, so the same facts give the same file. */
  created: Date;
  creator: string;
  producer: string;
}

/** A bookmark: a title and the page it opens (0-based), with bookmarks under it. */
export interface OutlineItem {
  title: string;
  page: number;
  children: OutlineItem[];
}

/** The document information and outline for a deck's PDF or its handout. */
export function pdfMeta(deck: Deck, kind: 'deck' | 'handout' = 'deck'): { info: PdfInfo; outline: OutlineItem[] } {
  return { info: pdfInfo(deck, kind), outline: deckOutline(deck) };
}

/** The document information for a deck's PDF or its handout. */
export function pdfInfo(deck: Deck, kind: 'deck' | 'handout' = 'deck'): PdfInfo {
  const L = deck.labels;
  const about = deck.subtitle ?? L.briefingAsOf(L.date(deck.asOf));
  const producer = `briefdeck ${VERSION}`;
  const { year, month, day } = deck.asOf;
  return {
    title: deck.title,
    author: deck.preparedBy,
    subject: kind === 'deck' ? about : L.handoutSubject(about),
    keywords: deck.keywords,
    // Midnight UTC of the as-of day.
    created: new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1)),
    creator: producer,
    producer,
  };
}

/**
 * The outline of a deck printed one page per slide: one bookmark per section at its first
 * slide, and under it the slides that carry an outline entry of their own (each actor in
 * Positions, each option in Options).
 */
export function deckOutline(deck: Deck): OutlineItem[] {
  const items: OutlineItem[] = [];
  let current: OutlineItem | undefined;
  let section: string | undefined;
  deck.slides.forEach((slide, page) => {
    if (slide.section !== section) {
      section = slide.section;
      current = { title: deck.labels.section[slide.section], page, children: [] };
      items.push(current);
    }
    if (slide.outline !== undefined) current!.children.push({ title: slide.outline, page, children: [] });
  });
  return items;
}

/**
 * Sets the document information and replaces the outline of a PDF Chromium printed, keeping
 * everything else as it was: text, fonts, links and the tag structure. pdf-lib is loaded on
 * first use, since only PDF exports need it.
 */
export async function finishPdf(
  pdf: Uint8Array,
  info: PdfInfo,
  outline: readonly OutlineItem[],
  expectPages?: number,
): Promise<Uint8Array> {
  const lib = await loadPdfLib();
  const { PDFDocument, PDFName, PDFHexString, PDFDict, PDFRef, PDFNumber, PDFNull, ParseSpeeds } = lib;
  // Without updateMetadata, pdf-lib leaves the producer and dates to us. By default it parses
  // and writes a few dozen objects at a time, yielding a timer tick in between (for pages that
  // must stay responsive); here that was a fifth of the work.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  if (expectPages !== undefined && doc.getPageCount() !== expectPages) {
    throw new Error(`${info.title}: printed ${doc.getPageCount()} pages for ${expectPages} slides`);
  }
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.author) doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setCreator(info.creator);
  doc.setProducer(info.producer);
  doc.setCreationDate(info.created);
  doc.setModificationDate(info.created);
  const { context, catalog } = doc;
  // setKeywords joins with spaces, which would run names like "United States" together.
  const infoDict = context.lookup(context.trailerInfo.Info, PDFDict);
  if (info.keywords.length > 0) infoDict.set(PDFName.of('Keywords'), PDFHexString.fromText(info.keywords.join('; ')));
  else infoDict.delete(PDFName.of('Keywords'));

  // Chromium's own outline (from the headings) is replaced, and its objects dropped.
  const drop = (ref: unknown) => {
    for (let r = ref; r instanceof PDFRef; ) {
      const item = context.lookup(r, PDFDict);
      drop(item.get(PDFName.of('First')));
      context.delete(r);
      r = item.get(PDFName.of('Next'));
    }
  };
  const old = catalog.get(PDFName.of('Outlines'));
  if (old instanceof PDFRef) {
    drop(context.lookup(old, PDFDict).get(PDFName.of('First')));
    context.delete(old);
  }
  catalog.delete(PDFName.of('Outlines'));

  const pages = doc.getPages();
  const targets = outline.filter((item) => pages[item.page] !== undefined);
  if (targets.length === 0) return doc.save(SAVE_OPTIONS);

  /** Writes a list of sibling bookmarks under `parent`; returns their refs and visible count. */
  const write = (list: readonly OutlineItem[], parent: Ref) => {
    const refs = list.map(() => context.nextRef());
    let visible = list.length;
    list.forEach((item, i) => {
      const kids = item.children.filter((c) => pages[c.page] !== undefined);
      const dict = context.obj({}) as Dict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parent);
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < list.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      dict.set(PDFName.of('Dest'), context.obj([pages[item.page]!.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]));
      if (kids.length > 0) {
        const sub = write(kids, refs[i]!);
        dict.set(PDFName.of('First'), sub.refs[0]!);
        dict.set(PDFName.of('Last'), sub.refs[sub.refs.length - 1]!);
        dict.set(PDFName.of('Count'), PDFNumber.of(sub.visible)); // open
        visible += sub.visible;
      }
      context.assign(refs[i]!, dict);
    });
    return { refs, visible };
  };
  const root = context.nextRef();
  const top = write(targets, root);
  context.assign(
    root,
    context.obj({ Type: 'Outlines', First: top.refs[0]!, Last: top.refs[top.refs.length - 1]!, Count: top.visible }),
  );
  catalog.set(PDFName.of('Outlines'), root);
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  return doc.save(SAVE_OPTIONS);
}

/** Object streams off (readers and the tests see plain objects); written in one go, not a few dozen objects per timer tick. */
const SAVE_OPTIONS = { useObjectStreams: false, objectsPerTick: Infinity } as const;

let pdfLib: Promise<typeof import('pdf-lib')> | undefined;

/**
 * pdf-lib, imported once. Callers that know a PDF is coming start this while Chromium launches,
 * when the process would otherwise only wait.
 */
export function loadPdfLib(): Promise<typeof import('pdf-lib')> {
  pdfLib ??= import('pdf-lib');
  return pdfLib;
}
