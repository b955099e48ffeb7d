import type { Browser, Page } from 'puppeteer-core';
import { findBrowser } from './find.js';

export interface BrowserOptions {
  executablePath?: string;
  /** Per-operation timeout for pages (navigation, evaluation, PDF). */
  timeoutMs?: number;
  /**
   * Let puppeteer kill the browser and exit on Ctrl-C, SIGTERM and SIGHUP (the default). A
   * program that handles these signals itself and closes the pool passes false.
   */
  handleSignals?: boolean;
}

/** How long `close` waits for Chromium to quit before killing it. */
const CLOSE_GRACE_MS = 3000;

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
  /** Kills the Chromium of a launch still in progress. */
  private abortLaunch?: AbortController;
  readonly timeoutMs: number;

  constructor(private readonly options: BrowserOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Chromium launches so far: a pool launches again after `close` or a failed launch. */
  get launches(): number {
    return this.launchCount;
  }

  private launchCount = 0;

  browser(): Promise<Browser> {
    this.launching ??= (this.launchCount++, this.launch()).catch((err: unknown) => {
      this.launching = undefined;
      throw err;
    });
    return this.launching;
  }

  /**
   * Starts Chromium. Puppeteer's own timeout covers only the wait for its first line of
   * output; a browser that hangs after that (connecting, opening its first page) would keep
   * the launch waiting for ever, so the whole launch is bounded and then aborted, which kills
   * the process.
   */
  private async launch(): Promise<Browser> {
    const executablePath = this.options.executablePath ?? findBrowser();
    const puppeteer = (await import('puppeteer-core')).default;
    const handleSignals = this.options.handleSignals ?? true;
    const abort = new AbortController();
    this.abortLaunch = abort;
    const launched = puppeteer.launch({
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: this.timeoutMs,
      protocolTimeout: this.timeoutMs * 2,
      signal: abort.signal,
      // Talk to Chromium over a pipe rather than a port: the pipe is also its lifeline, so when
      // this process dies by any means (kill -9 included) the pipe closes and Chromium quits
      // instead of running on as an orphan.
      pipe: true,
      // Whatever the signals, puppeteer kills the browser when this process exits.
      handleSIGINT: handleSignals,
      handleSIGTERM: handleSignals,
      handleSIGHUP: handleSignals,
    });
    const aborted = new Promise<never>((_resolve, reject) => {
      const fail = () => reject(new Error(`Chromium did not start within ${(2 * this.timeoutMs) / 1000} s`));
      if (abort.signal.aborted) fail();
      else abort.signal.addEventListener('abort', fail, { once: true });
    });
    const timer = setTimeout(() => abort.abort(), 2 * this.timeoutMs);
    try {
      const browser = await Promise.race([launched, aborted]);
      browser.once('disconnected', () => {
        this.launching = undefined;
      });
      return browser;
    } catch (err) {
      // A browser that still comes up after all is closed, not left running.
      void launched.then((late) => late.close()).catch(() => {});
      if (err instanceof Error && err.name === 'TimeoutError') {
        throw new Error(`Chromium did not start within ${this.timeoutMs / 1000} s`, { cause: err });
      }
      throw err;
    } finally {
      clearTimeout(timer);
      if (this.abortLaunch === abort) this.abortLaunch = undefined;
    }
  }

  /**
   * A new page. The first one is the blank tab Chromium opens as it starts, whose renderer is
   * already running: a page of its own would cost starting another.
   */
  async newPage(): Promise<Page> {
    const browser = await this.browser();
    if (!this.claimed.has(browser)) {
      this.claimed.add(browser);
      const blank = (await browser.pages()).find((p) => p.url() === 'about:blank');
      if (blank) return blank;
    }
    return browser.newPage();
  }

  /** Browsers whose first blank tab has been handed out. */
  private readonly claimed = new WeakSet<Browser>();

  /** Runs `fn` with a fresh page that is closed afterwards, whatever happens. */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.newPage();
    page.setDefaultTimeout(this.timeoutMs);
    page.setDefaultNavigationTimeout(this.timeoutMs);
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => {});
    }
  }

  /**
   * Closes the browser. One that does not quit within a few seconds (hung, or stopped) is
   * killed with its whole process group, so no Chromium process outlives the pool. With
   * `stop`, for a browser whose work is all done, it is killed at once: nothing it holds is
   * needed, and its orderly shutdown takes a few hundred ms of CPU from the PDFs still being
   * finished. Its profile folder is removed either way.
   */
  close(options: { stop?: boolean } = {}): Promise<void> {
    // A second caller waits for the same shutdown rather than returning before it is over.
    this.closing ??= this.shutdown(options.stop === true).finally(() => {
      this.closing = undefined;
    });
    return this.closing;
  }

  private closing?: Promise<void>;

  private async shutdown(stop: boolean): Promise<void> {
    const launching = this.launching;
    const abortLaunch = this.abortLaunch;
    this.launching = undefined;
    if (!launching) return;
    const browser = await Promise.race([launching.catch(() => undefined), sleep(CLOSE_GRACE_MS).then(() => 'hung' as const)]);
    if (browser === 'hung') {
      // Still launching: abort kills the process, after which the launch fails at once.
      abortLaunch?.abort();
      await Promise.race([launching.catch(() => undefined), sleep(CLOSE_GRACE_MS)]);
      return;
    }
    if (!browser) return;
    const child = browser.process();
    const quit = stop ? false : await Promise.race([
      browser.close().then(
        () => true,
        () => false,
      ),
      sleep(CLOSE_GRACE_MS).then(() => false),
    ]);
    if (!quit && child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killTree(child.pid);
      await Promise.race([exited, sleep(CLOSE_GRACE_MS)]);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Chromium runs in a process group of its own (puppeteer starts it detached): kill all of it. */
function killTree(pid: number): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
