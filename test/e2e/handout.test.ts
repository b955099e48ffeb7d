import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, deckIsUpToDate, type BuildResult } from '../../src/commands/build.js';
import { createMarkdown } from '../../src/markdown/render.js';
import { citedSources, type Slide } from '../../src/model/deck.js';
import { notesMarkdown } from '../../src/markdown/serialize.js';
import { VERSION } from '../../src/package-root.js';
import { InvalidFactsError } from '../../src/errors.js';
import { fontEmbedding, readPdf, ROOT, SLIDES, squash, tempDir, type ParsedPdf } from './helpers.js';

const run = promisify(execFile);
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

/** A deck with several sources (one with a URL), notes on some slides and none on others. */
const FIXTURE = `meta:
  title: Handout test briefing
  subtitle: Notes and sources for the reader who missed the meeting
  as_of: 2024-03-05
  prepared_by: Test Analysis Desk
  marking: OFFICIAL // TEST
sources:
  - id: alpha
    publisher: Alpha Wire
    title: Ministers meet on the river accord
    date: 2024-03-04
    url: https://example.org/alpha/river-accord?part=1
  - id: beta
    publisher: Beta Daily
    title: Estmark warns over dam filling
    date: 2024-02
  - id: gamma
    publisher: Gamma Review
    title: Background to the 1998 water treaty
bottom_line:
  - text: The accord talks resume next week with both sides far apart.
    sources: [alpha, beta]
  - text: A filling schedule compromise remains possible.
    sources: [gamma]
background:
  points:
    - text: The 1998 treaty shares the river's flow by season.
      sources: [gamma]
actors:
  - id: valdoria
    name: Valdoria
    kind: country
    stance: Will start filling in June.
    stance_sources: [alpha]
    notes: Valdoria's minister spoke first; stress the June date and the drought.
  - id: estmark
    name: Estmark
    kind: country
    stance: Wants a seven-year filling schedule.
    stance_sources: [beta]
options:
  - id: slow
    title: Slow filling
    summary: Fill over seven years as Estmark asks.
    backers: [estmark]
    opponents: [valdoria]
    sources: [beta]
  - id: fast
    title: Fast filling
    summary: Fill over three years as Valdoria plans.
    backers: [valdoria]
    opponents: [estmark]
    sources: [alpha]
next_steps:
  - what: Talks resume in Port Selen.
    when: 2024-03-12
    who: [valdoria, estmark]
    sources: [alpha]
notes:
  bottom_line: Open with the gap between the two schedules, three years against seven; the arbitration clause is the fallback.
  sources: Every source here is fictional test material.
`;

interface PdfDetails {
  info: Record<string, unknown>;
  marked: boolean;
  outline: { title: string; page: number; children: { title: string; page: number }[] }[];
}

/** What a viewer shows besides the pages: document information, tagging and bookmarks. */
async function details(file: string): Promise<PdfDetails> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  type Item = { title: string; dest: unknown; items: Item[] };
  const target = async (item: Item) => {
    const dest = (typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest) as [{ num: number; gen: number }];
    return doc.getPageIndex(dest[0]);
  };
  const outline = await Promise.all(
    (((await doc.getOutline()) as Item[] | null) ?? []).map(async (item) => ({
      title: item.title,
      page: await target(item),
      children: await Promise.all(item.items.map(async (c) => ({ title: c.title, page: await target(c) }))),
    })),
  );
  const info = (await doc.getMetadata()).info as Record<string, unknown>;
  const marked = ((await doc.getMarkInfo()) as { Marked?: boolean } | null)?.Marked === true;
  await doc.destroy();
  return { info, marked, outline };
}

const md = createMarkdown();
/** The text a slide's notes show once rendered. */
function notesText(slide: Slide): string {
  const html = md.render(notesMarkdown(slide.notes ?? []));
  const text = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
  return squash(text).trim();
}

