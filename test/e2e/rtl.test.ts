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
      // The drawings included: their legends, dates and heads are in the deck's language too.
      return page.evaluate(() => [...document.querySelectorAll('section.bd-slide')].map((s) => s.textContent ?? '').join(' '));
    });
    const text = squash(pageText);
    for (const word of ['الخلاصة', 'الخلفية', 'التسلسل الزمني', 'المصادر', 'الخطوات التالية', 'حتى 4 مارس 2031', 'سابق', 'قادم', 'الخيار 1', 'يعارض']) expect(text).toContain(word);
    for (const english of ['Bottom line', 'Background', 'Next steps', 'Sources', 'As of', 'Prepared by', 'Stance']) expect(text).not.toContain(english);
    for (const english of ['Bottom line', 'Background', 'Next steps', 'Prepared by', 'Stance']) expect(pdfText).not.toContain(english);
  });

  it('mirrors its drawings in Chromium: time runs from right to left, the actors stand on the right, every text inside its box', async () => {
    const drawn = await pool.withPage(async (page) => {
      await page.goto(`${pathToFileURL(built.files.html).href}?view=print`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return page.evaluate(() => {
        const box = (e: Element) => {
          const r = e.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: e.textContent ?? '' };
        };
        const timeline = document.querySelector('svg.v-timeline')!;
        const matrix = document.querySelector('svg.v-matrix')!;
        return {
          directions: [getComputedStyle(timeline).direction, getComputedStyle(matrix).direction],
          timeline: box(timeline),
          matrix: box(matrix),
          dates: [...timeline.querySelectorAll('tspan.v-date, tspan[class^="v-date"]')].map(box),
          // Each label and the patch of background behind it.
          labels: [...timeline.querySelectorAll('g')].map((g) => ({ back: box(g.querySelector('rect')!), text: box(g.querySelector('text')!) })),
          texts: [...timeline.querySelectorAll('text'), ...matrix.querySelectorAll('text')].map(box),
          names: [...matrix.querySelectorAll('text.m-name')].map(box),
          // A Latin run inside an Arabic label: where Chromium sets its letters and the Arabic word before it.
          mixed: (() => {
            const line = [...timeline.querySelectorAll('tspan')].find((t) => t.textContent!.includes('NDB')) as SVGTSpanElement | undefined;
            if (!line) return undefined;
            const at = (i: number) => line.getExtentOfChar(i).x;
            const content = line.textContent!;
            const latin = content.indexOf('NDB');
            return { n: at(latin), b: at(latin + 2), arabic: at(content.indexOf('بتمويل')) };
          })(),
          heads: [...matrix.querySelectorAll('tspan.m-head')].map(box),
        };
      });
    });
    expect(drawn.directions).toEqual(['rtl', 'rtl']);
    // The fixture's events: 2011, 4 March 2031, April 2031: the earliest stands furthest right.
    const date = (part: string) => drawn.dates.find((d) => d.text.includes(part))!;
    expect(date('2011').left).toBeGreaterThan(date('مارس').right);
    expect(date('مارس').left).toBeGreaterThan(date('أبريل').right);
    expect(drawn.labels.length).toBeGreaterThanOrEqual(3);
    for (const { back, text } of drawn.labels) {
      expect(text.left, text.text).toBeGreaterThanOrEqual(back.left - 1);
      expect(text.right, text.text).toBeLessThanOrEqual(back.right + 1);
    }
    for (const t of drawn.texts) {
      const within = t.left >= Math.min(drawn.timeline.left, drawn.matrix.left) - 1 && t.right <= Math.max(drawn.timeline.right, drawn.matrix.right) + 1;
      expect(within, t.text).toBe(true);
    }
    // "…بتمويل من NDB": the Latin run keeps its own order (N before B, left to right) and stands
    // after the Arabic words, so to their left.
    expect(drawn.mixed).toBeDefined();
    expect(drawn.mixed!.n).toBeLessThan(drawn.mixed!.b);
    expect(drawn.mixed!.b).toBeLessThan(drawn.mixed!.arabic);
    // The matrix: names at the right edge, option 1 right of option 2.
    for (const n of drawn.names) expect(drawn.matrix.right - n.right, n.text).toBeLessThan(20);
    expect(drawn.heads.map((h) => h.text)).toEqual(['الخيار 1', 'الخيار 2']);
    expect(drawn.heads[0]!.left).toBeGreaterThan(drawn.heads[1]!.right);
  }, 60_000);
});
