/** Closing the shared browser: every caller of close() waits until Chromium has exited. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';

/** Processes of process group `group` that still run (Linux: from /proc). */
function liveInGroup(group: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((pid) => {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        return [];
      }
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === group && state !== 'Z' ? [Number(pid)] : [];
    });
}

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

  it('stops a browser whose work is done: every Chromium process gone, its profile removed', async () => {
    const pool = new BrowserPool({ timeoutMs: 30_000 });
    const browser = await pool.browser();
    const child = browser.process()!;
    const profile = /--user-data-dir=(\S+)/.exec(child.spawnargs.join(' '))?.[1];
    expect(profile && existsSync(profile)).toBe(true);
    const page = await pool.newPage();
    await page.goto('about:blank');
    expect(liveInGroup(child.pid!).length).toBeGreaterThan(1);
    await pool.close({ stop: true });
    expect(child.signalCode ?? child.exitCode).not.toBeNull();
    // The whole process group: no live (not yet reaped is dead) process of it is left.
    await expect.poll(() => liveInGroup(child.pid!), { timeout: 5000 }).toEqual([]);
    await expect.poll(() => existsSync(profile!), { timeout: 5000 }).toBe(false);
    expect(browser.connected).toBe(false);
  });
});
