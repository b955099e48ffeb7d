/**
 * Issue 11's check: a deck in another language has no English word that briefdeck wrote, on
 * any slide, in the drawings, in their accessible names or in their text alternatives.
 */
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, type BuildResult } from '../../src/commands/build.js';
import type { PartialDate } from '../../src/facts/dates.js';
import { LABEL_SETS, type Labels } from '../../src/labels/index.js';
import { FIXTURES } from '../helpers.js';
import { copyDeck, tempDir } from './helpers.js';

/**
 * Stands for any argument of a label function: a number where one is compared or counted
 * with, text where one is written, itself for any field or item of it.
 */
const ANY: unknown = new Proxy(function any() {}, {
  get: (_, key) => (key === Symbol.toPrimitive ? (hint: string) => (hint === 'number' ? 2 : '§') : ANY),
  apply: () => ANY,
});

/** Every word a label set writes, whatever it is called with, lower-cased. */
function wordsOf(labels: Labels): Set<string> {
  const texts: string[] = [];
  const visit = (value: unknown, key: string) => {
    if (typeof value === 'string') texts.push(value);
    else if (typeof value === 'function') {
      if (key === 'change') return; // What's new sentences: a deck built without --changes-since has none
      if (['date', 'dateShort', 'span', 'spanShort'].includes(key)) return; // checked below, month by month
      texts.push(String((value as (...a: unknown[]) => unknown)(ANY, ANY, ANY, ANY, ANY)));
    } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(labels, '');
  for (let month = 1; month <= 12; month++) {
    const d: PartialDate = { year: 2031, month, day: 2, precision: 'day' };
    texts.push(labels.date(d), labels.dateShort(d), labels.span({ start: d, since: true }));
  }
  return new Set(texts.flatMap((t) => tokens(t)));
}

const tokens = (text: string) => (text.toLowerCase().match(/\p{L}{2,}/gu) ?? []).filter((w) => w !== 'undefined');

let pool: BrowserPool;
const decks: Record<string, { built: BuildResult; facts: string }> = {};

beforeAll(async () => {
  pool = new BrowserPool();
  const work = await tempDir('languages');
  const french = await copyDeck('barrage-tessaure', work);
  const arabic = path.join(work, 'arabic');
  await cp(path.join(FIXTURES, 'arabic'), arabic, { recursive: true });
  for (const [name, dir] of [
    ['fr', french],
    ['ar', arabic],
  ] as const) {
    const built = await buildDeck(dir, { outRoot: path.join(work, 'build'), pool });
    decks[name] = { built, facts: await readFile(path.join(dir, 'facts.yaml'), 'utf8') };
  }
}, 120_000);

afterAll(async () => {
  await pool?.close();
});

/** The deck's text as Chromium has it: every slide's text, drawings included, and their aria-labels. */
async function domText(built: BuildResult): Promise<string> {
  return pool.withPage(async (page) => {
    await page.goto(pathToFileURL(built.files.html).href, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
    return page.evaluate(() =>
      [
        document.title,
        ...[...document.querySelectorAll('section.bd-slide')].map((s) => s.textContent ?? ''),
        ...[...document.querySelectorAll('.slides [aria-label]')].map((e) => e.getAttribute('aria-label') ?? ''),
        // reveal.js's navigation buttons, which it names in English unless the deck names them.
        ...[...document.querySelectorAll('.reveal .controls [aria-label]')].map((e) => e.getAttribute('aria-label') ?? ''),
      ].join('\n'),
    );
  });
}

describe('no English word that briefdeck wrote in a deck in another language', () => {
  for (const code of ['fr', 'ar'] as const) {
    it(`${code}: every slide, drawings included`, async () => {
      const { built, facts } = decks[code]!;
      expect(built.deck.labels.language).toBe(code);
      const text = await domText(built);
      // The drawings are there, in the deck's language.
      const L = LABEL_SETS[code]!;
      for (const words of [L.drawing.past, L.drawing.upcoming, L.asOf(L.dateShort(built.deck.asOf)), `${L.drawing.option} 1`, L.drawing.backs]) {
        expect(text).toContain(words);
      }
      // English words briefdeck writes, less those the language writes too ("options", "date")
      // and those of the facts themselves (names, titles, the source's address).
      const own = new Set([...wordsOf(L), ...tokens(facts)]);
      const english = [...wordsOf(LABEL_SETS.en!)].filter((w) => !own.has(w));
      expect(english.length).toBeGreaterThan(50);
      const found = tokens(text).filter((w) => english.includes(w));
      expect([...new Set(found)]).toEqual([]);
      expect(tokens(text)).not.toContain('slide');
      for (const button of Object.values(L.controls)) expect(text).toContain(button);
      // Quotes and sources' titles in the language's quotation marks, not English ones.
      expect(text).not.toMatch(/[“”]/);
      expect(text).toContain(`${L.quoteMarks[0]}${built.deck.sources[0]!.title.split(" ")[0]}`);
    }, 60_000);
  }
});
