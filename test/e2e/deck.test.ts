import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, type BuildResult } from '../../src/commands/build.js';
import { copyDeck, fontEmbedding, readPdf, ROOT, SLIDES, squash, tempDir, type ParsedPdf } from './helpers.js';

const run = promisify(execFile);
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

let pool: BrowserPool;
let out: string;
const built = new Map<string, BuildResult>();
const pdfs = new Map<string, ParsedPdf>();

beforeAll(async () => {
  pool = new BrowserPool({ timeoutMs: 30_000 });
  out = await tempDir('e2e');
  for (const name of ['inf-treaty', 'soren-basin']) {
    const result = await buildDeck(path.join(SLIDES, name), { outRoot: out, pool });
    built.set(name, result);
    pdfs.set(name, await readPdf(result.files.pdf!));
  }
});

afterAll(async () => {
  await pool?.close();
});

const deck = (name: string) => built.get(name)!;
const pdf = (name: string) => pdfs.get(name)!;

describe.each(['inf-treaty', 'soren-basin'])('%s deck in Chromium', (name) => {
  it('has one section per slide, in order, with the composed titles', async () => {
    const { files, deck: model } = deck(name);
    const seen = await pool.withPage(async (page) => {
      await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
      return page.evaluate(() => ({
        total: Reveal.getTotalSlides(),
        ids: [...document.querySelectorAll('.slides > section')].map((s) => s.id),
        titles: [...document.querySelectorAll('.slides > section')].map(
          (s) => s.querySelector('h1, h2')?.textContent?.trim() ?? '',
        ),
      }));
    });
    expect(seen.total).toBe(model.slides.length);
    expect(seen.ids).toEqual(model.slides.map((s) => s.id));
    expect(seen.titles).toEqual(model.slides.map((s) => s.title));
  });

  it('navigates with the keyboard and by slide id in the URL', async () => {
    const { files } = deck(name);
    await pool.withPage(async (page) => {
      await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });
      await page.waitForFunction(() => Reveal.isReady());
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => Reveal.getIndices().h === 1);
      expect(await page.evaluate(() => Reveal.getCurrentSlide().id)).toBe('bottom-line');
      // The address follows (reveal.js updates it after a short delay), so a reload keeps the slide.
      await page.waitForFunction(() => location.hash === '#/bottom-line');
      await page.goto(`${pathToFileURL(files.html).href}#/sources`, { waitUntil: 'load' });
      await page.waitForFunction(() => Reveal.isReady());
      expect(await page.evaluate(() => Reveal.getCurrentSlide().id)).toBe('sources');
      expect(await page.evaluate(() => Reveal.isLastSlide())).toBe(true);
    });
  });

  it('loads only its own files, with the shipped fonts, and no script errors', async () => {
    const { files, outDir } = deck(name);
    const outside: string[] = [];
    const failed: string[] = [];
    const errors: string[] = [];
    const fontsReady = await pool.withPage(async (page) => {
      page.on('request', (r) => {
        if (!r.url().startsWith(pathToFileURL(outDir).href)) outside.push(r.url());
      });
      page.on('requestfailed', (r) => failed.push(r.url()));
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });
      await page.waitForFunction(() => Reveal.isReady());
      return page.evaluate(async () => {
        await document.fonts.ready;
        return {
          regular: document.fonts.check('26px "Source Sans 3"'),
          family: getComputedStyle(document.querySelector('.reveal')!).fontFamily,
          loaded: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family),
        };
      });
    });
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    // The Soren basin deck is branded (slides/soren-basin/brand.yaml) with the shipped serif.
    const family = name === 'soren-basin' ? 'Source Serif 4' : 'Source Sans 3';
    expect(fontsReady.family.startsWith(`"${family}"`) || fontsReady.family.startsWith(family)).toBe(true);
    expect(fontsReady.loaded.length).toBeGreaterThan(0);
    expect(new Set(fontsReady.loaded.map((f) => f.replace(/"/g, '')))).toEqual(new Set([family]));
  });

  it('carries speaker notes into the speaker view', async () => {
    const { files, deck: model } = deck(name);
    const withNotes = model.slides.filter((s) => s.notes);
    const notes = await pool.withPage(async (page) => {
      await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });
      await page.waitForFunction(() => Reveal.isReady());
      return page.evaluate(
        (ids) => ids.map((id) => Reveal.getSlideNotes(document.getElementById(id)!) ?? ''),
        withNotes.map((s) => s.id),
      );
    });
    expect(notes.length).toBe(withNotes.length);
    notes.forEach((html) => expect(html.trim().length).toBeGreaterThan(10));
    const pdfText = squash(pdf(name).pages.map((p) => p.text).join(' '));
    // Notes are for the speaker: never printed on the slides.
    for (const s of withNotes) expect(pdfText).not.toContain(squash(s.notes!.join(' ')).slice(0, 40));
  });

  it('fits every slide: no text runs past the bottom or the sides of its body', async () => {
    const { files } = deck(name);
    const over = await pool.withPage(async (page) => {
      await page.goto(`${pathToFileURL(files.html).href}?view=print`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('section.bd-slide .bd-body')].flatMap((body) => {
          const box = body.getBoundingClientRect();
          const lowest = Math.max(...[...body.children].filter((c) => !c.classList.contains('bd-sr')).map((c) => c.getBoundingClientRect().bottom));
          return lowest > box.bottom + 1 || body.scrollWidth > body.clientWidth + 1 ? [body.closest('section')!.id] : [];
        }),
      );
    });
    expect(over).toEqual([]);
  });
});

