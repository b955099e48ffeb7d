import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { BrowserPool } from '../browser/pool.js';

/**
 * One slide as Chromium laid it out, in px of the 1280×720 slide as drawn (a slide whose text
 * is set smaller is measured smaller), from the top of the slide's heading.
 */
export interface SlideMeasure {
  id: string;
  /** Text size of the slide (1, or 0.85 to 0.95). */
  zoom: number;
  /** Where the body ends. */
  capacity: number;
  /** Where the first block under the heading may start. */
  heading: number;
  /** Where the lowest content ends; past `capacity`, the slide runs over. */
  bottom: number;
  /** Content wider than the body. */
  wide: boolean;
  /** Each layout unit drawn on the slide (see the `data-u` attributes). */
  units: { id: string; top: number; bottom: number }[];
}

/**
 * Told the measurements of the deck as laid out; answers with a deck page to load instead
 * (laid out again from what was measured), or nothing to print this one.
 */
export type Relayout = (measures: SlideMeasure[], round: number) => Promise<string | undefined>;

export interface PdfResult {
  pdf: Uint8Array;
  /** Pages reveal.js laid out in print view; one per slide. */
  pages: number;
  /** The slides as printed. */
  measures: SlideMeasure[];
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
export async function exportPdf(pool: BrowserPool, htmlFile: string, relayout?: Relayout): Promise<PdfResult> {
  return printers(pool).print(htmlFile, relayout);
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

  print(htmlFile: string, relayout?: Relayout): Promise<PdfResult> {
    return this.lend((printer) => printer.print(htmlFile, relayout));
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
    const page = await pool.newPage();
    page.setDefaultTimeout(pool.timeoutMs);
    page.setDefaultNavigationTimeout(pool.timeoutMs);
    const printer = new PrintPage(page, pool.timeoutMs);
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
    const cdp = await page.createCDPSession();
    // Sent together: each is a round trip to Chromium, and none needs another's answer.
    await Promise.all([
      // Several pages print at once; unfocused ones would otherwise be throttled by Chromium
      // and wait on animation frames that never come.
      cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true }),
      cdp.send('Page.setWebLifecycleState', { state: 'active' }),
      page.setRequestInterception(true),
      page.evaluateOnNewDocument(() => {
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
      }),
    ]);
    return printer;
  }

  async print(htmlFile: string, relayout?: Relayout): Promise<PdfResult> {
    const { page } = this;
    const ms = this.timeoutMs;
    this.blocked = [];
    let layout: { pages: number; measures: SlideMeasure[] };
    for (let round = 0, file: string | undefined = htmlFile; ; round++) {
      await this.load(file);
      layout = await page.evaluate(measureSlides);
      file = relayout ? await relayout(layout.measures, round) : undefined;
      if (file === undefined) break;
    }
    const refused = await page.evaluate(() => window.__briefdeckRefused ?? []);
    const pdf = await step(
      'printing',
      ms,
      page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, waitForFonts: true, timeout: ms }),
    );
    return { pdf, pages: layout.pages, measures: layout.measures, blocked: [...new Set([...refused, ...this.blocked])] };
  }

  /** Opens a deck page in the print view and waits for its layout and fonts. */
  private async load(htmlFile: string): Promise<void> {
    const { page } = this;
    const ms = this.timeoutMs;
    this.root = pathToFileURL(path.dirname(htmlFile)).href + '/';
    this.errors = [];
    const scriptErrors = () =>
      this.errors.length === 0
        ? ''
        : ` (the page reported: ${this.errors[0]}); the deck's assets may be damaged: delete its build folder and build again`;
    await step('loading the deck', ms, page.goto(`${pathToFileURL(htmlFile).href}?view=print`, { waitUntil: 'load' }));
    await step('waiting for reveal.js to lay out the print view', ms, page.evaluate(() => window.__briefdeckPdfReady), scriptErrors);
    await step('waiting for the fonts', ms, page.evaluate(() => document.fonts.ready.then(() => undefined)));
  }
}

/** Runs in the page: every slide's body, heading and layout units, measured. */
function measureSlides(): { pages: number; measures: SlideMeasure[] } {
  const measures = [...document.querySelectorAll<HTMLElement>('section.bd-slide')].map((s) => {
    const zoom = Number(/\bbd-zoom-(\d+)\b/.exec(s.className)?.[1] ?? 100) / 100;
    // The print view may scale slides to its page: measure in the slide's own px.
    const scale = s.getBoundingClientRect().height / 720 || 1;
    const body = s.querySelector<HTMLElement>('.bd-body')!;
    const box = body.getBoundingClientRect();
    const heading = body.querySelector<HTMLElement>('h1, h2');
    const origin = heading ? heading.getBoundingClientRect().top : box.top;
    const px = (v: number) => (v - origin) / scale;
    const after = heading ? heading.getBoundingClientRect().bottom + parseFloat(getComputedStyle(heading).marginBottom) * zoom : origin;
    let bottom = 0;
    for (const child of body.children) {
      if (child.classList.contains('bd-sr')) continue;
      bottom = Math.max(bottom, px(child.getBoundingClientRect().bottom));
    }
    const units = [...body.querySelectorAll<HTMLElement>('[data-u]')].map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.dataset.u!, top: px(r.top), bottom: px(r.bottom) };
    });
    return {
      id: s.id,
      zoom,
      capacity: px(box.bottom),
      heading: px(after),
      bottom,
      wide: body.scrollWidth > body.clientWidth + 1,
      units,
    };
  });
  return { pages: document.querySelectorAll('.pdf-page').length, measures };
}
