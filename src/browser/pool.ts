import type { Browser, Page } from 'puppeteer-core';
import { findBrowser } from './find.js';

export interface BrowserOptions {
  executablePath?: string;
  /** Per-operation timeout for pages (navigation, evaluation, PDF). */
  timeoutMs?: number;
}

/**
 * Chromium flags. Root needs --no-sandbox; the rest stop Chromium reaching for the network
 * (updates, sync, metrics), which on a closed network only produces errors and delay.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--mute-audio',
];

/**
 * One browser, launched on first use and shared. Puppeteer is imported lazily, so commands
 * that need no browser never load it.
 */
export class BrowserPool {
  private launching?: Promise<Browser>;
  readonly timeoutMs: number;

  constructor(private readonly options: BrowserOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  browser(): Promise<Browser> {
    this.launching ??= this.launch().catch((err: unknown) => {
      this.launching = undefined;
      throw err;
    });
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const executablePath = this.options.executablePath ?? findBrowser();
    const puppeteer = (await import('puppeteer-core')).default;
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: this.timeoutMs,
      protocolTimeout: this.timeoutMs * 2,
    });
    browser.once('disconnected', () => {
      this.launching = undefined;
    });
    return browser;
  }

  /** Runs `fn` with a fresh page that is closed afterwards, whatever happens. */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await (await this.browser()).newPage();
    page.setDefaultTimeout(this.timeoutMs);
    page.setDefaultNavigationTimeout(this.timeoutMs);
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => {});
    }
  }

  async close(): Promise<void> {
    const launching = this.launching;
    this.launching = undefined;
    if (!launching) return;
    const browser = await launching.catch(() => undefined);
    await browser?.close().catch(() => {});
  }
}