describe('PDF handouts', () => {
  it.each(['inf-treaty', 'soren-basin'])('%s: one 16:9 page per slide, marking on every page', (name) => {
    const { deck: model } = deck(name);
    const { pages, title } = pdf(name);
    expect(pages.length).toBe(model.slides.length);
    expect(title).toBe(model.title);
    pages.forEach((page, i) => {
      expect(page.width / page.height).toBeCloseTo(16 / 9, 1);
      expect(page.text, `page ${i + 1}`).toContain(model.marking);
      expect(squash(page.text), `page ${i + 1}`).toContain(`${i + 1} / ${model.slides.length}`);
    });
  });

  it('has the key facts as selectable text, with clickable citations and embedded fonts', () => {
    const text = squash(pdf('inf-treaty').pages.map((p) => p.text).join(' '));
    for (const needle of [
      'NATO after the INF Treaty',
      'As of 13 February 2019',
      'between 500 and 5,500 km',
      'This is very serious. We will take our time.',
      'grand designs of dominating Europe',
      'Ursula von der Leyen',
      'Stoltenberg and Lavrov meet at the Munich Security Conference.',
      'Aug 2019 (upcoming)',
    ]) {
      expect(text).toContain(needle);
    }
    const bottomLine = pdf('inf-treaty').pages[1]!;
    expect(bottomLine.links.length).toBeGreaterThan(0);
    expect(bottomLine.links.every((l) => l.dest === 'sources')).toBe(true);
    const fonts = fontEmbedding(pdf('inf-treaty').bytes);
    expect(fonts.descriptors).toBeGreaterThan(0);
    expect(fonts.embedded).toBe(fonts.descriptors);
  });

  it('renders accented and non-English names in the PDF text', () => {
    const text = squash(pdf('soren-basin').pages.map((p) => p.text).join(' '));
    for (const name of ['Şebnem Yıldız-Okonjo', 'Ølvir Dahl', 'Jérôme Castaño']) expect(text).toContain(name);
    const fonts = fontEmbedding(pdf('soren-basin').bytes);
    expect(fonts.embedded).toBe(fonts.descriptors);
  });
});

describe('rebuilding', () => {
  it('gives byte-identical slides.md and index.html for the same facts, laid out from measurement', async () => {
    const first = deck('inf-treaty');
    const before = [await readFile(first.files.markdown), await readFile(first.files.html)];
    const again = await buildDeck(path.join(SLIDES, 'inf-treaty'), { outRoot: out, pool });
    expect(await readFile(again.files.markdown)).toEqual(before[0]);
    expect(await readFile(again.files.html)).toEqual(before[1]);
  });

  it('leaves the previous build untouched when the facts break or the export fails', async () => {
    const work = await tempDir('atomic');
    const deckDir = await copyDeck('soren-basin', work);
    const outRoot = path.join(work, 'build');
    const good = await buildDeck(deckDir, { outRoot, pool });
    const snapshot = async () =>
      Promise.all([good.files.markdown, good.files.html, good.files.pdf!].map((f) => readFile(f)));
    const before = await snapshot();

    const factsFile = path.join(deckDir, 'facts.yaml');
    const facts = await readFile(factsFile, 'utf8');
    await writeFile(factsFile, facts.replace('title: The Karsk Dam', 'titel: The Karsk Dam'));
    await expect(buildDeck(deckDir, { outRoot, pool })).rejects.toMatchObject({
      message: expect.stringContaining('nothing was written'),
      problems: expect.arrayContaining([expect.objectContaining({ field: 'meta.titel', line: 6 })]),
    });
    expect(await snapshot()).toEqual(before);

    // Valid, changed facts, but the browser cannot start: nothing is replaced.
    await writeFile(factsFile, facts.replace('The Karsk Dam and the Soren Water Accord', 'Changed title'));
    const broken = new BrowserPool({ executablePath: '/bin/false', timeoutMs: 5_000 });
    await expect(buildDeck(deckDir, { outRoot, pool: broken })).rejects.toThrow();
    await broken.close();
    expect(await snapshot()).toEqual(before);
    expect((await readdir(good.outDir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});

describe('command line', () => {
  it('builds a deck with its PDF and reports it', async () => {
    const outRoot = await tempDir('cli');
    const { stdout } = await run(process.execPath, [CLI, 'build', path.join(SLIDES, 'inf-treaty'), '--out', outRoot]);
    expect(stdout).toMatch(/✓ inf-treaty: \d+ slides/);
    const parsed = await readPdf(path.join(outRoot, 'inf-treaty', 'inf-treaty.pdf'));
    expect(parsed.pages.length).toBe(deck('inf-treaty').deck.slides.length);
  });

  it('says how to get a browser when none is found, and exits 3', async () => {
    const outRoot = await tempDir('cli-nobrowser');
    const result = await run(process.execPath, [CLI, 'build', path.join(SLIDES, 'inf-treaty'), '--out', outRoot], {
      env: { ...process.env, BRIEFDECK_BROWSER: '/nonexistent/chrome' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('BRIEFDECK_BROWSER');
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
