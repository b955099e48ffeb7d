import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { buildDeck, deckIsUpToDate } from '../../src/commands/build.js';
import { ExitCode } from '../../src/errors.js';
import { recordOutput } from '../../src/output/build-state.js';
import { Rebuilder } from '../../src/watch/rebuilder.js';
import { captureIo, factsYaml, MINIMAL_FACTS, removeTemp, tempDir, writeDeck } from '../helpers.js';
import { paragraphTexts, readPptx } from './read.js';

let work: string;
let deck: string;
let out: string;
let rebuilder: Rebuilder | undefined;

beforeEach(async () => {
  work = await tempDir('pptx-watch');
  deck = await writeDeck(path.join(work, 'slides', 'x'), MINIMAL_FACTS);
  out = path.join(work, 'build');
});
afterEach(async () => {
  await rebuilder?.close();
  rebuilder = undefined;
  await removeTemp(work);
});

const pptxFile = () => path.join(out, 'x', 'x.pptx');
const slideTexts = async (file: string) => (await readPptx(new Uint8Array(await readFile(file)))).slides.map((s) => paragraphTexts(s.xml).join(' '));

async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the .pptx in build --watch and serve, without a browser', () => {
  it('is written with every build, from the facts of that build', async () => {
    const built: string[] = [];
    rebuilder = new Rebuilder([deck], { outRoot: out, pptx: true, debounceMs: 20 }, { built: (_d, r) => built.push(r.deck.title) });
    await rebuilder.start();
    expect((await slideTexts(pptxFile()))[0]).toContain('Test briefing');
    expect(await deckIsUpToDate(deck, { outRoot: out, pptx: true })).toBe(true);

    await writeFile(path.join(deck, 'facts.yaml'), MINIMAL_FACTS.replace('title: Test briefing', 'title: Renamed briefing'));
    await until('the edit to build', () => built.includes('Renamed briefing'));
    await rebuilder.idle();
    const texts = (await slideTexts(pptxFile())).join(' ');
    expect(texts).toContain('Renamed briefing');
    expect(texts).not.toContain('Test briefing');
    expect(await deckIsUpToDate(deck, { outRoot: out, pptx: true })).toBe(true);
  }, 30_000);
});

describe('"up to date" with --pptx', () => {
  it('is false while the .pptx is missing, or not yet made from the last build', async () => {
    await buildDeck(deck, { outRoot: out, pptx: true });
    expect(await deckIsUpToDate(deck, { outRoot: out, pptx: true })).toBe(true);
    await rm(pptxFile());
    expect(await deckIsUpToDate(deck, { outRoot: out, pptx: true })).toBe(false);

    // A preview's build makes the .pptx later, from the measured layout: the one from earlier
    // facts goes at once, and the deck is out of date for --pptx until the fresh one is recorded.
    await buildDeck(deck, { outRoot: out, pptx: true });
    await writeFile(path.join(deck, 'facts.yaml'), MINIMAL_FACTS.replace('title: Test briefing', 'title: Later'));
    const later = await buildDeck(deck, { outRoot: out, pptx: true, exportLater: true });
    expect(later.files.pptx).toBeUndefined();
    expect(later.removed).toEqual(['x.pptx']);
    expect(existsSync(pptxFile())).toBe(false);
    expect(await deckIsUpToDate(deck, { outRoot: out, pptx: true })).toBe(false);
    expect(await deckIsUpToDate(deck, { outRoot: out })).toBe(false); // the settings name --pptx
    await writeFile(pptxFile(), 'made after the build');
    await recordOutput(path.join(out, 'x'), 'x.pptx');
    expect(await deckIsUpToDate(deck, { outRoot: out, pptx: true })).toBe(true);
  });
});

describe('the config file', () => {
  async function cli(argv: string[], cwd: string) {
    const c = captureIo();
    return { code: await runCli(argv, { ...c.io, cwd }), ...c };
  }

  it('asks for the .pptx with pptx: true; --no-pptx on the command line wins', async () => {
    const team = path.join(work, 'team');
    const alpha = await writeDeck(path.join(team, 'slides', 'alpha'), factsYaml());
    await writeFile(path.join(team, 'briefdeck.config.yaml'), 'pdf: false\npptx: true\nout: site\n');
    expect((await cli(['build', alpha], team)).code).toBe(ExitCode.ok);
    expect(existsSync(path.join(team, 'site', 'alpha', 'alpha.pptx'))).toBe(true);

    const r = await cli(['build', '--no-pptx', alpha], team);
    expect(r.code).toBe(ExitCode.ok);
    expect(existsSync(path.join(team, 'site', 'alpha', 'alpha.pptx'))).toBe(false);
  });

  it('refuses a pptx value that is not true or false, at its line and column', async () => {
    const team = path.join(work, 'team');
    const alpha = await writeDeck(path.join(team, 'slides', 'alpha'), factsYaml());
    await writeFile(path.join(team, 'briefdeck.config.yaml'), 'out: site\npptx: yes please\n');
    const r = await cli(['build', alpha], team);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.err[0]).toMatch(/briefdeck\.config\.yaml:2:7: pptx: must be true or false$/);
  });
});
