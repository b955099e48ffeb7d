/** Closing the shared browser: every caller of close() waits until Chromium has exited. */
import { describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';

describe('BrowserPool.close', () => {
  it('makes a second caller wait for the same shutdown, not return before it is over', async () => {
    const pool = new BrowserPool({ timeoutMs: 30_000 });
    const child = (await pool.browser()).process()!;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let gone = false;
    void exited.then(() => (gone = true));
    const first = pool.close();
    const second = pool.close();
    await second;
    await new Promise((r) => setImmediate(r));
    expect(gone).toBe(true);
    await first;
  });

  it('hands out the blank tab Chromium opened first, then new pages', async () => {
    const pool = new BrowserPool({ timeoutMs: 30_000 });
    try {
      const browser = await pool.browser();
      const [blank] = await browser.pages();
      const first = await pool.newPage();
      const second = await pool.newPage();
      expect(first).toBe(blank);
      expect(second).not.toBe(first);
      expect((await browser.pages()).length).toBe(2);
    } finally {
      await pool.close();
    }
  });
});
