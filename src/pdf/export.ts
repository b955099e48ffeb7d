import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { readFile } from 'node:fs/promises';
import type { BrowserPool } from '../browser/pool.js';
import { assetsManifest } from '../html/assets.js';
import { revealMarkup } from '../html/render.js';
import { REPRINT_FUNCTION } from '../html/runtime.js';

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
 * Told the measurements of the deck as laid out; answers with a deck page to print instead
 * (laid out again from what was measured, written to `file`, whose text is `html`), or
 * nothing to print this one.
 */
export type Relayout = (measures: SlideMeasure[], round: number) => Promise<{ file: string; html: string } | undefined>;

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
    /** See REPRINT_FUNCTION. */
    [REPRINT_FUNCTION]?: (markup: string) => Promise<void>;
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
export async function exportPdf(pool: BrowserPool, htmlFile: string, relayout?: Relayout, options: PrintOptions = {}): Promise<PdfResult> {
  return printers(pool).print(htmlFile, relayout, options);
}

export interface PrintOptions {
  /**
   * A deck laid out again is printed from its page loaded afresh, not laid out again in the
   * page already open (the default, which gives the same pages sooner).
   */
  reload?: boolean;
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

/** Times a print page lays a deck out again in place before it loads a page afresh. */
const REPRINTS_PER_LOAD = 20;

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

  print(htmlFile: string, relayout: Relayout | undefined, options: PrintOptions): Promise<PdfResult> {
    return this.lend((printer) => printer.print(htmlFile, relayout, options));
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
  /** The deck page the print view shows, if a deck page: its file, text and assets. */
  private shown?: { file: string; html: string; assets: string; reprints: number };
  private blocked: string[] = [];
  /** Script errors of the current deck, to explain a print view that never becomes ready. */
  private errors: string[] = [];

  /** Lets the page load from `htmlFile`'s folder only, and starts a new list of blocked requests. */
  confine(htmlFile: string): void {
    this.root = pathToFileURL(path.dirname(htmlFile)).href + '/';
    this.blocked = [];
    // Lent for another page: what it shows is no longer known.
    this.shown = undefined;
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
        // reveal.js's print view waits for four display frames between its steps, to let the
        // layout settle before it reads it. A page that is only printed is never displayed
        // (headless Chromium still paces frames at 60 a second), and reading a layout settles
        // it anyway: each wait becomes a task, which lays out the same pages 60 ms sooner.
        window.requestAnimationFrame = (callback) => window.setTimeout(() => callback(performance.now()), 0);
        window.cancelAnimationFrame = (id) => window.clearTimeout(id);
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

  async print(htmlFile: string, relayout: Relayout | undefined, options: PrintOptions): Promise<PdfResult> {
    const { page } = this;
    const ms = this.timeoutMs;
    this.blocked = [];
    await this.show({ file: htmlFile, html: await readFile(htmlFile, 'utf8') }, options);
    let layout = await page.evaluate(measureSlides);
    for (let round = 0; relayout; round++) {
      const next = await relayout(layout.measures, round);
      if (next === undefined) break;
      await this.show(next, options);
      layout = await page.evaluate(measureSlides);
    }
    const refused = await page.evaluate(() => window.__briefdeckRefused ?? []);
    const pdf = await step(
      'printing',
      ms,
      page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, waitForFonts: true, timeout: ms }),
    );
    return { pdf, pages: layout.pages, measures: layout.measures, blocked: [...new Set([...refused, ...this.blocked])] };
  }

  /**
   * Shows a deck page in the print view, laid out and with its fonts. When the page open shows
   * another layout of the same deck (same folder, same assets, the rest of the page alike),
   * it is laid out again in place, which gives the same pages as loading the new one; but a
   * page is loaded afresh every REPRINTS_PER_LOAD times, so that nothing left by earlier
   * layouts can build up in it.
   */
  private async show(next: { file: string; html: string }, options: PrintOptions): Promise<void> {
    const shown = this.shown;
    this.shown = undefined;
    const assets = await readFile(assetsManifest(path.dirname(next.file)), 'utf8').catch(() => undefined);
    if (assets === undefined) return this.load(next.file);
    const alike = !options.reload && shown?.assets === assets && path.dirname(shown.file) === path.dirname(next.file) && shown.reprints < REPRINTS_PER_LOAD;
    const markup = alike ? revealMarkup(next.html, shown.html) : undefined;
    // Laying out in place only saves time: should it fail, the page is loaded afresh instead.
    if (markup !== undefined && (await this.reprint(markup).catch(() => false))) {
      this.shown = { ...next, assets, reprints: shown!.reprints + 1 };
    } else {
      await this.load(next.file);
      this.shown = { ...next, assets, reprints: 0 };
    }
  }

  /** Opens a deck page in the print view and waits for its layout and fonts. */
  private async load(htmlFile: string): Promise<void> {
    const { page } = this;
    this.root = pathToFileURL(path.dirname(htmlFile)).href + '/';
    this.errors = [];
    await step('loading the deck', this.timeoutMs, page.goto(`${pathToFileURL(htmlFile).href}?view=print`, { waitUntil: 'load' }));
    await this.settle(page.evaluate(() => window.__briefdeckPdfReady));
  }

  /**
   * Lays the open page's print view out again with other slides (see REPRINT_FUNCTION): the
   * same pages as loading the page that holds them, without loading it.
   */
  private async reprint(markup: string): Promise<boolean> {
    this.errors = [];
    const name = REPRINT_FUNCTION;
    const ready = await this.page.evaluate((n) => {
      if (typeof window[n as typeof name] !== 'function') return false;
      // What the page's policy refuses is noted afresh, as a new load would.
      window.__briefdeckRefused = [];
      return true;
    }, name);
    if (!ready) return false;
    await this.settle(this.page.evaluate((n, m) => window[n as typeof name]!(m), name, markup));
    return true;
  }

  /** Waits for reveal.js's print view (`laidOut`) and then for the fonts. */
  private async settle(laidOut: Promise<unknown>): Promise<void> {
    const ms = this.timeoutMs;
    const scriptErrors = () =>
      this.errors.length === 0
        ? ''
        : ` (the page reported: ${this.errors[0]}); the deck's assets may be damaged: delete its build folder and build again`;
    await step('waiting for reveal.js to lay out the print view', ms, laidOut, scriptErrors);
    await step('waiting for the fonts', ms, this.page.evaluate(() => document.fonts.ready.then(() => undefined)));
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
