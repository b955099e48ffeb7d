import { PDFDocument, PDFName } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/package-root.js';
import { deckOutline, finishPdf, pdfInfo, type OutlineItem } from '../../src/pdf/metadata.js';
import { append, factsYaml, replace, validFacts, composeSlides } from '../helpers.js';

const facts = validFacts(
  factsYaml(
    replace('  as_of: 2020-01-15', '  as_of: 2020-01-15\n  subtitle: What the talks mean'),
    append(`timeline:
  - date: 2019
    event: Talks begin.
    sources: [src-a]
actors:
  - id: gov
    name: The Government
    stance: Holding firm.
    stance_sources: [src-a]
  - id: opp
    name: The   Opposition
    stance: Wants a vote.
    stance_sources: [src-a]
options:
  - title: Wait
    summary: Do nothing yet.
    sources: [src-a]
  - title: Act now
    summary: Call the vote.
    sources: [src-a]
`),
  ),
);
const deck = composeSlides(facts);
const pageOf = (id: string) => deck.slides.findIndex((s) => s.id === id);

/** A PDF with one blank page per slide and an outline of its own, as Chromium would print. */
async function chromiumLike(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i++) doc.addPage([1000, 562]);
  const item = doc.context.register(doc.context.obj({ Title: 'From headings' }));
  const outlines = doc.context.register(doc.context.obj({ Type: 'Outlines', First: item, Last: item, Count: 1 }));
  doc.catalog.set(PDFName.of('Outlines'), outlines);
  doc.setProducer('Skia/PDF');
  doc.setCreationDate(new Date());
  return doc.save({ useObjectStreams: false });
}

async function read(bytes: Uint8Array) {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const flatten = async (items: { title: string; dest: unknown; items: unknown[] }[]): Promise<OutlineItem[]> =>
    Promise.all(
      items.map(async (it) => ({
        title: it.title,
        page: await doc.getPageIndex((it.dest as [{ num: number; gen: number }])[0]),
        children: await flatten(it.items as never),
      })),
    );
  const outline = await flatten((await doc.getOutline()) ?? []);
  const info = (await doc.getMetadata()).info as Record<string, string>;
  await doc.destroy();
  return { outline, info };
}

describe('PDF document information', () => {
  it('comes from the facts: title, prepared by, subtitle, actors, as-of date', () => {
    const info = pdfInfo(deck);
    expect(info).toEqual({
      title: 'Test briefing',
      author: 'Test desk',
      subject: 'What the talks mean',
      keywords: ['The Government', 'The Opposition'],
      created: new Date(Date.UTC(2020, 0, 15)),
      creator: `briefdeck ${VERSION}`,
      producer: `briefdeck ${VERSION}`,
    });
    expect(pdfInfo(deck, 'handout').subject).toBe('Handout with speaker notes and sources — What the talks mean');
  });

  it('says "Briefing as of" when there is no subtitle', () => {
    const plain = composeSlides(validFacts(factsYaml()));
    expect(pdfInfo(plain).subject).toBe('Briefing as of 15 January 2020');
  });
});

describe('PDF outline', () => {
  it('has a bookmark per section at its first slide, actors and options beneath', () => {
    expect(deckOutline(deck)).toEqual([
      { title: 'Briefing', page: 0, children: [] },
      { title: 'Bottom line', page: pageOf('bottom-line'), children: [] },
      { title: 'Timeline', page: deck.slides.findIndex((s) => s.section === 'timeline'), children: [] },
      {
        title: 'Positions',
        page: pageOf('positions'),
        children: [
          { title: 'The Government', page: pageOf('actor-gov'), children: [] },
          { title: 'The Opposition', page: pageOf('actor-opp'), children: [] },
        ],
      },
      {
        title: 'Options',
        page: deck.slides.findIndex((s) => s.section === 'options'),
        children: [
          { title: 'Option 1: Wait', page: pageOf('option-1'), children: [] },
          { title: 'Option 2: Act now', page: pageOf('option-2'), children: [] },
        ],
      },
      { title: 'Sources', page: pageOf('sources'), children: [] },
    ]);
  });

  it('gives a continued actor one bookmark, at its first slide', () => {
    const long = Array.from({ length: 14 }, (_, i) => `      - { text: Action number ${i + 1} taken after long deliberation by the cabinet., sources: [src-a] }`).join('\n');
    const d = composeSlides(
      validFacts(factsYaml(append(`actors:\n  - id: gov\n    name: Gov\n    stance: Firm.\n    stance_sources: [src-a]\n    actions:\n${long}\n`))),
    );
    expect(d.slides.filter((s) => s.id.startsWith('actor-gov')).length).toBeGreaterThan(1);
    const positions = deckOutline(d).find((o) => o.title === 'Positions')!;
    expect(positions.children).toEqual([{ title: 'Gov', page: d.slides.findIndex((s) => s.id === 'actor-gov'), children: [] }]);
  });
});

describe('finishPdf', () => {
  it('writes the information and replaces the outline, deterministically', async () => {
    const info = pdfInfo(deck);
    const input = await chromiumLike(deck.slides.length);
    const first = await finishPdf(input, info, deckOutline(deck), deck.slides.length);
    const { outline, info: read1 } = await read(first);
    expect(read1).toMatchObject({
      Title: 'Test briefing',
      Author: 'Test desk',
      Subject: 'What the talks mean',
      Keywords: 'The Government; The Opposition',
      Creator: `briefdeck ${VERSION}`,
      Producer: `briefdeck ${VERSION}`,
      CreationDate: 'D:20200115000000Z',
      ModDate: 'D:20200115000000Z',
    });
    expect(outline).toEqual(deckOutline(deck));
    expect(Buffer.from(first).toString('latin1')).not.toContain('From headings');
    // The same facts and the same printed PDF give the same bytes.
    expect(await finishPdf(input, info, deckOutline(deck), deck.slides.length)).toEqual(first);
  });

  it('refuses a PDF with a page count other than the slides', async () => {
    await expect(finishPdf(await chromiumLike(2), pdfInfo(deck), deckOutline(deck), 3)).rejects.toThrow(/2 pages for 3 slides/);
  });
});