let pool: BrowserPool;
let out: string;
const built = new Map<string, BuildResult>();
const handouts = new Map<string, ParsedPdf>();
const DECKS = ['inf-treaty', 'soren-basin', 'handout-test'];

beforeAll(async () => {
  pool = new BrowserPool({ timeoutMs: 30_000 });
  out = await tempDir('handout');
  const fixture = path.join(out, 'decks', 'handout-test');
  await mkdir(fixture, { recursive: true });
  await writeFile(path.join(fixture, 'facts.yaml'), FIXTURE);
  for (const name of DECKS) {
    const dir = name === 'handout-test' ? fixture : path.join(SLIDES, name);
    const result = await buildDeck(dir, { outRoot: path.join(out, 'build'), pool, handout: true });
    built.set(name, result);
    handouts.set(name, await readPdf(result.files.handout!));
  }
});

afterAll(async () => {
  await pool?.close();
});

const deck = (name: string) => built.get(name)!;
const handout = (name: string) => handouts.get(name)!;

describe.each(DECKS)('%s handout', (name) => {
  it('has one A4 portrait page per slide, beside the deck PDF, with nothing left over', async () => {
    const { deck: model, files, outDir, blocked } = deck(name);
    expect(files.handout).toBe(path.join(outDir, `${name}-handout.pdf`));
    expect(handout(name).pages.length).toBe(model.slides.length);
    for (const page of handout(name).pages) {
      expect(page.width).toBeCloseTo(595.3, 0);
      expect(page.height).toBeCloseTo(841.9, 0);
    }
    expect(blocked).toEqual([]);
    expect(deck(name).handoutCrowded).toEqual([]);
    expect((await readdir(outDir)).filter((f) => f.includes('.tmp') || f.endsWith('.html') && f !== 'index.html')).toEqual([]);
  });

  it("shows on each page that slide's title, its speaker notes and its cited sources in full", () => {
    const { deck: model, facts } = deck(name);
    model.slides.forEach((slide, i) => {
      const text = squash(handout(name).pages[i]!.text);
      const where = `${name} page ${i + 1} (${slide.id})`;
      expect(text, where).toContain(squash(slide.title));
      expect(text, where).toContain(model.marking);
      expect(text, where).toContain(`Slide ${i + 1} of ${model.slides.length}`);
      if (slide.notes) {
        expect(text, where).toContain('SPEAKER NOTES');
        expect(text, where).toContain(notesText(slide));
      }
      for (const n of citedSources(slide)) {
        const source = facts.facts.sources[n - 1]!;
        expect(text, where).toContain(squash(`${source.publisher}, “${source.title}”`));
      }
    });
  });
});

describe('handout builds', () => {
  it('count the handout among the settings: a deck built without it is not up to date for --handout', async () => {
    const outRoot = path.join(out, 'build');
    const dir = path.join(SLIDES, 'soren-basin');
    expect(await deckIsUpToDate(dir, { outRoot, pool, handout: true })).toBe(true);
    expect(await deckIsUpToDate(dir, { outRoot, pool })).toBe(false);
  });
});

