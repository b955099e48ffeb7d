import { execFile, spawnSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, deckIsUpToDate, type BuildResult } from '../../src/commands/build.js';
import { factsTexts, paragraphTexts, readPptx } from '../pptx/read.js';
import { copyDeck, readPdf, squash, tempDir } from './helpers.js';

const run = promisify(execFile);
/** LibreOffice, when installed: `apt-get install -y libreoffice-impress`. */
const SOFFICE = ['soffice', 'libreoffice'].find((cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0);

let work: string;
let pool: BrowserPool;
let built: BuildResult;

beforeAll(async () => {
  work = await tempDir('pptx');
  const dir = await copyDeck('inf-treaty', work);
  pool = new BrowserPool({ timeoutMs: 30_000 });
  built = await buildDeck(dir, { outRoot: path.join(work, 'build'), pool, pptx: true });
});

afterAll(async () => {
  await pool?.close();
});

describe('build --pptx', () => {
  it('writes <deck>.pptx beside the PDF, one slide per PDF page, in the same order and split', async () => {
    expect(built.files.pptx).toBe(path.join(built.outDir, 'inf-treaty.pptx'));
    const pdf = await readPdf(built.files.pdf!);
    const p = await readPptx(new Uint8Array(await readFile(built.files.pptx!)));
    expect(p.slides).toHaveLength(pdf.pages.length);
    expect(p.slides).toHaveLength(built.deck.slides.length);
    built.deck.slides.forEach((slide, i) => {
      const title = squash(slide.title);
      expect(squash(pdf.pages[i]!.text)).toContain(title);
      expect(squash(paragraphTexts(p.slides[i]!.xml).join(' '))).toContain(title);
    });
  });

  it('gives a byte-identical file when rebuilt from the same facts, and counts as a setting for "up to date"', async () => {
    const before = await readFile(built.files.pptx!);
    const again = await buildDeck(path.join(work, 'inf-treaty'), { outRoot: path.join(work, 'build'), pool, pptx: true });
    expect(Buffer.from(await readFile(again.files.pptx!)).equals(before)).toBe(true);
    const options = { outRoot: path.join(work, 'build'), pool };
    expect(await deckIsUpToDate(path.join(work, 'inf-treaty'), { ...options, pptx: true })).toBe(true);
    expect(await deckIsUpToDate(path.join(work, 'inf-treaty'), options)).toBe(false);
  });
});

describe.runIf(SOFFICE === undefined)('LibreOffice rendering of the PowerPoint file', () => {
  it('is SKIPPED: soffice is not installed (apt-get install -y libreoffice-impress)', () => {
    console.warn('pptx.test.ts: LibreOffice rendering check skipped: soffice not found. Install it with: apt-get install -y libreoffice-impress');
  });
});

describe.skipIf(SOFFICE === undefined)('LibreOffice rendering of the PowerPoint file', () => {
  it('opens with every slide, all its text drawn and selectable, nothing outside the page or below the footer rule', { timeout: 180_000 }, async () => {
    const out = path.join(work, 'libreoffice');
    await mkdir(out, { recursive: true });
    // A profile of its own, so a LibreOffice the user has open is neither used nor disturbed.
    await run(SOFFICE!, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(work, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', out, built.files.pptx!], {
      timeout: 170_000,
    });
    const bytes = new Uint8Array(await readFile(path.join(out, 'inf-treaty.pdf')));
    const doc = await getDocument({ data: bytes, verbosity: 0 }).promise;
    expect(doc.numPages).toBe(built.deck.slides.length);
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str.trim() !== '') as { str: string; transform: number[]; width: number; height: number }[];
      // Every text of the slide was drawn (a box off the page would not be), whatever the line breaks.
      const slide = built.deck.slides[n - 1]!;
      const bare = (s: string) => s.replace(/\s+/g, '');
      const drawn = bare(items.map((i) => i.str).join(''));
      for (const text of [built.deck.labels.section[slide.section].toUpperCase(), slide.title, built.deck.marking, ...factsTexts(slide)]) {
        expect(drawn, `page ${n}`).toContain(bare(text));
      }
      // Below the footer rule (675 of 720 px) stands only the footer: a body that ran over would show there.
      const footerTop = y0 + ((720 - 675) / 720) * (y1 - y0);
      const footer = squash(`${built.deck.marking} ${built.deck.title} · ${built.deck.labels.asOfFooter(built.deck.labels.date(built.deck.asOf))} ${n}`);
      for (const item of items) {
        const [, , , , x, y] = item.transform as [number, number, number, number, number, number];
        if (y < footerTop) expect(footer, `page ${n}: "${item.str}" below the footer rule`).toContain(squash(item.str).trim());
        const where = `page ${n}: "${item.str}" at ${x.toFixed(1)},${y.toFixed(1)}`;
        expect(x, where).toBeGreaterThanOrEqual(x0 - 0.5);
        expect(x + item.width, where).toBeLessThanOrEqual(x1 + 0.5);
        expect(y, where).toBeGreaterThanOrEqual(y0 - 0.5);
        expect(y + item.height, where).toBeLessThanOrEqual(y1 + 0.5);
      }
    }
    await doc.destroy();
  });
});
