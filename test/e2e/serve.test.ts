import { readFile, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildAll } from '../../src/commands/build-all.js';
import { startLive, type LiveSession } from '../../src/cli/live.js';
import { copyDeck, readPdf, squash, tempDir } from './helpers.js';

const RUSSIA_STANCE = 'Denies violating the treaty; says it is also withdrawing; no plans to scrap the 9M729.';

let pool: BrowserPool;
let session: LiveSession;
let deckDir: string;
let factsFile: string;
let original: string;
let out: string;
const log: string[] = [];

beforeAll(async () => {
  pool = new BrowserPool();
  const work = await tempDir('serve');
  deckDir = await copyDeck('inf-treaty', work);
  factsFile = path.join(deckDir, 'facts.yaml');
  original = await readFile(factsFile, 'utf8');
  out = path.join(work, 'build');
  session = await startLive(
    [deckDir],
    { out, theme: 'briefing', pdf: false, timeout: 30, debounceMs: 30 },
    { out: (l) => log.push(l), err: (l) => log.push(l) },
    { host: '127.0.0.1', port: 0 },
  );
});

afterAll(async () => {
  await session?.close();
  await pool?.close();
});

const url = (p: string) => new URL(p, session.server!.url).href;

async function open(page: Page, slide: string): Promise<void> {
  await page.goto(url(`/inf-treaty/#/${slide}`), { waitUntil: 'load' });
  await page.waitForFunction(() => Reveal.isReady());
}

const edit = (from: string, to: string) => writeFile(factsFile, original.replace(from, to));

describe('serve: live preview', () => {
  it('lists the decks with their as-of date and links to HTML and PDF', async () => {
    const html = await (await fetch(url('/'))).text();
    expect(html).toContain('<a href="/inf-treaty/"><strong>NATO after the INF Treaty</strong></a>');
    expect(html).toContain('as of 13 February 2019');
    // This session makes no PDFs, so none is offered (see the background PDF test for the link).
    expect(html).not.toContain('.pdf"');
  });

  it('shows an edit at the same slide, without reloading the page', async () => {
    await pool.withPage(async (page) => {
      await open(page, 'actor-russia');
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
      await edit(RUSSIA_STANCE, 'Stance edited while the deck is open.');
      await page.waitForFunction(() => document.querySelector('#actor-russia')?.textContent?.includes('Stance edited while'), {
        timeout: 5000,
      });
      expect(await page.evaluate(() => Reveal.getCurrentSlide().id)).toBe('actor-russia');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    });
  });

  it('keeps the last good deck under an error overlay while the facts are broken, and clears it when fixed', async () => {
    await edit(RUSSIA_STANCE, 'Good version before the break.');
    await session.rebuilder.idle();
    await pool.withPage(async (page) => {
      await open(page, 'actor-russia');
      await writeFile(factsFile, original.replace(RUSSIA_STANCE, 'Broken version.').replace('  title: NATO', '  titel: NATO'));
      await page.waitForSelector('#briefdeck-errors', { timeout: 5000 });
      const overlay = await page.$eval('#briefdeck-errors', (e) => e.textContent ?? '');
      expect(overlay).toMatch(/facts\.yaml:\d+:\d+: meta\.titel: unknown field: did you mean "title"\?/);
      // The deck underneath is the last good build, still at the same slide.
      expect(await page.evaluate(() => document.querySelector('#actor-russia')?.textContent)).toContain('Good version before the break.');
      expect(await page.evaluate(() => Reveal.getCurrentSlide().id)).toBe('actor-russia');

      // A page opened while the facts are broken shows the overlay too.
      await pool.withPage(async (other) => {
        await open(other, 'title');
        await other.waitForSelector('#briefdeck-errors', { timeout: 5000 });
      });

      await edit(RUSSIA_STANCE, 'Fixed version.');
      await page.waitForFunction(() => !document.querySelector('#briefdeck-errors'), { timeout: 5000 });
      await page.waitForFunction(() => document.querySelector('#actor-russia')?.textContent?.includes('Fixed version.'), { timeout: 5000 });
    });
  });

  it('coalesces saves in quick succession and ends on the newest version', async () => {
    await session.rebuilder.idle();
    const before = log.filter((l) => l.includes('✓ inf-treaty')).length;
    for (let i = 1; i <= 6; i++) {
      await edit(RUSSIA_STANCE, `Rapid edit number ${i}.`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 100));
    await session.rebuilder.idle();
    const builds = log.filter((l) => l.includes('✓ inf-treaty')).length - before;
    // Six saves within about 40 ms: far fewer builds than saves (timing on a busy machine
    // may split them into two or three groups), and the last save always built.
    expect(builds).toBeGreaterThanOrEqual(1);
    expect(builds).toBeLessThanOrEqual(3);
    expect(await readFile(path.join(out, 'inf-treaty', 'slides.md'), 'utf8')).toContain('Rapid edit number 6.');
  });
});

