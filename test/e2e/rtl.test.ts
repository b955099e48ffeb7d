import { cp } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, type BuildResult } from '../../src/commands/build.js';
import { FIXTURES } from '../helpers.js';
import { readPdf, squash, tempDir } from './helpers.js';

let pool: BrowserPool;
let built: BuildResult;

beforeAll(async () => {
  pool = new BrowserPool();
  const work = await tempDir('rtl');
  const deckDir = path.join(work, 'arabic');
  await cp(path.join(FIXTURES, 'arabic'), deckDir, { recursive: true });
  built = await buildDeck(deckDir, { outRoot: path.join(work, 'build'), pool });
}, 120_000);

afterAll(async () => {
  await pool?.close();
});

describe('an Arabic deck, right to left', () => {
  it('is laid out right to left in Chromium: the page, the slides, the first bullet at the right edge', async () => {
    const layout = await pool.withPage(async (page) => {
      await page.goto(`${pathToFileURL(built.files.html).href}#/bottom-line`, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return page.evaluate(() => {
        const slide = document.getElementById('bottom-line')!;
        const body = slide.querySelector<HTMLElement>('.bd-body')!.getBoundingClientRect();
        const item = slide.querySelector<HTMLElement>('li')!.getBoundingClientRect();
        const heading = slide.querySelector<HTMLElement>('h2')!;
        const range = document.createRange();
        range.selectNodeContents(heading);
        const text = range.getBoundingClientRect();
        return {
          dir: document.documentElement.dir,
          direction: getComputedStyle(slide).direction,
          reveal: document.querySelector('.reveal')!.classList.contains('rtl'),
          bodyRight: body.right,
          bodyLeft: body.left,
          itemRight: item.right,
          headingRight: text.right,
          headingLeft: text.left,
        };
      });
    });
    expect(layout.dir).toBe('rtl');
    expect(layout.direction).toBe('rtl');
    expect(layout.reveal).toBe(true);
    // The list is indented from the right; its text and the heading start at the right edge.
    expect(layout.bodyRight - layout.itemRight).toBeLessThan(60);
    expect(layout.bodyRight - layout.headingRight).toBeLessThan(4);
    expect(layout.headingLeft - layout.bodyLeft).toBeGreaterThan(200);
  });

  it('says every word briefdeck adds in Arabic, dates included, and fits every slide', async () => {
    const pdf = await readPdf(built.files.pdf!);
    expect(pdf.pages.length).toBe(built.deck.slides.length);
    // A PDF holds Arabic in visual order and presentation forms: read the words from the page.
    const pdfText = squash(pdf.pages.map((p) => p.text).join(' '));
    const pageText = await pool.withPage(async (page) => {
      await page.goto(`${pathToFileURL(built.files.html).href}?view=print`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
      // The drawings' own legends are not yet in the deck's language (see the README): the words checked here are the slides'.
      return page.evaluate(() =>
        [...document.querySelectorAll('section.bd-slide')]
          .map((s) => {
            const copy = s.cloneNode(true) as HTMLElement;
            copy.querySelectorAll('.bd-visual').forEach((v) => v.remove());
            return copy.textContent ?? '';
          })
          .join(' '),
      );
    });
    const text = squash(pageText);
    for (const word of ['الخلاصة', 'الخلفية', 'التسلسل الزمني', 'المصادر', 'الخطوات التالية', 'حتى 4 مارس 2031']) expect(text).toContain(word);
    for (const english of ['Bottom line', 'Background', 'Next steps', 'Sources', 'As of', 'Prepared by', 'Stance']) expect(text).not.toContain(english);
    for (const english of ['Bottom line', 'Background', 'Next steps', 'Prepared by', 'Stance']) expect(pdfText).not.toContain(english);
  });
});
