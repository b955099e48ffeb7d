import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefdeckError, ExitCode, UsageError } from '../../src/errors.js';
import { Rebuilder } from '../../src/watch/rebuilder.js';
import { MINIMAL_FACTS, removeTemp, tempDir, writeDeck } from '../helpers.js';

let work: string;
let deck: string;
let rebuilder: Rebuilder | undefined;
const builds: string[] = [];
const failures: BriefdeckError[] = [];

beforeEach(async () => {
  work = await tempDir('rebuilder');
  deck = await writeDeck(path.join(work, 'slides', 'x'), MINIMAL_FACTS);
  builds.length = 0;
  failures.length = 0;
});
afterEach(async () => {
  await rebuilder?.close();
  rebuilder = undefined;
  await removeTemp(work);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(outRoot: string): Promise<Rebuilder> {
  rebuilder = new Rebuilder([deck], { outRoot, debounceMs: 20 }, {
    built: (_deck, r) => builds.push(r.deck.title),
    failed: (_deck, e) => failures.push(e),
  });
  await rebuilder.start();
  return rebuilder;
}

async function until(what: string, probe: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) {
      const seen = `builds: ${JSON.stringify(builds)}; failures: ${JSON.stringify(failures.map((f) => f.message))}`;
      throw new Error(`timed out waiting for ${what} (${seen})`);
    }
    await sleep(25);
  }
}

async function retitle(title: string): Promise<void> {
  const file = path.join(deck, 'facts.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/title: .*/, `title: ${title}`));
}

describe('the rebuilder of build --watch and serve', () => {
  it('ignores its own output folder inside a watched deck folder, rather than rebuilding for ever', async () => {
    await start(path.join(deck, 'build'));
    await sleep(1500);
    expect(builds).toHaveLength(1);
    await retitle('Edited once');
    await until('the edit to build', () => builds.includes('Edited once'));
    await sleep(1000);
    expect(builds).toEqual(['Test briefing', 'Edited once']);
  });

  it('refuses an output folder that is the deck folder itself', () => {
    expect(() => new Rebuilder([deck], { outRoot: path.join(work, 'slides') })).toThrow(UsageError);
  });

  it('still rebuilds after the deck folder is renamed and renamed back', async () => {
    await start(path.join(work, 'build'));
    await rename(deck, deck + '-moved');
    await sleep(300);
    await rename(deck + '-moved', deck);
    await sleep(500);
    await retitle('After the rename');
    await until('a rebuild after the rename', () => builds.includes('After the rename'));
  });

  it('still rebuilds after the deck folder is deleted and restored (as git checkout does)', async () => {
    await start(path.join(work, 'build'));
    await rm(deck, { recursive: true });
    await sleep(300);
    await writeDeck(deck, MINIMAL_FACTS.replace('Test briefing', 'Restored'));
    await until('a rebuild of the restored deck', () => builds.includes('Restored'));
    await retitle('Edited after restore');
    await until('a rebuild after the restore', () => builds.includes('Edited after restore'));
  });

  it('reports a rebuild that the file system refuses, and keeps watching', async () => {
    const out = path.join(work, 'build');
    await start(out);
    await rm(path.join(out, 'x'), { recursive: true });
    await writeFile(path.join(out, 'x'), 'a file where the build folder goes');
    await retitle('Blocked');
    await until('the failure to be reported', () => failures.length > 0);
    expect(failures[0]!.exitCode).toBe(ExitCode.environment);
    expect(failures[0]!.message).toMatch(/build\/x/);
    await rm(path.join(out, 'x'));
    await mkdir(path.join(out, 'x'));
    await retitle('Unblocked');
    await until('a rebuild once the way is clear', () => builds.includes('Unblocked'));
  });

  it('rebuilds a save that follows a quick failed build too closely for the watcher to report it', async () => {
    const file = path.join(deck, 'facts.yaml');
    const good = await readFile(file, 'utf8');
    rebuilder = new Rebuilder([deck], { outRoot: path.join(work, 'build'), debounceMs: 20 }, {
      built: (_deck, r) => builds.push(r.deck.title),
      failed: (_deck, e) => {
        failures.push(e);
        // At once: well inside the window in which the watcher reports no second change to a file.
        if (failures.length === 1) void writeFile(file, good.replace(/title: .*/, 'title: Fixed at once'));
      },
    });
    await rebuilder.start();
    await writeFile(file, 'title: [unclosed');
    await until('the fixed facts to build', () => builds.includes('Fixed at once'));
    expect(failures).toHaveLength(1);
  });

  it('picks up a deck folder created while it runs, when watching slides/', async () => {
    rebuilder = new Rebuilder([deck], { outRoot: path.join(work, 'build'), debounceMs: 20, discover: path.join(work, 'slides') }, {
      built: (_deck, r) => builds.push(r.deck.title),
    });
    await rebuilder.start();
    await writeDeck(path.join(work, 'slides', 'y'), MINIMAL_FACTS.replace('Test briefing', 'A new deck'));
    await until('the new deck to build', () => builds.includes('A new deck'));
    expect(rebuilder.status().map((d) => d.name).sort()).toEqual(['x', 'y']);
    // A folder without facts is not a deck.
    await mkdir(path.join(work, 'slides', 'notes'));
    await sleep(500);
    expect(rebuilder.status()).toHaveLength(2);
  });
});
