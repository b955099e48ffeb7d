import { BrowserPool } from '../browser/pool.js';

export interface BrowserChoice {
  /** False: HTML and Markdown only, no browser at all. */
  pdf: boolean;
  /** Seconds allowed for each browser step (launch, load, print). */
  timeout: number;
}

/**
 * The one place a command gets its browser: none when no PDF is wanted, else one shared pool,
 * started lazily. Puppeteer does not take over Ctrl-C: whoever runs the command handles
 * signals and closes the pool (puppeteer still kills the browser when the process exits).
 */
export function browserFor(choice: BrowserChoice): BrowserPool | undefined {
  return choice.pdf ? new BrowserPool({ timeoutMs: choice.timeout * 1000, handleSignals: false }) : undefined;
}