/** A raw HTTP/1.1 request, exactly as written (no client-side path normalisation). */
function raw(request: string): Promise<string> {
  const { port } = session.server!;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}
const status = async (request: string) => Number((await raw(request)).split(' ')[1]);
const get = (target: string, headers = '') =>
  status(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${session.server!.port}\r\n${headers}Connection: close\r\n\r\n`);

describe('serve: only the build folder, only its own pages', () => {
  it('serves files of the build folder', async () => {
    expect(await get('/inf-treaty/index.html')).toBe(200);
    expect(await get('/inf-treaty/assets/theme.css')).toBe(200);
  });

  it.each([
    '/../package.json',
    '/inf-treaty/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/inf-treaty/..%2f..%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/inf-treaty/%00index.html',
    '/%ZZ',
  ])('refuses %s with 404', async (target) => {
    expect(await get(target)).toBe(404);
  });

  it('refuses a symlink that leads out of the build folder', async () => {
    const link = path.join(out, 'inf-treaty', 'escape.txt');
    await symlink(path.resolve(deckDir, 'facts.yaml'), link);
    expect(await get('/inf-treaty/escape.txt')).toBe(404);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    expect(await status('GET / HTTP/1.1\r\nHost: attacker.example:80\r\nConnection: close\r\n\r\n')).toBe(421);
  });

  it('accepts the live-reload stream only from its own origin', async () => {
    const { port } = session.server!;
    expect(await get('/__briefdeck/events?deck=inf-treaty', 'Origin: http://attacker.example\r\n')).toBe(403);
    const response = await fetch(url('/__briefdeck/events?deck=inf-treaty'), { headers: { Origin: `http://127.0.0.1:${port}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    await response.body?.cancel();
  });
});

describe('serve: background PDF', () => {
  it('re-exports the PDF after an edit, only when the deck changed', async () => {
    const work = await tempDir('serve-pdf');
    const dir = await copyDeck('soren-basin', work);
    const facts = path.join(dir, 'facts.yaml');
    const text = await readFile(facts, 'utf8');
    const lines: string[] = [];
    const live = await startLive(
      [dir],
      { out: path.join(work, 'build'), theme: 'briefing', pdf: true, timeout: 30, debounceMs: 30 },
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      { host: '127.0.0.1', port: 0 },
    );
    try {
      await live.rebuilder.idle();
      const pdfs = () => lines.filter((l) => l.includes('soren-basin: PDF')).length;
      expect(pdfs()).toBe(1);
      const index = await (await fetch(live.server!.url)).text();
      expect(index).toContain('href="/soren-basin/soren-basin.pdf"');
      expect((await fetch(new URL('/soren-basin/soren-basin.pdf', live.server!.url))).headers.get('content-type')).toBe('application/pdf');

      await writeFile(facts, text.replace('Water Security Unit', 'Water Security Desk'));
      await new Promise((r) => setTimeout(r, 100));
      await live.rebuilder.idle();
      expect(pdfs()).toBe(2);
      const pdf = await readPdf(path.join(work, 'build', 'soren-basin', 'soren-basin.pdf'));
      expect(squash(pdf.pages[0]!.text)).toContain('Prepared by Water Security Desk');

      // Saved again with no change to the deck's content: HTML rebuilt, no new PDF.
      await writeFile(facts, text.replace('Water Security Unit', 'Water Security Desk') + '\n# a comment\n');
      await new Promise((r) => setTimeout(r, 100));
      await live.rebuilder.idle();
      expect(lines.filter((l) => l.includes('✓ soren-basin')).length).toBe(3);
      expect(pdfs()).toBe(2);
    } finally {
      await live.close();
    }
  });

  it('a PDF the preview printed is laid out as build lays it out: kept by build only when it has the pages a fresh build makes', async () => {
    const work = await tempDir('serve-pdf-build');
    const dir = await copyDeck('soren-basin', work);
    const out = path.join(work, 'build');
    const live = await startLive([dir], { out, theme: 'briefing', pdf: true, timeout: 30, debounceMs: 30 }, { out: () => {}, err: () => {} });
    try {
      await live.rebuilder.idle();
    } finally {
      await live.close();
    }
    const pdfFile = path.join(out, 'soren-basin', 'soren-basin.pdf');
    const printer = new BrowserPool();
    try {
      const again = await buildAll([dir], { outRoot: out, jobs: 1, pool: printer });
      const fresh = await buildAll([dir], { outRoot: path.join(work, 'fresh'), jobs: 1, pool: printer });
      expect(fresh.failed.map((f) => f.error.message)).toEqual([]);
      expect(fresh.built).toHaveLength(1);
      const pages = (await readPdf(pdfFile)).pages.length;
      expect(pages, again.upToDate.length > 0 ? 'kept as up to date' : 'rebuilt').toBe((await readPdf(path.join(work, 'fresh', 'soren-basin', 'soren-basin.pdf'))).pages.length);
    } finally {
      await printer.close();
    }
  });
});