describe('handout content', () => {
  it('gives slides without notes their sources, with dates and clickable URLs', () => {
    const { deck: model } = deck('handout-test');
    const overview = model.slides.findIndex((s) => s.id === 'positions');
    expect(model.slides[overview]!.notes).toBeUndefined();
    const text = squash(handout('handout-test').pages[overview]!.text);
    expect(text).toContain('SOURCES CITED ON THIS SLIDE');
    expect(text).toContain('Alpha Wire, “Ministers meet on the river accord”, 4 March 2024. https://example.org/alpha/river-accord?part=1');
    expect(text).toContain('Beta Daily, “Estmark warns over dam filling”, February 2024.');
    expect(text).not.toContain('Gamma Review');

    const bottomLine = handout('handout-test').pages[model.slides.findIndex((s) => s.id === 'bottom-line')]!;
    expect(squash(bottomLine.text)).toContain('Gamma Review, “Background to the 1998 water treaty”.');
    expect(bottomLine.links).toContainEqual({ url: 'https://example.org/alpha/river-accord?part=1', dest: undefined });
    // The slide's own citation links still lead to the Sources slide.
    expect(bottomLine.links.filter((l) => l.dest === 'sources').length).toBe(3);
  });

  it('sets long notes smaller to keep them whole, and refuses notes too long for any page, naming them', async () => {
    const dir = path.join(out, 'decks', 'long-notes');
    await mkdir(dir, { recursive: true });
    const long = 'The minister repeated that the schedule is not negotiable, and officials concede the drought leaves little room. ';
    const facts = FIXTURE.replace(
      "    notes: Valdoria's minister spoke first; stress the June date and the drought.",
      `    notes: ${long.repeat(60).trim()}`,
    ).replace('  sources: Every source here is fictional test material.', `  background: ${long.repeat(12).trim()}`);
    await writeFile(path.join(dir, 'facts.yaml'), facts);
    // Sixty sentences fit no page: the build fails, naming the notes, and writes no handout.
    const error = await buildDeck(dir, { outRoot: path.join(out, 'build'), pool, handout: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFactsError);
    expect((error as InvalidFactsError).problems).toEqual([
      expect.objectContaining({ field: 'actors[0].notes', message: expect.stringMatching(/speaker notes of slide "Valdoria" \(#actor-valdoria\) do not fit its handout page/) }),
    ]);
    await writeFile(path.join(dir, 'facts.yaml'), facts.replace(`    notes: ${long.repeat(60).trim()}`, '    notes: Brief.'));
    const result = await buildDeck(dir, { outRoot: path.join(out, 'build'), pool, handout: true });
    const pages = (await readPdf(result.files.handout!)).pages;
    expect(pages.length).toBe(result.deck.slides.length);
    // A dozen sentences fit in smaller type, whole.
    const background = squash(pages[result.deck.slides.findIndex((s) => s.id === 'background')]!.text);
    expect(background).toContain(squash(long.repeat(12).trim()));
    expect(background).not.toContain('The notes go on');
  });

  it('keeps text selectable, fonts embedded and the file tagged', async () => {
    for (const name of DECKS) {
      const { bytes } = handout(name);
      const fonts = fontEmbedding(bytes);
      // Type 3 fonts (Chromium draws outlined SVG text with them) carry their glyphs inline.
      const type3 = (Buffer.from(bytes).toString('latin1').match(/\/Subtype\s*\/Type3\b/g) ?? []).length;
      expect(fonts.descriptors).toBeGreaterThan(0);
      expect(fonts.descriptors - fonts.embedded, name).toBeLessThanOrEqual(type3);
      expect((await details(deck(name).files.handout!)).marked).toBe(true);
    }
    expect(squash(handout('inf-treaty').pages[0]!.text)).toContain('NATO after the INF Treaty');
  });
});

describe('PDF metadata', () => {
  it.each(DECKS)('%s: both PDFs carry title, author, subject, keywords, producer and the as-of date', async (name) => {
    const { deck: model, facts, files } = deck(name);
    const asOf = String(facts.facts.meta.as_of).replace(/-/g, '');
    const expected = {
      Title: model.title,
      Author: model.preparedBy,
      Creator: `briefdeck ${VERSION}`,
      Producer: `briefdeck ${VERSION}`,
      CreationDate: `D:${asOf}000000Z`,
      ModDate: `D:${asOf}000000Z`,
    };
    const about = model.subtitle ?? `Briefing as of ${model.asOf}`;
    const main = await details(files.pdf!);
    expect(main.info).toMatchObject({ ...expected, Subject: about });
    expect(main.marked).toBe(true);
    const notes = await details(files.handout!);
    expect(notes.info).toMatchObject({ ...expected, Subject: `Handout with speaker notes and sources — ${about}` });
    const actors = (facts.facts.actors ?? []).map((a) => a.name);
    if (actors.length > 0) expect(main.info['Keywords']).toBe(actors.join('; '));
  });

  it('is the same for the same facts, whenever they are built', async () => {
    const again = await buildDeck(path.join(SLIDES, 'soren-basin'), { outRoot: path.join(out, 'again'), pool, handout: true });
    for (const file of ['pdf', 'handout'] as const) {
      expect((await details(again.files[file]!)).info).toEqual((await details(deck('soren-basin').files[file]!)).info);
    }
  });
});

describe('PDF outline', () => {
  it.each(['pdf', 'handout'] as const)('inf-treaty %s: sections, actors and options point at their slides', async (file) => {
    const { deck: model, facts, files } = deck('inf-treaty');
    const { outline } = await details(files[file]!);
    const first = (section: string) => model.slides.findIndex((s) => s.section === section);
    const at = (id: string) => model.slides.findIndex((s) => s.id === id);
    expect(outline.map((o) => o.title)).toEqual([
      'Briefing',
      'Bottom line',
      'Background',
      'Timeline',
      'Positions',
      'Options',
      'Next steps',
      'Sources',
    ]);
    for (const o of outline) {
      const section = model.slides[o.page]!.section;
      expect(o.page, o.title).toBe(first(section));
    }
    const positions = outline.find((o) => o.title === 'Positions')!;
    expect(positions.children).toEqual((facts.facts.actors ?? []).map((a) => ({ title: a.name, page: at(`actor-${a.id}`) })));
    const options = outline.find((o) => o.title === 'Options')!;
    expect(options.children.map((c) => c.title)).toEqual(
      (facts.facts.options ?? []).map((o, i) => `Option ${i + 1}: ${o.title}`),
    );
    // Each bookmark opens the page that shows its slide.
    const pages = (await readPdf(files[file]!)).pages;
    for (const o of outline.flatMap((o) => [o, ...o.children])) {
      expect(squash(pages[o.page]!.text), o.title).toContain(squash(model.slides[o.page]!.title));
    }
    for (const c of options.children) expect(model.slides[c.page]!.title).toBe(c.title);
  });

  it('fixture deck: every section present, one child per actor and option', async () => {
    const { outline } = await details(deck('handout-test').files.handout!);
    expect(outline).toEqual([
      { title: 'Briefing', page: 0, children: [] },
      { title: 'Bottom line', page: 1, children: [] },
      { title: 'Background', page: 2, children: [] },
      expect.objectContaining({
        title: 'Positions',
        children: [expect.objectContaining({ title: 'Valdoria' }), expect.objectContaining({ title: 'Estmark' })],
      }),
      expect.objectContaining({
        title: 'Options',
        children: [expect.objectContaining({ title: 'Option 1: Slow filling' }), expect.objectContaining({ title: 'Option 2: Fast filling' })],
      }),
      expect.objectContaining({ title: 'Next steps' }),
      { title: 'Sources', page: deck('handout-test').deck.slides.length - 1, children: [] },
    ]);
  });
});

describe('command line', () => {
  it('build --handout writes the handout and reports it', async () => {
    const outRoot = await tempDir('cli-handout');
    const { stdout } = await run(process.execPath, [CLI, 'build', path.join(SLIDES, 'soren-basin'), '--out', outRoot, '--handout']);
    expect(stdout).toMatch(/✓ soren-basin: \d+ slides, .*PDF, handout/);
    const parsed = await readPdf(path.join(outRoot, 'soren-basin', 'soren-basin-handout.pdf'));
    expect(parsed.pages.length).toBe(deck('soren-basin').deck.slides.length);
  });

  it('refuses --handout with --no-pdf, as a usage error', async () => {
    const result = await run(process.execPath, [CLI, 'build', path.join(SLIDES, 'soren-basin'), '--no-pdf', '--handout', '--out', await tempDir('cli-nopdf')]).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--handout');
  });
});
