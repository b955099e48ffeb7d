import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserPool } from '../browser/pool.js';
import { BriefdeckError, ExitCode } from '../errors.js';
import { renderHandout } from '../html/handout.js';
import type { RenderOptions } from '../html/render.js';
import type { Deck } from '../model/deck.js';
import { StagedFile } from '../output/atomic.js';
import { VERSION } from '../package-root.js';
import { step, withPrintPage } from './export.js';
import { deckOutline, finishPdf, pdfInfo } from './metadata.js';

/** A handout page whose notes do not fit below the slide even in the smallest type, and were cut short. */
export interface HandoutCrowding {
  id: string;
  title: string;
}

export interface HandoutResult {
  pdf: Uint8Array;
  /** Pages whose notes were cut short. */
  crowded: HandoutCrowding[];
  /** Requests that would have left the deck folder, blocked. */
  blocked: string[];
}

/** Type sizes tried for the notes and sources, largest first, until they fit on the page. */
const TYPE_SIZES_PT = [10.5, 10, 9.5, 9, 8.5, 8];

/**
 * Prints the handout of a deck built in `outDir`: the handout page is written beside the deck
 * page (it loads the same assets), printed in a reused print page confined to the build folder,
 * and removed; the PDF gets the document information and outline. Browser faults become an
 * error that names the deck.
 */
export async function printHandout(
  pool: BrowserPool,
  build: { outDir: string; name: string; deck: Deck; brand?: RenderOptions['brand'] },
): Promise<HandoutResult> {
  const { outDir, name, deck } = build;
  const html = renderHandout(deck, { generator: `briefdeck ${VERSION}`, ...(build.brand ? { brand: build.brand } : {}) });
  const page = new StagedFile(path.join(outDir, `${name}-handout.html`), '.html');
  try {
    await page.write(html);
    const ms = pool.timeoutMs;
    const { value, blocked } = await withPrintPage(pool, page.temp, async (p) => {
      await step('loading the handout', ms, p.goto(pathToFileURL(page.temp).href, { waitUntil: 'load' }));
      await step('waiting for the fonts', ms, p.evaluate(() => document.fonts.ready.then(() => undefined)));
      // Files the handout's policy refused before any request was made count as blocked too.
      const refused = await step('reading the handout', ms, p.evaluate(() => window.__briefdeckRefused ?? []));
      await step('setting up the handout', ms, p.emulateMediaType('print'));
      try {
        const crowded = await step('fitting the notes', ms, p.evaluate((sizes, more) => {
          const out: { id: string; title: string }[] = [];
          for (const sheet of document.querySelectorAll<HTMLElement>('.hd-page')) {
            const text = sheet.querySelector<HTMLElement>('.hd-text')!;
            const notes = sheet.querySelector<HTMLElement>('.hd-notes');
            const whole = (el: HTMLElement | null) => !el || el.scrollHeight <= el.clientHeight + 1;
            const fits = () => whole(text) && whole(notes);
            for (const size of sizes) {
              sheet.style.setProperty('--hd-size', `${size}pt`);
              if (fits()) break;
            }
            if (!fits()) {
              // The notes are cut short (faded out, and said so); the sources stay whole.
              if (notes && !whole(notes)) {
                notes.classList.add('hd-cut');
                const line = document.createElement('p');
                line.className = 'hd-more';
                line.textContent = more;
                notes.after(line);
              }
              const slide = sheet.querySelector('section');
              out.push({ id: slide?.id ?? '', title: slide?.querySelector('h1,h2')?.textContent ?? '' });
            }
          }
          return out;
        }, TYPE_SIZES_PT, deck.labels.notesGoOn));
        const pdf = await step(
          'printing the handout',
          ms,
          p.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, waitForFonts: true, timeout: ms }),
        );
        return { pdf, crowded, refused };
      } finally {
        // The page goes back to the deck export as it was; a frozen one is given up on quickly.
        await step('resetting the page', Math.min(ms, 2000), p.emulateMediaType()).catch(() => {});
      }
    }).catch((err: unknown) => {
      throw new BriefdeckError(
        `${name}: handout export failed: ${err instanceof Error ? err.message : String(err)}. ` +
          'The previous build was kept. Try again; if it recurs, raise --timeout or check the browser.',
        ExitCode.environment,
      );
    });
    const pdf = await finishPdf(value.pdf, pdfInfo(deck, 'handout'), deckOutline(deck), deck.slides.length);
    return { pdf, crowded: value.crowded, blocked: [...new Set([...value.refused, ...blocked])] };
  } finally {
    await page.discard();
  }
}
