/**
 * The deck's Content-Security-Policy in real Chromium, over file://: the deck, its print view
 * (whose @page size makes the PDF 16:9) and the speaker view all work with nothing blocked,
 * while script that someone slips into the page does not run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, type BuildResult } from '../../src/commands/build.js';
import { readPdf, SLIDES, tempDir } from './helpers.js';

declare global {
  interface Window {
    __violations: string[];
    __ran?: string[];
  }
}

let pool: BrowserPool;
let built: BuildResult;

beforeAll(async () => {
  pool = new BrowserPool({ timeoutMs: 30_000 });
  built = await buildDeck(path.join(SLIDES, 'inf-treaty'), { outRoot: await tempDir('csp'), pool });
});
afterAll(() => pool?.close());

/** Records every CSP violation of the page (and of each later document) in window.__violations. */
async function recordViolations(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`.trim()),
    );
  });
}

const violations = (page: Page) => page.evaluate(() => window.__violations);

function policyOf(html: string): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
  expect(metas).toHaveLength(1);
  const policy = metas[0]![1]!.replace(/&#39;/g, "'");
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('Content-Security-Policy of the deck page', () => {
  it('is in the page before anything it governs, and allows no inline script or eval', async () => {
    const html = await readFile(built.files.html, 'utf8');
    const head = html.slice(0, html.indexOf('</head>'));
    // A policy only governs what comes after it: it must precede every stylesheet and script.
    expect(head.indexOf('Content-Security-Policy')).toBeLessThan(head.indexOf('<link'));
    const policy = policyOf(html);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toContain("'self'");
    for (const [name, sources] of policy) {
      expect(sources, name).not.toContain("'unsafe-inline'");
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources.filter((s) => /^(https?:|\*|data:|blob:)/.test(s)), name).toEqual([]);
    }
    expect(policy.get('object-src') ?? policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('lets the deck run over file:// with nothing blocked, in every view reveal.js has', async () => {
    await pool.withPage(async (page) => {
      await recordViolations(page);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(built.files.html).href, { waitUntil: 'load' });
      await page.waitForFunction(() => Reveal.isReady());
      // Overview, help overlay, pause, jump-to-slide: each adds markup of its own.
      for (const key of ['ArrowRight', 'Escape', 'Escape', '?', 'Escape', 'b', 'b', 'g', 'Escape']) {
        await page.keyboard.press(key);
      }
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });

  it('lets the print view set its 16:9 @page size, so the PDF stays 16:9', async () => {
    await pool.withPage(async (page) => {
      await recordViolations(page);
      await page.goto(`${pathToFileURL(built.files.html).href}?view=print`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
      const styles = await page.evaluate(() =>
        [...document.querySelectorAll('style')].map((s) => ({ text: s.textContent ?? '', applied: (s.sheet?.cssRules.length ?? 0) > 0 })),
      );
      expect(styles.find((s) => s.text.startsWith('@page'))).toEqual({ text: '@page{size:1331px 748px; margin: 0px;}', applied: true });
      expect(styles.every((s) => s.applied)).toBe(true);
      expect(await violations(page)).toEqual([]);
    });
    const pages = (await readPdf(built.files.pdf!)).pages;
    expect(pages.length).toBe(built.deck.slides.length);
    for (const p of pages) expect(p.width / p.height).toBeCloseTo(1331 / 748, 2);
    expect(built.blocked).toEqual([]);
  });

  it('lets the speaker view (a pop-up that inherits the policy) run its own script and styles', async () => {
    await pool.withPage(async (page) => {
      await recordViolations(page);
      await page.goto(pathToFileURL(built.files.html).href, { waitUntil: 'load' });
      await page.waitForFunction(() => Reveal.isReady());
      const popup = new Promise<Page | null>((resolve) => page.once('popup', resolve));
      await page.keyboard.press('s');
      const speaker = (await popup)!;
      try {
        // Its script builds the two preview frames and fills in the notes; its style element
        // and `style="display: none"` attributes lay it out.
        await speaker.waitForFunction(() => document.querySelectorAll('iframe').length === 2, { timeout: 10_000 });
        await speaker.waitForFunction(() => (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').trim().length > 0, {
          timeout: 10_000,
        });
        const layout = await speaker.evaluate(() => ({
          sheets: [...document.querySelectorAll('style')].map((s) => (s.sheet?.cssRules.length ?? 0) > 0),
          pacing: getComputedStyle(document.querySelector('.pacing')!).display,
        }));
        expect(layout).toEqual({ sheets: [true], pacing: 'none' });
      } finally {
        await speaker.close();
      }
      expect(await violations(page)).toEqual([]);
    });
  });

  it('blocks script slipped into the page: inline, in attributes, remote, javascript: and eval', async () => {
    await writeFile(
      path.join(built.outDir, 'probe.js'),
      `window.__ran.push('probe loaded');
try { eval("window.__ran.push('eval')"); } catch {}
try { new Function("window.__ran.push('Function')")(); } catch {}
try { setTimeout("window.__ran.push('setTimeout string')"); } catch {}
`,
    );
    await pool.withPage(async (page) => {
      await recordViolations(page);
      await page.goto(pathToFileURL(built.files.html).href, { waitUntil: 'load' });
      await page.waitForFunction(() => Reveal.isReady());
      const outcome = await page.evaluate(async () => {
        window.__ran = [];
        const inline = document.createElement('script');
        inline.textContent = "window.__ran.push('inline')";
        document.body.append(inline);
        document.body.insertAdjacentHTML('beforeend', `<img src="missing.png" onerror="window.__ran.push('onerror')">`);
        const remote = document.createElement('script');
        remote.src = 'http://127.0.0.1:9/evil.js';
        document.body.append(remote);
        const link = document.createElement('a');
        link.href = "javascript:window.__ran.push('javascript-url')";
        document.body.append(link);
        link.click();
        // Even a script of the deck's own may not turn text into code.
        const own = document.createElement('script');
        own.src = 'probe.js';
        const loaded = new Promise((r) => own.addEventListener('load', r));
        document.body.append(own);
        await loaded;
        await new Promise((r) => setTimeout(r, 500));
        return window.__ran;
      });
      expect(outcome).toEqual(['probe loaded']);
      const seen = await violations(page);
      expect(seen).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^script-src-elem inline/),
          expect.stringMatching(/^script-src-attr inline/),
          expect.stringMatching(/^script-src-elem http:\/\/127\.0\.0\.1:9\/evil\.js/),
          expect.stringMatching(/^script-src eval/),
        ]),
      );
    });
  });
});
