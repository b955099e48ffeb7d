/**
 * Nothing lost, checked on decks nobody hand-tuned. Generated facts files (test/corpus/generate.ts)
 * and the bad cases of issue 9 (test/corpus/fixed.ts) are built with their PDF through the real
 * CLI, then every slide is read in Chromium's print view and checked: text inside the slide,
 * nothing scrolling inside the body, no "…" the facts do not hold, no subheading ending a slide,
 * no text below 18 px, every fact on some slide, one PDF page per slide. A deck may instead be
 * refused, with exit 1, a `file:line:col: field: message` naming a real field, and no output.
 *
 * BRIEFDECK_CORPUS_DECKS sets how many decks (30 here, 200 in `npm run test:corpus`),
 * BRIEFDECK_CORPUS_SEED the seed. A failure prints the seed and keeps the facts file on disk.
 *
 * The text-size check covers what the slide body shows, drawings included. It leaves out the
 * header and footer (the marking and page number, repeated on every slide) and citation
 * markers (superscript footnote numbers): both are set small by design, not facts to read.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildDecks, fieldProblem, leftovers, type DeckBuild } from '../corpus/build.js';
import { FIXED_CASES } from '../corpus/fixed.js';
import { sampleDecks, writeDeck, type GeneratedDeck } from '../corpus/generate.js';
import { checkDeck, onlyInAlternative, readDeck, type Finding } from '../corpus/inspect.js';
import { ROOT, tempDir } from './helpers.js';

const COUNT = Number(process.env.BRIEFDECK_CORPUS_DECKS ?? 30);
const SEED = Number(process.env.BRIEFDECK_CORPUS_SEED ?? 20261128);
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const BROWSER = process.env.BRIEFDECK_BROWSER ?? '/usr/bin/chromium';

interface Case {
  name: string;
  dir: string;
  deck: GeneratedDeck;
}

const generated: Case[] = [];
const fixed: Case[] = [];
const builds = new Map<string, DeckBuild>();
let work: string;
let out: string;
let browser: Browser;
let page: Page;
/** For the record: the largest deck built and checked. */
const sizes: { name: string; slides: number; actors: number; events: number; quotes: number }[] = [];

beforeAll(async () => {
  work = await tempDir('corpus');
  out = path.join(work, 'build');
  const decks = sampleDecks(SEED, COUNT);
  for (const [i, deck] of decks.entries()) {
    const name = `seed-${SEED}-deck-${String(i).padStart(3, '0')}`;
    generated.push({ name, dir: await writeDeck(path.join(work, 'decks', name), deck), deck });
  }
  for (const [name, make] of Object.entries(FIXED_CASES)) {
    const deck = make();
    fixed.push({ name, dir: await writeDeck(path.join(work, 'decks', name), deck), deck });
  }
  const all = [...fixed, ...generated];
  for (const b of await buildDecks(CLI, all.map((c) => c.dir), out, { batch: 8, jobs: 2 })) builds.set(b.name, b);
  browser = await puppeteer.launch({ executablePath: BROWSER, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
}, 60_000 + COUNT * 30_000);

afterAll(async () => {
  await browser?.close();
  // Every failure in one file beside the decks, for reading after a long run.
  if (found.length) await writeFile(path.join(work, 'findings.txt'), found.join('\n\n') + '\n');
  if (sizes.length) {
    const by = (k: 'slides' | 'actors' | 'events') => sizes.reduce((a, b) => (b[k] > a[k] ? b : a));
    const line = (k: 'slides' | 'actors' | 'events') => {
      const d = by(k);
      return `most ${k}: ${d.name} (${d.slides} slides, ${d.actors} actors, ${d.events} events, ${d.quotes} quotes)`;
    };
    console.log(`corpus seed ${SEED}, ${sizes.length} decks built and checked; ${line('slides')}; ${line('actors')}; ${line('events')}; decks in ${work}${found.length ? `, failures in ${path.join(work, 'findings.txt')}` : ''}`);
  }
});

async function pdfPages(file: string): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
}

/** Every check of one deck; what failed, each naming the deck, slide, check and text. */
async function examine(c: Case): Promise<string[]> {
  const build = builds.get(c.name);
  if (!build) return [`not built`];
  if (!build.built) {
    const problems: string[] = [];
    if (build.code !== 1) problems.push(`refused with exit ${build.code}, not 1:\n${build.output}`);
    const errors = build.problems;
    if (errors.length === 0) problems.push(`refused without a file:line:col: field: message line:\n${build.output}`);
    const yamlText = await readFile(path.join(c.dir, 'facts.yaml'), 'utf8');
    for (const e of errors) {
      const wrong = fieldProblem(yamlText, e.field, e.line);
      if (wrong) problems.push(`${e.line}:${e.col}: ${e.field}: ${wrong} (message: ${e.message})`);
    }
    const left = await leftovers(out, c.name);
    if (left.length) problems.push(`refused but left outputs behind: ${left.join(', ')}`);
    return problems;
  }
  if (build.code !== 0 && build.code !== 1) return [`built, but its build call exited ${build.code}`];
  const html = path.join(out, c.name, 'index.html');
  const seen = await readDeck(page, pathToFileURL(html).href);
  const findings: Finding[] = checkDeck(seen, c.deck.facts);
  const pages = await pdfPages(path.join(out, c.name, `${c.name}.pdf`));
  const problems = findings.map((f) => `slide ${f.slide}: ${f.check}: ${f.text}`);
  if (pages !== seen.slides.length) problems.push(`the PDF has ${pages} pages for ${seen.slides.length} slides`);
  const f = c.deck.facts as { actors?: { quotes?: unknown[] }[]; timeline?: unknown[] };
  sizes.push({
    name: c.name,
    slides: seen.slides.length,
    actors: f.actors?.length ?? 0,
    events: f.timeline?.length ?? 0,
    quotes: (f.actors ?? []).reduce((n, a) => n + (a.quotes?.length ?? 0), 0),
  });
  const alt = onlyInAlternative(seen, c.deck.facts);
  if (alt.length) console.log(`${c.name}: found only in a drawing's text alternative: ${alt.join(', ')}`);
  return problems;
}

const found: string[] = [];

/** Fails with every problem of the deck, one per line, under the deck, seed and facts file. */
function report(c: Case, problems: string[]): void {
  if (problems.length === 0) return;
  const text = `deck ${c.name}, seed ${SEED}, facts kept at ${path.join(c.dir, 'facts.yaml')}: ${problems.length} problems\n  ${problems.join('\n  ')}`;
  found.push(text);
  expect.fail(text);
}

describe('the bad cases of issue 9', () => {
  it.each(Object.keys(FIXED_CASES))('%s: every fact visible, or refused with exit 1 naming the field', async (name) => {
    const c = fixed.find((f) => f.name === name)!;
    report(c, await examine(c));
  });
});

describe(`generated decks (seed ${SEED})`, () => {
  it.each(Array.from({ length: COUNT }, (_, i) => i))('deck %i: every fact on a slide, whole and readable', async (i) => {
    report(generated[i]!, await examine(generated[i]!));
  });

  it('builds most decks rather than refusing them', () => {
    // A generator whose decks are all refused would check nothing on a slide.
    const built = generated.filter((c) => builds.get(c.name)?.built).length;
    expect(built, `${built} of ${COUNT} decks built`).toBeGreaterThanOrEqual(Math.ceil(COUNT / 2));
  });
});
