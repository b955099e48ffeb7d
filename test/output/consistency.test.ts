import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserPool } from '../../src/browser/pool.js';
import { buildAll } from '../../src/commands/build-all.js';
import { buildDeck } from '../../src/commands/build.js';
import { BriefdeckError, ExitCode, UsageError } from '../../src/errors.js';
import { MINIMAL_FACTS, removeTemp, tempDir, writeDeck } from '../helpers.js';

let work: string;
let deck: string;
let out: string;
let outDir: string;

beforeEach(async () => {
  work = await tempDir('consistency');
  deck = await writeDeck(path.join(work, 'slides', 'x'), MINIMAL_FACTS);
  out = path.join(work, 'build');
  outDir = path.join(out, 'x');
});
afterEach(() => removeTemp(work));

/** A browser that fails to print: a build gets past its HTML and assets, then fails. */
const brokenPool = {
  timeoutMs: 1000,
  browser: () => Promise.reject(new Error('Chromium crashed')),
  withPage: () => Promise.reject(new Error('Chromium crashed')),
  close: () => Promise.resolve(),
} as unknown as BrowserPool;

const snapshot = async (dir: string) => {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = createHash('sha256').update(await readFile(full)).digest('hex');
  }
  return files;
};

describe('outputs are never stale or mixed', () => {
  it('a build removes the outputs it did not make, and says so', async () => {
    await buildDeck(deck, { outRoot: out });
    await writeFile(path.join(outDir, 'x-handout.pdf'), '%PDF-1.7 old handout');
    await writeFile(path.join(outDir, 'x.pdf'), '%PDF-1.7 old deck');
    const result = await buildDeck(deck, { outRoot: out });
    expect(result.removed.sort()).toEqual(['x-handout.pdf', 'x.pdf']);
    expect(existsSync(path.join(outDir, 'x-handout.pdf'))).toBe(false);
    expect(existsSync(path.join(outDir, 'x.pdf'))).toBe(false);
  });

  it('a failed rebuild changes nothing, assets included', async () => {
    await buildDeck(deck, { outRoot: out });
    const before = await snapshot(outDir);
    await writeFile(path.join(deck, 'facts.yaml'), MINIMAL_FACTS.replace('marking: UNCLASSIFIED', 'marking: UNCLASSIFIED\n  theme: dark'));
    await expect(buildDeck(deck, { outRoot: out, pool: brokenPool })).rejects.toThrow(/PDF export failed/);
    expect(await snapshot(outDir)).toEqual(before);
  });

  it('a failed first build leaves no build folder behind', async () => {
    await expect(buildDeck(deck, { outRoot: out, pool: brokenPool })).rejects.toThrow(/PDF export failed/);
    expect(existsSync(outDir)).toBe(false);
  });

  it('an output path taken by a folder fails before anything is replaced, naming it (exit 3)', async () => {
    await buildDeck(deck, { outRoot: out });
    const before = await snapshot(outDir);
    await writeFile(path.join(deck, 'facts.yaml'), MINIMAL_FACTS.replace('Test briefing', 'Changed briefing'));
    await removeTemp(path.join(outDir, 'facts.json'));
    await mkdir(path.join(outDir, 'facts.json'));
    const error = await buildDeck(deck, { outRoot: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefdeckError);
    expect((error as BriefdeckError).exitCode).toBe(ExitCode.environment);
    expect((error as BriefdeckError).message).toMatch(/facts\.json.*is a folder/);
    const after = await snapshot(outDir);
    delete before['facts.json'];
    expect(after).toEqual(before);
  });

  it('refuses two deck folders with the same name, which would share one build folder', async () => {
    const other = await writeDeck(path.join(work, 'other', 'x'), MINIMAL_FACTS);
    const error = await buildAll([deck, other], { outRoot: out, jobs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/slides\/x.*other\/x|other\/x.*slides\/x/);
    expect(existsSync(out)).toBe(false);
  });

  it('removes staged files a killed build left behind', async () => {
    await buildDeck(deck, { outRoot: out });
    const dead = 2 ** 30;
    const leftovers = [`.index.html.${dead}-0badf00d.tmp.html`, `.x.pdf.${dead}-0badf00d.tmp`, `assets/.theme.css.${dead}-0badf00d.tmp`];
    for (const f of leftovers) await writeFile(path.join(outDir, f), 'partial');
    await buildDeck(deck, { outRoot: out });
    for (const f of leftovers) expect(existsSync(path.join(outDir, f)), f).toBe(false);
  });

  it('a filesystem error fails that deck with exit 3, the path and a fix, and the other decks still build', async () => {
    const y = await writeDeck(path.join(work, 'slides', 'y'), MINIMAL_FACTS);
    await mkdir(out, { recursive: true });
    await writeFile(outDir, 'a file where the build folder should be');
    const result = await buildAll([deck, y], { outRoot: out, jobs: 1 });
    expect(result.built.map((r) => r.name)).toEqual(['y']);
    expect(result.failed).toHaveLength(1);
    const { error } = result.failed[0]!;
    expect(error.exitCode).toBe(ExitCode.environment);
    expect(error.message).toContain('build/x');
    expect(error.message).toMatch(/EEXIST|ENOTDIR/);
    expect(error.message).toMatch(/remove|move|choose/i);
  });
});
