import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, type BuildResult } from '../../src/commands/build.js';
import { factsYaml, removeTemp, replace, writeDeck } from '../helpers.js';
import { readPdf, squash, tempDir } from './helpers.js';

/** "The minister: «We will not accept a partial solution»", and a Latin name inside Arabic text. */
const ARABIC = 'قال الوزير: «لن نقبل بحل جزئي»، وأضاف أن Ilona Vasquez-Brandt ستزور القاهرة.';

let pool: BrowserPool;
let tmp: string;
let arabic: BuildResult;
let latin: BuildResult;

beforeAll(async () => {
  pool = new BrowserPool({ timeoutMs: 30_000 });
  tmp = await tempDir('scripts');
  const out = path.join(tmp, 'out');
  const withArabic = await writeDeck(path.join(tmp, 'arabic'), factsYaml(replace('First judgement.', JSON.stringify(ARABIC))));
  const without = await writeDeck(path.join(tmp, 'latin'), factsYaml());
  arabic = await buildDeck(withArabic, { outRoot: out, pool });
  latin = await buildDeck(without, { outRoot: out, pool });
});

afterAll(async () => {
  await pool?.close();
  await removeTemp(tmp);
});

/**
 * Every font descriptor in the PDF: its name (subset tag dropped) and whether its file is
 * embedded. Chromium writes descriptors as plain dictionaries, so the bytes can be read
 * directly, with no tool beyond the test's own.
 */
async function pdfFonts(file: string): Promise<{ name: string; embedded: boolean }[]> {
  const bytes = (await readFile(file)).toString('latin1');
  return [...bytes.matchAll(/\/Type\s*\/FontDescriptor([\s\S]*?)>>/g)].map((m) => ({
    name: /\/FontName\s*\/(?:[A-Z]{6}\+)?([^\s/<>[\]()]+)/.exec(m[1]!)?.[1] ?? '',
    embedded: /\/FontFile[23]?\s/.test(m[1]!),
  }));
}

describe('Arabic text', () => {
  it('is drawn in the page with the shipped Arabic font, no system font', async () => {
    const fonts = await pool.withPage(async (page) => {
      await page.goto(pathToFileURL(arabic.files.html).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
      await page.evaluate(async (needle) => {
        await document.fonts.ready;
        const li = [...document.querySelectorAll('.reveal .slides li')].find((e) => e.textContent!.includes(needle));
        li!.setAttribute('data-probe', '');
      }, 'لن نقبل');
      const cdp = await page.createCDPSession();
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-probe]' });
      return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
    });
    expect(fonts.some((f) => f.isCustomFont && /Noto Sans Arabic/.test(f.familyName)), JSON.stringify(fonts)).toBe(true);
    // The Latin name and the guillemets stay in the deck's own font; nothing falls back.
    expect(fonts.some((f) => f.isCustomFont && /Source Sans 3/.test(f.familyName)), JSON.stringify(fonts)).toBe(true);
    for (const f of fonts) expect(f.isCustomFont, f.familyName).toBe(true);
  });

  it('is embedded in the PDF in the Arabic font, and its text can be extracted', async () => {
    const fonts = await pdfFonts(arabic.files.pdf!);
    expect(fonts.filter((f) => /NotoSansArabic/.test(f.name))).not.toEqual([]);
    for (const f of fonts) expect(f.embedded, f.name).toBe(true);
    expect(fonts.map((f) => f.name).join(' ')).not.toMatch(/DejaVu|Liberation|FreeSans/);
    const text = squash((await readPdf(arabic.files.pdf!)).pages.map((p) => p.text).join(' '));
    expect(text).toContain('Ilona Vasquez-Brandt');
  });

  it('costs a deck without Arabic nothing in its PDF, and two woff2 files in its folder', async () => {
    expect((await pdfFonts(latin.files.pdf!)).map((f) => f.name).join(' ')).not.toMatch(/Arabic/);
    const files = ['400', '700'].map((w) => path.join(latin.outDir, 'assets', 'fonts', 'files', `noto-sans-arabic-arabic-${w}-normal.woff2`));
    const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(120_000);
  });
});
