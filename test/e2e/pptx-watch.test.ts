import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../src/browser/pool.js';
import { startLive, type LiveSession } from '../../src/cli/live.js';
import { deckIsUpToDate } from '../../src/commands/build.js';
import { STATE_FILE, type BuildState } from '../../src/output/build-state.js';
import { MINIMAL_FACTS, writeDeck } from '../helpers.js';
import { paragraphTexts, readPptx } from '../pptx/read.js';
import { copyDeck, readPdf, tempDir } from './helpers.js';

let session: LiveSession;
let deck: string;
let out: string;
const log: string[] = [];
/** At each HTML build (before its background export starts): was a .pptx there, and was it recorded? */
const atBuild: { pptx: boolean; recorded: boolean }[] = [];

const outDir = () => path.join(out, 'x');
const pptxFile = () => path.join(outDir(), 'x.pptx');

beforeAll(async () => {
  const work = await tempDir('pptx-watch');
  deck = await writeDeck(path.join(work, 'slides', 'x'), MINIMAL_FACTS);
  out = path.join(work, 'build');
  const onLine = (line: string) => {
    log.push(line);
    // Told synchronously by the build, before the PDF and the .pptx follow in the background.
    if (/ ✓ x: \d+ slides/.test(line)) {
      const state = JSON.parse(readFileSync(path.join(outDir(), STATE_FILE), 'utf8')) as BuildState;
      atBuild.push({ pptx: existsSync(pptxFile()), recorded: state.outputs.includes('x.pptx') });
    }
  };
  session = await startLive([deck], { out, pdf: true, pptx: true, timeout: 30, debounceMs: 30 }, { out: onLine, err: onLine }, { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await session?.close();
});

async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 45_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log:\n${log.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `build --pptx` with a PDF, as the up-to-date check sees it (the pool is never started). */
const asked = () => ({ outRoot: out, pool: new BrowserPool(), pptx: true });
const exported = () => log.filter((l) => / x: PowerPoint .*x\.pptx in \d+ ms/.test(l)).length;
const slideTexts = async () => (await readPptx(new Uint8Array(await readFile(pptxFile())))).slides.map((s) => paragraphTexts(s.xml).join(' '));

describe('serve --pptx and build --watch --pptx, with a browser', () => {
  it('writes the .pptx after the PDF, with the slides the PDF shows, and serves it', async () => {
    await until('the first .pptx', () => exported() >= 1);
    const pdf = await readPdf(path.join(outDir(), 'x.pdf'));
    const texts = await slideTexts();
    expect(texts).toHaveLength(pdf.pages.length);
    expect(texts[0]).toContain('Test briefing');
    expect(await deckIsUpToDate(deck, asked())).toBe(true);

    const index = await (await fetch(session.server!.url)).text();
    expect(index).toContain('<a href="/x/x.pptx" download>PowerPoint</a>');
    const served = await fetch(new URL('/x/x.pptx', session.server!.url));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(Buffer.from(await served.arrayBuffer()).equals(await readFile(pptxFile()))).toBe(true);
  });

  it('never leaves a .pptx of earlier facts beside a rebuilt page, and writes the new one after the PDF', async () => {
    const before = exported();
    await writeFile(path.join(deck, 'facts.yaml'), MINIMAL_FACTS.replace('title: Test briefing', 'title: Renamed briefing'));
    await until('the rebuilt .pptx', () => exported() > before);
    // The rebuild removed the earlier .pptx before its page was in place, and did not count it as made.
    expect(atBuild.length).toBeGreaterThanOrEqual(2);
    expect(atBuild.at(-1)).toEqual({ pptx: false, recorded: false });
    await session.rebuilder.idle();
    const texts = (await slideTexts()).join(' ');
    expect(texts).toContain('Renamed briefing');
    expect(texts).not.toContain('Test briefing');
    const pdf = await readPdf(path.join(outDir(), 'x.pdf'));
    expect(await slideTexts()).toHaveLength(pdf.pages.length);
    expect(await deckIsUpToDate(deck, asked())).toBe(true);
  });

  it('started again on an up-to-date deck, keeps the PDF and still has the .pptx of the same facts', async () => {
    const pdf = await readFile(path.join(outDir(), 'x.pdf'));
    const pptx = await readFile(pptxFile());
    await session.close();
    log.length = 0;
    session = await startLive([deck], { out, pdf: true, pptx: true, timeout: 30, debounceMs: 30 }, { out: (l) => log.push(l), err: (l) => log.push(l) });
    await until('the .pptx of the restarted session', () => exported() >= 1);
    await session.rebuilder.idle();
    expect(log.filter((l) => / x: PDF /.test(l))).toEqual([]);
    expect((await readFile(path.join(outDir(), 'x.pdf'))).equals(pdf)).toBe(true);
    expect((await readFile(pptxFile())).equals(pptx)).toBe(true);
    expect(await deckIsUpToDate(deck, asked())).toBe(true);
  });
});

describe('build --watch --pptx on a deck that measuring lays out anew', () => {
  it('gives the .pptx the measured slides of the PDF, also when a save leaves the page as it was', async () => {
    const work = await tempDir('pptx-watch-inf');
    const inf = await copyDeck('inf-treaty', work);
    const build = path.join(work, 'build');
    const lines: string[] = [];
    const live = await startLive([inf], { out: build, pdf: true, pptx: true, timeout: 60, debounceMs: 30 }, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    try {
      const pptxOf = () => path.join(build, 'inf-treaty', 'inf-treaty.pptx');
      const made = () => lines.filter((l) => / inf-treaty: PowerPoint /.test(l)).length;
      await until('the first .pptx of the INF deck', () => made() >= 1, 90_000);
      const estimated = live.rebuilder.status()[0]!.last!.deck.slides.length;
      const pdfPages = async () => (await readPdf(path.join(build, 'inf-treaty', 'inf-treaty.pdf'))).pages.length;
      const slides = async () => (await readPptx(new Uint8Array(await readFile(pptxOf())))).slides.length;
      // Measuring changed the split (the estimate is cautious), and the .pptx has the PDF's.
      expect(lines.some((l) => /slides laid out from measurement/.test(l))).toBe(true);
      expect(await pdfPages()).not.toBe(estimated);
      expect(await slides()).toBe(await pdfPages());

      // A save that changes no slide: the estimate is built again, the measured page put back,
      // and the .pptx made again from the measured slides, without printing.
      const facts = path.join(inf, 'facts.yaml');
      await writeFile(facts, (await readFile(facts, 'utf8')) + '\n# a comment changes no slide\n');
      await until('the .pptx after the save', () => made() >= 2, 90_000);
      await live.rebuilder.idle();
      expect(lines.filter((l) => / inf-treaty: PDF /.test(l))).toHaveLength(1);
      expect(await slides()).toBe(await pdfPages());
    } finally {
      await live.close();
    }
  }, 240_000);
});
