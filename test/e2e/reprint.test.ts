/**
 * When measuring changes a deck's slides, the PDF export lays the open print view out again
 * with the new slides instead of loading their page, in a page that does not wait for display
 * frames. That must give exactly what loading the page in a browser gives: the same document,
 * every element in the same place, and the same PDF.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck } from '../../src/commands/build.js';
import { revealMarkup } from '../../src/html/render.js';
import { REPRINT_FUNCTION } from '../../src/html/runtime.js';
import { exportPdf, withPrintPage } from '../../src/pdf/export.js';
import { SLIDES, tempDir } from './helpers.js';

let pool: BrowserPool;
let work: string;

beforeAll(async () => {
  pool = new BrowserPool({ timeoutMs: 30_000 });
  work = await tempDir('reprint');
});

afterAll(async () => {
  await pool?.close();
});

/**
 * A deck's page as first estimated (`estimated.html`) and as laid out from measurement
 * (`measured.html`), side by side in one build folder with the deck's assets, and how many
 * slides each has.
 */
async function twoLayouts(deckDir: string): Promise<{ estimated: string; measured: string; slides: [number, number] }> {
  const name = path.basename(deckDir);
  const estimate = await buildDeck(deckDir, { outRoot: path.join(work, 'estimated') });
  const measure = await buildDeck(deckDir, { outRoot: path.join(work, 'measured'), pool });
  const dir = path.join(work, 'both', name);
  await mkdir(path.dirname(dir), { recursive: true });
  await cp(measure.outDir, dir, { recursive: true });
  const estimated = path.join(dir, 'estimated.html');
  const measured = path.join(dir, 'measured.html');
  const after = await readFile(measure.files.html, 'utf8');
  let before = await readFile(estimate.files.html, 'utf8');
  let slides: [number, number] = [estimate.deck.slides.length, measure.deck.slides.length];
  if (before === after) {
    // The estimate was right: lay out again from the page less its last slide instead.
    const last = after.lastIndexOf('<section ');
    before = after.slice(0, last) + after.slice(after.indexOf('</section>', last) + '</section>\n'.length);
    slides = [slides[1] - 1, slides[1]];
  }
  await writeFile(estimated, before);
  await writeFile(measured, after);
  return { estimated, measured, slides };
}

interface Snapshot {
  dom: string;
  boxes: string[];
}

/** The whole document and where each element is drawn, once the print view is ready. */
async function snapshot(page: Page): Promise<Snapshot> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.evaluate(() => ({
    dom: document.documentElement.outerHTML,
    boxes: [...document.querySelectorAll('*')].map((el) => {
      const r = el.getBoundingClientRect();
      return `${el.tagName}.${el.className} ${r.x.toFixed(2)},${r.y.toFixed(2)} ${r.width.toFixed(2)}×${r.height.toFixed(2)} ${getComputedStyle(el).fontSize}`;
    }),
  }));
}

async function openPrintView(page: Page, file: string): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    (window as unknown as { ready: Promise<void> }).ready = new Promise((resolve) =>
      window.addEventListener('pdf-ready', () => resolve(), { once: true }),
    );
  });
  await page.goto(`${pathToFileURL(file).href}?view=print`, { waitUntil: 'load' });
  await page.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
}

/**
 * `fn` on deck page `file` in the print view of a plain browser page (one that keeps its display
 * frames), closed afterwards.
 */
async function inPlainPage<T>(file: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await (await pool.browser()).newPage();
  try {
    await openPrintView(page, file);
    return await fn(page);
  } finally {
    await page.close();
  }
}

/** Each page's text runs with their font and place, as a PDF reader finds them. */
async function pdfText(bytes: Uint8Array): Promise<string[][]> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items.map((item) =>
        'str' in item ? `${item.str} @${item.transform.map((v: number) => v.toFixed(2)).join(',')} ${item.width.toFixed(2)}` : '',
      ),
    );
  }
  await doc.destroy();
  return pages;
}

describe('laying the print view out again in place', () => {
  for (const deck of ['inf-treaty', 'barrage-tessaure', 'soren-basin', 'inf-treaty-update', path.join('..', 'test', 'fixtures', 'arabic')]) {
    it(`gives the page a fresh load gives: ${path.basename(deck)}`, async () => {
      const { estimated, measured, slides } = await twoLayouts(path.join(SLIDES, deck));
      const markup = revealMarkup(await readFile(measured, 'utf8'), await readFile(estimated, 'utf8'));
      // Measuring changed the slides (the case where the export lays the page out again), and
      // nothing else in the page.
      expect(markup).toBeDefined();
      expect(markup).not.toBe(revealMarkup(await readFile(estimated, 'utf8'), await readFile(estimated, 'utf8')));

      // One page at a time: a page in the background waits for animation frames that never come.
      // The page as a browser shows it, loaded afresh…
      const want = await inPlainPage(measured, snapshot);
      // …and in a page of the export, laid out again from the estimate.
      const { value: got } = await withPrintPage(pool, estimated, async (page) => {
        await openPrintView(page, estimated);
        expect(await page.evaluate(() => document.querySelectorAll('.pdf-page').length)).toBe(slides[0]);
        await page.evaluate((name, m) => (window as unknown as Record<string, (m: string) => Promise<void>>)[name]!(m), REPRINT_FUNCTION, markup!);
        return snapshot(page);
      });
      expect(got.boxes.length).toBeGreaterThan(slides[1] * 10);
      expect(got.dom).toBe(want.dom);
      expect(got.boxes).toEqual(want.boxes);
    });
  }

  it('prints the same PDF as loading the new page', async () => {
    const { estimated, measured, slides } = await twoLayouts(path.join(SLIDES, 'inf-treaty'));
    const html = await readFile(measured, 'utf8');
    const relayout = async (_m: unknown, round: number) => (round === 0 ? { file: measured, html } : undefined);
    const loaded = await exportPdf(pool, estimated, relayout, { reload: true });
    // Laid out again in the page that printed the estimate, and then, in the page that
    // printed that, the measured page printed by itself, as a rebuild with a warm browser does.
    const inPlace = await exportPdf(pool, estimated, relayout);
    const again = await exportPdf(pool, measured);
    for (const result of [loaded, inPlace, again]) {
      expect(result.pages).toBe(slides[1]);
      expect(result.measures).toEqual(loaded.measures);
    }
    // The measured page printed as a browser shows it: loaded, with display frames.
    const printed = await inPlainPage(measured, async (page) => {
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    });
    const [want, ...got] = await Promise.all([printed, ...[loaded, inPlace, again].map((r) => r.pdf)].map((pdf) => pdfText(pdf)));
    expect(want!.length).toBe(slides[1]);
    for (const pages of got) expect(pages).toEqual(want);
  });

  it('loads the new page afresh when laying it out in place fails', async () => {
    const { estimated, measured, slides } = await twoLayouts(path.join(SLIDES, 'soren-basin'));
    // The deck's script of this folder breaks its in-place layout (the assets it names are unchanged).
    const script = path.join(path.dirname(estimated), 'assets', 'deck.js');
    await writeFile(script, (await readFile(script, 'utf8')).replace('window.briefdeckReprint = (markup) => {', "window.briefdeckReprint = (markup) => {\n      throw new Error('broken');"));
    expect(await readFile(script, 'utf8')).toContain("throw new Error('broken')");
    const html = await readFile(measured, 'utf8');
    const result = await exportPdf(pool, estimated, async (_m, round) => (round === 0 ? { file: measured, html } : undefined));
    expect(result.pages).toBe(slides[1]);
    expect((await pdfText(result.pdf)).length).toBe(slides[1]);
  });
});
