import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { buildDeck, type BuildResult } from '../../src/commands/build.js';
import { InvalidFactsError } from '../../src/errors.js';
// @ts-expect-error: a plain ES module fixture without types
import { oversizedDeck } from '../fixtures/oversized.mjs';
import { readPdf, tempDir } from './helpers.js';

let pool: BrowserPool;
let work: string;
let big: BuildResult;

beforeAll(async () => {
  pool = new BrowserPool();
  work = await tempDir('fit');
  const dir = await oversizedDeck(path.join(work, 'big'));
  big = await buildDeck(dir, { outRoot: path.join(work, 'build'), pool });
}, 120_000);

afterAll(async () => {
  await pool?.close();
});

describe('fitting text to slides', () => {
  it('builds facts far longer than the examples with nothing running off a slide', async () => {
    // The build measures every slide in Chromium and fails rather than print one that runs over.
    const pdf = await readPdf(big.files.pdf!);
    expect(pdf.pages.length).toBe(big.deck.slides.length);
    expect(big.deck.slides.length).toBeGreaterThan(40);
  });

  it('splits long sections into continuation slides at item boundaries, every item once', () => {
    const overview = big.deck.slides.filter((s) => s.title.startsWith('Positions at a glance'));
    expect(overview.length).toBeGreaterThan(1);
    expect(overview.map((s) => s.title)).toEqual(overview.map((_, i) => `Positions at a glance (${i + 1}/${overview.length})`));
    const stances = big.deck.slides
      .filter((s) => s.title.startsWith('Positions at a glance'))
      .flatMap((s) => s.fields ?? []);
    expect(stances).toEqual(Array.from({ length: 12 }, (_, i) => `actors[${i}].stance`));
    const events = big.deck.slides.filter((s) => s.section === 'timeline' && !s.blocks.some((b) => b.kind === 'drawing')).flatMap((s) => s.fields ?? []);
    expect(events).toEqual(Array.from({ length: 30 }, (_, i) => `timeline[${i}].event`));
  });

  it('sets text smaller only on a slide that holds one item, and says so', () => {
    const smaller = big.deck.slides.filter((s) => s.zoom !== undefined);
    for (const s of smaller) {
      expect(s.units.flat().length, s.id).toBe(1);
      expect(s.zoom).toBeGreaterThanOrEqual(0.85);
    }
    expect(big.fitted).toEqual(smaller.map((s) => `${s.title}: text set at ${Math.round(s.zoom! * 100)}% to fit`));
  });

  it('fails a slide that cannot fit, naming the slide and the facts field, with a suggestion', async () => {
    const dir = await oversizedDeck(path.join(work, 'huge'), { quoteLength: 3000 });
    const error = await buildDeck(dir, { outRoot: path.join(work, 'build'), pool }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFactsError);
    const [problem] = (error as InvalidFactsError).problems;
    expect(problem).toMatchObject({ field: 'actors[0].quotes[0].text', severity: 'error' });
    expect(problem!.line).toBeGreaterThan(1);
    expect(problem!.message).toMatch(/too long for one slide: slide "Actor number 1.*" \(#actor-actor-1(-\d+)?\) needs about \d+% more room even with its text at 85%\. Shorten it, or split it/);
  });
});
