import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { BrowserPool } from '../browser/pool.js';

export interface SlideOverflow {
  id: string;
  title: string;
  /** Pixels of content below the slide's body area. */
  by: number;
  /** Height of the body area, in the same pixels. */
  height: number;
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
    /** What the page's Content-Security-Policy refused, as the page saw it. */
    __briefdeckRefused?: string[];
  }
}

/**
 * The export could not finish: a step ran past the time allowed, or Chromium went away. The
 * message says what it was waiting for; the build adds the deck's name and keeps the
 * previous outputs.
 */
export class PdfExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfExportError';
  }
}

/** Waits for `work` at most `ms`, then fails with what it was waiting for. */
export async function step<T>(what: string, ms: number, work: Promise<T>, detail: () => string = () => ''): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new PdfExportError(`timed out after ${ms / 1000} s ${what}${detail()}`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Opens the built deck in reveal.js's print view and prints it: one 16:9 page per slide,
 * backgrounds, selectable text, clickable links and embedded fonts. Waits for reveal's
 * `pdf-ready` event and the fonts; nothing else.
 */
export async function exportPdf(pool: BrowserPool, htmlFile: string): Promise<PdfResult> {
  return printers(pool).print(htmlFile);
}

/**
 * Lends one of the reused print pages to `fn` for another printed form of a deck (the
 * handout), confined like the deck's export to the folder of `htmlFile`: any request outside
 * it is blocked and reported.
 */
export function withPrintPage<T>(
  pool: BrowserPool,
  htmlFile: string,
  fn: (page: Page) => Promise<T>,
): Promise<{ value: T; blocked: string[] }> {
  return printers(pool).lend(async (printer) => {
    printer.confine(htmlFile);
    const value = await fn(printer.page);
    return { value, blocked: printer.blockedRequests };
  });
}

const byPool = new WeakMap<BrowserPool, Printers>();
function printers(pool: BrowserPool): Printers {
  let p = byPool.get(pool);
  if (!p) byPool.set(pool, (p = new Printers(pool)));
  return p;
}

/**
 * Print pages are kept open and reused: a new page costs a renderer start and cold caches
 * (about a third of a deck's export), while navigating a used one costs nothing extra.
 */
class Printers {
  private readonly idle: PrintPage[] = [];

  constructor(private readonly pool: BrowserPool) {}

  print(htmlFile: string): Promise<PdfResult> {
    return this.lend((printer) => printer.print(htmlFile));
  }

  /** Runs `fn` on an idle print page (or a new one), which is kept for reuse if `fn` succeeds. */
  async lend<T>(fn: (printer: PrintPage) => Promise<T>): Promise<T> {
    let printer = this.idle.pop();
    while (printer?.page.isClosed()) printer = this.idle.pop();
    printer ??= await step('opening a page in Chromium', this.pool.timeoutMs, PrintPage.open(this.pool));
    try {
      const result = await fn(printer);
      this.idle.push(printer);
      return result;
    } catch (err) {
      // A hung renderer may never confirm the close: give up on the page after a moment.
      await Promise.race([printer.page.close().catch(() => {}), sleep(2000)]);
      if (!printer.page.browser().connected) {
        throw new PdfExportError('Chromium quit while printing (it crashed or was killed)');
      }
      throw err;
    }
  }
}

class PrintPage {
  /** The folder the current deck may load from; every other request is refused. */
  private root = '';
  private blocked: string[] = [];
  /** Script errors of the current deck, to explain a print view that never becomes ready. */
  private errors: string[] = [];

  /** Lets the page load from `htmlFile`'s folder only, and starts a new list of blocked requests. */
  confine(htmlFile: string): void {
    this.root = pathToFileURL(path.dirname(htmlFile)).href + '/';
    this.blocked = [];
  }

  get blockedRequests(): string[] {
    return [...this.blocked];
  }

  private constructor(
    readonly page: Page,
    private readonly timeoutMs: number,
  ) {}

  static async open(pool: BrowserPool): Promise<PrintPage> {
    const page = await (await pool.browser()).newPage();
    page.setDefaultTimeout(pool.timeoutMs);
    page.setDefaultNavigationTimeout(pool.timeoutMs);
    const printer = new PrintPage(page, pool.timeoutMs);
    // Several pages print at once; unfocused ones would otherwise be throttled by Chromium
    // and wait on animation frames that never come.
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await page.setRequestInterception(true);
    page.on('pageerror', (error) => printer.errors.push(error instanceof Error ? error.message : String(error)));
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith(printer.root) || url.startsWith('data:') || url === 'about:blank') {
        void request.continue();
      } else {
        printer.blocked.push(url);
        void request.abort('blockedbyclient');
      }
    });
    await page.evaluateOnNewDocument(() => {
      window.__briefdeckPdfReady = new Promise((resolve) =>
        window.addEventListener('pdf-ready', () => resolve(), { once: true }),
      );
      // Remote files are refused by the page's policy before any request is made.
      window.__briefdeckRefused = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__briefdeckRefused!.push(
          /^(inline|eval)$/.test(e.blockedURI) ? `${e.blockedURI} code (${e.effectiveDirective}, refused by the page's Content-Security-Policy)` : e.blockedURI,
        ),
      );
    });
    return printer;
  }

  async print(htmlFile: string): Promise<PdfResult> {
    const { page } = this;
    const ms = this.timeoutMs;
    this.root = pathToFileURL(path.dirname(htmlFile)).href + '/';
    this.blocked = [];
    this.errors = [];
    const scriptErrors = () =>
      this.errors.length === 0
        ? ''
        : ` (the page reported: ${this.errors[0]}); the deck's assets may be damaged: delete its build folder and build again`;
    await step('loading the deck', ms, page.goto(`${pathToFileURL(htmlFile).href}?view=print`, { waitUntil: 'load' }));
    await step('waiting for reveal.js to lay out the print view', ms, page.evaluate(() => window.__briefdeckPdfReady), scriptErrors);
    await step('waiting for the fonts', ms, page.evaluate(() => document.fonts.ready.then(() => undefined)));
    const refused = await page.evaluate(() => window.__briefdeckRefused ?? []);
    const layout = await page.evaluate(() => {
      const overflow = [...document.querySelectorAll<HTMLElement>('section.bd-slide')].flatMap((s) => {
        const body = s.querySelector<HTMLElement>('.bd-body');
        const by = body ? body.scrollHeight - body.clientHeight : 0;
        const height = body?.clientHeight ?? 0;
        return by > 1 ? [{ id: s.id, title: s.querySelector('h1,h2')?.textContent ?? s.id, by, height }] : [];
      });
      return { pages: document.querySelectorAll('.pdf-page').length, overflow };
    });
    const pdf = await step(
      'printing',
      ms,
      page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, waitForFonts: true, timeout: ms }),
    );
    return { pdf, pages: layout.pages, overflow: layout.overflow, blocked: [...new Set([...refused, ...this.blocked])] };
  }
}
