import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { BrowserPool } from '../browser/pool.js';

export interface SlideOverflow {
  id: string;
  title: string;
  /** Pixels of content below the slide's body area. */
  by: number;
}

export interface PdfResult {
  pdf: Uint8Array;
  /** Pages reveal.js laid out in print view; one per slide. */
  pages: number;
  /** Slides whose text runs past the bottom of the slide. */
  overflow: SlideOverflow[];
  /** Requests that would have left the deck folder, blocked. */
  blocked: string[];
}

declare global {
  interface Window {
    __briefdeckPdfReady?: Promise<void>;
  }
}

/**
 * Opens the built deck in reveal.js's print view and prints it: one 16:9 page per slide,
 * backgrounds, selectable text, clickable links and embedded fonts. Waits for reveal's
 * `pdf-ready` event and the fonts; nothing else.
 */
export async function exportPdf(pool: BrowserPool, htmlFile: string): Promise<PdfResult> {
  return pool.withPage(async (page) => {
    const blocked = await confine(page, path.dirname(htmlFile));
    await page.evaluateOnNewDocument(() => {
      window.__briefdeckPdfReady = new Promise((resolve) =>
        window.addEventListener('pdf-ready', () => resolve(), { once: true }),
      );
    });
    const url = `${pathToFileURL(htmlFile).href}?view=print`;
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__briefdeckPdfReady !== undefined);
    await page.evaluate(() => window.__briefdeckPdfReady);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const layout = await page.evaluate(() => {
      const overflow = [...document.querySelectorAll<HTMLElement>('section.bd-slide')].flatMap((s) => {
        const body = s.querySelector<HTMLElement>('.bd-body');
        const by = body ? body.scrollHeight - body.clientHeight : 0;
        return by > 1 ? [{ id: s.id, title: s.querySelector('h1,h2')?.textContent ?? s.id, by }] : [];
      });
      return { pages: document.querySelectorAll('.pdf-page').length, overflow };
    });
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      waitForFonts: true,
      timeout: pool.timeoutMs,
    });
    return { pdf, pages: layout.pages, overflow: layout.overflow, blocked };
  });
}

/** Lets the page load only files inside `root`; every other request is refused and recorded. */
async function confine(page: Page, root: string): Promise<string[]> {
  const blocked: string[] = [];
  const prefix = pathToFileURL(root).href + '/';
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(prefix) || url.startsWith('data:') || url === 'about:blank') {
      void request.continue();
    } else {
      blocked.push(url);
      void request.abort('blockedbyclient');
    }
  });
  return blocked;
}
